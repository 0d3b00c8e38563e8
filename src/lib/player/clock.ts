/**
 * The timing source for the flow player. Production frames come from d3-timer (one shared
 * requestAnimationFrame loop); tests use a manual clock so play, pause and speed are exact.
 */
import { timer } from 'd3-timer';

export interface PlayerClock {
	/**
	 * Calls `frame` with the milliseconds since this call, on every frame, until `frame` returns
	 * true or the returned function is called.
	 */
	start(frame: (elapsed: number) => boolean | void): () => void;
}

/** Frames from d3-timer. */
export const d3Clock: PlayerClock = {
	start(frame) {
		const t = timer((elapsed) => {
			if (frame(elapsed)) t.stop();
		});
		return () => t.stop();
	}
};

/** A clock that moves only when told, for deterministic tests and demos. */
export class ManualClock implements PlayerClock {
	#now = 0;
	#loops = new Set<{ frame: (elapsed: number) => boolean | void; begin: number }>();

	start(frame: (elapsed: number) => boolean | void): () => void {
		const loop = { frame, begin: this.#now };
		this.#loops.add(loop);
		return () => this.#loops.delete(loop);
	}

	/** Moves time forward and runs one frame of every running loop. */
	advance(ms: number): void {
		this.#now += ms;
		for (const loop of [...this.#loops]) {
			if (!this.#loops.has(loop)) continue;
			if (loop.frame(this.#now - loop.begin)) this.#loops.delete(loop);
		}
	}

	/** How many loops are running; zero means nothing is animating or waiting. */
	get running(): number {
		return this.#loops.size;
	}
}
