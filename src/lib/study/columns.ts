import type { FSRS } from 'ts-fsrs';
import { leechMisses, leechWindow } from './concepts.ts';
import { elapsedDays, forgettingCurve, recallWith, roundStability } from './schedule.ts';
import { cardAt, type Packed } from './snapshot.ts';
import { dayKey, type DayRecord } from './summary.ts';

/**
 * What the progress screen shows, worked out from the packed columns (snapshot.ts) rather than from
 * ten thousand card and summary objects: the screen opens from the packed record without making
 * them, and packs the stores' records when it has none.
 */

const day = 86_400_000;

/** Each packed concept's topic as an index into `names`, and the counts the charts group by. */
export interface ConceptTopics {
	/** Topics in the order they first appear: the named concepts' first, then the answered ones'. */
	names: string[];
	/** Per packed concept, its topic's index in `names`, or -1 for a concept with no topic. */
	of: Int32Array;
	/** Per topic, its concepts: packed ones and named ones never answered. */
	concepts: Int32Array;
}

/**
 * Each concept's topic: from the bank (and imported decks) when they name it, else from its earliest
 * answer (a deck since removed, a question since reworded). Named concepts never answered count
 * toward their topic too.
 */
export function conceptTopics(
	p: Packed,
	named: ReadonlyMap<string, { topic: string }>
): ConceptTopics {
	const names: string[] = [];
	const index = new Map<string, number>();
	const at = (topic: string) => {
		let t = index.get(topic);
		if (t === undefined) index.set(topic, (t = names.push(topic) - 1));
		return t;
	};
	const unseen: number[] = [];
	for (const c of named.values()) {
		const t = at(c.topic);
		unseen[t] = (unseen[t] ?? 0) + 1;
	}
	const n = p.names.length;
	const of = new Int32Array(n);
	// The packed record's own topic indexes, each mapped when first used (-2 until then).
	const packedTopic = new Int32Array(p.topics.length).fill(-2);
	const lookUp = named.size > 0;
	for (let i = 0; i < n; i++) {
		const c = lookUp ? named.get(p.names[i]!) : undefined;
		if (c) {
			const t = at(c.topic);
			unseen[t]!--;
			of[i] = t;
		} else {
			const own = p.topic[i]!;
			if (own === -1) of[i] = -1;
			else {
				if (packedTopic[own] === -2) packedTopic[own] = at(p.topics[own]!);
				of[i] = packedTopic[own]!;
			}
		}
	}
	const concepts = new Int32Array(names.length);
	for (let t = 0; t < names.length; t++) concepts[t] = unseen[t] ?? 0;
	for (let i = 0; i < n; i++) if (of[i] !== -1) concepts[of[i]!]!++;
	return { names, of, concepts };
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
 * Mastery and readiness by topic in one pass over the cards. Mastery is the share of a topic's
 * concepts whose recall probability at `now` is at least the retention target; readiness is the
 * topic's mean recall probability on the exam date. A concept never reviewed counts 0 in both.
 * Recall is the scheduler's forgetting curve as `recall` (schedule.ts) works it out.
 */
export function topicRecall(
	f: FSRS,
	p: Packed,
	topics: ConceptTopics,
	retention: number,
	now: number,
	examAt?: number
): TopicRecall[] {
	const mastered = new Int32Array(topics.names.length);
	const onExamDay = new Float64Array(topics.names.length);
	const { state, stability, last_review } = p.card;
	const curve = forgettingCurve(f);
	for (let i = 0; i < p.names.length; i++) {
		const t = topics.of[i]!;
		if (t === -1 || state[i]! <= 0) continue;
		const rounded = roundStability(stability[i]!);
		const last = last_review[i]!;
		if (last === last) {
			if (curve(elapsedDays(last, now), rounded) >= retention) mastered[t]!++;
			if (examAt !== undefined) onExamDay[t]! += curve(elapsedDays(last, examAt), rounded);
		} else {
			// A card with no last review is rare: `recallWith` works it out from the whole card.
			const card = cardAt(p, i);
			if (recallWith(f, card, rounded, now) >= retention) mastered[t]!++;
			if (examAt !== undefined) onExamDay[t]! += recallWith(f, card, rounded, examAt);
		}
	}
	return topics.names.map((topic, t) => ({
		topic,
		concepts: topics.concepts[t]!,
		mastered: mastered[t]!,
		onExamDay: examAt === undefined ? NaN : onExamDay[t]! / topics.concepts[t]!
	}));
}

/** How many cards fall due on each of the `days` days from `startOfToday` (overdue ones today). */
export function forecast(p: Packed, startOfToday: number, days = 30): number[] {
	const counts = Array.from({ length: days }, () => 0);
	const { state, due } = p.card;
	for (let i = 0; i < p.names.length; i++) {
		if (state[i] === -1) continue;
		const d = Math.max(0, Math.floor((due[i]! - startOfToday) / day));
		if (d < days) counts[d]!++;
	}
	return counts;
}

export interface Leech {
	key: string;
	misses: number;
	/** The topic of its earliest answer. */
	topic: string;
}

/** Whether leech `a` comes before leech `b`: more misses first, then by key in code-unit order. */
const before = (a: Leech, b: Leech) =>
	a.misses > b.misses || (a.misses === b.misses && a.key < b.key);

/**
 * Concepts the learner keeps failing (missed `leechMisses` of their latest results): how many there
 * are, and the first `limit` of them, worst first, then by key. Only those few are made, each put
 * in its place as it is found, rather than every leech made and sorted (a long history has
 * thousands). Keys are lower-cased, so code-unit order is enough.
 */
export function leeches(p: Packed, limit: number): { count: number; worst: Leech[] } {
	const worst: Leech[] = [];
	let count = 0;
	const { names, topic, topics, recentAt, recentOk } = p;
	for (let i = 0; i < names.length; i++) {
		if (topic[i] === -1) continue;
		let misses = 0;
		for (let j = i * leechWindow; j < (i + 1) * leechWindow; j++)
			if (recentOk[j] === 0 && recentAt[j] === recentAt[j]) misses++;
		if (misses < leechMisses) continue;
		count++;
		const leech = { key: names[i]!, misses, topic: topics[topic[i]!]! };
		if (worst.length === limit && (limit === 0 || !before(leech, worst[limit - 1]!))) continue;
		let at = worst.length;
		while (at > 0 && before(leech, worst[at - 1]!)) at--;
		worst.splice(at, 0, leech);
		if (worst.length > limit) worst.pop();
	}
	return { count, worst };
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
