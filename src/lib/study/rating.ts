/**
 * FSRS ratings, numbered as ts-fsrs numbers them, so this module (and Home, which only counts due
 * concepts) does not need to load the scheduler.
 */
export const Again = 1;
export const Hard = 2;
export const Good = 3;
export const Easy = 4;
export type Rating = typeof Again | typeof Hard | typeof Good | typeof Easy;

/** An answer taking longer than this counts as a struggle even when it is right. */
export const slowMs = 90_000;
/** A right answer at least this quick, with no hint and no guess, counts as easy. */
export const quickMs = 20_000;

/** What the learner did on one question: the only input to a rating. */
export interface Behaviour {
	correct: boolean;
	/** Opened the hint before answering. */
	hinted: boolean;
	/** Ticked "I guessed". */
	guessed: boolean;
	/** From the question showing to the answer being submitted. */
	elapsedMs: number;
}

/**
 * The rating an answer earns: wrong is Again; right with a hint, a guess or after a long time is
 * Hard; right quickly and without a guess is Easy; any other right answer is Good. The learner
 * never grades themselves.
 */
export function rateAnswer(b: Behaviour): Rating {
	if (!b.correct) return Again;
	if (b.hinted || b.guessed || b.elapsedMs >= slowMs) return Hard;
	if (b.elapsedMs <= quickMs) return Easy;
	return Good;
}

/** Words for a rating, for screen readers and the results table. */
export function ratingName(r: Rating): string {
	return ['', 'Again', 'Hard', 'Good', 'Easy'][r]!;
}
