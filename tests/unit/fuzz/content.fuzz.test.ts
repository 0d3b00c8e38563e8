import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDeckSize, decodeDeck, maxDeckBytes } from '../../../src/lib/content/deck-bytes.ts';
import { prepareDeck } from '../../../src/lib/content/import-deck.ts';
import { parseLessonFile } from '../../../src/lib/content/parse-lesson.ts';
import { parseQuestionFile } from '../../../src/lib/content/parse-question.ts';
import type { Problem } from '../../../src/lib/content/types.ts';
import { fuzz } from './fuzz-runs.ts';

/** Pieces that steer random text into the parsers' interesting paths. */
const fragment = fc.oneof(
	fc.constantFrom(
		'---\n',
		'---',
		'id: q-1\n',
		'type: single\n',
		'type: order\n',
		'topic: guest-access\n',
		'domain: security\n',
		'difficulty: easy\n',
		'concepts: [GetId, ',
		'references:\n  - https://docs.aws.amazon.com/x\n',
		'- [x] ',
		'- [ ] ',
		'1. ',
		'  > ',
		'> [!TIP]\n',
		'::flow enhanced-authenticated step=2\n',
		'[a](#/lessons/x)',
		'`code`',
		'<script>x</script>',
		'\r\n',
		'\n\n',
		'\t',
		'\u0000',
		'\uFEFF',
		'key: "unterminated\n',
		'[[[[[[[[',
		'- - - - -\n'
	),
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 20 })
);
const markdownish = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(''));

/** Every problem points at a place inside the file. */
function inside(source: string, problems: Problem[]): void {
	const lines = source.split(/\r?\n/);
	for (const p of problems) {
		expect(p.line, p.message).toBeGreaterThanOrEqual(1);
		expect(p.line, p.message).toBeLessThanOrEqual(lines.length);
		expect(p.column, p.message).toBeGreaterThanOrEqual(1);
		expect(p.column, p.message).toBeLessThanOrEqual((lines[p.line - 1]?.length ?? 0) + 1);
		expect(p.message.length).toBeGreaterThan(0);
	}
}

describe('content parsers over arbitrary text (fast-check)', { timeout: 120_000 }, () => {
	it('the question parser never throws, and every problem lies inside the file', () => {
		fc.assert(
			fc.property(markdownish, (source) => {
				const { problems } = parseQuestionFile('content/questions/x/fuzz.md', source);
				inside(source, problems);
			}),
			fuzz(3000)
		);
	});

	it('the lesson parser never throws, and every problem lies inside the file', () => {
		fc.assert(
			fc.property(markdownish, (source) => {
				const { problems } = parseLessonFile('content/lessons/01-fuzz.md', source);
				inside(source, problems);
			}),
			fuzz(3000)
		);
	});
});

describe('deck bytes before parsing (fast-check)', { timeout: 120_000 }, () => {
	it('arbitrary bytes are text or refused with one problem inside the file', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
				const result = decodeDeck('deck.md', bytes);
				if (result.ok) {
					expect(new TextEncoder().encode(result.text).length).toBeLessThanOrEqual(bytes.length);
					return;
				}
				const text = new TextDecoder().decode(bytes);
				const lines = text.split('\n');
				expect(result.problem.line).toBeGreaterThanOrEqual(1);
				expect(result.problem.line).toBeLessThanOrEqual(lines.length);
				expect(result.problem.column).toBeGreaterThanOrEqual(1);
				expect(result.problem.message).toMatch(/not UTF-8 text|control character/);
			}),
			fuzz(5000)
		);
	});

	it('any UTF-8 text without control characters decodes to itself', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
				const text = [...s]
					.filter((c) => {
						const n = c.codePointAt(0) ?? 0;
						return !(n < 9 || n === 11 || (n >= 14 && n < 32) || n === 127 || n === 0xfeff);
					})
					.join('');
				const result = decodeDeck('deck.md', new TextEncoder().encode(text));
				expect(result).toEqual({ ok: true, text });
			}),
			fuzz(3000)
		);
	});

	it('names the line and column of invalid UTF-8 and of a NUL byte', () => {
		const bad = decodeDeck('deck.md', new Uint8Array([0x61, 0x0a, 0x62, 0x63, 0xc3, 0x28]));
		expect(bad).toMatchObject({ ok: false, problem: { line: 2, column: 3 } });
		const nul = decodeDeck('deck.md', new TextEncoder().encode('ab\ncd\u0000'));
		expect(nul).toMatchObject({ ok: false, problem: { line: 2, column: 3 } });
		expect(decodeDeck('deck.md', new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({
			ok: true,
			text: 'a'
		});
	});

	it('refuses a deck above the size limit from its size alone', () => {
		expect(checkDeckSize('big.md', maxDeckBytes)).toBeUndefined();
		expect(checkDeckSize('big.md', 50 * 1024 * 1024)?.message).toBe(
			'The deck is 50.0 MB; a deck may be at most 1.0 MB.'
		);
		// 50 MB of zeros: refused for its size, so the bytes are never decoded or parsed.
		const result = decodeDeck('big.md', new Uint8Array(50 * 1024 * 1024));
		expect(result.ok).toBe(false);
		expect(!result.ok && result.problem.message).toMatch(/^The deck is 50\.0 MB/);
	});
});

describe('deck import over arbitrary text (fast-check)', { timeout: 120_000 }, () => {
	const ctx = { lessonSlugs: new Set(['what-identity-pools-are']), questionIds: new Map() };

	it('never throws: either questions or problems inside the file', async () => {
		await fc.assert(
			fc.asyncProperty(markdownish, async (source) => {
				const result = await prepareDeck('deck.md', source, ctx, (h) => h);
				if (!result.ok) {
					expect(result.problems.length).toBeGreaterThan(0);
					inside(source, result.problems);
				}
			}),
			fuzz(1000)
		);
	});

	it('reports progress batch by batch and stops when cancelled', async () => {
		const one = (n: number) =>
			[
				'---',
				`id: fuzz-${n}`,
				'type: single',
				'topic: guest-access',
				'domain: security',
				'difficulty: easy',
				'concepts: [GetId]',
				'references:',
				'  - https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html',
				'---',
				'',
				`Question ${n}: which call comes first?`,
				'',
				'- [x] GetId',
				'  > It gets the identity.',
				'- [ ] GetOpenIdToken',
				'  > It needs an identity first.',
				''
			].join('\n');
		const source = Array.from({ length: 60 }, (_, n) => one(n)).join('\n');
		const seen: number[] = [];
		const all = await prepareDeck('deck.md', source, ctx, (h) => h, {
			onProgress: (done, total) => seen.push(done / total)
		});
		expect(all.ok && all.questions.length).toBe(60);
		expect(seen).toEqual([25 / 60, 50 / 60, 1]);

		const abort = new AbortController();
		const stopped = await prepareDeck('deck.md', source, ctx, (h) => h, {
			signal: abort.signal,
			onProgress: (done) => {
				if (done >= 25) abort.abort();
			}
		});
		expect(stopped).toEqual({
			ok: false,
			problems: [
				expect.objectContaining({ message: 'The import was cancelled; nothing was stored.' })
			]
		});
	});
});
