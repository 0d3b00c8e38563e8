import { describe, expect, it } from 'vitest';
import {
	Again,
	Easy,
	Good,
	Hard,
	quickMs,
	rateAnswer,
	slowMs
} from '../../../src/lib/study/rating.ts';

const right = { correct: true, hinted: false, guessed: false, elapsedMs: 40_000 };

describe('ratings come from what the learner did', () => {
	it('a wrong answer is Again, however quick or confident', () => {
		expect(rateAnswer({ ...right, correct: false, elapsedMs: 1_000 })).toBe(Again);
	});
	it('right with the hint open, or marked "I guessed", is Hard', () => {
		expect(rateAnswer({ ...right, hinted: true })).toBe(Hard);
		expect(rateAnswer({ ...right, guessed: true, elapsedMs: 2_000 })).toBe(Hard);
	});
	it('right after a long time is Hard', () => {
		expect(rateAnswer({ ...right, elapsedMs: slowMs })).toBe(Hard);
		expect(rateAnswer({ ...right, elapsedMs: slowMs - 1 })).toBe(Good);
	});
	it('right at an ordinary pace is Good; right quickly and unguessed is Easy', () => {
		expect(rateAnswer(right)).toBe(Good);
		expect(rateAnswer({ ...right, elapsedMs: quickMs })).toBe(Easy);
		expect(rateAnswer({ ...right, elapsedMs: quickMs + 1 })).toBe(Good);
	});
});
