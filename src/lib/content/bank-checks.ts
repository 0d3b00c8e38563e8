import { answerTells } from './answer-tells.ts';
import { chanceOf, layoutFeatures } from './answer-layout.ts';
import { visibleLength } from './bank-text.ts';
import { chiSquareTest, type ChiSquareResult } from './chi-square.ts';
import { setSimilarity, wordSets } from './similarity.ts';
import type { Problem, QuestionSource, QuestionType } from './types.ts';

/** Two questions at or above this similarity are reported as near-duplicates. */
export const duplicateThreshold = 0.35;
/** Significance level of the bank-wide tests (length rank, layout of correct options). */
export const significance = 0.05;
/** Largest share of the bank that may be marked `recall: true`. */
export const maxRecallShare = 0.15;

/** The figures the summary line prints. */
export interface BankFigures {
	questions: number;
	byType: Record<QuestionType, number>;
	byTopic: Record<string, number>;
	recall: number;
	/** Single-answer questions whose correct option holds each length rank, longest first. */
	lengthRanks: number[];
	/** What a bank without length bias would show, per rank. */
	expectedRanks: number[];
	lengthRankTest?: ChiSquareResult;
}

/** Where a question's pieces are in its file, to point problems at a line and column. */
export class Locator {
	readonly #lines = new Map<string, string[]>();

	constructor(files: readonly { path: string; source: string }[]) {
		for (const f of files) this.#lines.set(f.path, f.source.split(/\r?\n/));
	}

	/** The line and column of the first match of `pattern` in lines `from`..`to` (1-based). */
	find(file: string, from: number, to: number, pattern: RegExp): { line: number; column: number } {
		const lines = this.#lines.get(file) ?? [];
		for (let n = from; n <= Math.min(to, lines.length); n++) {
			const m = pattern.exec(lines[n - 1]!);
			if (m) return { line: n, column: m.index + 1 };
		}
		return { line: from, column: 1 };
	}

	/** Where a question's `id:` key is. */
	id(q: QuestionSource): { line: number; column: number } {
		return this.find(q.file, q.line, q.line + 3, /\bid\s*:/);
	}

	/** Where option `k`'s text starts. */
	option(q: QuestionSource, k: number): { line: number; column: number } {
		const at = q.options[k]!.line;
		const found = this.find(q.file, at, at, /(?<=^\s*(?:[-*+] \[[ xX]\]|\d{1,3}[.)])\s+)\S/);
		return found;
	}

	/** The lines an option spans (its text and its explanation). */
	optionSpan(q: QuestionSource, k: number): { from: number; to: number } {
		const from = q.options[k]!.line;
		const next = q.options[k + 1]?.line ?? from + 12;
		return { from, to: next - 1 };
	}

	/** The lines of a question's stem. */
	stemSpan(q: QuestionSource): { from: number; to: number } {
		const to = (q.options[0]?.line ?? q.line + 40) - 1;
		const close = this.find(q.file, q.line + 1, to, /^---\s*$/);
		return { from: close.line + 1, to };
	}
}

/** Length rank (1 = longest) of each option, ties sharing the ranks they span. */
function lengthRanks(q: QuestionSource, k: number): number[] {
	const lengths = q.options.map((o) => visibleLength(o.text));
	const mine = lengths[k]!;
	const longer = lengths.filter((l) => l > mine).length;
	const same = lengths.filter((l) => l === mine).length;
	return Array.from({ length: same }, (_, t) => longer + 1 + t);
}

function rankName(rank: number): string {
	return rank === 1
		? 'longest'
		: `${['', '', 'second', 'third', 'fourth', 'fifth'][rank] ?? `${rank}th`}-longest`;
}

/**
 * Counts, per length rank, the single-answer questions whose correct option holds that rank, and
 * what a bank without bias would give. Tail ranks are pooled until each expected count is at
 * least 5, so that the chi-square test is sound.
 */
export function lengthRankFigures(questions: readonly QuestionSource[]): {
	observed: number[];
	expected: number[];
	/** Question and the (first) rank cell it falls in. */
	cells: { q: QuestionSource; cell: number }[];
	test?: ChiSquareResult;
} {
	const singles = questions.filter((q) => q.type === 'single' && q.options.length >= 2);
	const width = Math.max(0, ...singles.map((q) => q.options.length));
	const observed = Array<number>(width).fill(0);
	const expected = Array<number>(width).fill(0);
	const raw: { q: QuestionSource; rank: number }[] = [];
	for (const q of singles) {
		const k = q.options.findIndex((o) => o.correct);
		if (k < 0) continue;
		const ranks = lengthRanks(q, k);
		for (const r of ranks) observed[r - 1]! += 1 / ranks.length;
		for (let r = 0; r < q.options.length; r++) expected[r]! += 1 / q.options.length;
		raw.push({ q, rank: ranks[0]! });
	}
	while (expected.length > 2 && expected[expected.length - 1]! < 5) {
		expected[expected.length - 2]! += expected.pop()!;
		observed[observed.length - 2]! += observed.pop()!;
	}
	const cells = raw.map(({ q, rank }) => ({ q, cell: Math.min(rank, observed.length) - 1 }));
	const testable = expected.length >= 2 && expected.every((e) => e >= 5);
	return {
		observed,
		expected,
		cells,
		...(testable ? { test: chiSquareTest(observed, expected) } : {})
	};
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const pText = (p: number): string => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));

/**
 * Checks the bank as a whole, beyond what each file's own rules catch: near-duplicate questions,
 * answer-length bias, a correct option that is by far the longest, a fixed layout of correct
 * options, absolute words only in wrong options, a stem that gives its answer away, missing
 * explanations and too much recall. Returns the problems and the bank's figures.
 */
export function checkBank(
	questions: readonly QuestionSource[],
	files: readonly { path: string; source: string }[]
): { problems: Problem[]; figures: BankFigures } {
	const at = new Locator(files);
	const problems: Problem[] = [];
	const sorted = [...questions].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
	checkDuplicates(sorted, at, problems);
	for (const q of sorted) {
		problems.push(...answerTells(q, at));
		const recallKind = unmarkedRecall(q);
		if (recallKind) {
			const span = at.stemSpan(q);
			problems.push({
				file: q.file,
				...(q.type === 'order' ? at.id(q) : at.find(q.file, span.from, span.to, /\S/)),
				message: `\`${q.id}\` asks for recall (${recallKind}) but is not marked \`recall: true\``,
				hint: 'Mark it `recall: true` (the bank keeps at most 15% recall), or rewrite it as a situation, a goal and the best choice.'
			});
		}
		if (q.explanation === undefined) {
			problems.push({
				file: q.file,
				...at.id(q),
				message: `The question \`${q.id}\` has no \`### Explanation\` section`,
				hint: 'Every question in the bank explains its answer after the options.'
			});
		}
	}
	const ranks = lengthRankFigures(sorted);
	if (ranks.test && ranks.test.p < significance) problems.push(lengthBias(ranks, at));
	problems.push(...layoutBias(sorted, at));
	const recall = sorted.filter((q) => q.recall);
	if (sorted.length > 0 && recall.length / sorted.length > maxRecallShare) {
		const q = recall[recall.length - 1]!;
		problems.push({
			file: q.file,
			...at.id(q),
			message:
				`${recall.length} of ${sorted.length} questions (${Math.round((100 * recall.length) / sorted.length)}%) are marked ` +
				`\`recall: true\`, above the ${maxRecallShare * 100}% the bank allows; this is the last of them`,
			hint: 'Rewrite some recall questions as a short situation, a goal and the best choice.'
		});
	}
	const byType: Record<QuestionType, number> = { single: 0, multiple: 0, order: 0 };
	const byTopic: Record<string, number> = {};
	for (const q of sorted) {
		byType[q.type]++;
		byTopic[q.topic] = (byTopic[q.topic] ?? 0) + 1;
	}
	return {
		problems,
		figures: {
			questions: sorted.length,
			byType,
			byTopic,
			recall: recall.length,
			lengthRanks: ranks.observed,
			expectedRanks: ranks.expected,
			...(ranks.test ? { lengthRankTest: ranks.test } : {})
		}
	};
}

/** What makes a question recall by its form, for one that is not marked `recall: true`. */
export function unmarkedRecall(q: QuestionSource): string | undefined {
	if (q.recall) return undefined;
	if (q.type === 'order') return 'it puts steps in order';
	if (/\bwhich\s+(?:\w+\s+)?statements?\b[^?]*\b(?:true|correct)\b/i.test(q.stem)) {
		return 'it asks which statements are true';
	}
	return undefined;
}

function checkDuplicates(
	sorted: readonly QuestionSource[],
	at: Locator,
	problems: Problem[]
): void {
	const sets = sorted.map(wordSets);
	for (let j = 1; j < sorted.length; j++) {
		for (let i = 0; i < j; i++) {
			const a = sorted[i]!;
			const b = sorted[j]!;
			const similarity = setSimilarity(sets[i]!, sets[j]!);
			if (similarity < duplicateThreshold) continue;
			problems.push({
				file: b.file,
				...at.id(b),
				message:
					`\`${b.id}\` is a near-duplicate of \`${a.id}\` (${a.file}:${at.id(a).line}): similarity ` +
					`${similarity.toFixed(2)}, at or above ${duplicateThreshold} (the mean of the Jaccard ` +
					"similarities of their stems' and their options' content words)",
				hint: 'Merge the two into the better question, or make one ask a different decision.'
			});
		}
	}
}

function lengthBias(ranks: ReturnType<typeof lengthRankFigures>, at: Locator): Problem {
	const test = ranks.test!;
	let worst = 0;
	ranks.observed.forEach((o, k) => {
		if (o - ranks.expected[k]! > ranks.observed[worst]! - ranks.expected[worst]!) worst = k;
	});
	const inWorst = ranks.cells.filter((c) => c.cell === worst).map((c) => c.q);
	const first = inWorst[0]!;
	const k = first.options.findIndex((o) => o.correct);
	const name =
		worst === ranks.observed.length - 1 && worst > 0
			? `${rankName(worst + 1)} or shorter`
			: rankName(worst + 1);
	return {
		file: first.file,
		...at.option(first, k),
		message:
			`Answer-length bias across the bank: by length rank (longest first) the correct options of ` +
			`${ranks.cells.length} single-answer questions are ${ranks.observed.map(fmt).join('/')}, where ` +
			`no bias gives ${ranks.expected.map(fmt).join('/')}; chi-square ${test.statistic.toFixed(2)}, ` +
			`df ${test.degreesOfFreedom}, p = ${pText(test.p)} < ${significance}. The correct option is the ` +
			`${name} too often; this question is one of those ${inWorst.length}`,
		hint:
			'Even out the option lengths in some of them (shorten the answer or a padded wrong option): ' +
			inWorst.map((q) => q.id).join(', ')
	};
}

function layoutBias(sorted: readonly QuestionSource[], at: Locator): Problem[] {
	const multiples = sorted.filter(
		(q) => q.type === 'multiple' && q.options.some((o) => o.correct) && q.options.length > 2
	);
	const problems: Problem[] = [];
	for (const feature of layoutFeatures) {
		let pAll = 1;
		let pNone = 1;
		const having: QuestionSource[] = [];
		for (const q of multiples) {
			const correct = q.options.map((o) => o.correct);
			const chance = chanceOf(feature.holds, correct.length, correct.filter(Boolean).length);
			pAll *= chance;
			pNone *= 1 - chance;
			if (feature.holds(correct)) having.push(q);
		}
		const every = having.length === multiples.length;
		const none = having.length === 0;
		const p = every ? pAll : none ? pNone : 1;
		if (multiples.length === 0 || p >= significance) continue;
		const first = multiples[0]!;
		problems.push({
			file: first.file,
			...at.option(
				first,
				first.options.findIndex((o) => o.correct)
			),
			message:
				`Fixed layout of correct options: ${every ? 'every one' : 'none'} of the bank's ` +
				`${multiples.length} multiple-answer questions has ${feature.name}, which random ` +
				`placement would give with probability p = ${pText(p)} < ${significance}`,
			hint: every
				? `Move the correct options of some of them so that they do not have ${feature.name}.`
				: `Lay out the correct options of some of them with ${feature.name}.`
		});
	}
	return problems;
}

/** The summary line `npm run content:check` prints: the bank's figures in one line. */
export function formatFigures(f: BankFigures): string {
	const recallShare = f.questions ? Math.round((100 * f.recall) / f.questions) : 0;
	const topics = Object.entries(f.byTopic)
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([t, n]) => `${t} ${n}`)
		.join(', ');
	const test = f.lengthRankTest
		? ` (no bias: ${f.expectedRanks.map(fmt).join('/')}; chi-square ${f.lengthRankTest.statistic.toFixed(2)}, df ${f.lengthRankTest.degreesOfFreedom}, p = ${pText(f.lengthRankTest.p)})`
		: ' (too few single-answer questions to test)';
	return (
		`Bank: ${f.questions} questions (${f.byType.single} single, ${f.byType.multiple} multiple, ` +
		`${f.byType.order} order); recall ${f.recall} (${recallShare}%, at most ${maxRecallShare * 100}%); ` +
		`correct option by length rank, longest first: ${f.lengthRanks.map(fmt).join('/')}${test}; ` +
		`per topic: ${topics}`
	);
}
