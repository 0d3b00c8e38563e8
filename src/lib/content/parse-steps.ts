import { flows, type FlowFamily } from '../flows/catalogue.ts';
import { placeholderNames, variantKeys, type VariantKey } from '../flows/step-variant.ts';
import { unknownFactParts } from './fact-tags.ts';
import { parseFrontMatter } from './front-matter.ts';
import { MetaReader } from './meta.ts';
import { withinFile } from './problems.ts';
import type { ProseFieldName, ProseTemplate, ProseWhen } from './step-prose.ts';
import type { Problem } from './types.ts';

/** Where a placeholder sits in its file, for the checks that run once every file is known. */
export interface PlaceholderAt {
	name: string;
	line: number;
	column: number;
}

/** One `### field [condition]` heading with its paragraphs. */
export interface ParsedStepField {
	name: ProseFieldName;
	heading: string;
	when?: ProseWhen;
	line: number;
	text: ProseTemplate[];
	/** The placeholders of each paragraph, parallel to `text`. */
	placeholders: PlaceholderAt[][];
}

/** One `## step-id [condition]` section. */
export interface ParsedStepSection {
	step: string;
	heading: string;
	when?: ProseWhen;
	line: number;
	fields: ParsedStepField[];
}

export interface ParsedStepFile {
	file: string;
	/** The families the file writes for (front matter `families`). */
	families: FlowFamily[];
	sections: ParsedStepSection[];
	problems: Problem[];
}

const familyNames: readonly FlowFamily[] = ['enhanced', 'basic'];

/** Field headings as written, and the field each one fills. */
const fieldNames: Record<string, ProseFieldName> = {
	narration: 'narration',
	why: 'why',
	facts: 'facts',
	'exam tip': 'examTip',
	ambiguous: 'ambiguous'
};

/** `{name}` is a placeholder; `${...}` (an IAM policy variable) is text. */
const placeholder = /(?<!\$)\{([A-Za-z][\w-]*)\}/g;

interface Line {
	text: string;
	no: number;
}

/** Where each line of a paragraph starts in the joined text, to map offsets back to the file. */
interface Paragraph {
	text: string;
	starts: { offset: number; line: number; column: number }[];
}

function joinParagraph(lines: Line[]): Paragraph {
	let text = '';
	const starts: Paragraph['starts'] = [];
	for (const l of lines) {
		if (text) text += ' ';
		const lead = l.text.length - l.text.trimStart().length;
		starts.push({ offset: text.length, line: l.no, column: lead + 1 });
		text += l.text.trim();
	}
	return { text, starts };
}

function positionIn(p: Paragraph, offset: number): { line: number; column: number } {
	let at = p.starts[0]!;
	for (const s of p.starts) if (s.offset <= offset) at = s;
	return { line: at.line, column: at.column + offset - at.offset };
}

/** Splits a heading's text into its id and its `[condition]`, checking the condition. */
function readHeading(
	file: string,
	line: Line,
	marks: number,
	problems: Problem[]
): { id: string; when?: ProseWhen } | undefined {
	const body = line.text.slice(marks + 1);
	const m = /^\s*([^[\]]*?)\s*(?:\[(.*)\]\s*)?$/.exec(body);
	const at = (offset: number) => marks + 2 + offset;
	if (!m) {
		problems.push({
			file,
			line: line.no,
			column: 1,
			message: `Cannot read this heading: \`${line.text.trim()}\``,
			hint: 'Write the name, then an optional condition in square brackets, e.g. `## get-id [identity=guest]`.'
		});
		return undefined;
	}
	const id = m[1]!;
	if (m[2] === undefined) return { id };
	const condStart = body.indexOf('[') + 1;
	const when: ProseWhen = {};
	for (const pair of m[2].matchAll(/\S+/g)) {
		const column = at(condStart + pair.index);
		const [key = '', list] = pair[0].split('=', 2);
		if (list === undefined || list === '') {
			problems.push({
				file,
				line: line.no,
				column,
				message: `Cannot read the condition \`${pair[0]}\``,
				hint: 'Write `key=value`, with several values joined by commas: `provider=facebook,amazon`.'
			});
			continue;
		}
		if (!(key in variantKeys)) {
			problems.push({
				file,
				line: line.no,
				column,
				message: `Unknown variant key \`${key}\``,
				hint: `Use one of: ${Object.keys(variantKeys).join(', ')}.`
			});
			continue;
		}
		const allowed = variantKeys[key as VariantKey];
		let offset = key.length + 1;
		const values: string[] = [];
		for (const v of list.split(',')) {
			if (!allowed.includes(v)) {
				problems.push({
					file,
					line: line.no,
					column: column + offset,
					message: `Unknown value \`${v}\` for \`${key}\``,
					hint: `Use one of: ${allowed.join(', ')}.`
				});
			} else values.push(v);
			offset += v.length + 1;
		}
		if (key in when) {
			problems.push({
				file,
				line: line.no,
				column,
				message: `The condition names \`${key}\` twice`,
				hint: 'List every value once: `provider=facebook,amazon`.'
			});
		}
		when[key] = values;
	}
	return { id, when };
}

/**
 * Parses one step file of `content/steps`: front matter with the families it writes for, then
 * `## step-id` sections with `### narration`, `### why`, `### facts`, `### exam tip` and
 * `### ambiguous` fields, each heading with an optional `[key=value]` condition.
 */
export function parseStepFile(file: string, source: string): ParsedStepFile {
	const lines = source.split(/\r?\n/);
	const problems: Problem[] = [];
	const out: ParsedStepFile = { file, families: [], sections: [], problems };
	let start = 0;
	while (start < lines.length && lines[start]!.trim() === '') start++;
	if (lines[start]?.trim() !== '---') {
		problems.push({
			file,
			line: start + 1,
			column: 1,
			message: 'Missing front matter: a step file starts with a `---` line',
			hint: 'Start with `---`, then `families: [enhanced, basic]` (the families it writes for), then `---`.'
		});
		out.problems = withinFile(lines, problems);
		return out;
	}
	const fm = parseFrontMatter(file, lines, start);
	problems.push(...fm.problems);
	const meta = new MetaReader(file, fm, start + 1);
	meta.unknownKeys(['families']);
	for (const f of meta.list('families') ?? []) {
		if ((familyNames as readonly string[]).includes(f)) out.families.push(f as FlowFamily);
		else
			meta.report(
				fm.entries.get('families'),
				`Unknown flow family \`${f}\``,
				`Use ${familyNames.join(' and ')}.`
			);
	}
	problems.push(...meta.problems);
	const ofFamilies = flows.filter((f) => out.families.includes(f.family));
	const knownSteps = new Set(ofFamilies.flatMap((f) => f.steps));

	let section: ParsedStepSection | undefined;
	let field: { parsed: ParsedStepField; lines: Line[] } | undefined;
	/** Under a heading already reported (an unknown field), whose text is not checked again. */
	let skipping = false;
	const closeField = () => {
		skipping = false;
		if (!field || !section) return;
		const paragraphs: Line[][] = [];
		let current: Line[] = [];
		for (const l of [...field.lines, { text: '', no: 0 }]) {
			if (l.text.trim() === '') {
				if (current.length) paragraphs.push(current);
				current = [];
			} else current.push(l);
		}
		const f = field.parsed;
		const heading = `\`### ${f.heading}\` of \`## ${section.step}\``;
		if (paragraphs.length === 0) {
			problems.push({
				file,
				line: f.line,
				column: 1,
				message: `${heading} has no text`,
				hint: 'Write the text on the lines under the heading, or remove the heading.'
			});
		} else if (paragraphs.length > 1 && f.name !== 'ambiguous') {
			problems.push({
				file,
				line: paragraphs[1]![0]!.no,
				column: 1,
				message: `${heading} has more than one paragraph`,
				hint: 'The app shows it as one paragraph: remove the blank line.'
			});
		}
		for (const lines of f.name === 'ambiguous' ? paragraphs : paragraphs.slice(0, 1)) {
			const p = joinParagraph(lines);
			if (f.name === 'facts') {
				for (const bad of unknownFactParts(p.text)) {
					problems.push({
						file,
						...positionIn(p, bad.offset),
						message: `Unknown fact tag \`${bad.part}\``,
						hint: 'Name tags of the fact sheet’s Sources table, joined by `; ` (src/lib/content/fact-tags.ts).'
					});
				}
				f.text.push(p.text);
				f.placeholders.push([]);
				continue;
			}
			const parts: string[] = [];
			const found: PlaceholderAt[] = [];
			let last = 0;
			for (const m of p.text.matchAll(placeholder)) {
				const name = m[1]!;
				const at = positionIn(p, m.index);
				if (!(placeholderNames as readonly string[]).includes(name)) {
					problems.push({
						file,
						...at,
						message: `Unknown placeholder \`{${name}}\``,
						hint: `Use one of: ${placeholderNames.map((n) => `{${n}}`).join(', ')}; write \`\${...}\` for an IAM policy variable.`
					});
					continue;
				}
				parts.push(p.text.slice(last, m.index), name);
				found.push({ name, ...at });
				last = m.index + m[0].length;
			}
			parts.push(p.text.slice(last));
			f.text.push(parts.length === 1 ? parts[0]! : parts);
			f.placeholders.push(found);
		}
		if (f.text.length) section.fields.push(f);
		field = undefined;
	};
	const closeSection = () => {
		closeField();
		if (section && section.fields.length === 0) {
			problems.push({
				file,
				line: section.line,
				column: 1,
				message: `\`## ${section.heading}\` has no text`,
				hint: 'Add `### narration`, `### why` and `### facts` under it.'
			});
		}
		if (section) out.sections.push(section);
		section = undefined;
	};

	for (let i = fm.end; i < lines.length; i++) {
		const line: Line = { text: lines[i]!, no: i + 1 };
		const marks = /^(#+)\s/.exec(line.text)?.[1]?.length ?? 0;
		if (marks === 1 && !section) continue;
		if (marks === 2) {
			closeSection();
			const h = readHeading(file, line, 2, problems);
			if (!h) continue;
			if (!knownSteps.has(h.id) && out.families.length > 0) {
				problems.push({
					file,
					line: line.no,
					column: 4,
					message: `Unknown step \`${h.id}\``,
					hint: `The ${out.families.join(' and ')} flows run: ${[...knownSteps].join(', ')}.`
				});
			}
			section = {
				step: h.id,
				heading: line.text.slice(3).trim(),
				...(h.when ? { when: h.when } : {}),
				line: line.no,
				fields: []
			};
			continue;
		}
		if (marks === 3 && section) {
			closeField();
			const h = readHeading(file, line, 3, problems);
			if (!h) continue;
			const name = fieldNames[h.id];
			if (!name) {
				problems.push({
					file,
					line: line.no,
					column: 5,
					message: `Unknown field \`### ${h.id}\``,
					hint: `Use ${Object.keys(fieldNames).join(', ')}.`
				});
				skipping = true;
				continue;
			}
			field = {
				parsed: {
					name,
					heading: line.text.slice(4).trim(),
					...(h.when ? { when: h.when } : {}),
					line: line.no,
					text: [],
					placeholders: []
				},
				lines: []
			};
			continue;
		}
		if (marks > 0) {
			problems.push({
				file,
				line: line.no,
				column: 1,
				message: `Unexpected heading \`${line.text.trim()}\``,
				hint: 'Step files use `## step-id` for a step and `### field` for its texts.'
			});
			continue;
		}
		if (field) field.lines.push(line);
		else if (section && !skipping && line.text.trim() !== '') {
			problems.push({
				file,
				line: line.no,
				column: 1,
				message: `Text under \`## ${section.heading}\` must come under a field heading`,
				hint: 'Put it under `### narration`, `### why`, `### facts`, `### exam tip` or `### ambiguous`.'
			});
		}
	}
	closeSection();
	out.problems = withinFile(lines, problems);
	return out;
}
