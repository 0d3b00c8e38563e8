/**
 * Seeded randomness: identity IDs, access keys and session tokens come from here, so the same seed
 * gives the same world every time.
 */
export class SeededRandom {
	#a: number;
	#b: number;
	#c: number;
	#d: number;

	constructor(seed = 1) {
		// sfc32 state seeded through splitmix-style mixing so small seeds still spread.
		let s = seed >>> 0;
		const next = (): number => {
			s = (s + 0x9e3779b9) >>> 0;
			let z = s;
			z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
			z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
			return (z ^ (z >>> 16)) >>> 0;
		};
		this.#a = next();
		this.#b = next();
		this.#c = next();
		this.#d = next();
	}

	/** A 32-bit unsigned integer. */
	nextUint32(): number {
		const t = (((this.#a + this.#b) >>> 0) + this.#d) >>> 0;
		this.#d = (this.#d + 1) >>> 0;
		this.#a = this.#b ^ (this.#b >>> 9);
		this.#b = (this.#c + (this.#c << 3)) >>> 0;
		this.#c = ((this.#c << 21) | (this.#c >>> 11)) >>> 0;
		this.#c = (this.#c + t) >>> 0;
		return t;
	}

	/** A string of characters drawn from an alphabet. */
	string(length: number, alphabet: string): string {
		let out = '';
		for (let i = 0; i < length; i++) out += alphabet[this.nextUint32() % alphabet.length];
		return out;
	}

	/** Lowercase hex digits. */
	hex(length: number): string {
		return this.string(length, '0123456789abcdef');
	}

	/** A version-4-shaped UUID. */
	uuid(): string {
		const h = this.hex(32);
		const variant = '89ab'[this.nextUint32() % 4] ?? '8';
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
	}
}
