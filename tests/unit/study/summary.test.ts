import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendar, conceptTopics, leeches } from '../../../src/lib/study/columns.ts';
import { pack } from '../../../src/lib/study/snapshot.ts';
import { leechMisses, leechWindow } from '../../../src/lib/study/concepts.ts';
import type { AnswerRecord } from '../../../src/lib/study/records.ts';
import {
	addToConcept,
	addToDay,
	conceptProblem,
	dayKey,
	dayProblem,
	summarize,
	type ConceptRecord,
	type DayRecord
} from '../../../src/lib/study/summary.ts';

const t0 = Date.UTC(2026, 2, 1);
const topics = ['auth-flow', 'iam-roles', 'federation'];

const answer = (
	at: number,
	correct: boolean,
	i: number,
	concepts = ['c'],
	topic = 'auth-flow'
): AnswerRecord => ({
	id: `a${i}`,
	questionId: 'q',
	topic,
	domain: 'security',
	concepts,
	correct,
	hinted: false,
	guessed: false,
	elapsedMs: 1000,
	at,
	source: 'practice'
});

/** The days counted one answer at a time, as the definition says. */
function naiveDays(answers: readonly AnswerRecord[]): DayRecord[] {
	const m = new Map<string, DayRecord>();
	for (const a of answers) {
		const day = dayKey(a.at);
		const row = m.get(day) ?? { day, answered: 0, correct: 0 };
		row.answered++;
		if (a.correct) row.correct++;
		m.set(day, row);
	}
	return [...m.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

/** Leeches by their definition: a concept missed `leechMisses` times in its last `leechWindow` answers. */
function naiveLeeches(answers: readonly AnswerRecord[]) {
	const recent = new Map<string, boolean[]>();
	for (const a of [...answers].sort((x, y) => x.at - y.at))
		for (const c of new Set(a.concepts)) recent.set(c, [...(recent.get(c) ?? []), a.correct]);
	return [...recent]
		.map(([key, list]) => ({ key, misses: list.slice(-leechWindow).filter((ok) => !ok).length }))
		.filter((l) => l.misses >= leechMisses)
		.sort((a, b) => b.misses - a.misses || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Random answer logs: distinct times over 400 days, 1 to 3 of 6 concepts each, any topic. */
const logs = fc
	.uniqueArray(fc.integer({ min: 0, max: 400 * 86_400_000 }), { maxLength: 150 })
	.chain((times) =>
		fc.tuple(
			fc.constant(times),
			fc.array(
				fc.tuple(
					fc.boolean(),
					fc.uniqueArray(fc.constantFrom('c0', 'c1', 'c2', 'c3', 'c4', 'c5'), {
						minLength: 1,
						maxLength: 3
					}),
					fc.constantFrom(...topics)
				),
				{ minLength: times.length, maxLength: times.length }
			)
		)
	)
	.map(([times, rest]) =>
		times.map((dt, i) => answer(t0 + dt, rest[i]![0], i, rest[i]![1], rest[i]![2]))
	);

describe('the answer summary', () => {
	it('counts answers and right answers per local day, in any order of answers', () => {
		fc.assert(
			fc.property(logs, (answers) => {
				expect(summarize(answers).days).toEqual(naiveDays(answers));
				const sorted = [...answers].sort((a, b) => a.at - b.at);
				expect(summarize(sorted).days).toEqual(naiveDays(answers));
			}),
			{ numRuns: 300, seed: 20261127 }
		);
	});

	it('puts answers either side of local midnight on two days', () => {
		const midnight = new Date(2026, 5, 10).getTime();
		const { days } = summarize([answer(midnight - 1, true, 1), answer(midnight, false, 2)]);
		expect(days).toEqual([
			{ day: '2026-06-09', answered: 1, correct: 1 },
			{ day: '2026-06-10', answered: 1, correct: 0 }
		]);
	});

	it('kept up one answer at a time, in any order of arrival, equals the summary of the whole log', () => {
		fc.assert(
			fc.property(
				logs.chain((answers) => fc.shuffledSubarray(answers, { minLength: answers.length })),
				(arrived) => {
					const days = new Map<string, DayRecord>();
					const concepts = new Map<string, ConceptRecord>();
					for (const a of arrived) {
						const key = dayKey(a.at);
						days.set(key, addToDay(days.get(key), a));
						for (const c of new Set(a.concepts))
							concepts.set(c, addToConcept(concepts.get(c), c, a));
					}
					const whole = summarize(arrived);
					expect([...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1))).toEqual(whole.days);
					const byKey = (xs: ConceptRecord[]) =>
						[...xs].sort((a, b) => a.concept.localeCompare(b.concept));
					expect(byKey([...concepts.values()])).toEqual(byKey(whole.concepts));
				}
			),
			{ numRuns: 300, seed: 7 }
		);
	});

	it('finds the same leeches as the definition, from the summary alone', () => {
		fc.assert(
			fc.property(logs, (answers) => {
				const packed = pack(0, [], summarize(answers).concepts, []);
				const found = leeches(packed, packed.names.length);
				expect(found.worst.map(({ key, misses }) => ({ key, misses }))).toEqual(
					naiveLeeches(answers)
				);
				expect(found.count).toBe(found.worst.length);
			}),
			{ numRuns: 300, seed: 11 }
		);
	});

	it('with a limit, keeps the first leeches of the whole list and still counts them all', () => {
		fc.assert(
			fc.property(logs, fc.nat(12), (answers, limit) => {
				const packed = pack(0, [], summarize(answers).concepts, []);
				const all = leeches(packed, packed.names.length);
				expect(leeches(packed, limit)).toEqual({
					count: all.count,
					worst: all.worst.slice(0, limit)
				});
			}),
			{ numRuns: 300, seed: 12 }
		);
	});

	it('gives a concept the topic of its earliest answer and keeps its latest results only', () => {
		const log = [
			answer(t0 + 5, false, 1, ['c'], 'iam-roles'),
			answer(t0 + 1, true, 2, ['c'], 'federation'),
			...[2, 3, 4, 6, 7].map((dt, i) => answer(t0 + dt, i % 2 === 0, 10 + i, ['c'], 'auth-flow'))
		];
		const [c] = summarize(log).concepts;
		expect(c).toMatchObject({ concept: 'c', topic: 'federation', since: t0 + 1, answered: 7 });
		expect(c!.recent.map((r) => r.at - t0)).toEqual([3, 4, 5, 6, 7]);
	});

	it('draws the calendar from the days, with days outside the last 12 weeks left out', () => {
		const today = new Date(2026, 5, 10, 15).getTime();
		const days = summarize([
			answer(today - 100 * 86_400_000, true, 1),
			answer(today - 86_400_000, true, 2),
			answer(today, false, 3),
			answer(today + 1, true, 4)
		]).days;
		const cells = calendar(days, today);
		expect(cells.at(-1)).toMatchObject({ day: '2026-06-10', answered: 2 });
		expect(cells.at(-2)).toMatchObject({ day: '2026-06-09', answered: 1 });
		expect(cells.reduce((s, c) => s + c.answered, 0)).toBe(3);
		expect(cells[0]!.weekday).toBe(0);
	});

	it('files a concept under the topic the bank gives it, else under its earliest answer', () => {
		const { concepts } = summarize([
			answer(t0 + 2, true, 1, ['in bank', 'gone'], 'iam-roles'),
			answer(t0 + 1, false, 2, ['gone'], 'federation')
		]);
		const named = new Map([
			['in bank', { topic: 'auth-flow' }],
			['never answered', { topic: 'abac' }]
		]);
		const p = pack(0, [], concepts, []);
		const topics = conceptTopics(p, named);
		expect(topics.names).toEqual(['auth-flow', 'abac', 'federation']);
		const topicOf = new Map(p.names.map((key, i) => [key, topics.names[topics.of[i]!]]));
		expect(topicOf).toEqual(
			new Map([
				['in bank', 'auth-flow'],
				['gone', 'federation']
			])
		);
		// Each topic's concepts, the named one never answered included.
		expect([...topics.concepts]).toEqual([1, 1, 1]);
	});

	it('refuses stored summary records that are not summaries, saying what is wrong', () => {
		expect(dayProblem({ day: '2026-06-10', answered: 3, correct: 2 })).toBe('');
		expect(dayProblem({ day: 'June 10', answered: 3, correct: 2 })).toBe('day is not a date');
		expect(dayProblem({ day: '2026-06-10', answered: 1, correct: 2 })).toBe(
			'answered or correct is not a count'
		);
		const good = summarize([answer(t0, true, 1)]).concepts[0];
		expect(conceptProblem(good)).toBe('');
		expect(conceptProblem({ ...good, topic: '' })).toBe('topic is missing');
		expect(conceptProblem({ ...good, since: 'then' })).toBe('since is not a time');
		expect(conceptProblem({ ...good, recent: [{ at: 1, correct: 'yes' }] })).toBe(
			'recent is not a list of results'
		);
		expect(conceptProblem(null)).toBe('not an object');
	});
});
