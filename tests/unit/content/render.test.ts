import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../../src/lib/content/bundle.ts';
import { createMarkdown } from '../../../src/lib/content/render.ts';
import { isSafeUrl } from '../../../src/lib/content/sanitize-html.ts';
import { sanitizeHtml } from '../../../src/lib/content/node-sanitizer.ts';
import { readContentFiles } from '../../../src/lib/content/read-files.ts';
import { fixturesRoot } from './fixtures.ts';

const render = createMarkdown();
const html = (md: string) => sanitizeHtml(render(md));

describe('createMarkdown', () => {
	it('turns a [!TIP] blockquote into a callout with a title', () => {
		expect(html('> [!TIP]\n> Exam tip: *no* role ARN.')).toBe(
			'<aside class="callout callout-tip" role="note"><p class="callout-title">Tip</p>\n<p>Exam tip: <em>no</em> role ARN.</p>\n</aside>\n'
		);
		expect(html('> [!WARNING]\n>\n> Careful.')).toContain(
			'<p class="callout-title">Warning</p>\n<p>Careful.</p>'
		);
	});

	it('keeps an ordinary blockquote', () => {
		expect(html('> just a quote')).toBe('<blockquote>\n<p>just a quote</p>\n</blockquote>\n');
	});

	it('shows raw HTML as text instead of running it', () => {
		const out = html('Hi <script>window.__xss = 1</script> <img src=x onerror="alert(1)">');
		expect(out).not.toContain('<script');
		expect(out).not.toContain('<img');
		expect(out).toContain('&lt;script&gt;');
	});

	it('drops javascript:, data: and http: links but keeps their text', () => {
		const out = html(
			'[a](javascript:alert(1)) [b](data:text/html,x) [c](http://x.y) [d](#/lessons/x)'
		);
		expect(out).toBe('<p>a b c <a href="#/lessons/x">d</a></p>\n');
	});

	it('opens https links in a new tab without an opener', () => {
		expect(html('[AWS](https://docs.aws.amazon.com/)')).toBe(
			'<p><a href="https://docs.aws.amazon.com/" rel="noopener noreferrer" target="_blank">AWS</a></p>\n'
		);
	});

	it('renders a short text inline, without a paragraph', () => {
		expect(sanitizeHtml(render('`GetId` first', true))).toBe('<code>GetId</code> first');
	});

	it('uses its own Marked instance, so two renderers do not share options', () => {
		expect(createMarkdown()('x')).toBe(render('x'));
	});
});

describe('sanitizeHtml', () => {
	it('removes unknown tags, event handlers and styles, keeping allowed markup', () => {
		expect(
			sanitizeHtml('<svg onload="x()"><p onclick="y" style="color:red" class="ok">t</p>')
		).toBe('<p class="ok">t</p>');
		expect(
			sanitizeHtml('<p>a<script>window.x = 1</script><iframe src="https://x.y"></iframe></p>')
		).toBe('<p>a</p>');
	});

	it('keeps attribute values only where they are the expected ones', () => {
		expect(sanitizeHtml('<aside role="alert" class="callout">x</aside>')).toBe(
			'<aside class="callout">x</aside>'
		);
		expect(sanitizeHtml('<a href="https://x.y/" target="_top">x</a>')).toBe(
			'<a href="https://x.y/">x</a>'
		);
		expect(sanitizeHtml('<a href="https://x.y/" target="_blank">x</a>')).toBe(
			'<a href="https://x.y/" target="_blank" rel="noopener noreferrer">x</a>'
		);
	});

	it('removes unsafe hrefs, including entity-encoded ones', () => {
		expect(sanitizeHtml('<a href="javascript:alert(1)">x</a>')).toBe('<a>x</a>');
		expect(sanitizeHtml('<a href="&#106;avascript:alert(1)">x</a>')).toBe('<a>x</a>');
	});

	it('removes http, data and protocol-relative links', () => {
		expect(sanitizeHtml('<a href="http://x.y/">x</a>')).toBe('<a>x</a>');
		expect(sanitizeHtml('<a href="data:text/html,x">x</a>')).toBe('<a>x</a>');
		expect(sanitizeHtml('<a href="//evil.example/">x</a>')).toBe('<a>x</a>');
	});

	it('closes tags left open and drops stray closing tags', () => {
		expect(sanitizeHtml('<p><em>x</p></div>')).toBe('<p><em>x</em></p>');
	});

	it('accepts only https, mailto and hash-route URLs', () => {
		expect(isSafeUrl('https://docs.aws.amazon.com/x')).toBe(true);
		expect(isSafeUrl('#/flows/basic-guest?step=2')).toBe(true);
		expect(isSafeUrl('mailto:a@b.c')).toBe(true);
		expect(isSafeUrl(' javascript:alert(1)')).toBe(false);
		expect(isSafeUrl('//evil.example/')).toBe(false);
		expect(isSafeUrl('#top')).toBe(false);
	});
});

describe('buildBundle', () => {
	it('renders lessons and questions to HTML with flow embeds kept as data', () => {
		const { bundle, problems } = buildBundle(readContentFiles(fixturesRoot, 'valid'));
		expect(problems).toEqual([]);
		const lesson = bundle.lessons[0]!;
		expect(lesson.blocks[0]).toEqual({
			kind: 'html',
			html: '<p>An identity pool trades a token for <strong>temporary AWS credentials</strong>.</p>\n'
		});
		expect(lesson.blocks[1]).toMatchObject({ kind: 'flow', flow: 'enhanced-authenticated' });
		const q = bundle.questions[0]!;
		expect(q.origin).toBe('bundled');
		expect(q.options[1]!.html).toBe('Guest access is turned off for the identity pool.');
		expect(q.options[1]!.explanation).toContain('<a href="#/lessons/guest-visits">the lesson</a>');
		expect(q.hint).toBe(
			'<p>Which pool setting lets an app get an identity without signing in?</p>\n'
		);
	});
});
