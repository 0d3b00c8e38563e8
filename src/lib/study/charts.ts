import type { FSRS } from 'ts-fsrs';
import type { CardRecord } from './records.ts';
import { recallWith, roundedStability } from './schedule.ts';
import type { Concept } from './concepts.ts';
import { dayKey, type ConceptRecord, type DayRecord } from './summary.ts';

/** The data behind each progress chart, computed from the cards and the answers' summary. */

/**
 * Each concept's topic: from the bank (and imported decks), or from its earliest answer for
 * concepts they do not name (a deck since removed, a question since reworded).
 */
export function topicsOfConcepts(
	named: ReadonlyMap<string, Pick<Concept, 'topic'>>,
	answered: ReadonlyMap<string, Pick<ConceptRecord, 'topic'>>
): Map<string, string> {
	const out = new Map<string, string>();
	for (const [key, c] of named) out.set(key, c.topic);
	for (const [key, c] of answered) if (!out.has(key)) out.set(key, c.topic);
	return out;
}

/** One topic's recall figures (see `topicRecall`). */
export interface TopicRecall {
	topic: string;
	concepts: number;
	/** Concepts whose recall probability at `now` is at least the retention target. */
	mastered: number;
	/** Mean recall probability on the exam date; NaN without one. */
	onExamDay: number;
}

/**
 * Mastery and readiness by topic in one pass over the concepts. Mastery is the share of a topic's
 * concepts whose recall probability at `now` is at least the retention target; readiness is the
 * topic's mean recall probability on the exam date. A concept never reviewed counts 0 in both.
 * One pass with one lookup a concept: the progress screen asks this of ten thousand cards as it
 * opens.
 */
export function topicRecall(
	f: FSRS,
	cards: ReadonlyMap<string, CardRecord>,
	conceptTopics: ReadonlyMap<string, string>,
	retention: number,
	now: number,
	examAt?: number
): TopicRecall[] {
	const rows = new Map<string, TopicRecall>();
	let row: TopicRecall | undefined;
	for (const [key, topic] of conceptTopics) {
		if (row?.topic !== topic) {
			row = rows.get(topic);
			if (!row) rows.set(topic, (row = { topic, concepts: 0, mastered: 0, onExamDay: 0 }));
		}
		row.concepts++;
		const card = cards.get(key);
		if (!card || card.state === 0) continue;
		const rounded = roundedStability(card);
		if (recallWith(f, card, rounded, now) >= retention) row.mastered++;
		if (examAt !== undefined) row.onExamDay += recallWith(f, card, rounded, examAt);
	}
	const out = [...rows.values()];
	for (const r of out) r.onExamDay = examAt === undefined ? NaN : r.onExamDay / r.concepts;
	return out;
}

/** The last `weeks` weeks as calendar cells ending today, each with its count of answers. */
export function calendar(
	days: readonly DayRecord[],
	today: number,
	weeks = 12
): { day: string; answered: number; week: number; weekday: number }[] {
	const counts = new Map(days.map((d) => [d.day, d.answered]));
	const end = new Date(today);
	end.setHours(12, 0, 0, 0);
	const start = new Date(end);
	start.setDate(start.getDate() - (weeks * 7 - 1) - ((end.getDay() + 1) % 7) + 1);
	// Start on the Sunday `weeks` weeks back, so each column is one week.
	start.setDate(start.getDate() - start.getDay());
	const cells = [];
	for (let d = new Date(start), i = 0; d <= end; d.setDate(d.getDate() + 1), i++) {
		const key = dayKey(d.getTime());
		cells.push({
			day: key,
			answered: counts.get(key) ?? 0,
			week: Math.floor(i / 7),
			weekday: d.getDay()
		});
	}
	return cells;
}
