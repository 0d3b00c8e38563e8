import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateThreshold } from '../../../src/lib/content/bank-checks.ts';
import {
	jaccard,
	questionSimilarity,
	type Comparable
} from '../../../src/lib/content/similarity.ts';

const word = fc.constantFrom(
	'identity',
	'pool',
	'guest',
	'role',
	'token',
	'`GetId`',
	'credentials',
	'trust',
	'policy',
	'S3',
	'prefix',
	'the',
	'a',
	'provider',
	'expired',
	'signs',
	'signed'
);
const sentence = fc.array(word, { minLength: 1, maxLength: 14 }).map((ws) => ws.join(' '));
const question: fc.Arbitrary<Comparable> = fc.record({
	stem: sentence,
	options: fc.array(
		sentence.map((text) => ({ text })),
		{ minLength: 2, maxLength: 6 }
	)
});

describe('questionSimilarity', () => {
	it('is symmetric and between 0 and 1', () => {
		fc.assert(
			fc.property(question, question, (a, b) => {
				const ab = questionSimilarity(a, b);
				expect(ab).toBe(questionSimilarity(b, a));
				expect(ab).toBeGreaterThanOrEqual(0);
				expect(ab).toBeLessThanOrEqual(1);
			}),
			{ seed: 12, numRuns: 300 }
		);
	});

	it('finds a question duplicated with its options shuffled', () => {
		const shuffled = question.chain((q) =>
			fc.shuffledSubarray([...q.options], { minLength: q.options.length }).map((options) => ({
				original: q,
				copy: { stem: q.stem, options }
			}))
		);
		fc.assert(
			fc.property(shuffled, ({ original, copy }) => {
				expect(questionSimilarity(original, copy)).toBe(1);
				expect(questionSimilarity(original, copy)).toBeGreaterThanOrEqual(duplicateThreshold);
			}),
			{ seed: 12, numRuns: 300 }
		);
	});

	it('scores questions with no content word in common as 0', () => {
		expect(
			questionSimilarity(
				{ stem: 'Guests upload photos', options: [{ text: 'unauthenticated role' }] },
				{ stem: 'Rules map claims', options: [{ text: 'ambiguous resolution' }] }
			)
		).toBe(0);
	});
});

describe('jaccard', () => {
	it('is the shared share of the union', () => {
		expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBe(0.5);
		expect(jaccard(new Set(), new Set())).toBe(1);
	});
});
