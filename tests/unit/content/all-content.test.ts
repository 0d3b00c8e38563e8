import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkBank } from '../../../src/lib/content/bank-checks.ts';
import { buildBundle } from '../../../src/lib/content/bundle.ts';
import { checkContent, formatProblem } from '../../../src/lib/content/check.ts';
import { checkSteps } from '../../../src/lib/content/check-steps.ts';
import { readContentFiles } from '../../../src/lib/content/read-files.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('everything under content/', () => {
	const files = readContentFiles(root);
	const { bundle, problems } = buildBundle(files);

	it('has no problems (the list shows every one at once)', () => {
		expect(problems.map(formatProblem)).toEqual([]);
	});

	it('passes the bank checks (no repeats, no tells, explanations, little recall)', () => {
		const questions = bundle.questions.map((q) => q.id);
		expect(new Set(questions).size).toBe(questions.length);
		const bank = checkBank(checkContent(files).questions, files);
		expect(bank.problems.map(formatProblem)).toEqual([]);
		expect(bank.figures.lengthRankTest?.p).toBeGreaterThanOrEqual(0.05);
	});

	it('gives every step of every flow its text, with no problems', () => {
		expect(checkSteps(files).problems.map(formatProblem)).toEqual([]);
	});

	it('holds lessons and questions', () => {
		expect(bundle.lessons.length).toBeGreaterThan(0);
		expect(bundle.questions.length).toBeGreaterThan(0);
	});

	it('renders no script, event handler or javascript: URL', () => {
		const all = JSON.stringify(bundle);
		expect(all).not.toMatch(/<script|\son\w+=|javascript:/i);
	});
});
