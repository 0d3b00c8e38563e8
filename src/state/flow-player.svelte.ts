import { isFinished, stepOf, type RunSnapshot } from '../lib/flows/run-snapshot.ts';
import type { RecordedRun } from '../lib/flows/run-flow.ts';
import type { FlowStep } from '../lib/flows/types.ts';
import { d3Clock, type PlayerClock } from '../lib/player/clock.ts';
import type { PlayerCommand } from '../lib/player/keys.ts';

export const speeds = [0.5, 1, 1.5, 2, 3] as const;

/** At 1x: how long the packet travels, and how long a played step stays before the next. */
const travelMs = 1200;
const dwellMs = 1100;

export interface FlowPlayerOptions {
	clock?: PlayerClock;
	/** Read on every step, so a change to the motion setting applies at once. */
	reducedMotion?: () => boolean;
	/** 0-based step to open on, e.g. from a deep link. */
	start?: number;
}

/**
 * Steps through one recorded run: the cursor picks one of the machine's snapshots, so a step back
 * restores exactly what the machine was; this class adds playback (play, pause, speed) and the
 * packet's progress along the current arrow. What may happen next is asked of the snapshot.
 */
export class FlowPlayer {
	readonly run: RecordedRun;
	#cursor = $state(0);
	#playing = $state(false);
	#speed = $state(1);
	#progress = $state(1);
	#clock: PlayerClock;
	#reduced: () => boolean;
	#stopLoop: (() => void) | null = null;

	constructor(run: RecordedRun, options: FlowPlayerOptions = {}) {
		this.run = run;
		this.#clock = options.clock ?? d3Clock;
		this.#reduced = options.reducedMotion ?? (() => false);
		if (options.start) this.goto(options.start);
	}

	/** The machine's snapshot at the cursor, for views that ask it (`matches`, `hasTag`, `can`). */
	get snapshot(): RunSnapshot {
		return this.run.snapshots[this.#cursor]!;
	}

	/** 0-based index of the step shown. */
	get index(): number {
		return this.#cursor;
	}

	get total(): number {
		return this.run.snapshots.length;
	}

	get step(): FlowStep | undefined {
		return stepOf(this.snapshot);
	}

	get atStart(): boolean {
		return this.#cursor === 0;
	}

	/** The machine can go no further: it is in `credentials` or `failed`. */
	get atEnd(): boolean {
		return !this.snapshot.can({ type: 'step.next' });
	}

	/** Whether the machine has reached an end state, `credentials` or `failed`. */
	get finished(): boolean {
		return isFinished(this.snapshot);
	}

	get playing(): boolean {
		return this.#playing;
	}

	get speed(): number {
		return this.#speed;
	}

	set speed(value: number) {
		this.#speed = Math.min(3, Math.max(0.5, value));
	}

	/** How far the current step's packet has travelled, 0 to 1; 1 when nothing is moving. */
	get progress(): number {
		return this.#progress;
	}

	/** One step forward, animated. */
	next(): void {
		if (this.atEnd) {
			this.pause();
			return;
		}
		this.#cursor = Math.min(this.#cursor + 1, this.total - 1);
		this.#animate();
	}

	/** One step back; the earlier step is shown exactly as it was, fully drawn. */
	prev(): void {
		this.pause();
		if (this.atStart) return;
		this.#cursor -= 1;
		this.#settle();
	}

	/** Jumps to a 0-based step, shown fully drawn; out-of-range indexes are clamped. */
	goto(index: number): void {
		this.pause();
		this.#cursor = Math.min(Math.max(Math.trunc(index) || 0, 0), this.total - 1);
		this.#settle();
	}

	/** Jumps to the first step. */
	first(): void {
		this.goto(0);
	}

	/** Jumps to the last step. */
	last(): void {
		this.goto(this.total - 1);
	}

	/** Back to the first step and play from there. */
	restart(): void {
		this.pause();
		this.#cursor = 0;
		this.#playing = true;
		this.#animate();
	}

	/** Plays from the current step; at the end it starts over. */
	play(): void {
		if (this.#playing) return;
		if (this.atEnd) {
			this.restart();
			return;
		}
		this.#playing = true;
		this.#loop(this.#progress >= 1);
	}

	/** Stops stepping on; an arrow being drawn still finishes. */
	pause(): void {
		this.#playing = false;
		if (this.#progress >= 1) this.#stop();
	}

	/** Play when paused, pause when playing: the Space key and the main button. */
	toggle(): void {
		if (this.#playing) this.pause();
		else this.play();
	}

	/** The end state in words once the machine is in it, for the live region; else empty. */
	get ending(): string {
		const s = this.snapshot;
		if (s.matches('credentials')) return 'End: credentials issued.';
		if (s.matches('failed')) return `End: failed with ${s.context.error?.name ?? 'an error'}.`;
		return '';
	}

	/** Carries out a keyboard command (see `keyCommand`). */
	perform(command: Exclude<PlayerCommand, { type: 'table' }>): void {
		if (command.type === 'goto') this.goto(command.index);
		else if (command.type === 'toggle') this.toggle();
		else this[command.type]();
	}

	/** Stops the clock; call when the view goes away. */
	destroy(): void {
		this.#stop();
		this.#playing = false;
	}

	#stop(): void {
		this.#stopLoop?.();
		this.#stopLoop = null;
	}

	#settle(): void {
		this.#stop();
		this.#progress = 1;
	}

	#animate(): void {
		this.#progress = this.#reduced() ? 1 : 0;
		this.#loop(false);
	}

	/**
	 * One loop per shown step: moves the packet, then, while playing, waits and steps on. A loop
	 * that starts on an already drawn step only waits.
	 */
	#loop(drawn: boolean): void {
		this.#stop();
		const begin = drawn ? 1 : this.#progress;
		this.#stopLoop = this.#clock.start((elapsed) => {
			const travel = this.#reduced() || drawn ? 0 : (travelMs * (1 - begin)) / this.#speed;
			this.#progress = travel === 0 ? 1 : Math.min(1, begin + (elapsed / travel) * (1 - begin));
			if (!this.#playing) {
				if (this.#progress >= 1) this.#stopLoop = null;
				return this.#progress >= 1;
			}
			if (elapsed < travel + dwellMs / this.#speed) return false;
			this.#stopLoop = null;
			if (this.atEnd) this.#playing = false;
			else this.next();
			return true;
		});
	}
}
