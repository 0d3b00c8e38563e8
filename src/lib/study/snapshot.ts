import { leechWindow } from './concepts.ts';
import { cardProblem, type CardRecord } from './records.ts';
import { conceptProblem, dayProblem, type ConceptRecord, type DayRecord } from './summary.ts';

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

const cardColumns = [
	'due',
	'stability',
	'difficulty',
	'elapsed_days',
	'scheduled_days',
	'learning_steps',
	'reps',
	'lapses',
	'state',
	'last_review'
] as const;

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
	const byName = new Map<string, { card?: CardRecord; concept?: ConceptRecord }>();
	for (const c of cards) byName.set(c.concept, { card: c });
	for (const c of concepts) byName.set(c.concept, { ...byName.get(c.concept), concept: c });
	const n = byName.size;
	const card = Object.fromEntries(
		cardColumns.map((k) => [k, new Float64Array(n)])
	) as Packed['card'];
	const topics: string[] = [];
	const topicIndex = new Map<string, number>();
	const out: Packed = {
		key: 'packed',
		generation,
		names: [...byName.keys()],
		card,
		topics,
		topic: new Int32Array(n).fill(-1),
		since: new Float64Array(n),
		answered: new Float64Array(n),
		recentAt: new Float64Array(n * leechWindow).fill(NaN),
		recentOk: new Uint8Array(n * leechWindow),
		days: days.map((d) => ({ day: d.day, answered: d.answered, correct: d.correct }))
	};
	let i = 0;
	for (const { card: c, concept: s } of byName.values()) {
		if (c) {
			for (const k of cardColumns) card[k][i] = k === 'last_review' ? (c[k] ?? NaN) : c[k];
		} else card.state[i] = -1;
		if (s) {
			let t = topicIndex.get(s.topic);
			if (t === undefined) topicIndex.set(s.topic, (t = topics.push(s.topic) - 1));
			out.topic[i] = t;
			out.since[i] = s.since;
			out.answered[i] = s.answered;
			s.recent.forEach((r, j) => {
				out.recentAt[i * leechWindow + j] = r.at;
				out.recentOk[i * leechWindow + j] = r.correct ? 1 : 0;
			});
		}
		i++;
	}
	return out;
}

/** The records a packed record holds, or undefined if it is not a whole, well-formed one. */
export function unpack(x: unknown): Unpacked | undefined {
	if (!wellFormed(x)) return undefined;
	const cards: CardRecord[] = [];
	const concepts: ConceptRecord[] = [];
	const { card } = x;
	for (let i = 0; i < x.names.length; i++) {
		const concept = x.names[i]!;
		if (card.state[i] !== -1) {
			const c: CardRecord = {
				concept,
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
			if (!Number.isNaN(card.last_review[i])) c.last_review = card.last_review[i]!;
			if (cardProblem(c)) return undefined;
			cards.push(c);
		}
		const t = x.topic[i]!;
		if (t !== -1) {
			const recent: ConceptRecord['recent'] = [];
			for (let j = i * leechWindow; j < (i + 1) * leechWindow; j++)
				if (!Number.isNaN(x.recentAt[j]))
					recent.push({ at: x.recentAt[j]!, correct: x.recentOk[j] === 1 });
			const s: ConceptRecord = {
				concept,
				topic: x.topics[t]!,
				since: x.since[i]!,
				answered: x.answered[i]!,
				recent
			};
			if (conceptProblem(s)) return undefined;
			concepts.push(s);
		}
	}
	return { cards, concepts, days: x.days };
}

function wellFormed(x: unknown): x is Packed {
	if (typeof x !== 'object' || x === null) return false;
	const p = x as Partial<Packed>;
	if (typeof p.generation !== 'number' || !Array.isArray(p.names) || !Array.isArray(p.topics))
		return false;
	const n = p.names.length;
	if (!p.names.every((s) => typeof s === 'string' && s.length > 0)) return false;
	if (!p.topics.every((s) => typeof s === 'string' && s.length > 0)) return false;
	if (typeof p.card !== 'object' || p.card === null) return false;
	for (const k of cardColumns) {
		const col = p.card[k];
		if (!(col instanceof Float64Array) || col.length !== n) return false;
	}
	if (!(p.topic instanceof Int32Array) || p.topic.length !== n) return false;
	if (!p.topic.every((t) => t >= -1 && t < p.topics!.length)) return false;
	for (const col of [p.since, p.answered])
		if (!(col instanceof Float64Array) || col.length !== n) return false;
	if (!(p.recentAt instanceof Float64Array) || p.recentAt.length !== n * leechWindow) return false;
	if (!(p.recentOk instanceof Uint8Array) || p.recentOk.length !== n * leechWindow) return false;
	return Array.isArray(p.days) && p.days.every((d) => !dayProblem(d));
}
