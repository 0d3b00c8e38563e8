import { withinFile } from './problems.ts';
import type { FlowId, ProviderId } from '../flows/catalogue.ts';
import { parseFrontMatter } from './front-matter.ts';
import { findLinks, type FoundLink } from './links.ts';
import { checkFlowRef, MetaReader } from './meta.ts';
import type { LessonSource, Problem } from './types.ts';
import { topicIds } from './vocabulary.ts';

/** A parsed lesson with the links it contains, which are checked once every file is known. */
export interface ParsedLesson {
	lesson: LessonSource;
	links: FoundLink[];
}

const lessonKeys = ['title', 'summary', 'topics', 'order'];
const fileName = /(?:^|\/)(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
const fence = /^\s*(```|~~~)/;

/** The slug of a lesson file (`content/lessons/03-enhanced-flow.md` gives `enhanced-flow`). */
export function lessonSlug(file: string): string | undefined {
	return fileName.exec(file)?.[2];
}

/** Parses one lesson file: front matter, then markdown with `::flow` directives. */
export function parseLessonFile(
	file: string,
	source: string
): { lesson?: ParsedLesson; links: FoundLink[]; problems: Problem[] } {
	const lines = source.split(/\r?\n/);
	const problems: Problem[] = [];
	const named = fileName.exec(file);
	if (!named) {
		problems.push({
			file,
			line: 1,
			column: 1,
			message: 'A lesson file name must look like `NN-slug.md`',
			hint: 'Use a number for the order and lowercase words joined by `-`, e.g. `03-enhanced-flow.md`.'
		});
	}
	let start = 0;
	while (start < lines.length && lines[start]!.trim() === '') start++;
	if (lines[start]?.trim() !== '---') {
		problems.push({
			file,
			line: start + 1,
			column: 1,
			message: 'Missing front matter: a lesson starts with a `---` line',
			hint: 'Start with `---`, then `title:`, `summary:`, `topics:` and `order:`, then `---`.'
		});
		return { links: [], problems: withinFile(lines, problems) };
	}
	const fm = parseFrontMatter(file, lines, start);
	problems.push(...fm.problems);
	const meta = new MetaReader(file, fm, start + 1);
	meta.unknownKeys(lessonKeys);
	const title = meta.text('title');
	const summary = meta.text('summary');
	const topics = meta.list('topics');
	const topicsEntry = fm.entries.get('topics');
	topics?.forEach((t) => {
		if (!topicIds.includes(t)) {
			meta.report(topicsEntry, `Unknown topic \`${t}\``, `Use topic ids from content/README.md.`);
		}
	});
	const orderText = meta.text('order');
	let order: number | undefined;
	if (orderText !== undefined) {
		if (/^\d+$/.test(orderText)) order = Number(orderText);
		else
			meta.report(
				fm.entries.get('order'),
				`\`order\` must be a whole number, not \`${orderText}\``
			);
	}
	if (order !== undefined && named && Number(named[1]) !== order) {
		meta.report(
			fm.entries.get('order'),
			`\`order: ${order}\` does not match the file name's number ${named[1]}`,
			'Make the number in the file name and `order` agree.'
		);
	}
	problems.push(...meta.problems);

	const blocks: LessonSource['blocks'] = [];
	let markdown: string[] = [];
	let inFence = false;
	const flush = () => {
		const text = markdown.join('\n').trim();
		if (text) blocks.push({ kind: 'markdown', text });
		markdown = [];
	};
	for (let i = fm.end; i < lines.length; i++) {
		const line = lines[i]!;
		if (fence.test(line)) inFence = !inFence;
		if (inFence || !line.startsWith('::')) {
			markdown.push(line);
			continue;
		}
		const report = (message: string, hint: string, column = 1) =>
			problems.push({ file, line: i + 1, column, message, hint });
		const m = /^::flow\s+(\S+)((?:\s+[a-z]+=\S+)*)\s*$/.exec(line);
		if (!m) {
			report(
				`Cannot read the directive \`${line.trim()}\``,
				'Write `::flow <flow-id> step=<step-id>` with an optional `provider=<provider-id>`.'
			);
			continue;
		}
		const params = new Map<string, string>();
		for (const pair of m[2]!.trim().split(/\s+/).filter(Boolean)) {
			const [k, v] = pair.split('=') as [string, string];
			if (k !== 'step' && k !== 'provider') {
				report(`Unknown \`::flow\` parameter \`${k}\``, 'Only `step=` and `provider=` are known.');
			}
			params.set(k, v);
		}
		const ref = checkFlowRef(
			m[1]!,
			params.get('step'),
			params.get('provider'),
			(which, message, hint) =>
				report(message, hint, which === 'flow' ? 8 : Math.max(1, line.indexOf(`${which}=`) + 1))
		);
		if (ref.flow && ref.step) {
			flush();
			blocks.push({
				kind: 'flow',
				flow: ref.flow as FlowId,
				step: ref.step,
				...(ref.provider ? { provider: ref.provider as ProviderId } : {})
			});
		}
	}
	flush();
	if (blocks.length === 0) {
		problems.push({
			file,
			line: fm.end + 1,
			column: 1,
			message: 'The lesson has no body',
			hint: 'Write the lesson in markdown after the front matter.'
		});
	}
	const slug = named?.[2];
	const links = findLinks(lines.slice(fm.end), fm.end + 1);
	withinFile(lines, problems);
	if (!slug || !title || !summary || !topics || order === undefined) return { links, problems };
	return {
		lesson: { lesson: { slug, title, summary, topics, order, file, blocks }, links },
		links,
		problems
	};
}
