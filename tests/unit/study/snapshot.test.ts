import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CardRecord } from '../../../src/lib/study/records.ts';
import { checkPacked, pack, unpackChecked } from '../../../src/lib/study/snapshot.ts';
import type { ConceptRecord, DayRecord } from '../../../src/lib/study/summary.ts';

const names = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 40 });
const time = fc.integer({ min: 0, max: 2 ** 42 });
const count = fc.integer({ min: 0, max: 10_000 });
const real = fc.double({ min: 0, max: 1e4, noNaN: true, noDefaultInfinity: true });

const card = (concept: string) =>
	fc
		.record({
			due: time,
			stability: real,
			difficulty: real,
			elapsed_days: count,
			scheduled_days: count,
			learning_steps: count,
			reps: count,
			lapses: count,
			state: fc.constantFrom(0, 1, 2, 3),
			last_review: fc.option(time, { nil: undefined })
		})
		.map(({ last_review, ...c }): CardRecord => {
			const out: CardRecord = { concept, ...c };
			if (last_review !== undefined) out.last_review = last_review;
			return out;
		});

const summary = (concept: string) =>
	fc.record({
		concept: fc.constant(concept),
		topic: fc.constantFrom('auth-flow', 'iam-roles', 'federation'),
		since: time,
		answered: fc.integer({ min: 1, max: 10_000 }),
		recent: fc.array(fc.record({ at: time, correct: fc.boolean() }), { maxLength: 5 })
	}) satisfies fc.Arbitrary<ConceptRecord>;

const days = fc.array(
	fc
		.record({
			day: fc.date({ min: new Date(2020, 0, 1), max: new Date(2040, 0, 1), noInvalidDate: true }),
			answered: count
		})
		.chain(({ day, answered }) =>
			fc.record({
				day: fc.constant(day.toISOString().slice(0, 10)),
				answered: fc.constant(answered),
				correct: fc.integer({ min: 0, max: answered })
			})
		),
	{ maxLength: 20 }
) satisfies fc.Arbitrary<DayRecord[]>;

/** Cards and summaries for overlapping sets of concepts (some with only one of the two). */
const state = names.chain((ns) =>
	fc.tuple(
		fc.tuple(...ns.map((n) => fc.option(card(n), { nil: undefined }))),
		fc.tuple(...ns.map((n) => fc.option(summary(n), { nil: undefined }))),
		days
	)
);

describe('the packed record', () => {
	it('gives back exactly the cards, summaries and days it was packed from', () => {
		fc.assert(
			fc.property(state, fc.nat(), ([cs, ss, ds], generation) => {
				const cards = cs.filter((c) => c !== undefined);
				const concepts = ss.filter((c) => c !== undefined);
				const packed = pack(generation, cards, concepts, ds);
				expect(packed.generation).toBe(generation);
				const back = unpackChecked(checkPacked(structuredClone(packed))!);
				const byName = <T extends { concept: string }>(xs: T[]) =>
					[...xs].sort((a, b) => (a.concept < b.concept ? -1 : 1));
				expect(byName(back.cards)).toEqual(byName(cards));
				expect(byName(back.concepts)).toEqual(byName(concepts));
				expect(back.days).toEqual(ds);
			}),
			{ numRuns: 200, seed: 31 }
		);
	});

	it('is refused when it is not whole: a short column, a bad value, or not a record at all', () => {
		const good = pack(
			3,
			[
				{
					concept: 'a',
					due: 1,
					stability: 1,
					difficulty: 5,
					elapsed_days: 0,
					scheduled_days: 1,
					learning_steps: 0,
					reps: 1,
					lapses: 0,
					state: 2
				}
			],
			[
				{
					concept: 'a',
					topic: 'auth-flow',
					since: 1,
					answered: 1,
					recent: [{ at: 1, correct: true }]
				}
			],
			[{ day: '2026-03-02', answered: 1, correct: 1 }]
		);
		expect(unpackChecked(checkPacked(good)!).cards).toHaveLength(1);
		expect(
			checkPacked({ ...good, card: { ...good.card, due: new Float64Array(0) } })
		).toBeUndefined();
		expect(
			checkPacked({ ...good, card: { ...good.card, due: Float64Array.of(NaN) } })
		).toBeUndefined();
		expect(checkPacked({ ...good, topic: Int32Array.of(4) })).toBeUndefined();
		expect(
			checkPacked({ ...good, days: [{ day: 'today', answered: 1, correct: 1 }] })
		).toBeUndefined();
		expect(checkPacked({ ...good, names: [''] })).toBeUndefined();
		const column = (k: keyof typeof good.card, v: number) => ({
			...good,
			card: { ...good.card, [k]: Float64Array.of(v) }
		});
		expect(checkPacked(column('stability', -1))).toBeUndefined();
		expect(checkPacked(column('reps', Infinity))).toBeUndefined();
		expect(checkPacked(column('state', 7))).toBeUndefined();
		expect(checkPacked(column('last_review', Infinity))).toBeUndefined();
		expect(unpackChecked(checkPacked(column('last_review', NaN))!).cards[0]).not.toHaveProperty(
			'last_review'
		);
		expect(checkPacked({ ...good, answered: Float64Array.of(0) })).toBeUndefined();
		expect(checkPacked({ ...good, recentOk: Uint8Array.of(2, 0, 0, 0, 0) })).toBeUndefined();
		expect(checkPacked('packed')).toBeUndefined();
	});
});
