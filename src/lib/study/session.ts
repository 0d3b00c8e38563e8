import type { Difficulty, Question } from '../content/types.ts';
import { createRandom, shuffle } from './random.ts';

/** Which questions a practice round may draw from; an empty list means "any". */
export interface PracticeFilter {
	topics: readonly string[];
	difficulties: readonly Difficulty[];
}

/** One question of a round, with its options in the order they are shown. */
export interface SessionItem {
	questionId: string;
	/** Indices into `question.options`, in display order (for `order` questions, the start order). */
	display: number[];
}

/** What the user answered: option indices (into `question.options`), in the order arranged. */
export interface Answer {
	chosen: number[];
}

export interface Graded {
	correct: boolean;
	/** Indices of the correct options (for `order`, every index in the correct order). */
	expected: number[];
	chosen: number[];
}

/** Questions that match a filter, in their original order. */
export function filterQuestions(
	questions: readonly Question[],
	filter: PracticeFilter
): Question[] {
	return questions.filter(
		(q) =>
			(filter.topics.length === 0 || filter.topics.includes(q.topic)) &&
			(filter.difficulties.length === 0 || filter.difficulties.includes(q.difficulty))
	);
}

/** The start order of an `order` question: shuffled, and never already solved. */
function orderStart(n: number, random: () => number): number[] {
	const identity = Array.from({ length: n }, (_, i) => i);
	const shuffled = shuffle(identity, random);
	if (n > 1 && shuffled.every((v, i) => v === i)) shuffled.push(shuffled.shift()!);
	return shuffled;
}

/**
 * Draws a round of `count` questions at random from `questions`, with options shuffled; the same
 * seed always draws the same round, so a round can be shared or replayed in a test.
 */
export function drawSession(
	questions: readonly Question[],
	count: number,
	seed: number
): SessionItem[] {
	const random = createRandom(seed);
	const picked = shuffle(questions, random).slice(0, Math.max(0, count));
	return picked.map((q) => {
		const n = q.options.length;
		const display =
			q.type === 'order'
				? orderStart(n, random)
				: shuffle(
						Array.from({ length: n }, (_, i) => i),
						random
					);
		return { questionId: q.id, display };
	});
}

/** Grades an answer: exact set for single and multiple, exact sequence for order. */
export function grade(question: Question, answer: Answer): Graded {
	if (question.type === 'order') {
		const expected = question.options.map((_, i) => i);
		const correct =
			answer.chosen.length === expected.length && answer.chosen.every((v, i) => v === expected[i]);
		return { correct, expected, chosen: [...answer.chosen] };
	}
	const expected = question.options.flatMap((o, i) => (o.correct ? [i] : []));
	const chosen = [...new Set(answer.chosen)].sort((a, b) => a - b);
	const correct = chosen.length === expected.length && chosen.every((v, i) => v === expected[i]);
	return { correct, expected, chosen };
}

/** How many options a user must pick before submitting: one for `single`, the count for `multiple`. */
export function requiredChoices(question: Question): number {
	if (question.type === 'order') return question.options.length;
	if (question.type === 'single') return 1;
	return question.options.filter((o) => o.correct).length;
}

/** Score per topic for the results screen, in the order topics first appear in the round. */
export function resultsByTopic(
	items: readonly { topic: string; correct: boolean }[]
): { topic: string; correct: number; total: number }[] {
	const byTopic = new Map<string, { topic: string; correct: number; total: number }>();
	for (const item of items) {
		const row = byTopic.get(item.topic) ?? { topic: item.topic, correct: 0, total: 0 };
		row.total++;
		if (item.correct) row.correct++;
		byTopic.set(item.topic, row);
	}
	return [...byTopic.values()];
}

/** Moves the item at `from` one place up (-1) or down (+1), returning a new array. */
export function moveItem<T>(items: readonly T[], from: number, by: -1 | 1): T[] {
	const to = from + by;
	if (from < 0 || from >= items.length || to < 0 || to >= items.length) return [...items];
	const out = [...items];
	[out[from], out[to]] = [out[to]!, out[from]!];
	return out;
}
