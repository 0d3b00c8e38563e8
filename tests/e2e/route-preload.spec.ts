import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { appRoutes } from './routes.ts';

/** The app's own script and style files a page asks for, by name without the hash. */
function watchFiles(page: Page): Set<string> {
	const files = new Set<string>();
	page.on('request', (r) => {
		const { pathname } = new URL(r.url());
		if (/\.(js|css)$/.test(pathname)) files.add(pathname.replace(/^.*\//, ''));
	});
	return files;
}

/**
 * Blocks the app's first script, so only the head's preloader can ask for a screen's files, and
 * returns the files the page asks for.
 */
async function headOnly(page: Page): Promise<Set<string>> {
	await page.route(/\/assets\/index-[\w-]+\.js$/, (r) => r.abort());
	return watchFiles(page);
}

/** Loads a route and waits until it has finished asking for files. */
async function settle(page: Page, hash: string, ready?: string): Promise<void> {
	await page.goto(`/${hash}`);
	await expect(page.locator('main h1').first()).toBeVisible();
	if (ready) await expect(page.locator(ready).first()).toBeVisible();
	await page.waitForLoadState('networkidle');
}

test("a flow link asks for its screen's files and its recorded run from the page's head", async ({
	page
}) => {
	const files = await headOnly(page);
	await page.goto('/#/flows/basic-authenticated?step=3&provider=google');
	// The screen's chunk and styles, and the recording of the run with that provider.
	const wanted = [/^Flow-.*\.js$/, /^Flow-.*\.css$/, /^google-.*\.js$/];
	await expect
		.poll(() => wanted.filter((w) => [...files].some((f) => w.test(f))).length)
		.toBe(wanted.length);
	expect([...files]).toContain('route-preload.js');
	// The flow screen's styles are fetched, not applied: the app applies them with the screen.
	expect(
		await page.evaluate(() =>
			[...document.styleSheets].some((s) => /\/Flow-[\w-]+\.css$/.test(s.href ?? ''))
		)
	).toBe(false);
});

test('a flow link naming the provider the flow uses anyway preloads that run', async ({ page }) => {
	const files = await headOnly(page);
	// The enhanced flow signs in with a user pool when no provider is named: the same run.
	await page.goto('/#/flows/enhanced-authenticated?step=2&provider=userpool');
	await expect.poll(() => [...files].some((f) => /^default-[\w-]+\.js$/.test(f))).toBe(true);
});

test('Home loads no route preloader', async ({ page }) => {
	const files = watchFiles(page);
	await settle(page, '#/');
	expect([...files]).not.toContain('route-preload.js');
});

// Whatever the preloader asks for, the screen goes on to load anyway. The preloader's files are read
// with the app's first script held back, so the app's loader adds none of them first.
const screens: Record<string, string> = {
	flows: 'Flows',
	flow: 'Flow',
	lessons: 'Lessons',
	lesson: 'Lesson',
	'lesson-with-two-diagrams': 'Lesson',
	practice: 'Practice',
	exam: 'Exam',
	progress: 'Progress',
	present: 'Present',
	settings: 'Settings',
	lab: 'Lab'
};
for (const route of appRoutes.filter((r) => r.name !== 'home')) {
	test(`the ${route.name} page preloads only files it uses`, async ({ browser, baseURL }) => {
		// A fresh context each time, so nothing comes from another load's cache.
		const fresh = async () =>
			(await browser.newContext({ baseURL, serviceWorkers: 'block' })).newPage();

		const app = await fresh();
		await app.route(/\/route-preload\.js$/, (r) => r.abort());
		const used = watchFiles(app);
		await settle(app, route.hash, 'ready' in route ? route.ready : undefined);
		await app.context().close();

		const head = await fresh();
		await headOnly(head);
		await head.goto(`/${route.hash}`);
		await head.waitForLoadState('networkidle');
		const preloaded = await head
			.locator('link[data-route-preload]')
			.evaluateAll((links) =>
				links.map((l) => (l as HTMLLinkElement).href.replace(/^.*\//, '').replace(/\?.*$/, ''))
			);
		await head.context().close();

		const screen = screens[route.name];
		if (screen) expect(preloaded.some((f) => f.startsWith(`${screen}-`))).toBe(true);
		else expect(preloaded).toEqual([]);
		expect(preloaded.filter((f) => !used.has(f))).toEqual([]);
	});
}

test("a lesson link asks for the recorded runs of the lesson's flow cards from the page's head", async ({
	page
}) => {
	const files = await headOnly(page);
	// Guest access draws the enhanced and the basic guest flows: two runs.
	await page.goto('/#/lessons/guest-access');
	const runs = () => [...files].filter((f) => /^default-[\w-]+\.js$/.test(f)).length;
	await expect.poll(runs).toBe(2);
	expect([...files].some((f) => /^Lesson-[\w-]+\.js$/.test(f))).toBe(true);
});
