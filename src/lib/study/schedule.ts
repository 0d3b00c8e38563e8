import { createEmptyCard, fsrs, generatorParameters, type Card, type FSRS } from 'ts-fsrs';
import type { Rating } from './rating.ts';
import type { AnswerRecord, CardRecord } from './records.ts';
import { rateAnswer } from './rating.ts';

export const defaultRetention = 0.9;
const day = 86_400_000;

/** A scheduler for one retention target. Fuzz is off so the same history always gives the same schedule. */
export function createScheduler(retention = defaultRetention): FSRS {
	return fsrs(generatorParameters({ request_retention: retention, enable_fuzz: false }));
}

function toCard(r: CardRecord): Card {
	return {
		due: new Date(r.due),
		stability: r.stability,
		difficulty: r.difficulty,
		elapsed_days: r.elapsed_days,
		scheduled_days: r.scheduled_days,
		learning_steps: r.learning_steps,
		reps: r.reps,
		lapses: r.lapses,
		state: r.state,
		last_review: r.last_review === undefined ? undefined : new Date(r.last_review)
	};
}

function fromCard(concept: string, c: Card): CardRecord {
	const out: CardRecord = {
		concept,
		due: c.due.getTime(),
		stability: c.stability,
		difficulty: c.difficulty,
		elapsed_days: c.elapsed_days,
		scheduled_days: c.scheduled_days,
		learning_steps: c.learning_steps,
		reps: c.reps,
		lapses: c.lapses,
		state: c.state
	};
	if (c.last_review) out.last_review = c.last_review.getTime();
	return out;
}

/** A concept's card after one review at `at` with `rating` (a new card when there is none yet). */
export function reviewCard(
	f: FSRS,
	concept: string,
	card: CardRecord | undefined,
	rating: Rating,
	at: number
): CardRecord {
	const before = card ? toCard(card) : createEmptyCard(new Date(at));
	// An answer logged before the card's last review (merged from another device) is replayed in order elsewhere.
	const when = new Date(Math.max(at, card?.last_review ?? at));
	return fromCard(concept, f.next(before, when, rating).card);
}

/**
 * Probability of recalling the concept at `at` (0 for a concept never reviewed): the scheduler's
 * forgetting curve after the whole days since the last review, as `get_retrievability` works it
 * out, without turning the card into dates first (the progress screen asks this of every card).
 */
export function recall(f: FSRS, card: CardRecord | undefined, at: number): number {
	if (!card || card.state === 0) return 0;
	return recallWith(f, card, roundStability(card.stability), at);
}

/**
 * A stability rounded to 8 decimals exactly as `get_retrievability` rounds it, `+s.toFixed(8)`,
 * without making a string for each card. `toFixed` picks the integer n nearest the exact s × 10⁸;
 * the floating-point product is within half a unit in its last place of that, so away from a tie
 * (a fraction within 2⁻⁸ of one half) it rounds to the same n, and n / 10⁸ is then the same
 * nearest double as the parsed string. Ties, and stabilities too large for that margin, take
 * `toFixed` itself. A property test checks the two agree, ties included.
 */
export function roundStability(stability: number): number {
	const scaled = stability * 1e8;
	if (scaled >= 0 && scaled < 2 ** 44) {
		const whole = Math.floor(scaled);
		if (Math.abs(scaled - whole - 0.5) > 2 ** -8) return Math.round(scaled) / 1e8;
	}
	return +stability.toFixed(8);
}

/** The whole days from a review at `last` to `at`, as the forgetting curve counts them. */
export function elapsedDays(last: number, at: number): number {
	return Math.max(Math.floor((at - last) / day), 0);
}

const round8 = (x: number) => Math.round(x * 1e8) / 1e8;

/**
 * The scheduler's forgetting curve, R(days, stability), with its decay and factor worked out once
 * instead of on every call: the FSRS curve (1 + factor × days / S)^decay, rounded to 8 decimals
 * as ts-fsrs rounds it, where decay is minus the last weight and factor makes R(S, S) = 0.9. A
 * property test checks it against the scheduler's own `get_retrievability`.
 */
export function forgettingCurve(f: FSRS): (days: number, rounded: number) => number {
	let curve = curves.get(f);
	if (!curve) {
		const decay = -f.parameters.w[20]!;
		const factor = round8(Math.exp(Math.pow(decay, -1) * Math.log(0.9)) - 1);
		curve = (days, rounded) => round8(Math.pow(1 + (factor * days) / rounded, decay));
		curves.set(f, curve);
	}
	return curve;
}
const curves = new WeakMap<FSRS, (days: number, rounded: number) => number>();

/** `recall` of a reviewed card (state not 0), given its stability rounded by `roundStability`. */
export function recallWith(f: FSRS, card: CardRecord, rounded: number, at: number): number {
	if (card.last_review === undefined)
		return f.get_retrievability(toCard(card), new Date(at), false);
	return forgettingCurve(f)(elapsedDays(card.last_review, at), rounded);
}

/**
 * Every concept's card from an answer log, replayed in time order: the schedule is a function of
 * the answers, so two merged logs give one schedule whatever order they arrived in.
 */
export function replayCards(f: FSRS, answers: readonly AnswerRecord[]): Map<string, CardRecord> {
	const sorted = [...answers].sort(
		(a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
	const cards = new Map<string, CardRecord>();
	for (const a of sorted) {
		const rating = rateAnswer(a);
		for (const c of new Set(a.concepts)) cards.set(c, reviewCard(f, c, cards.get(c), rating, a.at));
	}
	return cards;
}

/** Concepts due at `at` (due before the end of that day counts as due today). */
export function dueConcepts(cards: Iterable<CardRecord>, endOfDay: number): CardRecord[] {
	return [...cards].filter((c) => c.due <= endOfDay).sort((a, b) => a.due - b.due);
}
