import type { Question } from '../content/types.ts';
import type { AnswerRecord } from './records.ts';
import { conceptKey } from './records.ts';

/** A concept the bank tests: its name, the topic it belongs to most, and its questions. */
export interface Concept {
	key: string;
	name: string;
	topic: string;
	questionIds: string[];
}

/** Every concept named by the questions, keyed by `conceptKey`. */
export function conceptIndex(questions: readonly Question[]): Map<string, Concept> {
	const index = new Map<string, Concept & { topics: Map<string, number> }>();
	for (const q of questions) {
		for (const name of q.concepts) {
			const key = conceptKey(name);
			let c = index.get(key);
			if (!c) {
				c = { key, name, topic: q.topic, questionIds: [], topics: new Map() };
				index.set(key, c);
			}
			if (!c.questionIds.includes(q.id)) c.questionIds.push(q.id);
			c.topics.set(q.topic, (c.topics.get(q.topic) ?? 0) + 1);
		}
	}
	const out = new Map<string, Concept>();
	for (const [key, c] of index) {
		const topic = [...c.topics].sort((a, b) => b[1] - a[1])[0]![0];
		out.set(key, { key, name: c.name, topic, questionIds: c.questionIds });
	}
	return out;
}

/** When each question was last answered. */
export function lastSeen(answers: readonly AnswerRecord[]): Map<string, number> {
	const seen = new Map<string, number>();
	for (const a of answers) seen.set(a.questionId, Math.max(seen.get(a.questionId) ?? 0, a.at));
	return seen;
}

/**
 * One question per due concept, the one the learner has seen least recently (never seen first),
 * with no question twice: a review of a concept shows it from a side not seen lately.
 */
export function reviewQuestions(
	due: readonly string[],
	concepts: ReadonlyMap<string, Concept>,
	seen: ReadonlyMap<string, number>
): string[] {
	const picked: string[] = [];
	for (const key of due) {
		const c = concepts.get(key);
		if (!c) continue;
		const best = c.questionIds
			.filter((id) => !picked.includes(id))
			.sort((a, b) => (seen.get(a) ?? -1) - (seen.get(b) ?? -1))[0];
		if (best) picked.push(best);
	}
	return picked;
}

/** A concept missed at least this many times in its last `leechWindow` answers is a leech. */
export const leechMisses = 3;
export const leechWindow = 5;

/** Question ids whose latest answer was wrong: the "missed questions" drill. */
export function missedQuestions(answers: readonly AnswerRecord[]): string[] {
	const latest = new Map<string, AnswerRecord>();
	for (const a of answers) {
		const before = latest.get(a.questionId);
		if (!before || a.at >= before.at) latest.set(a.questionId, a);
	}
	return [...latest.values()].filter((a) => !a.correct).map((a) => a.questionId);
}
