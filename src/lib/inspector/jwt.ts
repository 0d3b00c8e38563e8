/**
 * JWT decoding for the inspector. It never verifies a signature (the simulator's keys are not the
 * point); it shows what a token says, and keeps going when a token is cut short or tampered with,
 * because "what does a broken token look like" is exactly what a learner is inspecting.
 */

export type Claims = Record<string, unknown>;

export interface DecodedJwt {
	raw: string;
	header: Claims | null;
	payload: Claims | null;
	/** True when the payload had to be rebuilt from the complete claims before a break. */
	payloadPartial: boolean;
	hasSignature: boolean;
	/** What could not be decoded, in plain words. */
	problems: string[];
}

const base64UrlPart = /^[A-Za-z0-9_-]*$/;

function decodeBase64Url(part: string): string {
	if (!base64UrlPart.test(part)) throw new Error('has characters outside base64url');
	const padded = part.replace(/-/g, '+').replace(/_/g, '/');
	const usable = padded.length % 4 === 1 ? padded.slice(0, -1) : padded;
	const bin = atob(usable + '='.repeat((4 - (usable.length % 4)) % 4));
	const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
	return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

function isObject(v: unknown): v is Claims {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses JSON text; when it is cut short, keeps the claims that were complete before the cut. */
function parseLenient(text: string): { value: Claims; partial: boolean } | null {
	try {
		const v: unknown = JSON.parse(text);
		return isObject(v) ? { value: v, partial: false } : null;
	} catch {
		if (!text.trimStart().startsWith('{')) return null;
		for (let i = text.lastIndexOf(','); i > 0; i = text.lastIndexOf(',', i - 1)) {
			try {
				const v: unknown = JSON.parse(text.slice(0, i) + '}');
				if (isObject(v)) return { value: v, partial: true };
			} catch {
				// Try the comma before this one.
			}
		}
		return null;
	}
}

/** Decodes a JWT's header and payload as far as they go, listing what did not decode. */
export function decodeJwt(raw: string): DecodedJwt {
	const parts = raw.trim().split('.');
	const problems: string[] = [];
	const result: DecodedJwt = {
		raw,
		header: null,
		payload: null,
		payloadPartial: false,
		hasSignature: false,
		problems
	};
	if (parts.length !== 3) {
		problems.push(
			`A JWT has 3 parts separated by dots (header, payload, signature); this one has ${parts.length}.`
		);
	}
	const names = ['header', 'payload'] as const;
	names.forEach((name, i) => {
		const part = parts[i];
		if (part === undefined || part === '') {
			problems.push(`The ${name} is missing.`);
			return;
		}
		let text: string;
		try {
			text = decodeBase64Url(part);
		} catch (e) {
			problems.push(`The ${name} is not valid base64url: it ${(e as Error).message}.`);
			return;
		}
		const parsed = parseLenient(text);
		if (!parsed) {
			problems.push(`The ${name} does not decode to a JSON object.`);
			return;
		}
		result[name] = parsed.value;
		if (parsed.partial) {
			problems.push(`The ${name} is cut short; only the claims before the break are shown.`);
			if (name === 'payload') result.payloadPartial = true;
		}
	});
	const signature = parts[2];
	result.hasSignature = signature !== undefined && signature.length > 0;
	if (parts.length >= 3 && !result.hasSignature) problems.push('The signature is empty.');
	return result;
}

const jwtLike = /^eyJ[A-Za-z0-9_\-.]*$/;

/** Whether a string looks like a JWT (or what is left of one): base64url JSON starting with `{"`. */
export function looksLikeJwt(value: string): boolean {
	return value.length >= 8 && jwtLike.test(value.trim());
}
