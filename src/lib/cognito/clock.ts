/** A settable clock so that token lifetimes and expiry can be shown and tested without waiting. */
export interface Clock {
	/** Milliseconds since the epoch. */
	now(): number;
}

/** The simulated clock: it only moves when told to. */
export class SimClock implements Clock {
	#now: number;

	constructor(start: number | Date = Date.UTC(2026, 0, 15, 9, 0, 0)) {
		this.#now = typeof start === 'number' ? start : start.getTime();
	}

	/** Milliseconds since the epoch. */
	now(): number {
		return this.#now;
	}

	/** Whole seconds since the epoch, as JWT `iat`/`exp` use. */
	seconds(): number {
		return Math.floor(this.#now / 1000);
	}

	/** Jumps to a point in time. */
	set(time: number | Date): void {
		this.#now = typeof time === 'number' ? time : time.getTime();
	}

	/** Moves forward (or back, with a negative value) by some milliseconds. */
	advance(ms: number): void {
		this.#now += ms;
	}
}
