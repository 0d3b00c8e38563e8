import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkContent, formatProblem } from '../../../src/lib/content/check.ts';
import { readContentFiles } from '../../../src/lib/content/read-files.ts';
import { checkPlans, planContext } from '../../../src/lib/present/check-plans.ts';
import { parsePlan, type PlanContext } from '../../../src/lib/present/parse-plan.ts';
import { planToMarkdown, type Plan } from '../../../src/lib/present/plan.ts';
import { sectionHtml } from '../../../src/lib/present/sections.ts';

const ctx: PlanContext = {
	lessons: new Map([['the-enhanced-flow', new Set(['the-short-version', 'step-2-getid'])]]),
	questionIds: new Set(['flow-enhanced-call-order'])
};

const good = `---
title: A short plan
minutes: 20
---

## Start here

::lesson the-enhanced-flow section=the-short-version

Say hello.

Then the flow.

## The flow

::flow enhanced-authenticated from=get-id to=choose-role provider=google guest=off

## Side by side

::compare enhanced-guest basic-guest

## Ask

::question flow-enhanced-call-order
`;

describe('parsing a plan', () => {
	it('reads each item with its notes', () => {
		const { plan, problems } = parsePlan('content/plans/short.md', good, ctx);
		expect(problems).toEqual([]);
		expect(plan?.id).toBe('short');
		expect(plan?.minutes).toBe(20);
		expect(plan?.items.map((i) => i.kind)).toEqual(['lesson', 'flow', 'flow', 'question']);
		expect(plan?.items[0]).toMatchObject({
			title: 'Start here',
			section: 'the-short-version',
			notes: 'Say hello.\n\nThen the flow.',
			line: 6
		});
		expect(plan?.items[1]).toMatchObject({
			from: 'get-id',
			to: 'choose-role',
			link: {
				flowId: 'enhanced-authenticated',
				provider: 'google',
				settings: { guestAccess: false }
			}
		});
		expect(plan?.items[2]).toMatchObject({
			link: { flowId: 'enhanced-guest', compare: 'basic-guest' }
		});
	});

	it('writes a plan back as markdown that parses to the same plan', () => {
		const { plan } = parsePlan('content/plans/short.md', good, ctx);
		const again = parsePlan('content/plans/short.md', planToMarkdown(plan!), ctx);
		const strip = (p: Plan | undefined) => p?.items.map(({ line: _line, ...rest }) => rest);
		expect(again.problems).toEqual([]);
		expect(strip(again.plan)).toEqual(strip(plan));
		expect(again.plan?.title).toBe(plan?.title);
	});

	it('reports every problem with its line and column', () => {
		const bad = `---
title: Broken
minutes: lots
---

## A flow

::flow enhanced-authenticated to=nowhere colour=red

## A lesson

::lesson no-such-lesson

## A question

::question not-a-question

## Nothing under it

Just notes.

## Odd

::slide one
`;
		const { plan, problems } = parsePlan('p.md', bad, ctx);
		expect(plan).toBeUndefined();
		expect(problems.map(formatProblem)).toEqual([
			'p.md:3:10: `minutes` must be a whole number from 1 to 600, not `lots`',
			expect.stringMatching(/^p\.md:8:42: Unknown setting `colour`/),
			expect.stringMatching(/^p\.md:12:10: There is no lesson `no-such-lesson`/),
			expect.stringMatching(/^p\.md:16:12: There is no question `not-a-question`/),
			expect.stringMatching(/^p\.md:20:1: The item "Nothing under it" has no `::` line/),
			expect.stringMatching(/^p\.md:24:1: Unknown item kind `::slide`/)
		]);
	});

	it('reports a step the flow does not have, and steps in the wrong order', () => {
		const src = (args: string) =>
			`---\ntitle: T\nminutes: 5\n---\n\n## F\n\n::flow enhanced-guest ${args}\n`;
		expect(parsePlan('p.md', src('to=sign-in'), ctx).problems[0]?.message).toBe(
			'The flow `enhanced-guest` has no step `sign-in`'
		);
		expect(parsePlan('p.md', src('from=get-credentials to=get-id'), ctx).problems[0]?.message).toBe(
			'`from=get-credentials` comes after `to=get-id`'
		);
	});

	it('refuses a file over the size limit before reading it', () => {
		const { problems } = parsePlan('big.md', 'x'.repeat(200_000), ctx);
		expect(problems[0]?.message).toMatch(/too large/);
	});

	it('keeps notes as plain text without control characters or item headings', () => {
		const src = `---\ntitle: T\nminutes: 5\n---\n\n## F\n\n::lesson the-enhanced-flow\n\n<script>x</script>\u0007 ok\n`;
		const { plan } = parsePlan('p.md', src, ctx);
		expect(plan?.items[0]?.notes).toBe('<script>x</script> ok');
	});
});

describe('lesson sections', () => {
	it('cuts one section out of a lesson by its heading slug', () => {
		const blocks = [
			{ kind: 'html', html: '<p>Intro</p>\n<h2>The short version</h2>\n<p>A</p>\n' },
			{ kind: 'flow' },
			{ kind: 'html', html: '<h2>Step 2: <code>GetId</code></h2>\n<p>B</p>' }
		];
		expect(sectionHtml(blocks, 'the-short-version')).toBe(
			'<h2>The short version</h2>\n<p>A</p>\n\n'
		);
		expect(sectionHtml(blocks, 'step-2-getid')).toBe(
			'<h2>Step 2: <code>GetId</code></h2>\n<p>B</p>'
		);
	});
});

describe('the plans under content/plans', () => {
	const root = fileURLToPath(new URL('../../..', import.meta.url));
	const files = readContentFiles(root);
	const content = checkContent(files);
	const { plans, problems } = checkPlans(
		files,
		planContext(
			content.lessons,
			content.questions.map((q) => q.id)
		)
	);

	it('include the example in content/README.md, which parses without a problem', () => {
		const readme = readFileSync(`${root}/content/README.md`, 'utf8');
		const section = readme.slice(readme.indexOf('## Session plans'));
		const example = /```markdown\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
		const ctx = planContext(
			content.lessons,
			content.questions.map((q) => q.id)
		);
		const r = parsePlan('example.md', example, ctx);
		expect(r.problems.map(formatProblem)).toEqual([]);
		expect(r.plan?.items.map((i) => i.kind)).toEqual(['flow', 'flow', 'lesson', 'question']);
	});

	it('have no problems', () => {
		expect(problems.map(formatProblem)).toEqual([]);
	});

	it('include a 50-minute introduction and a 30-minute enhanced-vs-basic session', () => {
		expect(plans.map((p) => [p.id, p.minutes])).toEqual(
			expect.arrayContaining([
				['introduction-50', 50],
				['enhanced-vs-basic-30', 30]
			])
		);
		for (const p of plans) {
			const kinds = new Set(p.items.map((i) => i.kind));
			expect([...kinds].sort()).toEqual(['flow', 'lesson', 'question']);
			expect(p.items.every((i) => i.notes.length > 0)).toBe(true);
		}
	});
});
