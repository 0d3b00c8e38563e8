import { slugify } from './plan.ts';

/**
 * Lesson sections for plan items: a section is a `##` heading and everything up to the next one,
 * named by the heading's slug. The checker reads headings from markdown, the app from the rendered
 * HTML, and both give the same slug.
 */

/** Slugs of every `##` heading in markdown text, skipping fenced code. */
export function sectionSlugs(markdown: string): string[] {
	const out: string[] = [];
	let fenced = false;
	for (const line of markdown.split(/\r?\n/)) {
		if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
		else if (!fenced && /^##\s/.test(line)) out.push(slugify(line.replace(/^##\s+/, '')));
	}
	return out;
}

function textOf(html: string): string {
	return html
		.replace(/<[^>]*>/g, '')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

/**
 * The HTML of one section of a lesson's rendered blocks, from its `<h2>` to the next. Without a
 * section, every HTML block. Flow embeds are left out: a plan shows flows as items of their own.
 */
export function sectionHtml(
	blocks: readonly ({ kind: 'html'; html: string } | { kind: string })[],
	section?: string
): string {
	const html = blocks
		.filter((b): b is { kind: 'html'; html: string } => b.kind === 'html')
		.map((b) => b.html)
		.join('\n');
	if (!section) return html;
	const parts = html.split(/(?=<h2[\s>])/);
	const found = parts.find((p) => {
		const m = /^<h2[^>]*>([\s\S]*?)<\/h2>/.exec(p);
		return m !== null && slugify(textOf(m[1]!)) === section;
	});
	return found ?? '';
}

/** Slugs of every `<h2>` in rendered lesson blocks: the sections a plan item may show. */
export function sectionSlugsFromHtml(
	blocks: readonly ({ kind: 'html'; html: string } | { kind: string })[]
): string[] {
	const out: string[] = [];
	for (const b of blocks) {
		if (b.kind !== 'html') continue;
		for (const m of (b as { html: string }).html.matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g))
			out.push(slugify(textOf(m[1]!)));
	}
	return out;
}
