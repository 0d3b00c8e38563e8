import { describe, expect, it } from 'vitest';
import {
	checkBank,
	formatFigures,
	lengthRankFigures
} from '../../../src/lib/content/bank-checks.ts';
import { checkContent, formatProblem } from '../../../src/lib/content/check.ts';
import { parseQuestionFile } from '../../../src/lib/content/parse-question.ts';
import { fixture } from './fixtures.ts';

/** Runs the bank checks on fixture files under tests/fixtures/content/bank. */
function bank(...names: string[]) {
	const files = names.map((n) => ({
		path: `content/questions/bank/${n}`,
		source: fixture(`bank/${n}`)
	}));
	const checked = checkContent(files);
	expect(checked.problems.map(formatProblem)).toEqual([]);
	return checkBank(checked.questions, files);
}

const problemsAbout = (r: ReturnType<typeof bank>, start: string): string[] =>
	r.problems.filter((p) => p.message.startsWith(start)).map(formatProblem);

describe('near-duplicate questions', () => {
	it('reports a question that repeats another with its options shuffled, at its id', () => {
		const found = problemsAbout(
			bank('near-duplicate-trips.md'),
			'`dup-shuffled` is a near-duplicate'
		);
		expect(found).toHaveLength(1);
		expect(found[0]).toMatch(
			/^content\/questions\/bank\/near-duplicate-trips\.md:28:1: `dup-shuffled` is a near-duplicate of `dup-original` \(content\/questions\/bank\/near-duplicate-trips\.md:2\): similarity 1\.00, at or above 0\.35/
		);
	});

	it('leaves two questions about different decisions alone', () => {
		expect(problemsAbout(bank('near-duplicate-passes.md'), '`')).toEqual([]);
	});
});

describe('answer-length bias', () => {
	it('reports a bank whose correct options are second-longest every time, with its figures', () => {
		const r = bank('length-bias-trips.md');
		const found = problemsAbout(r, 'Answer-length bias');
		expect(found).toHaveLength(1);
		expect(found[0]).toContain('are 0/24/0/0, where no bias gives 6/6/6/6; chi-square 72.00, df 3');
		expect(found[0]).toContain('The correct option is the second-longest too often');
		expect(found[0]).toMatch(/^content\/questions\/bank\/length-bias-trips\.md:16:7: /);
		expect(r.figures.lengthRankTest!.p).toBeLessThan(0.05);
	});

	it('accepts a bank whose correct options take each length rank equally', () => {
		const r = bank('length-bias-passes.md');
		expect(problemsAbout(r, 'Answer-length bias')).toEqual([]);
		expect(r.figures.lengthRanks).toEqual([6, 6, 6, 6]);
		expect(r.figures.lengthRankTest!.p).toBe(1);
	});

	it('pools rare tail ranks so that each expected count is at least 5, and splits ties', () => {
		const base = checkContent([
			{ path: 'content/questions/x/a.md', source: fixture('bank/length-bias-passes.md') }
		]).questions;
		const five = base.slice(0, 4).map((q) => ({
			...q,
			options: [...q.options, { text: 'It fails', correct: false, line: q.options[3]!.line }]
		}));
		const r = lengthRankFigures([...base, ...five]);
		expect(r.expected).toHaveLength(4);
		expect(r.expected.reduce((a, b) => a + b, 0)).toBeCloseTo(24 + 4);
		expect(r.observed.reduce((a, b) => a + b, 0)).toBeCloseTo(24 + 4);
	});
});

describe('a correct option that is by far the longest', () => {
	it('is reported at the option with both lengths', () => {
		const found = problemsAbout(bank('longest-answer-trips.md'), 'The correct option is by far');
		expect(found).toEqual([
			'content/questions/bank/longest-answer-trips.md:16:7: The correct option is by far the longest: 134 characters against at most 14 for a wrong option (at least 1.5 times and 20 characters longer) (Shorten the answer, moving detail into its explanation, or give the wrong options the same care.)'
		]);
	});

	it('is not reported when the options are of a kind', () => {
		expect(problemsAbout(bank('longest-answer-passes.md'), 'The correct option')).toEqual([]);
	});
});

describe('absolute words in wrong options only', () => {
	it('reports each absolute word at its line and column', () => {
		const found = problemsAbout(bank('absolute-words-trips.md'), 'Absolute word');
		// One problem per wrong option, at its first absolute word.
		expect(found.map((p) => p.split(': Absolute')[0] + ' ' + /"(\w+)"/.exec(p)![1])).toEqual([
			'content/questions/bank/absolute-words-trips.md:16:18 never',
			'content/questions/bank/absolute-words-trips.md:18:15 must'
		]);
	});

	it('says nothing when the wrong options state what happens', () => {
		expect(problemsAbout(bank('absolute-words-passes.md'), 'Absolute word')).toEqual([]);
	});
});

describe('a stem that contains its answer', () => {
	it('reports a quoted error message that names the fix, at the quote', () => {
		const found = problemsAbout(bank('stem-gives-answer-trips.md'), 'The stem quotes');
		expect(found).toHaveLength(1);
		expect(found[0]).toMatch(/^content\/questions\/bank\/stem-gives-answer-trips\.md:12:40: /);
		expect(found[0]).toContain('"classic", "flow"');
	});

	it('accepts a stem that describes the symptom in other words', () => {
		expect(problemsAbout(bank('stem-gives-answer-passes.md'), 'The stem')).toEqual([]);
	});
});

describe('a fixed layout of correct options in multiple-answer questions', () => {
	it('reports correct options that are never side by side and always include A or B', () => {
		const found = problemsAbout(bank('fixed-layout-trips.md'), 'Fixed layout');
		expect(
			found.map((p) => /: (none|every one) of .* has ([^,]+), which/.exec(p)!.slice(1))
		).toEqual([
			['none', 'two correct options side by side'],
			['every one', 'a correct option in place A or B']
		]);
		expect(found[0]).toMatch(/p = 0\.0\d\d < 0\.05/);
	});

	it('accepts layouts that vary', () => {
		expect(problemsAbout(bank('fixed-layout-passes.md'), 'Fixed layout')).toEqual([]);
	});
});

describe('recall share and explanations', () => {
	it('reports a bank with more than 15% recall questions', () => {
		const r = bank('recall-share-trips.md');
		expect(problemsAbout(r, '3 of 10 questions (30%) are marked `recall: true`')).toHaveLength(1);
		expect(r.figures.recall).toBe(3);
	});

	it('accepts a bank within the share', () => {
		const r = bank('recall-share-passes.md');
		expect(r.problems.filter((p) => p.message.includes('recall: true'))).toEqual([]);
		expect(formatFigures(r.figures)).toContain('recall 1 (10%, at most 15%)');
	});

	it('reports a question with no Explanation at its id', () => {
		expect(problemsAbout(bank('no-explanation-trips.md'), 'The question')).toEqual([
			'content/questions/bank/no-explanation-trips.md:2:1: The question `explain-trips` has no `### Explanation` section (Every question in the bank explains its answer after the options.)'
		]);
		expect(problemsAbout(bank('longest-answer-passes.md'), 'The question')).toEqual([]);
	});
});

describe('the summary line', () => {
	it('prints questions per topic, the recall share and the length-rank distribution', () => {
		const line = formatFigures(bank('length-bias-trips.md').figures);
		expect(line).toBe(
			'Bank: 24 questions (24 single, 0 multiple, 0 order); recall 0 (0%, at most 15%); correct option by length rank, longest first: 0/24/0/0 (no bias: 6/6/6/6; chi-square 72.00, df 3, p = 1.6e-15); per topic: auth-flow 24'
		);
	});
});

describe('the `recall` front-matter key', () => {
	const source = (value: string) =>
		fixture('bank/longest-answer-passes.md').replace(
			'concepts: [fixture]',
			`concepts: [fixture]\nrecall: ${value}`
		);

	it('marks a question as recall when true and not when false', () => {
		expect(parseQuestionFile('q.md', source('true')).questions[0]!.question.recall).toBe(true);
		expect(
			parseQuestionFile('q.md', source('false')).questions[0]!.question.recall
		).toBeUndefined();
	});

	it('reports any other value at its position', () => {
		expect(parseQuestionFile('q.md', source('yes')).problems.map(formatProblem)).toEqual([
			'q.md:8:9: `recall` is `true` or `false`, not `yes` (Write `recall: true` for a question that asks for a fact rather than a decision.)'
		]);
	});
});

describe('recall questions not marked as such', () => {
	it('reports an order question and a "which statements are true" question without `recall: true`', () => {
		expect(problemsAbout(bank('recall-unmarked-trips.md'), '`')).toEqual([
			'content/questions/bank/recall-unmarked-trips.md:2:1: `order-steps` asks for recall (it puts steps in order) but is not marked `recall: true` (Mark it `recall: true` (the bank keeps at most 15% recall), or rewrite it as a situation, a goal and the best choice.)',
			'content/questions/bank/recall-unmarked-trips.md:33:1: `true-statements` asks for recall (it asks which statements are true) but is not marked `recall: true` (Mark it `recall: true` (the bank keeps at most 15% recall), or rewrite it as a situation, a goal and the best choice.)'
		]);
	});

	it('accepts them once marked', () => {
		expect(problemsAbout(bank('recall-unmarked-passes.md'), '`')).toEqual([]);
	});
});
