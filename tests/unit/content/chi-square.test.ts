import { describe, expect, it } from 'vitest';
import { chanceOf, layoutFeatures } from '../../../src/lib/content/answer-layout.ts';
import { chiSquareSurvival, chiSquareTest } from '../../../src/lib/content/chi-square.ts';

describe('chiSquareSurvival', () => {
	it('matches the table values at the 5% and 1% points', () => {
		expect(chiSquareSurvival(3.841, 1)).toBeCloseTo(0.05, 4);
		expect(chiSquareSurvival(7.815, 3)).toBeCloseTo(0.05, 4);
		expect(chiSquareSurvival(11.345, 3)).toBeCloseTo(0.01, 4);
		expect(chiSquareSurvival(18.307, 10)).toBeCloseTo(0.05, 4);
	});

	it('is 1 at zero and falls toward 0 for large statistics', () => {
		expect(chiSquareSurvival(0, 3)).toBe(1);
		expect(chiSquareSurvival(60, 3)).toBeLessThan(1e-10);
	});
});

describe('chiSquareTest', () => {
	it('reproduces the figures of a bank with 20/37/16/17 correct options by length rank', () => {
		const r = chiSquareTest([20, 37, 16, 17], [22.5, 22.5, 22.5, 22.5]);
		expect(r.statistic).toBeCloseTo(12.844, 3);
		expect(r.degreesOfFreedom).toBe(3);
		expect(r.p).toBeCloseTo(0.005, 3);
	});
});

describe('chanceOf', () => {
	const feature = (name: string) => layoutFeatures.find((f) => f.name === name)!.holds;

	it('counts 4 of the 10 placements of two correct options among five as side by side', () => {
		expect(chanceOf(feature('two correct options side by side'), 5, 2)).toBeCloseTo(0.4);
	});

	it('counts 7 of 10 as having a correct option in place A or B', () => {
		expect(chanceOf(feature('a correct option in place A or B'), 5, 2)).toBeCloseTo(0.7);
	});
});
