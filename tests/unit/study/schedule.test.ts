import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	missedQuestions,
	conceptIndex,
	lastSeen,
	reviewQuestions
} from '../../../src/lib/study/concepts.ts';
import { Again, Good } from '../../../src/lib/study/rating.ts';
import {
	createScheduler,
	dueConcepts,
	forgettingCurve,
	recall,
	replayCards,
	reviewCard,
	roundStability
} from '../../../src/lib/study/schedule.ts';
import { conceptTopics, forecast, leeches, topicRecall } from '../../../src/lib/study/columns.ts';
import { pack } from '../../../src/lib/study/snapshot.ts';
import { summarize } from '../../../src/lib/study/summary.ts';
import { answer, day, question, t0 } from './fixtures.ts';

describe('scheduling concepts with ts-fsrs', () => {
	const f = createScheduler(0.9);

	it('a miss brings a concept back sooner than a right answer', () => {
		const good = reviewCard(f, 'c', undefined, Good, t0);
		const again = reviewCard(f, 'c', undefined, Again, t0);
		expect(again.due).toBeLessThan(good.due);
		expect(good.reps).toBe(1);
		expect(good.last_review).toBe(t0);
	});

	it('repeated right answers space the reviews further apart', () => {
		let card = reviewCard(f, 'c', undefined, Good, t0);
		const gaps: number[] = [];
		for (let i = 0; i < 4; i++) {
			const at = card.due;
			card = reviewCard(f, 'c', card, Good, at);
			gaps.push(card.due - at);
		}
		expect(gaps[3]).toBeGreaterThan(gaps[1]!);
		expect(gaps[3]).toBeGreaterThan(5 * day);
	});

	it('a higher retention target schedules sooner', () => {
		const interval = (retention: number) => {
			const f2 = createScheduler(retention);
			let card = reviewCard(f2, 'c', undefined, Good, t0);
			for (let i = 0; i < 3; i++) card = reviewCard(f2, 'c', card, Good, card.due);
			return card.due - card.last_review!;
		};
		expect(interval(0.95)).toBeLessThan(interval(0.8));
	});

	it('recall falls with time and is 0 for a concept never reviewed', () => {
		const card = reviewCard(f, 'c', undefined, Good, t0);
		expect(recall(f, undefined, t0)).toBe(0);
		const soon = recall(f, card, t0 + day);
		const later = recall(f, card, t0 + 30 * day);
		expect(soon).toBeGreaterThan(later);
		expect(soon).toBeLessThanOrEqual(1);
	});

	it("recall is exactly the scheduler's own retrievability, for any card and any later time", () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.integer({ min: 0, max: 90 * day }), fc.constantFrom(Again, Good)), {
					minLength: 1,
					maxLength: 8
				}),
				fc.integer({ min: 0, max: 400 * day }),
				(reviews, later) => {
					let card: ReturnType<typeof reviewCard> | undefined;
					let at = t0;
					for (const [gap, rating] of reviews) {
						at += gap;
						card = reviewCard(f, 'c', card, rating, at);
					}
					const asked = at + later;
					const own = f.get_retrievability(
						{ ...card!, due: new Date(card!.due), last_review: new Date(card!.last_review!) },
						new Date(asked),
						false
					);
					expect(recall(f, card, asked)).toBe(own);
				}
			),
			{ numRuns: 300, seed: 5 }
		);
	});

	it("the forgetting curve worked out once is the scheduler's own, for any days and stability", () => {
		fc.assert(
			fc.property(
				fc.constantFrom(0.7, 0.85, 0.9, 0.97),
				fc.integer({ min: 0, max: 2000 }),
				fc.double({ min: 0.01, max: 5000, noNaN: true }),
				(retention, days, stability) => {
					const g = createScheduler(retention);
					const s = +stability.toFixed(8);
					expect(forgettingCurve(g)(days, s)).toBe(g.forgetting_curve(days, s));
				}
			),
			{ numRuns: 500, seed: 3 }
		);
	});

	it('rounds a stability to 8 decimals exactly as toFixed does, ties and huge values included', () => {
		// Halfway between two 8-decimal values, a hair either side, any double, and whole days.
		const tie = fc
			.tuple(
				fc.oneof(
					fc.integer({ min: 0, max: 2 ** 20 }),
					fc.integer({ min: 2 ** 36, max: 2 ** 45 }),
					fc.integer({ min: 0, max: 2 ** 52 })
				),
				fc.integer({ min: -3, max: 3 })
			)
			.map(([n, nudge]) => {
				let x = (n + 0.5) / 1e8;
				for (let k = 0; k < Math.abs(nudge); k++)
					x = nudge < 0 ? x - x * Number.EPSILON : x + x * Number.EPSILON;
				return x;
			});
		const stability = fc.oneof(
			tie,
			fc.double({ min: 0, max: 1e6, noNaN: true }),
			fc.double({ min: 0, max: 1e22, noNaN: true }),
			fc.integer({ min: 0, max: 36_500 })
		);
		fc.assert(
			fc.property(stability, (s) => {
				expect(Object.is(roundStability(s), +s.toFixed(8))).toBe(true);
			}),
			{ numRuns: 20_000, seed: 11 }
		);
		expect(roundStability(0.000000125)).toBe(+(0.000000125).toFixed(8));
		expect(roundStability(NaN)).toBeNaN();
	});

	it('one miss reschedules the concept for every question that tests it', () => {
		const log = (secondRight: boolean) =>
			replayCards(f, [
				answer('a1', { questionId: 'q1', concepts: ['x', 'y'], at: t0 }),
				answer('a2', { questionId: 'q1', concepts: ['x', 'y'], at: t0 + day }),
				answer('a3', { questionId: 'q2', concepts: ['x'], correct: secondRight, at: t0 + 3 * day })
			]);
		const missed = log(false);
		const right = log(true);
		expect(missed.get('x')!.due).toBeLessThan(right.get('x')!.due);
		expect(missed.get('x')!.reps).toBe(3);
		expect(missed.get('y')).toEqual(right.get('y'));
	});

	it('replay gives the same cards whatever order the log arrives in', () => {
		const log = [
			answer('a', { at: t0 }),
			answer('b', { at: t0 + day, correct: false }),
			answer('c', { at: t0 + 2 * day })
		];
		expect(replayCards(f, [...log].reverse())).toEqual(replayCards(f, log));
	});

	it('counts due concepts and a 30-day forecast from the due dates', () => {
		const cards = [
			{ ...reviewCard(f, 'a', undefined, Good, t0), due: t0 - day },
			{ ...reviewCard(f, 'b', undefined, Good, t0), due: t0 + 2 * day + 1 },
			{ ...reviewCard(f, 'c', undefined, Good, t0), due: t0 + 40 * day }
		];
		expect(dueConcepts(cards, t0).map((c) => c.concept)).toEqual(['a']);
		const f30 = forecast(pack(0, cards, [], []), t0);
		expect(f30).toHaveLength(30);
		expect(f30[0]).toBe(1);
		expect(f30[2]).toBe(1);
		expect(f30.reduce((s, n) => s + n, 0)).toBe(2);
	});
});

describe('concepts, review picks and leeches', () => {
	const bank = [
		question('q1', { concepts: ['Enhanced flow', 'trust policy'] }),
		question('q2', { concepts: ['enhanced  flow'], topic: 'enhanced-vs-basic' }),
		question('q3', { concepts: ['enhanced flow'], topic: 'enhanced-vs-basic' })
	];

	it('names a concept once whatever its spelling, under the topic that tests it most', () => {
		const idx = conceptIndex(bank);
		expect(idx.get('enhanced flow')!.questionIds).toEqual(['q1', 'q2', 'q3']);
		expect(idx.get('enhanced flow')!.topic).toBe('enhanced-vs-basic');
	});

	it('a review of a concept picks the question seen least recently, never seen first', () => {
		const seen = lastSeen([
			answer('1', { questionId: 'q1', at: t0 }),
			answer('2', { questionId: 'q3', at: t0 - day })
		]);
		expect(reviewQuestions(['enhanced flow'], conceptIndex(bank), seen)).toEqual(['q2']);
		const allSeen = lastSeen([
			answer('1', { questionId: 'q1', at: t0 }),
			answer('2', { questionId: 'q2', at: t0 + 1 }),
			answer('3', { questionId: 'q3', at: t0 - day })
		]);
		expect(reviewQuestions(['enhanced flow', 'trust policy'], conceptIndex(bank), allSeen)).toEqual(
			['q3', 'q1']
		);
	});

	it('a concept missed 3 times in its last 5 answers is a leech', () => {
		const log = [true, false, false, true, false].map((correct, i) =>
			answer(`a${i}`, { correct, at: t0 + i })
		);
		const leechesOf = (answers: typeof log) => {
			const packed = pack(0, [], summarize(answers).concepts, []);
			return leeches(packed, packed.names.length).worst;
		};
		expect(leechesOf(log)).toEqual([{ key: 'enhanced flow', misses: 3, topic: log[0]!.topic }]);
		expect(leechesOf(log.slice(0, 4))).toEqual([]);
		const recovered = [...log, ...[1, 2, 3].map((i) => answer(`b${i}`, { at: t0 + 10 + i }))];
		expect(leechesOf(recovered)).toEqual([]);
	});

	it('the missed drill holds questions whose latest answer was wrong', () => {
		const log = [
			answer('1', { questionId: 'q1', correct: false, at: t0 }),
			answer('2', { questionId: 'q1', correct: true, at: t0 + 1 }),
			answer('3', { questionId: 'q2', correct: false, at: t0 + 2 })
		];
		expect(missedQuestions(log)).toEqual(['q2']);
	});
});

describe('mastery and readiness by topic', () => {
	const f = createScheduler(0.9);
	it("readiness is each topic's mean recall on the exam date, falling the further away the date is", () => {
		const cards = new Map([
			['a', reviewCard(f, 'a', undefined, Good, t0)],
			['b', reviewCard(f, 'b', undefined, Good, t0)]
		]);
		const topics = new Map([
			['a', 'auth-flow'],
			['b', 'auth-flow'],
			['c', 'guest-access']
		]);
		const p = pack(0, cards.values(), [], []);
		const named = conceptTopics(p, new Map([...topics].map(([k, topic]) => [k, { topic }])));
		const soon = topicRecall(f, p, named, 0.9, t0, t0 + day);
		const late = topicRecall(f, p, named, 0.9, t0, t0 + 60 * day);
		const auth = (r: typeof soon) => r.find((x) => x.topic === 'auth-flow')!.onExamDay;
		expect(auth(soon)).toBeGreaterThan(auth(late));
		expect(soon.find((x) => x.topic === 'guest-access')).toMatchObject({
			concepts: 1,
			mastered: 0,
			onExamDay: 0
		});
		expect(topicRecall(f, p, named, 0.9, t0).every((r) => Number.isNaN(r.onExamDay))).toBe(true);
	});

	it("equals counting and averaging each concept's own recall, for any cards and dates", () => {
		const topicNames = ['auth-flow', 'guest-access', 'iam-roles'];
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						topic: fc.constantFrom(...topicNames),
						reviews: fc.array(
							fc.tuple(fc.integer({ min: 0, max: 30 * day }), fc.constantFrom(Again, Good)),
							{ maxLength: 4 }
						)
					}),
					{ maxLength: 12 }
				),
				fc.integer({ min: 0, max: 60 * day }),
				fc.integer({ min: 0, max: 90 * day }),
				fc.constantFrom(0.8, 0.9, 0.95),
				(concepts, later, exam, retention) => {
					const cards = new Map<string, ReturnType<typeof reviewCard>>();
					const topics = new Map<string, string>();
					let end = t0;
					concepts.forEach((c, i) => {
						const key = `c${i}`;
						topics.set(key, c.topic);
						let at = t0;
						for (const [gap, rating] of c.reviews) {
							at += gap;
							cards.set(key, reviewCard(f, key, cards.get(key), rating, at));
						}
						end = Math.max(end, at);
					});
					const now = end + later;
					const examAt = now + exam;
					const p = pack(0, cards.values(), [], []);
					const named = new Map([...topics].map(([k, topic]) => [k, { topic }]));
					const rows = topicRecall(f, p, conceptTopics(p, named), retention, now, examAt);
					expect(rows.map((r) => r.topic).sort()).toEqual([...new Set(topics.values())].sort());
					for (const row of rows) {
						const keys = [...topics].filter(([, t]) => t === row.topic).map(([k]) => k);
						expect(row.concepts).toBe(keys.length);
						expect(row.mastered).toBe(
							keys.filter((k) => recall(f, cards.get(k), now) >= retention).length
						);
						const mean =
							keys.reduce((s, k) => s + recall(f, cards.get(k), examAt), 0) / keys.length;
						expect(row.onExamDay).toBeCloseTo(mean, 12);
					}
				}
			),
			{ numRuns: 200, seed: 9 }
		);
	});
});
