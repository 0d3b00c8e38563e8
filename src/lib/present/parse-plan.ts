import { findFlow } from '../flows/catalogue.ts';
import { breakOptions } from '../flows/break-options.ts';
import { decodeFlowLink } from '../flows/deep-link.ts';
import { parseFrontMatter } from '../content/front-matter.ts';
import { MetaReader } from '../content/meta.ts';
import type { Problem } from '../content/types.ts';
import { slugify, type Plan, type PlanItem } from './plan.ts';

/** What a plan may point at: lessons with their section slugs, and question ids. */
export interface PlanContext {
	lessons: ReadonlyMap<string, ReadonlySet<string>>;
	questionIds: ReadonlySet<string>;
}

/** Limits on a plan a user imports, so a stray large file cannot fill the device's storage. */
export const planLimits = {
	bytes: 100_000,
	items: 100,
	title: 120,
	notes: 4_000,
	minutes: 600
} as const;

const planKeys = ['title', 'minutes', 'summary'];
const flowParams = new Set(['from', 'to', 'compareProvider', ...breakOptions.map((o) => o.param)]);

/** Removes control characters and line breaks from a one-line text such as a title. */
export function cleanLine(text: string, max: number = planLimits.title): string {
	// eslint-disable-next-line no-control-regex
	const plain = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
	return plain
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^[[{'"]+/, '')
		.slice(0, max);
}

/**
 * Speaker notes as the format keeps them: plain text, no control characters, at most one blank
 * line in a row, and no line that would read as a new item's heading.
 */
export function cleanNotes(text: string, max: number = planLimits.notes): string {
	return (
		text
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
			.replace(/\r\n?/g, '\n')
			.split('\n')
			.map((l) =>
				l
					.replace(/\s+$/, '')
					.replace(/^#{1,2}(\s|$)/, '$1')
					.replace(/^::/, ':')
			)
			.join('\n')
			.replace(/\n{3,}/g, '\n\n')
			.trim()
			.slice(0, max)
			.trim()
	);
}

interface Token {
	text: string;
	column: number;
}

function tokens(line: string): Token[] {
	const out: Token[] = [];
	for (const m of line.matchAll(/\S+/g)) out.push({ text: m[0], column: (m.index ?? 0) + 1 });
	return out;
}

/** The plan id for a file: its name without folders and `.md`. */
export function planIdFromFile(file: string): string {
	return slugify(file.replace(/^.*\//, '').replace(/\.(md|markdown|txt)$/i, '')) || 'plan';
}

/**
 * Parses a plan file and checks every item against the flow catalogue, the lessons and the
 * question bank. Returns the plan only when there is no problem; each problem has its line and
 * column in the file.
 */
export function parsePlan(
	file: string,
	source: string,
	ctx: PlanContext
): { plan?: Plan; problems: Problem[] } {
	const problems: Problem[] = [];
	const report = (line: number, column: number, message: string, hint?: string) =>
		problems.push({ file, line, column, message, ...(hint ? { hint } : {}) });
	if (source.length > planLimits.bytes) {
		report(
			1,
			1,
			`The plan is too large (${source.length} characters)`,
			`Keep it under ${planLimits.bytes}.`
		);
		return { problems };
	}
	const lines = source.split(/\r?\n/);
	let start = 0;
	while (start < lines.length && lines[start]!.trim() === '') start++;
	if (lines[start]?.trim() !== '---') {
		report(
			start + 1,
			1,
			'Missing front matter: a plan starts with a `---` line',
			'Start with `---`, then `title:` and `minutes:`, then `---`.'
		);
		return { problems };
	}
	const fm = parseFrontMatter(file, lines, start);
	problems.push(...fm.problems);
	const meta = new MetaReader(file, fm, start + 1);
	meta.unknownKeys(planKeys);
	const title = meta.text('title');
	const summary = meta.text('summary', false);
	const minutesText = meta.text('minutes');
	let minutes: number | undefined;
	if (minutesText !== undefined) {
		const n = Number(minutesText);
		if (/^\d+$/.test(minutesText) && n >= 1 && n <= planLimits.minutes) minutes = n;
		else
			meta.report(
				fm.entries.get('minutes'),
				`\`minutes\` must be a whole number from 1 to ${planLimits.minutes}, not \`${minutesText}\``
			);
	}
	problems.push(...meta.problems);

	const items: PlanItem[] = [];
	let i = fm.end;
	for (; i < lines.length && !/^##\s/.test(lines[i]!); i++) {
		if (lines[i]!.trim() !== '')
			report(
				i + 1,
				1,
				'Text before the first item',
				'Every item starts with a `## Title` line; notes go under an item.'
			);
	}
	while (i < lines.length) {
		const headingLine = i + 1;
		const itemTitle = cleanLine(lines[i]!.replace(/^##\s+/, ''));
		i++;
		const body: { text: string; line: number }[] = [];
		for (; i < lines.length && !/^##\s/.test(lines[i]!); i++)
			body.push({ text: lines[i]!, line: i + 1 });
		if (!itemTitle) report(headingLine, 4, 'An item needs a title after `##`');
		const first = body.findIndex((b) => b.text.trim() !== '');
		const directive = first >= 0 ? body[first]! : undefined;
		if (!directive || !directive.text.trimStart().startsWith('::')) {
			report(
				directive?.line ?? headingLine,
				1,
				`The item "${itemTitle}" has no \`::\` line saying what it shows`,
				'Under the heading write `::flow <flow-id>`, `::compare <flow-id> <flow-id>`, `::lesson <slug>` or `::question <id>`.'
			);
			continue;
		}
		const notes = cleanNotes(
			body
				.slice(first + 1)
				.map((b) => b.text)
				.join('\n')
		);
		if (notes.length >= planLimits.notes)
			report(
				directive.line + 1,
				1,
				`The notes of "${itemTitle}" are too long`,
				`Keep them under ${planLimits.notes} characters.`
			);
		const item = parseDirective(directive.text, directive.line, ctx, report);
		if (item && itemTitle)
			items.push({ ...item, title: itemTitle, notes, line: headingLine } as PlanItem);
	}
	if (items.length === 0 && problems.length === 0)
		report(
			fm.end + 1,
			1,
			'The plan has no items',
			'Add at least one `## Title` with a `::` line under it.'
		);
	if (items.length > planLimits.items)
		report(1, 1, `The plan has ${items.length} items`, `Keep it to ${planLimits.items} or fewer.`);
	if (problems.length || !title || minutes === undefined) return { problems };
	return {
		plan: {
			id: planIdFromFile(file),
			title: cleanLine(title),
			minutes,
			...(summary ? { summary: cleanLine(summary, 300) } : {}),
			items
		},
		problems
	};
}

type Report = (line: number, column: number, message: string, hint?: string) => void;
type Parsed = PlanItem extends infer T
	? T extends PlanItem
		? Omit<T, 'title' | 'notes' | 'line'>
		: never
	: never;

function parseDirective(
	text: string,
	line: number,
	ctx: PlanContext,
	report: Report
): Parsed | undefined {
	const [head, ...rest] = tokens(text);
	const name = head!.text.slice(2);
	const args = rest.filter((t) => !t.text.includes('='));
	const pairs = rest.filter((t) => t.text.includes('='));
	const at = (t: Token | undefined) => t?.column ?? head!.column;
	const noPairs = (allowed: string[]) => {
		for (const p of pairs) {
			const key = p.text.slice(0, p.text.indexOf('='));
			if (!allowed.includes(key))
				report(
					line,
					p.column,
					`\`::${name}\` takes no \`${key}=\``,
					allowed.length ? `It takes: ${allowed.join(', ')}.` : undefined
				);
		}
	};
	switch (name) {
		case 'lesson': {
			noPairs(['section']);
			const slug = args[0]?.text;
			if (!slug || args.length > 1) {
				report(
					line,
					at(args[1] ?? head),
					'`::lesson` takes one lesson slug',
					'e.g. `::lesson the-enhanced-flow section=the-short-version`.'
				);
				return undefined;
			}
			const sections = ctx.lessons.get(slug);
			if (!sections) {
				report(
					line,
					args[0]!.column,
					`There is no lesson \`${slug}\``,
					`Lessons: ${[...ctx.lessons.keys()].join(', ')}.`
				);
				return undefined;
			}
			const sectionPair = pairs.find((p) => p.text.startsWith('section='));
			const section = sectionPair?.text.slice('section='.length);
			if (section !== undefined && !sections.has(section)) {
				report(
					line,
					sectionPair!.column,
					`The lesson \`${slug}\` has no section \`${section}\``,
					`Sections: ${[...sections].join(', ')}.`
				);
				return undefined;
			}
			return { kind: 'lesson', lesson: slug, ...(section ? { section } : {}) };
		}
		case 'question': {
			noPairs([]);
			const id = args[0]?.text;
			if (!id || args.length > 1) {
				report(line, at(args[1] ?? head), '`::question` takes one question id');
				return undefined;
			}
			if (!ctx.questionIds.has(id)) {
				report(
					line,
					args[0]!.column,
					`There is no question \`${id}\``,
					'Use the `id:` of a question under content/questions.'
				);
				return undefined;
			}
			return { kind: 'question', question: id };
		}
		case 'flow':
		case 'compare': {
			const wanted = name === 'flow' ? 1 : 2;
			if (args.length !== wanted) {
				report(
					line,
					at(args[wanted] ?? head),
					name === 'flow' ? '`::flow` takes one flow id' : '`::compare` takes two flow ids',
					'Flow ids are listed in the flow catalogue in content/README.md.'
				);
				return undefined;
			}
			let ok = true;
			for (const a of args) {
				if (!findFlow(a.text)) {
					report(
						line,
						a.column,
						`Unknown flow \`${a.text}\``,
						'Use a flow id from the flow catalogue in content/README.md.'
					);
					ok = false;
				}
			}
			const params = new URLSearchParams();
			for (const p of pairs) {
				const eq = p.text.indexOf('=');
				const key = p.text.slice(0, eq);
				if (!flowParams.has(key)) {
					report(
						line,
						p.column,
						`Unknown setting \`${key}\``,
						`Settings: ${[...flowParams].join(', ')}.`
					);
					ok = false;
				} else params.set(key, p.text.slice(eq + 1));
			}
			if (!ok) return undefined;
			const flow = findFlow(args[0]!.text)!;
			const from = params.get('from') ?? undefined;
			const to = params.get('to') ?? undefined;
			params.delete('from');
			params.delete('to');
			if (args[1]) params.set('compare', args[1].text);
			for (const [key, value] of [
				['from', from],
				['to', to]
			] as const) {
				if (value !== undefined && !flow.steps.includes(value)) {
					const token = pairs.find((p) => p.text.startsWith(`${key}=`));
					report(
						line,
						at(token),
						`The flow \`${flow.id}\` has no step \`${value}\``,
						`Steps: ${flow.steps.join(', ')}.`
					);
					ok = false;
				}
			}
			if (ok && from && to && flow.steps.indexOf(from) > flow.steps.indexOf(to)) {
				report(
					line,
					head!.column,
					`\`from=${from}\` comes after \`to=${to}\``,
					'Start the walkthrough before it ends.'
				);
				ok = false;
			}
			const decoded = decodeFlowLink(flow.id, params);
			for (const problem of decoded.problems) {
				report(line, head!.column, problem);
				ok = false;
			}
			if (!ok) return undefined;
			return { kind: 'flow', link: decoded.link, ...(from ? { from } : {}), ...(to ? { to } : {}) };
		}
		default:
			report(
				line,
				head!.column,
				`Unknown item kind \`::${name}\``,
				'Use `::flow`, `::compare`, `::lesson` or `::question`.'
			);
			return undefined;
	}
}
