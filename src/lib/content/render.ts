import { Marked, type Tokens } from 'marked';
import { escapeHtml, isSafeUrl } from './sanitize-html.ts';
import type { Lesson, LessonSource, Question, QuestionSource } from './types.ts';

/** Turns markdown into HTML; `inline` renders a short text without a wrapping paragraph. */
export type MarkdownRenderer = (markdown: string, inline?: boolean) => string;

const calloutTitles: Record<string, string> = { TIP: 'Tip', NOTE: 'Note', WARNING: 'Warning' };

/**
 * A renderer on its own `Marked` instance: raw HTML in markdown is shown as text, links must be
 * https, mailto or a hash route, images are replaced by their alt text (the app works offline),
 * and `> [!TIP]` blockquotes become callouts.
 */
export function createMarkdown(): MarkdownRenderer {
	const marked = new Marked({ gfm: true, breaks: false, async: false });
	marked.use({
		renderer: {
			html({ text }: Tokens.HTML | Tokens.Tag): string {
				return escapeHtml(text);
			},
			image({ text }: Tokens.Image): string {
				return escapeHtml(text);
			},
			link({ href, title, tokens }: Tokens.Link): string {
				const inner = this.parser.parseInline(tokens);
				if (!isSafeUrl(href)) return inner;
				const external = !href.startsWith('#');
				return (
					`<a href="${escapeHtml(href)}"` +
					(title ? ` title="${escapeHtml(title)}"` : '') +
					(external ? ' rel="noopener noreferrer" target="_blank"' : '') +
					`>${inner}</a>`
				);
			},
			blockquote({ tokens }: Tokens.Blockquote): string {
				const body = this.parser.parse(tokens);
				const m = /^<p>\[!(TIP|NOTE|WARNING)\]\s*(?:<br>\s*)?/.exec(body);
				if (!m) return `<blockquote>\n${body}</blockquote>\n`;
				const kind = m[1]!;
				const after = body.slice(m[0].length);
				const content = after.startsWith('</p>') ? after.replace(/^<\/p>\s*/, '') : `<p>${after}`;
				return (
					`<aside class="callout callout-${kind.toLowerCase()}" role="note">` +
					`<p class="callout-title">${calloutTitles[kind]}</p>\n${content}</aside>\n`
				);
			}
		}
	});
	return (markdown, inline = false) => {
		if (inline && !/\n\s*\n/.test(markdown)) return marked.parseInline(markdown) as string;
		return marked.parse(markdown) as string;
	};
}

/** Renders a question's markdown to HTML and passes every piece through `sanitize`. */
export function renderQuestion(
	q: QuestionSource,
	render: MarkdownRenderer,
	sanitize: (html: string) => string,
	origin: string
): Question {
	const html = (md: string, inline = false) => sanitize(render(md, inline));
	const { stem, options, hint, explanation, ...meta } = q;
	return {
		...meta,
		origin,
		stem: html(stem),
		options: options.map((o) => ({
			html: html(o.text, true),
			correct: o.correct,
			...(o.explanation ? { explanation: html(o.explanation) } : {})
		})),
		...(hint ? { hint: html(hint) } : {}),
		...(explanation ? { explanation: html(explanation) } : {})
	};
}

/** Renders a lesson's markdown blocks to sanitized HTML, keeping flow embeds as data. */
export function renderLesson(
	l: LessonSource,
	render: MarkdownRenderer,
	sanitize: (html: string) => string
): Lesson {
	return {
		...l,
		blocks: l.blocks.map((b) =>
			b.kind === 'markdown' ? { kind: 'html', html: sanitize(render(b.text)) } : b
		)
	};
}
