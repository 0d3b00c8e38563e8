import { leechWindow } from './concepts.ts';
import { cardAmounts, type CardRecord } from './records.ts';
import { dayProblem, type ConceptRecord, type DayRecord } from './summary.ts';

/**
 * The whole schedule and summary packed into one record of columns (typed arrays and lists of
 * strings). A browser reads ten thousand small records in a few hundred milliseconds, one such
 * record in a few: the app starts from it and reads the stores themselves only when it is out of
 * date. It holds nothing that is not in the stores, so it can always be built again.
 */
export interface Packed {
	key: 'packed';
	/** The stores' generation it was built from (see progress-db.ts). */
	generation: number;
	/** Every concept with a card or a summary, in column order. */
	names: string[];
	/** Card columns; `state` is -1 where the concept has no card, `lastReview` NaN where unset. */
	card: Record<(typeof cardColumns)[number], Float64Array>;
	/** Summary columns; `topic` is an index into `topics`, -1 where the concept has no summary. */
	topics: string[];
	topic: Int32Array;
	since: Float64Array;
	answered: Float64Array;
	/** `leechWindow` slots a concept: the time of each result (NaN when empty) and whether it was right (1) or not (0). */
	recentAt: Float64Array;
	recentOk: Uint8Array;
	days: DayRecord[];
}

const cardColumns = [...cardAmounts, 'state', 'last_review'] as const;

export interface Unpacked {
	cards: CardRecord[];
	concepts: ConceptRecord[];
	days: DayRecord[];
}

/** Packs cards, concept summaries and days (as the stores hold them) into one record. */
export function pack(
	generation: number,
	cards: Iterable<CardRecord>,
	concepts: Iterable<ConceptRecord>,
	days: readonly DayRecord[]
): Packed {
	const index = new Map<string, number>();
	const names: string[] = [];
	const cardList = [...cards];
	const conceptList = [...concepts];
	for (const c of cardList)
		if (!index.has(c.concept)) index.set(c.concept, names.push(c.concept) - 1);
	for (const c of conceptList)
		if (!index.has(c.concept)) index.set(c.concept, names.push(c.concept) - 1);
	const n = names.length;
	const card = {} as Packed['card'];
	for (const k of cardColumns) card[k] = new Float64Array(n);
	card.state.fill(-1);
	for (const c of cardList) {
		const i = index.get(c.concept)!;
		card.due[i] = c.due;
		card.stability[i] = c.stability;
		card.difficulty[i] = c.difficulty;
		card.elapsed_days[i] = c.elapsed_days;
		card.scheduled_days[i] = c.scheduled_days;
		card.learning_steps[i] = c.learning_steps;
		card.reps[i] = c.reps;
		card.lapses[i] = c.lapses;
		card.state[i] = c.state;
		card.last_review[i] = c.last_review ?? NaN;
	}
	const topics: string[] = [];
	const topicIndex = new Map<string, number>();
	const topic = new Int32Array(n).fill(-1);
	const since = new Float64Array(n);
	const answered = new Float64Array(n);
	const recentAt = new Float64Array(n * leechWindow).fill(NaN);
	const recentOk = new Uint8Array(n * leechWindow);
	for (const s of conceptList) {
		const i = index.get(s.concept)!;
		let t = topicIndex.get(s.topic);
		if (t === undefined) topicIndex.set(s.topic, (t = topics.push(s.topic) - 1));
		topic[i] = t;
		since[i] = s.since;
		answered[i] = s.answered;
		for (let j = 0; j < s.recent.length; j++) {
			recentAt[i * leechWindow + j] = s.recent[j]!.at;
			recentOk[i * leechWindow + j] = s.recent[j]!.correct ? 1 : 0;
		}
	}
	return {
		key: 'packed',
		generation,
		names,
		card,
		topics,
		topic,
		since,
		answered,
		recentAt,
		recentOk,
		days: days.map((d) => ({ day: d.day, answered: d.answered, correct: d.correct }))
	};
}

/** `x` if it is a whole, well-formed packed record, else undefined. */
export function checkPacked(x: unknown): Packed | undefined {
	return wellFormed(x) ? x : undefined;
}

/** The card at column `i` of a checked packed record (its `state` is not -1). */
export function cardAt(p: Packed, i: number): CardRecord {
	const { card } = p;
	const c: CardRecord = {
		concept: p.names[i]!,
		due: card.due[i]!,
		stability: card.stability[i]!,
		difficulty: card.difficulty[i]!,
		elapsed_days: card.elapsed_days[i]!,
		scheduled_days: card.scheduled_days[i]!,
		learning_steps: card.learning_steps[i]!,
		reps: card.reps[i]!,
		lapses: card.lapses[i]!,
		state: card.state[i]!
	};
	const last = card.last_review[i]!;
	if (last === last) c.last_review = last;
	return c;
}

/** How many cards are due before `end`. */
export function dueBefore(p: Packed, end: number): number {
	let n = 0;
	const { state, due } = p.card;
	for (let i = 0; i < p.names.length; i++) if (state[i] !== -1 && due[i]! < end) n++;
	return n;
}

/** The records of a packed record already checked by `checkPacked`. */
export function unpackChecked(x: Packed): Unpacked {
	const cards: CardRecord[] = [];
	const concepts: ConceptRecord[] = [];
	const { card, names, topics, topic, since, answered, recentAt, recentOk } = x;
	for (let i = 0; i < names.length; i++) {
		const concept = names[i]!;
		if (card.state[i] !== -1) cards.push(cardAt(x, i));
		const t = topic[i]!;
		if (t !== -1) {
			const recent: ConceptRecord['recent'] = [];
			for (let j = i * leechWindow; j < (i + 1) * leechWindow; j++) {
				const at = recentAt[j]!;
				if (at === at) recent.push({ at, correct: recentOk[j] === 1 });
			}
			concepts.push({
				concept,
				topic: topics[t]!,
				since: since[i]!,
				answered: answered[i]!,
				recent
			});
		}
	}
	return { cards, concepts, days: x.days };
}

/** Whether every value of `col` where the concept has a card (`state` not -1) is a finite amount. */
function amounts(col: Float64Array, state: Float64Array): boolean {
	for (let i = 0; i < col.length; i++) {
		const v = col[i]!;
		if (!(v >= 0 && v < Infinity) && state[i] !== -1) return false;
	}
	return true;
}

/**
 * The shape and every value checked column by column, as the stores' checks (`cardProblem`,
 * `conceptProblem`, `dayProblem`) would check each record.
 */
function wellFormed(x: unknown): x is Packed {
	if (typeof x !== 'object' || x === null) return false;
	const p = x as Partial<Packed>;
	if (typeof p.generation !== 'number' || !Array.isArray(p.names) || !Array.isArray(p.topics))
		return false;
	const { names, topics } = p;
	const n = names.length;
	for (let i = 0; i < n; i++) {
		const s = names[i];
		if (typeof s !== 'string' || s.length === 0 || s.length > 500) return false;
	}
	for (let i = 0; i < topics.length; i++) {
		const s = topics[i];
		if (typeof s !== 'string' || s.length === 0) return false;
	}
	if (typeof p.card !== 'object' || p.card === null) return false;
	for (const k of cardColumns) {
		const col = p.card[k];
		if (!(col instanceof Float64Array) || col.length !== n) return false;
	}
	// The checks `cardProblem` makes of each card, a column at a time: a plain loop over one typed
	// array runs fast from its first pass, which is the pass a cold start makes.
	const { state, last_review } = p.card;
	for (let i = 0; i < n; i++) {
		const st = state[i]!;
		if (st !== -1 && st !== 0 && st !== 1 && st !== 2 && st !== 3) return false;
		const last = last_review[i]!;
		if (st !== -1 && (last === Infinity || last === -Infinity)) return false;
	}
	for (const k of cardAmounts) if (!amounts(p.card[k], state)) return false;
	if (!(p.topic instanceof Int32Array) || p.topic.length !== n) return false;
	const topicCount = p.topics.length;
	const { topic, since, answered, recentAt, recentOk } = p;
	if (!(since instanceof Float64Array) || since.length !== n) return false;
	if (!(answered instanceof Float64Array) || answered.length !== n) return false;
	if (!(recentAt instanceof Float64Array) || recentAt.length !== n * leechWindow) return false;
	if (!(recentOk instanceof Uint8Array) || recentOk.length !== n * leechWindow) return false;
	// One pass over the concepts for the summary columns: the checks `conceptProblem` makes.
	for (let i = 0; i < n; i++) {
		const t = topic[i]!;
		if (t < -1 || t >= topicCount) return false;
		const s = since[i]!;
		if (!(s > -Infinity && s < Infinity)) return false;
		const a = answered[i]!;
		if (!Number.isInteger(a) || a < 0 || (t !== -1 && a < 1)) return false;
	}
	for (let j = 0; j < recentAt.length; j++) {
		const at = recentAt[j]!;
		if (at === Infinity || at === -Infinity) return false;
		const ok = recentOk[j]!;
		if (ok !== 0 && ok !== 1) return false;
	}
	return Array.isArray(p.days) && p.days.every((d) => !dayProblem(d));
}
