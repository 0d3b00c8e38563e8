import { describe, expect, it } from 'vitest';
import { checkContent, checkDeck, formatProblem } from '../../../src/lib/content/check.ts';
import { parseLessonFile } from '../../../src/lib/content/parse-lesson.ts';
import { readContentFiles } from '../../../src/lib/content/read-files.ts';
import { fixture, fixturesRoot } from './fixtures.ts';

const brief = (ps: { line: number; column: number; message: string }[]) =>
	ps.map((p) => `${p.line}:${p.column} ${p.message}`);

describe('checkContent', () => {
	it('accepts the valid fixture tree and sorts lessons by order', () => {
		const r = checkContent(readContentFiles(fixturesRoot, 'valid'));
		expect(r.problems.map(formatProblem)).toEqual([]);
		expect(r.lessons.map((l) => l.slug)).toEqual(['first-steps', 'guest-visits']);
		expect(r.questions).toHaveLength(3);
	});

	it('reports a duplicate id inside one file and across files, pointing at the first use', () => {
		const dup = fixture('errors/duplicate-ids.md');
		const r = checkContent([
			{ path: 'content/questions/a/dup.md', source: dup },
			{ path: 'content/questions/b/again.md', source: dup }
		]);
		expect(r.problems.map(formatProblem)).toEqual([
			'content/questions/a/dup.md:19:5: Duplicate id `twice` (also used at content/questions/a/dup.md:2) (Every question id must be unique across all of content/ and your decks.)',
			'content/questions/b/again.md:2:5: Duplicate id `twice` (also used at content/questions/a/dup.md:2) (Every question id must be unique across all of content/ and your decks.)',
			'content/questions/b/again.md:19:5: Duplicate id `twice` (also used at content/questions/a/dup.md:2) (Every question id must be unique across all of content/ and your decks.)'
		]);
	});

	it('reports every broken internal link and unsafe link at its line and column', () => {
		const r = checkContent([
			{ path: 'content/questions/x/links.md', source: fixture('errors/broken-links.md') }
		]);
		expect(brief(r.problems)).toEqual([
			'11:19 Broken link: there is no lesson `no-such-lesson`',
			'11:60 Broken link: there is no question `no-such-question`',
			'13:21 Broken link: `basic-guest` has no step `12`',
			'14:17 Broken link: there is no flow `not-a-flow`',
			'15:25 Insecure link `http://example.com`',
			'15:56 The app cannot follow the link `javascript:alert(1`',
			'16:19 No page of the app answers `#/nowhere`'
		]);
	});

	it('lists the problems of all files at once, sorted by file and line', () => {
		const files = ['no-correct.md', 'empty-stem.md', 'bad-flow.md'].map((n) => ({
			path: `content/questions/e/${n}`,
			source: fixture(`errors/${n}`)
		}));
		const r = checkContent(files);
		expect(r.problems.map((p) => `${p.file}:${p.line}`)).toEqual([
			'content/questions/e/bad-flow.md:8',
			'content/questions/e/bad-flow.md:28',
			'content/questions/e/bad-flow.md:48',
			'content/questions/e/empty-stem.md:11',
			'content/questions/e/no-correct.md:13'
		]);
	});

	it('reports two lessons with the same order', () => {
		const lesson = fixture('valid/lessons/02-guest-visits.md');
		const r = checkContent([
			{ path: 'content/lessons/02-guest-visits.md', source: lesson },
			{ path: 'content/lessons/02-guests-again.md', source: lesson }
		]);
		expect(brief(r.problems)).toEqual([
			'1:1 Two lessons have `order: 2` (the other is content/lessons/02-guest-visits.md)'
		]);
	});
});

describe('parseLessonFile', () => {
	it('splits a lesson into markdown and flow embeds, ignoring directives in code', () => {
		const r = parseLessonFile(
			'content/lessons/01-first-steps.md',
			fixture('valid/lessons/01-first-steps.md')
		);
		expect(r.problems).toEqual([]);
		const l = r.lesson!.lesson;
		expect(l).toMatchObject({ slug: 'first-steps', title: 'First steps', order: 1 });
		expect(l.topics).toEqual(['when-identity-pools', 'auth-flow']);
		expect(l.blocks.map((b) => b.kind)).toEqual(['markdown', 'flow', 'markdown']);
		expect(l.blocks[1]).toEqual({
			kind: 'flow',
			flow: 'enhanced-authenticated',
			step: 'get-credentials',
			provider: 'google'
		});
		expect(r.lesson!.links.map((k) => k.target)).toEqual([
			'#/practice?question=fixture-guest-error',
			'#/lessons/guest-visits',
			'#/flows/enhanced-guest?step=2',
			'https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html'
		]);
	});

	it('reports bad front matter, directives and a bad file name, each at its position', () => {
		const r = parseLessonFile(
			'content/lessons/99-bad-lesson.md',
			fixture('errors/99-bad-lesson.md')
		);
		expect(brief(r.problems)).toEqual([
			'1:1 Missing `summary`',
			'3:9 Unknown topic `cooking`',
			"4:8 `order: 7` does not match the file name's number 99",
			'7:8 Unknown flow `enhanced-magic`',
			'9:20 The flow `basic-guest` has no step `choose-role`',
			'11:40 The flow `basic-authenticated` cannot run with provider `saml`',
			'13:1 Cannot read the directive `::flowchart`'
		]);
		const named = parseLessonFile(
			'content/lessons/intro.md',
			fixture('valid/lessons/02-guest-visits.md')
		);
		expect(brief(named.problems)).toEqual(['1:1 A lesson file name must look like `NN-slug.md`']);
	});

	it('reports a broken link in a lesson through checkContent', () => {
		const r = checkContent([
			{ path: 'content/lessons/07-bad.md', source: fixture('errors/99-bad-lesson.md') }
		]);
		expect(brief(r.problems)).toContain('15:15 Broken link: there is no lesson `missing`');
	});
});

describe('checkDeck', () => {
	const existing = {
		lessonSlugs: new Set(['guest-visits']),
		questionIds: new Map([['fixture-public-calls', 'content/questions/a.md:2']])
	};

	it('refuses ids the app already has and accepts links to built-in lessons', () => {
		const r = checkDeck(
			{ path: 'my-deck.md', source: fixture('valid/questions/guest-access/mixed.md') },
			existing
		);
		expect(brief(r.problems)).toEqual([
			'36:5 Duplicate id `fixture-public-calls` (also used at content/questions/a.md:2)'
		]);
		expect(r.questions).toHaveLength(3);
	});
});
