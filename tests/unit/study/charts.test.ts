import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayKey, studyDays } from '../../../src/lib/study/charts.ts';
import type { AnswerRecord } from '../../../src/lib/study/records.ts';

const answer = (at: number, correct: boolean, i: number): AnswerRecord => ({
	id: `a${i}`,
	questionId: 'q',
	topic: 'auth-flow',
	domain: 'security',
	concepts: ['c'],
	correct,
	hinted: false,
	guessed: false,
	elapsedMs: 1000,
	at,
	source: 'practice'
});

/** The days counted one answer at a time, as the definition says. */
function naive(answers: readonly AnswerRecord[]) {
	const m = new Map<string, { day: string; answered: number; correct: number }>();
	for (const a of answers) {
		const day = dayKey(a.at);
		const row = m.get(day) ?? { day, answered: 0, correct: 0 };
		row.answered++;
		if (a.correct) row.correct++;
		m.set(day, row);
	}
	return [...m.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

describe('study days', () => {
	it('counts answers and right answers per local day, in any order of answers', () => {
		const t0 = Date.UTC(2026, 2, 1);
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.integer({ min: 0, max: 400 * 86_400_000 }), fc.boolean()), {
					maxLength: 200
				}),
				(xs) => {
					const answers = xs.map(([dt, ok], i) => answer(t0 + dt, ok, i));
					expect(studyDays(answers)).toEqual(naive(answers));
					const sorted = [...answers].sort((a, b) => a.at - b.at);
					expect(studyDays(sorted)).toEqual(naive(answers));
				}
			),
			{ numRuns: 300, seed: 20261127 }
		);
	});

	it('puts answers either side of local midnight on two days', () => {
		const midnight = new Date(2026, 5, 10).getTime();
		const days = studyDays([answer(midnight - 1, true, 1), answer(midnight, false, 2)]);
		expect(days).toEqual([
			{ day: '2026-06-09', answered: 1, correct: 1 },
			{ day: '2026-06-10', answered: 1, correct: 0 }
		]);
	});
});
