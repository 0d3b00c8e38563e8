import { withinFile } from './problems.ts';
import type { FlowId, ProviderId } from '../flows/catalogue.ts';
import { decodeFlowLink } from '../flows/deep-link.ts';
import { parseFrontMatter } from './front-matter.ts';
import { findLinks, type FoundLink } from './links.ts';
import { MetaReader } from './meta.ts';
import type { Problem, QuestionSource, QuestionType } from './types.ts';
import { difficulties, domains, questionTypes, topicIds } from './vocabulary.ts';

/** A parsed question with the links it contains, which are checked once every file is known. */
export interface ParsedQuestion {
	question: QuestionSource;
	links: FoundLink[];
	/** 1-based line of the `id:` key, where a duplicate id is reported. */
	idLine: number;
}

const questionKeys = [
	'id',
	'type',
	'topic',
	'domain',
	'difficulty',
	'concepts',
	'flow',
	'step',
	'provider',
	'replay',
	'recall',
	'references'
];

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const taskOption = /^[-*+] \[([ xX])\](?:\s+(.*))?$/;
const orderedOption = /^\d{1,3}[.)](?:\s+(.*))?$/;
const fence = /^\s*(```|~~~)/;
const sectionHeading = /^#{2,4}\s+(.*?)\s*#*\s*$/;
const numberWords: Record<string, number> = {
	one: 1,
	two: 2,
	three: 3,
	four: 4,
	five: 5,
	six: 6
};

/** How many options a stem asks for with "(Choose N.)", or undefined when it does not say. */
export function chooseCount(stem: string): number | undefined {
	const m = /\(\s*choose\s+(\w+)\s*\.?\s*\)/i.exec(stem);
	if (!m) return undefined;
	const word = m[1]!.toLowerCase();
	return numberWords[word] ?? (/^\d+$/.test(word) ? Number(word) : undefined);
}

function isNewQuestion(lines: string[], i: number): boolean {
	return lines[i]?.trim() === '---' && /^id\s*:/.test(lines[i + 1] ?? '');
}

/** Strips one level of list-item indentation (a tab, or two to four spaces). */
function dedent(line: string): string {
	return line.replace(/^(\t| {2,4})/, '');
}

/**
 * Parses a question file: one or more questions, each a front-matter block followed by its stem,
 * options, hint and explanation. Every problem is reported; a question with problems is still
 * returned when its shape could be read, so that later checks can run on it too.
 */
export function parseQuestionFile(
	file: string,
	source: string
): { questions: ParsedQuestion[]; problems: Problem[] } {
	const lines = source.split(/\r?\n/);
	const problems: Problem[] = [];
	const questions: ParsedQuestion[] = [];
	let i = 0;
	while (i < lines.length && lines[i]!.trim() === '') i++;
	if (i >= lines.length) {
		problems.push({
			file,
			line: 1,
			column: 1,
			message: 'The file holds no question',
			hint: 'Start with a front-matter block: a `---` line, `id: ...`, the other keys, and `---`.'
		});
		return { questions, problems: withinFile(lines, problems) };
	}
	if (lines[i]!.trim() !== '---') {
		problems.push({
			file,
			line: i + 1,
			column: 1,
			message: 'Missing front matter: a question file starts with a `---` line',
			hint: 'Start with `---`, then `id: ...` and the other keys, then `---`.'
		});
		while (i < lines.length && !isNewQuestion(lines, i)) i++;
	}
	while (i < lines.length) {
		const start = i;
		const fm = parseFrontMatter(file, lines, start);
		problems.push(...fm.problems);
		let end = fm.end;
		let inFence = false;
		while (end < lines.length) {
			if (fence.test(lines[end]!)) inFence = !inFence;
			if (!inFence && isNewQuestion(lines, end)) break;
			end++;
		}
		const parsed = readQuestion(file, lines, start, fm, end, problems);
		if (parsed) questions.push(parsed);
		i = end;
	}
	return { questions, problems: withinFile(lines, problems) };
}

function readQuestion(
	file: string,
	lines: string[],
	start: number,
	fm: ReturnType<typeof parseFrontMatter>,
	end: number,
	problems: Problem[]
): ParsedQuestion | undefined {
	const meta = new MetaReader(file, fm, start + 1);
	meta.unknownKeys(questionKeys);
	const id = meta.text('id');
	if (id !== undefined && !idPattern.test(id)) {
		meta.report(
			fm.entries.get('id'),
			`The id \`${id}\` is not lowercase words joined by \`-\``,
			'Use lowercase letters and digits with single dashes, e.g. `guest-access-disabled-error`.'
		);
	}
	const type = meta.oneOf('type', questionTypes, 'question type');
	const topic = meta.oneOf('topic', topicIds, 'topic');
	const domain = meta.oneOf('domain', domains, 'domain');
	const difficulty = meta.oneOf('difficulty', difficulties, 'difficulty');
	const concepts = meta.list('concepts');
	const references = meta.list('references');
	const refEntry = fm.entries.get('references');
	references?.forEach((ref, k) => {
		if (!/^https:\/\/[^\s/]+\.[^\s/]+(\/\S*)?$/.test(ref)) {
			problems.push({
				file,
				line: refEntry?.itemLines?.[k] ?? refEntry?.line ?? start + 1,
				column: 1,
				message: `The reference \`${ref}\` is not an https URL`,
				hint: 'Give the full address of the AWS documentation page, starting with https://.'
			});
		}
	});
	const flowRef = meta.flowRef();
	const replay = meta.text('replay', false);
	if (replay !== undefined) {
		const replayEntry = fm.entries.get('replay');
		if (!flowRef.flow) {
			meta.report(replayEntry, '`replay` needs a `flow`', 'Add `flow:` and `step:`.');
		} else if (!/^[a-z][\w-]*=[\w-]+(&[a-z][\w-]*=[\w-]+)*$/i.test(replay)) {
			meta.report(
				replayEntry,
				`\`replay\` must be flow-explorer settings such as \`guest=off\`, not \`${replay}\``,
				'Write the settings as `key=value` pairs joined by `&`.'
			);
		} else {
			for (const problem of decodeFlowLink(flowRef.flow, new URLSearchParams(replay)).problems) {
				meta.report(
					replayEntry,
					`\`replay\`: ${problem}`,
					'Use the settings of the flow explorer\'s "break it" panel.'
				);
			}
		}
	}
	const recallText = meta.text('recall', false);
	if (recallText !== undefined && recallText !== 'true' && recallText !== 'false') {
		meta.report(
			fm.entries.get('recall'),
			`\`recall\` is \`true\` or \`false\`, not \`${recallText}\``,
			'Write `recall: true` for a question that asks for a fact rather than a decision.'
		);
	}
	problems.push(...meta.problems);

	const body = readBody(file, lines, fm.end, end, type, problems);
	if (!body) return undefined;
	const { stem, options, hint, explanation, stemLine } = body;
	if (stem.trim() === '') {
		problems.push({
			file,
			line: stemLine,
			column: 1,
			message: 'The stem is empty',
			hint: 'Write the question between the front matter and the first option.'
		});
	}
	const effectiveType: QuestionType | undefined = type;
	if (effectiveType && options.length > 0)
		checkOptions(file, effectiveType, stem, stemLine, options, problems);
	if (options.length < 2) {
		problems.push({
			file,
			line: stemLine,
			column: 1,
			message:
				options.length === 0 ? 'The question has no options' : 'The question has only one option',
			hint:
				type === 'order'
					? 'List the steps as `1.`, `2.`, ... in the correct order.'
					: 'Write the options as a task list: `- [x]` for a correct option, `- [ ]` for a wrong one.'
		});
	}
	if (id === undefined || !type || !topic || !domain || !difficulty || !concepts || !references) {
		return undefined;
	}
	const question: QuestionSource = {
		id,
		type,
		topic,
		domain,
		difficulty,
		concepts,
		references,
		file,
		line: start + 1,
		stem,
		options,
		...(flowRef.flow ? { flow: flowRef.flow as FlowId } : {}),
		...(flowRef.step ? { step: flowRef.step } : {}),
		...(flowRef.provider ? { provider: flowRef.provider as ProviderId } : {}),
		...(replay !== undefined ? { replay } : {}),
		...(recallText === 'true' ? { recall: true } : {}),
		...(hint !== undefined ? { hint } : {}),
		...(explanation !== undefined ? { explanation } : {})
	};
	return {
		question,
		links: findLinks(lines.slice(fm.end, end), fm.end + 1),
		idLine: fm.entries.get('id')?.line ?? start + 1
	};
}

interface BodyOption {
	text: string;
	correct: boolean;
	explanation?: string;
	line: number;
}

function readBody(
	file: string,
	lines: string[],
	from: number,
	to: number,
	type: QuestionType | undefined,
	problems: Problem[]
):
	| { stem: string; stemLine: number; options: BodyOption[]; hint?: string; explanation?: string }
	| undefined {
	const stemLines: string[] = [];
	const options: { text: string[]; correct: boolean; explanation: string[]; line: number }[] = [];
	const sections = new Map<string, string[]>();
	let section: string[] | undefined;
	let mode: 'stem' | 'options' | 'section' = 'stem';
	let inFence = false;
	let strayReported = false;
	let kindReported = false;
	let stemLine = from + 1;
	while (stemLine - 1 < to && lines[stemLine - 1]!.trim() === '') stemLine++;
	if (stemLine - 1 >= to) stemLine = from + 1;

	for (let i = from; i < to; i++) {
		const line = lines[i]!;
		const lineNo = i + 1;
		if (fence.test(line)) inFence = !inFence;
		const heading = !inFence && mode !== 'stem' ? sectionHeading.exec(line) : null;
		const headingInStem = !inFence && mode === 'stem' ? sectionHeading.exec(line) : null;
		if (heading || (headingInStem && /^(hint|explanation)$/i.test(headingInStem[1]!))) {
			const name = (heading ?? headingInStem)![1]!.toLowerCase();
			if (name !== 'hint' && name !== 'explanation') {
				problems.push({
					file,
					line: lineNo,
					column: 1,
					message: `Unknown section \`${line.trim()}\``,
					hint: 'After the options, only `### Hint` and `### Explanation` may follow.'
				});
			}
			if (sections.has(name)) {
				problems.push({
					file,
					line: lineNo,
					column: 1,
					message: `The section \`${line.trim()}\` appears twice`
				});
			}
			section = [];
			sections.set(name, section);
			mode = 'section';
			continue;
		}
		if (mode === 'section') {
			section!.push(line);
			continue;
		}
		const task = inFence ? null : taskOption.exec(line);
		const ordered = inFence || task ? null : orderedOption.exec(line);
		if (task || (ordered && (type === 'order' || mode === 'options'))) {
			const isTask = task !== null;
			if (type && !kindReported && (type === 'order') === isTask) {
				kindReported = true;
				problems.push({
					file,
					line: lineNo,
					column: 1,
					message:
						type === 'order'
							? 'An `order` question lists its steps as a numbered list, not check boxes'
							: `A \`${type}\` question lists its options as a task list, not a numbered list`,
					hint:
						type === 'order'
							? 'Write `1. first step`, `2. second step`, ... in the correct order.'
							: 'Write `- [x] right answer` or `- [ ] wrong answer`.'
				});
			}
			options.push({
				text: [(task ? task[2] : ordered![1]) ?? ''],
				correct: task ? task[1] !== ' ' : false,
				explanation: [],
				line: lineNo
			});
			mode = 'options';
			continue;
		}
		if (mode === 'stem') {
			stemLines.push(line);
			continue;
		}
		const option = options[options.length - 1]!;
		if (line.trim() === '') {
			if (option.explanation.length) option.explanation.push('');
			else option.text.push('');
			continue;
		}
		const indented = /^(\t| {2,})/.test(line);
		const inner = indented ? dedent(line) : line;
		if (
			/^\s{0,3}>/.test(inner) &&
			(indented || option.explanation.length === 0 || /^>/.test(line))
		) {
			option.explanation.push(inner.replace(/^\s{0,3}> ?/, ''));
			continue;
		}
		if (indented) {
			if (option.explanation.length) option.explanation.push(inner);
			else option.text.push(inner);
			continue;
		}
		if (!strayReported) {
			strayReported = true;
			problems.push({
				file,
				line: lineNo,
				column: 1,
				message: 'Text after the options that belongs to no option',
				hint: 'Indent it under an option, or put it under `### Explanation`.'
			});
		}
	}

	const join = (ls: string[]): string => ls.join('\n').trim();
	const outOptions: BodyOption[] = options.map((o) => {
		const explanation = join(o.explanation);
		return {
			text: join(o.text),
			correct: o.correct,
			line: o.line,
			...(explanation ? { explanation } : {})
		};
	});
	const hint = sections.has('hint') ? join(sections.get('hint')!) : undefined;
	const explanation = sections.has('explanation') ? join(sections.get('explanation')!) : undefined;
	for (const [name, content] of sections) {
		if ((name === 'hint' || name === 'explanation') && join(content) === '') {
			problems.push({
				file,
				line: stemLine,
				column: 1,
				message: `The \`### ${name[0]!.toUpperCase() + name.slice(1)}\` section is empty`,
				hint: 'Write it, or remove the heading.'
			});
		}
	}
	return {
		stem: join(stemLines),
		stemLine,
		options: outOptions,
		...(hint ? { hint } : {}),
		...(explanation ? { explanation } : {})
	};
}

function checkOptions(
	file: string,
	type: QuestionType,
	stem: string,
	stemLine: number,
	options: BodyOption[],
	problems: Problem[]
): void {
	const at = (line: number, message: string, hint?: string) =>
		problems.push({ file, line, column: 1, message, hint });
	options.forEach((o, k) => {
		if (o.text === '') at(o.line, `Option ${k + 1} has no text`);
		if (type !== 'order' && !o.explanation) {
			at(
				o.line,
				`Option ${k + 1} has no explanation`,
				'Indent a blockquote (`  > why`) under the option saying why it is right or wrong.'
			);
		}
	});
	if (type === 'order') return;
	const correct = options.filter((o) => o.correct).length;
	const asked = chooseCount(stem);
	if (correct === 0) {
		at(options[0]!.line, 'No option is marked correct', 'Mark the right answer with `- [x]`.');
		return;
	}
	if (type === 'single') {
		if (correct > 1) {
			at(
				options.find((o, k) => o.correct && options.findIndex((p) => p.correct) !== k)!.line,
				`A \`single\` question has ${correct} options marked correct`,
				'Mark exactly one option `[x]`, or make it `type: multiple` with "(Choose N.)" in the stem.'
			);
		}
		if (asked !== undefined && asked !== 1) {
			at(
				stemLine,
				`The stem asks to choose ${asked} but the question is \`single\``,
				'Use `type: multiple`.'
			);
		}
		return;
	}
	if (asked === undefined) {
		at(
			stemLine,
			'A `multiple` question must say how many to choose',
			'End the stem with "(Choose TWO.)" or "(Choose THREE.)".'
		);
	} else if (asked !== correct) {
		at(
			stemLine,
			`The stem says choose ${asked} but ${correct} options are marked correct`,
			`Mark exactly ${asked} options \`[x]\`, or change the stem.`
		);
	}
	if (correct === options.length) {
		at(
			options[0]!.line,
			'Every option is marked correct',
			'A `multiple` question needs wrong options too.'
		);
	}
}
