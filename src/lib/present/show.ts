import type { Plan, PlanItem } from './plan.ts';

/**
 * What the room sees, as plain data both windows share: the plan, the item and flow step, the
 * blackout, and each question's show of hands. Every change is a pure function of the state, so
 * two windows that apply the same changes show the same thing.
 */

/** A show of hands and what the teacher has shown for one question item. */
export interface RoomAnswer {
	/** Hands counted per option, in the question's option order. */
	hands: number[];
	revealed: boolean;
	/** The flow step or failure the question is about, playing on the projector. */
	playing: boolean;
}

/** A flow item's step: a 0-based index into its run, or one of its ends before the run is known. */
export type StepCursor = number | 'start' | 'end';

export interface ShowState {
	plan: Plan | null;
	item: number;
	step: StepCursor;
	/**
	 * The current flow item's live settings as a flow-link query (`guest=off&compare=...`), when
	 * the teacher changed them during the session; null means the plan's own.
	 */
	query: string | null;
	blank: boolean;
	answers: Record<number, RoomAnswer>;
	/** An optional countdown for the current question: when it ends, epoch ms. Never scored. */
	countdownEnd: number | null;
	/** When the session started, epoch ms, for the elapsed time. */
	startedAt: number | null;
}

/** The first and last 0-based step a flow item walks through in its run. */
export interface StepBounds {
	first: number;
	last: number;
}

export const emptyShow: ShowState = {
	plan: null,
	item: 0,
	step: 'start',
	query: null,
	blank: false,
	answers: {},
	countdownEnd: null,
	startedAt: null
};

/** Starts a plan from its first item. */
export function startPlan(plan: Plan, now: number): ShowState {
	return { ...emptyShow, plan, startedAt: now };
}

export function currentItem(state: ShowState): PlanItem | undefined {
	return state.plan?.items[state.item];
}

/** The step as a number once the run's bounds are known. */
export function resolveStep(step: StepCursor, bounds: StepBounds): number {
	if (step === 'start') return bounds.first;
	if (step === 'end') return bounds.last;
	return Math.min(Math.max(step, bounds.first), bounds.last);
}

/** Moves to an item; `from` says which end of a flow it opens on. */
export function gotoItem(
	state: ShowState,
	index: number,
	from: 'start' | 'end' = 'start'
): ShowState {
	const count = state.plan?.items.length ?? 0;
	if (count === 0) return state;
	const item = Math.min(Math.max(Math.trunc(index), 0), count - 1);
	return { ...state, item, step: from, query: null, countdownEnd: null };
}

/** The room's answer record for an item, with zero hands for each option. */
export function answerOf(state: ShowState, item: number, options: number): RoomAnswer {
	const a = state.answers[item];
	const hands = Array.from({ length: options }, (_, i) => a?.hands[i] ?? 0);
	return { hands, revealed: a?.revealed ?? false, playing: a?.playing ?? false };
}

function withAnswer(state: ShowState, change: Partial<RoomAnswer>): ShowState {
	const old = state.answers[state.item] ?? { hands: [], revealed: false, playing: false };
	return { ...state, answers: { ...state.answers, [state.item]: { ...old, ...change } } };
}

/**
 * Forward, as a clicker's Right key does: the next step of a flow, the answer of a question,
 * then the next item. `bounds` is the current flow item's; while it is null (the run is still
 * being made) a flow item stays where it is rather than being skipped.
 */
export function forward(state: ShowState, bounds: StepBounds | null): ShowState {
	const item = currentItem(state);
	if (!item) return state;
	if (item.kind === 'flow' && !bounds) return state;
	if (item.kind === 'flow' && bounds) {
		const step = resolveStep(state.step, bounds);
		if (step < bounds.last) return { ...state, step: step + 1 };
	}
	if (item.kind === 'question' && !state.answers[state.item]?.revealed) {
		return withAnswer(state, { revealed: true });
	}
	if (state.item >= (state.plan?.items.length ?? 0) - 1) return state;
	return gotoItem(state, state.item + 1, 'start');
}

/** Back: the previous step of a flow, then the previous item at its end. */
export function backward(state: ShowState, bounds: StepBounds | null): ShowState {
	const item = currentItem(state);
	if (!item) return state;
	if (item.kind === 'flow' && !bounds) return state;
	if (item.kind === 'flow' && bounds) {
		const step = resolveStep(state.step, bounds);
		if (step > bounds.first) return { ...state, step: step - 1 };
	}
	if (state.item === 0) return state;
	return gotoItem(state, state.item - 1, 'end');
}

export function setStep(state: ShowState, step: number): ShowState {
	return { ...state, step };
}

export function setQuery(state: ShowState, query: string | null): ShowState {
	return { ...state, query };
}

export function toggleBlank(state: ShowState): ShowState {
	return { ...state, blank: !state.blank };
}

export function setHands(state: ShowState, option: number, count: number): ShowState {
	const old = state.answers[state.item]?.hands ?? [];
	const hands = [...old];
	for (let i = hands.length; i <= option; i++) hands[i] = 0;
	hands[option] = Math.min(Math.max(Math.trunc(count) || 0, 0), 9999);
	return withAnswer(state, { hands });
}

export function setRevealed(state: ShowState, revealed: boolean): ShowState {
	return withAnswer(state, { revealed, ...(revealed ? {} : { playing: false }) });
}

export function setPlaying(state: ShowState, playing: boolean): ShowState {
	return withAnswer(state, { playing });
}

/** Starts a countdown of `seconds` from `now`, or stops it with null. */
export function setCountdown(state: ShowState, seconds: number | null, now: number): ShowState {
	return { ...state, countdownEnd: seconds === null ? null : now + seconds * 1000 };
}
