import AxeBuilder from '@axe-core/playwright';
import { chunkRequests, expect, test } from './fixtures.ts';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const lessonFiles = readdirSync(fileURLToPath(new URL('../../content/lessons/', import.meta.url)))
	.filter((f) => /^\d+-.+\.md$/.test(f))
	.sort();
const slugs = lessonFiles.map((f) => f.replace(/^\d+-/, '').replace(/\.md$/, ''));

test('the lessons list shows every lesson in order, with summaries and topics', async ({
	page
}) => {
	await page.goto('/#/lessons');
	const links = page.locator('ol.lessons > li > a');
	await expect(links).toHaveCount(slugs.length);
	const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
	expect(hrefs).toEqual(slugs.map((s) => `#/lessons/${s}`));
	await expect(page.locator('ol.lessons .summary').first()).not.toBeEmpty();
	await expect(page.getByRole('list', { name: 'Topics' }).first()).not.toBeEmpty();
});

test('a lesson renders its body and links to the next and previous lessons', async ({ page }) => {
	await page.goto(`/#/lessons/${slugs[0]}`);
	await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Lesson');
	await expect(page.getByText(`Lesson 1 of ${slugs.length}`)).toBeVisible();
	await expect(page.locator('a[rel="prev"]')).toHaveCount(0);
	await page.locator('a[rel="next"]').click();
	await expect(page).toHaveURL(new RegExp(`#/lessons/${slugs[1]}$`));
	await expect(page.getByText(`Lesson 2 of ${slugs.length}`)).toBeVisible();
	await page.locator('a[rel="prev"]').click();
	await expect(page).toHaveURL(new RegExp(`#/lessons/${slugs[0]}$`));
});

test('every lesson renders its HTML as the build sanitized it, without loading the sanitizer', async ({
	page
}) => {
	const requested = chunkRequests(page);
	for (const slug of slugs) {
		await page.goto(`/#/lessons/${slug}`);
		await expect(page.locator('.lesson-body > p').first()).not.toBeEmpty();
		await expect(page.locator('.lesson-body :is(h2, p, ul, table, pre)')).not.toHaveCount(0);
	}
	// Under the page's Trusted Types policy a string the sanitizer has not seen is refused, so
	// the text on screen came through the lessons' own policy; the fixture fails on any error.
	expect(requested('html-sanitizer')).toEqual([]);
});

test('flow embeds link to the flow explorer at their step, and callouts are highlighted', async ({
	page
}) => {
	let found = false;
	for (const slug of slugs) {
		await page.goto(`/#/lessons/${slug}`);
		await expect(page.getByText(/Lesson \d+ of \d+/)).toBeVisible();
		const cards = page.getByRole('link', { name: 'Open this step in the flow explorer' });
		if ((await cards.count()) === 0 || (await page.locator('.callout').count()) === 0) continue;
		await expect(page.locator('.callout .callout-title').first()).toHaveText(
			/^(Tip|Note|Warning)$/
		);
		const href = await cards.first().getAttribute('href');
		expect(href).toMatch(/^#\/flows\/[a-z-]+(\?.*)?$/);
		await cards.first().click();
		await expect(page).toHaveURL(new RegExp(href!.replace(/[?]/g, '\\?') + '$'));
		found = true;
		break;
	}
	expect(found).toBe(true);
});

test('an unknown lesson gets a helpful message with the list of lessons', async ({ page }) => {
	await page.goto('/#/lessons/no-such-lesson');
	await expect(
		page.getByRole('heading', { name: /No lesson called .no-such-lesson./ })
	).toBeVisible();
	await expect(page.locator(`a[href="#/lessons/${slugs[0]}"]`)).toBeVisible();
});

test('the lessons list has no accessibility violations', async ({ page }) => {
	await page.goto('/#/lessons');
	await expect(page.locator('ol.lessons > li').first()).toBeVisible();
	expect((await new AxeBuilder({ page }).include('main').analyze()).violations).toEqual([]);
});

test("a lesson's flow diagrams are the explorer's recorded runs, drawn without the simulator", async ({
	page
}) => {
	const scripts: string[] = [];
	page.on('request', (r) => {
		if (r.url().endsWith('.js')) scripts.push(new URL(r.url()).pathname);
	});
	// Two diagrams of the enhanced flow, and one signed in with a user pool.
	for (const slug of ['the-enhanced-flow', 'user-pools-vs-identity-pools']) {
		await page.goto(`/#/lessons/${slug}`);
		const cards = page.locator('figure.flow-card');
		await expect(cards.first()).toBeVisible();
		for (const card of await cards.all()) await expect(card.locator('svg')).toBeVisible();
	}
	expect(scripts.filter((s) => /\/run-flow-[\w-]+\.js$/.test(s))).toEqual([]);
	// The card's step reads as the same step of the run the explorer opens at.
	const card = page.locator('figure.flow-card').first();
	const narration = (await card.locator('.narration').textContent())?.trim();
	expect(narration).toBeTruthy();
	await card.getByRole('link', { name: 'Open this step in the flow explorer' }).click();
	await expect(page.locator('main')).toContainText(narration!);
});

test("a lesson's flow cards are drawn before the app starts its deferred work", async ({
	page
}) => {
	// The recorded runs are held back, so the cards cannot draw until they are let through.
	let letThrough!: () => void;
	const held = new Promise<void>((resolve) => (letThrough = resolve));
	await page.route(/\/assets\/default-[\w-]+\.js$/, async (route) => {
		await held;
		await route.continue();
	});
	const deferred: string[] = [];
	page.on('request', (r) => {
		if (/\/exam-hold-[\w-]+\.js$/.test(r.url())) deferred.push(r.url());
	});
	await page.goto('/#/lessons/the-enhanced-flow');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('The enhanced flow');
	// Two frames and a task after the lesson is drawn, past the point where the shell's deferred
	// work would start if nothing held it.
	await page.evaluate(
		() =>
			new Promise((done) =>
				requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done)))
			)
	);
	expect(deferred).toEqual([]);
	letThrough();
	await expect(page.locator('.flow-card svg g.message').first()).toBeVisible();
	await expect.poll(() => deferred.length).toBe(1);
});
