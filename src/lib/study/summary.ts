import { leechWindow } from './concepts.ts';
import type { AnswerRecord } from './records.ts';

/**
 * What the progress screen shows, kept up to date as answers are written so that it never has to
 * read the whole answer log: answers and right answers per study day, and per concept its topic
 * and its latest results. Both are worked out from the answers alone, so they can always be built
 * again from them (after an import, or when a stored summary cannot be read).
 */

/** Answers and right answers on one local calendar day (YYYY-MM-DD). */
export interface DayRecord {
	day: string;
	answered: number;
	correct: number;
}

/** One concept's topic (from its earliest answer) and its latest `leechWindow` results, oldest first. */
export interface ConceptRecord {
	concept: string;
	topic: string;
	/** When it was first answered (epoch milliseconds). */
	since: number;
	answered: number;
	recent: { at: number; correct: boolean }[];
}

/** A local calendar day as YYYY-MM-DD. */
export function dayKey(at: number): string {
	const d = new Date(at);
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The day's record with `answer` counted in. */
export function addToDay(before: DayRecord | undefined, answer: AnswerRecord): DayRecord {
	const day = before?.day ?? dayKey(answer.at);
	return {
		day,
		answered: (before?.answered ?? 0) + 1,
		correct: (before?.correct ?? 0) + (answer.correct ? 1 : 0)
	};
}

/**
 * The concept's record with `answer` counted in. Its result goes in time order (after results at
 * the same time), so an answer merged from another device lands where it belongs.
 */
export function addToConcept(
	before: ConceptRecord | undefined,
	concept: string,
	answer: AnswerRecord
): ConceptRecord {
	const recent = [...(before?.recent ?? [])];
	let i = recent.length;
	while (i > 0 && recent[i - 1]!.at > answer.at) i--;
	recent.splice(i, 0, { at: answer.at, correct: answer.correct });
	const earlier = !before || answer.at < before.since;
	return {
		concept,
		topic: earlier ? answer.topic : before.topic,
		since: earlier ? answer.at : before.since,
		answered: (before?.answered ?? 0) + 1,
		recent: recent.slice(-leechWindow)
	};
}

export interface Summary {
	days: DayRecord[];
	concepts: ConceptRecord[];
}

/** The summary of a whole answer log (in any order), days oldest first. */
export function summarize(answers: readonly AnswerRecord[]): Summary {
	const sorted = [...answers].sort((a, b) => a.at - b.at);
	const days = new Map<string, DayRecord>();
	const concepts = new Map<string, ConceptRecord>();
	// Answers come in time order, so the local date is worked out once a day, not once an answer.
	let from = Infinity;
	let to = -Infinity;
	let key = '';
	for (const a of sorted) {
		if (a.at < from || a.at >= to) {
			const d = new Date(a.at);
			from = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
			to = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
			key = dayKey(a.at);
		}
		const row = days.get(key) ?? { day: key, answered: 0, correct: 0 };
		row.answered++;
		if (a.correct) row.correct++;
		days.set(key, row);
		for (const c of new Set(a.concepts)) concepts.set(c, addToConcept(concepts.get(c), c, a));
	}
	return {
		days: [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)),
		concepts: [...concepts.values()]
	};
}

const isObject = (x: unknown): x is Record<string, unknown> =>
	typeof x === 'object' && x !== null && !Array.isArray(x);
const count = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/** Why a stored day record is unusable, or ''. */
export function dayProblem(x: unknown): string {
	if (!isObject(x)) return 'not an object';
	if (typeof x.day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(x.day)) return 'day is not a date';
	if (!count(x.answered) || !count(x.correct) || x.correct > x.answered)
		return 'answered or correct is not a count';
	return '';
}

/** Why a stored concept record is unusable, or ''. */
export function conceptProblem(x: unknown): string {
	if (!isObject(x)) return 'not an object';
	if (typeof x.concept !== 'string' || !x.concept) return 'concept is missing';
	if (typeof x.topic !== 'string' || !x.topic) return 'topic is missing';
	if (typeof x.since !== 'number' || !Number.isFinite(x.since)) return 'since is not a time';
	if (!count(x.answered) || x.answered < 1) return 'answered is not a count';
	if (
		!Array.isArray(x.recent) ||
		x.recent.length > leechWindow ||
		!x.recent.every(
			(r: unknown) =>
				isObject(r) &&
				typeof r.at === 'number' &&
				Number.isFinite(r.at) &&
				typeof r.correct === 'boolean'
		)
	)
		return 'recent is not a list of results';
	return '';
}
