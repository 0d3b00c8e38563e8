import type { FSRS } from 'ts-fsrs';
import type { CardRecord } from './records.ts';
import { recall } from './schedule.ts';
import type { Concept } from './concepts.ts';
import { dayKey, type ConceptRecord, type DayRecord } from './summary.ts';

/** The data behind each progress chart, computed from the cards and the answers' summary. */

export interface TopicValue {
	topic: string;
	/** 0 to 1. */
	value: number;
	concepts: number;
}

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

/** Every card's recall probability at `at`, worked out once for all the charts that group it. */
export function recallAll(
	f: FSRS,
	cards: ReadonlyMap<string, CardRecord>,
	at: number
): Map<string, number> {
	const out = new Map<string, number>();
	for (const [key, card] of cards) out.set(key, recall(f, card, at));
	return out;
}

/**
 * Mastery by topic: the share of a topic's concepts whose recall probability (from `recallAll`;
 * 0 for a concept never reviewed) is at least the retention target.
 */
export function masteryByTopic(
	recalls: ReadonlyMap<string, number>,
	conceptTopics: ReadonlyMap<string, string>,
	retention: number
): TopicValue[] {
	const rows = new Map<string, { ok: number; n: number }>();
	for (const [key, topic] of conceptTopics) {
		const row = rows.get(topic) ?? { ok: 0, n: 0 };
		row.n++;
		if ((recalls.get(key) ?? 0) >= retention) row.ok++;
		rows.set(topic, row);
	}
	return [...rows].map(([topic, r]) => ({ topic, value: r.ok / r.n, concepts: r.n }));
}

export interface ReadinessRow {
	topic: string;
	/** Mean recall probability of the topic's concepts on the date (never-studied concepts count 0). */
	recall: number;
	concepts: number;
}

/** Each topic's expected recall on the exam date, from `recallAll` at that date. */
export function readiness(
	recalls: ReadonlyMap<string, number>,
	conceptTopics: ReadonlyMap<string, string>
): ReadinessRow[] {
	const rows = new Map<string, { sum: number; n: number }>();
	for (const [key, topic] of conceptTopics) {
		const row = rows.get(topic) ?? { sum: 0, n: 0 };
		row.n++;
		row.sum += recalls.get(key) ?? 0;
		rows.set(topic, row);
	}
	return [...rows].map(([topic, r]) => ({ topic, recall: r.sum / r.n, concepts: r.n }));
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
