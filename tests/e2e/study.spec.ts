import AxeBuilder from '@axe-core/playwright';
import { readFileSync, writeFileSync } from 'node:fs';
import { chunkRequests, expect, openWindow, test, type Page } from './fixtures.ts';
import { chromiumThemes } from './routes.ts';

/** Answers the current practice question with its first option(s) and moves on. */
async function answerPractice(page: Page) {
	const chip = page.locator('.meta span', { hasText: /^Chosen \d+ of \d+$/ });
	const orderItems = await page.getByTestId('order-item').count();
	if (orderItems === 0) {
		const want = (await chip.count())
			? Number(/of (\d+)$/.exec((await chip.textContent())!)![1])
			: 1;
		for (let k = 1; k <= want; k++) await page.keyboard.press(String(k));
	}
	await page.getByRole('button', { name: 'Submit answer' }).click();
	await expect(page.getByRole('heading', { name: /^(Correct|Not quite)$/ })).toBeVisible();
	await page.getByRole('button', { name: /^(Next question|See results)$/ }).click();
}

async function practise(page: Page, n: number, seed: number) {
	await page.goto(`/#/practice?seed=${seed}&count=${n}&generated=off`);
	await page.getByRole('button', { name: 'Start practising' }).click();
	for (let i = 1; i <= n; i++) {
		// The next question shows once the last answer is stored: keys pressed before go nowhere.
		await expect(page.getByText(`Question ${i} of ${n}`)).toBeVisible();
		await answerPractice(page);
	}
	await expect(page.getByRole('heading', { name: new RegExp(`of ${n} right$`) })).toBeVisible();
}

async function storedAnswers(page: Page): Promise<number> {
	await page.goto('/#/settings');
	const text = await page.getByTestId('stored-counts').textContent();
	return Number(/Stored: (\d+) answers/.exec(text ?? '')![1]);
}

/** Starts an exam drawn with a fixed seed, so the same questions come in the same order. */
async function startExam(page: Page, count = '10', seed = 1) {
	await page.goto(`/#/exam?seed=${seed}`);
	await page.getByRole('radio', { name: count }).check();
	await page.getByLabel('Include questions computed by the simulator').uncheck();
	await page.getByRole('button', { name: 'Start the exam' }).click();
	await expect(page.getByText(`Question 1 of ${count}`)).toBeVisible();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Questions' });

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 } });

	test('the first question shows whole below the exam bar after Start', async ({ page }) => {
		await page.goto('/#/exam?seed=3');
		// The form is longer than the screen: its Start button is reached scrolled down.
		await page.getByRole('button', { name: 'Start the exam' }).focus();
		await page.keyboard.press('Enter');
		const stem = page.locator('#exam-stem');
		await expect(stem).toBeFocused();
		const box = await stem.evaluate((el) => {
			// The exam's own sticky bar, the one with its clock.
			const bar = document
				.querySelector('[role="timer"]')!
				.closest('.bar')!
				.getBoundingClientRect();
			const own = el.getBoundingClientRect();
			return { top: own.top, barBottom: bar.bottom, bottom: own.bottom, view: innerHeight };
		});
		expect(box.top).toBeGreaterThanOrEqual(box.barBottom);
		expect(box.bottom).toBeLessThanOrEqual(box.view);
	});
});

test('starting an exam from the keyboard puts focus on the first question', async ({ page }) => {
	await page.goto('/#/exam?seed=3');
	await page.getByLabel('Include questions computed by the simulator').uncheck();
	await page.getByRole('button', { name: 'Start the exam' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Question 1 of')).toBeVisible();
	await expect(page.locator('#exam-stem')).toBeFocused();
	// Tab goes on to the question's options, not back to the page's first link.
	await page.keyboard.press('Tab');
	await expect(page.locator('article.question :focus')).toHaveCount(1);
});

test('an exam reloaded mid-way resumes with the same questions, answers, flags and time', async ({
	page
}) => {
	await startExam(page);
	const first = await page.locator('#exam-stem').textContent();
	await page.keyboard.press('1');
	await page.keyboard.press('n');
	await page.keyboard.press('f');
	await nav(page)
		.getByRole('button', { name: /^Question 4:/ })
		.click();
	await expect(page.getByText('Question 4 of 10')).toBeVisible();
	const fourth = await page.locator('#exam-stem').textContent();
	await page.reload();
	await expect(page.getByText('Question 4 of 10')).toBeVisible();
	expect(await page.locator('#exam-stem').textContent()).toBe(fourth);
	await expect(nav(page).getByRole('button', { name: 'Question 1: answered' })).toBeVisible();
	await expect(
		nav(page).getByRole('button', { name: 'Question 2: unanswered, flagged' })
	).toBeVisible();
	const left = await page.getByRole('timer').textContent();
	expect(Number(left!.split(':')[0])).toBeGreaterThanOrEqual(19);
	await nav(page)
		.getByRole('button', { name: /^Question 1:/ })
		.click();
	expect(await page.locator('#exam-stem').textContent()).toBe(first);
	await expect(page.locator('.option.chosen')).toHaveCount(1);
});

test('the exam setup opens without the HTML sanitizer, which comes with the first question', async ({
	page
}) => {
	const requested = chunkRequests(page);
	const sanitizer = () => requested('html-sanitizer');
	await page.goto('/#/exam?seed=1');
	await expect(page.getByRole('button', { name: 'Start the exam' })).toBeVisible();
	expect(sanitizer()).toEqual([]);
	await page.getByRole('radio', { name: '10' }).check();
	await page.getByLabel('Include questions computed by the simulator').uncheck();
	await page.getByRole('button', { name: 'Start the exam' }).click();
	await expect(page.getByText('Question 1 of 10')).toBeVisible();
	await expect(page.locator('#exam-stem')).not.toBeEmpty();
	expect(sanitizer()).toHaveLength(1);
});

test('the exam announces the minutes left and submits itself at zero (fast clock)', async ({
	page
}) => {
	await page.clock.install({ time: new Date('2026-03-02T09:00:00Z') });
	await startExam(page);
	await page.keyboard.press('1');
	await page.clock.fastForward('10:30');
	await expect(page.locator('[aria-live="polite"]', { hasText: '10 minutes left.' })).toHaveCount(
		1
	);
	await page.clock.fastForward('09:31');
	await expect(page.getByRole('heading', { name: /%: (passed|not passed)$/ })).toBeVisible();
	await expect(page.getByText('Submitted automatically when the time ran out.')).toBeVisible();
	await expect(page.getByText('Time used: 20:00 of 20 minutes.')).toBeVisible();
	await page.getByRole('button', { name: 'Back to the exam page' }).click();
	await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(1);
});

test('flags, the navigator and the submit warning work by keyboard only', async ({ page }) => {
	await startExam(page);
	await page.keyboard.press('f');
	// Tab from the stem to the navigator's fifth button, and jump there.
	const fifth = nav(page).getByRole('button', { name: /^Question 5:/ });
	for (let i = 0; i < 40 && !(await fifth.evaluate((el) => el === document.activeElement)); i++)
		await page.keyboard.press('Tab');
	await expect(fifth).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Question 5 of 10')).toBeVisible();
	await page.keyboard.press('f');
	await expect(
		nav(page).getByRole('button', { name: 'Question 5: unanswered, flagged, current' })
	).toBeVisible();
	await page.getByRole('button', { name: 'Submit exam' }).focus();
	await page.keyboard.press('Enter');
	const dialog = page.getByRole('dialog', { name: 'Submit the exam?' });
	await expect(dialog).toContainText('10 unanswered');
	await expect(dialog).toContainText('2 flagged for review: 1, 5.');
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
});

test('progress is kept across a reload, and two tabs answering at once lose nothing', async ({
	context
}) => {
	const a = await context.newPage();
	await a.goto('/');
	const b = await openWindow(a, '/');
	await Promise.all([practise(a, 3, 11), practise(b, 3, 12)]);
	await a.reload();
	expect(await storedAnswers(a)).toBe(6);
	await a.goto('/#/progress');
	await expect(a.getByRole('heading', { name: 'Mastery by topic' })).toBeVisible();
	await a.getByRole('button', { name: 'Show table' }).first().click();
	await expect(a.getByRole('table', { name: 'Mastery by topic' })).toBeVisible();
});

/** Whether the app has stored its packed record and it is up to date (src/lib/study/snapshot.ts). */
function packedUpToDate(page: Page): Promise<boolean> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((ok, fail) => {
			const req = indexedDB.open('ipl-progress');
			req.onsuccess = () => ok(req.result);
			req.onerror = () => fail(req.error);
		});
		const get = (key: string) =>
			new Promise<{ value?: number; generation?: number } | undefined>((ok, fail) => {
				const req = db.transaction('snapshot').objectStore('snapshot').get(key);
				req.onsuccess = () => ok(req.result as never);
				req.onerror = () => fail(req.error);
			});
		const [generation, packed] = [await get('generation'), await get('packed')];
		db.close();
		return packed !== undefined && packed.generation === (generation?.value ?? 0);
	});
}

/** Everything the progress screen says in words and tables, opened in a fresh tab. */
async function progressText(page: Page): Promise<string> {
	await page.goto('/#/progress');
	await expect(page.getByRole('heading', { name: 'Mastery by topic' })).toBeVisible();
	// Once the question bank has named the concepts.
	await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
	const show = page.getByRole('button', { name: 'Show table' });
	for (let n = await show.count(); n > 0; n--) await show.first().click();
	await expect(show).toHaveCount(0);
	return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}

/** Copies the packed record to `to` (a key of the same store). */
function copyPacked(page: Page, from: string, to: string): Promise<void> {
	return page.evaluate(
		async ([from, to]: [string, string]) => {
			const db = await new Promise<IDBDatabase>((ok, fail) => {
				const req = indexedDB.open('ipl-progress');
				req.onsuccess = () => ok(req.result);
				req.onerror = () => fail(req.error);
			});
			const tx = db.transaction('snapshot', 'readwrite');
			const store = tx.objectStore('snapshot');
			const req = store.get(from);
			req.onsuccess = () => store.put({ ...(req.result as object), key: to });
			await new Promise((ok, fail) => {
				tx.oncomplete = ok;
				tx.onerror = () => fail(tx.error);
			});
			db.close();
		},
		[from, to] as [string, string]
	);
}

test('the progress screen says the same from its packed record as from the stores, and never shows an out-of-date one', async ({
	context
}) => {
	const a = await context.newPage();
	await practise(a, 4, 21);
	await expect.poll(() => packedUpToDate(a), { timeout: 15_000 }).toBe(true);
	await copyPacked(a, 'packed', 'kept');
	await practise(a, 2, 22);
	await expect.poll(() => packedUpToDate(a), { timeout: 15_000 }).toBe(true);
	const fromPacked = await progressText(await context.newPage());
	expect(fromPacked).toContain('6 answers over 1 study day');
	// The record packed after 4 answers, put back: out of date, so the stores are read instead.
	await copyPacked(a, 'kept', 'packed');
	expect(await packedUpToDate(a)).toBe(false);
	const fromStores = await progressText(await context.newPage());
	expect(fromStores).toBe(fromPacked);
});

test('export in one browser profile and import in another, with a preview', async ({
	browser,
	page
}) => {
	await practise(page, 2, 21);
	await page.goto('/#/settings');
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export progress' }).click();
	const file = await (await download).path();
	const text = readFileSync(file, 'utf8');
	expect(JSON.parse(text).checksum).toMatch(/^sha256:[0-9a-f]{64}$/);

	const other = await browser.newContext();
	const page2 = await other.newPage();
	await page2.goto('/#/settings');
	const input = page2.getByLabel('Import progress (.json)');
	const edited = text
		.replace('"correct": true', '"correct": false')
		.replace('"correct":true', '"correct":false');
	await input.setInputFiles({
		name: 'edited.json',
		mimeType: 'application/json',
		buffer: Buffer.from(edited === text ? text.slice(0, -20) : edited)
	});
	await expect(page2.getByRole('alert')).toContainText('Nothing changed');
	await input.setInputFiles({
		name: 'progress.json',
		mimeType: 'application/json',
		buffer: Buffer.from(text)
	});
	await expect(page2.getByTestId('import-preview')).toContainText('add 2 answers');
	await page2.getByRole('button', { name: 'Import', exact: true }).click();
	await page2.waitForEvent('load');
	expect(await storedAnswers(page2)).toBe(2);
	await other.close();
});

for (const theme of chromiumThemes) {
	test(`exam, results and progress pass axe in the ${theme} theme, with screenshots`, async ({
		page
	}) => {
		await page.addInitScript((t) => {
			localStorage.setItem('ipl.settings.v1', JSON.stringify({ theme: t, motion: 'reduce' }));
		}, theme);
		await practise(page, 3, 31);
		const sizes = [
			{ name: 'phone', width: 390, height: 844 },
			{ name: 'laptop', width: 1280, height: 800 },
			{ name: 'projector', width: 1920, height: 1080 }
		];
		const check = async (name: string) => {
			const results = await new AxeBuilder({ page }).analyze();
			expect(results.violations.map((v) => `${name}: ${v.id} ${v.nodes[0]?.target}`)).toEqual([]);
			for (const s of sizes) {
				await page.setViewportSize(s);
				await page.screenshot({
					path: `test-results/screenshots/study-${name}-${theme}-${s.name}.png`,
					fullPage: true
				});
			}
			await page.setViewportSize(sizes[1]!);
		};
		await startExam(page);
		await page.keyboard.press('1');
		await page.keyboard.press('f');
		await check('exam');
		await page.getByRole('button', { name: 'Submit exam' }).click();
		await page.getByRole('button', { name: 'Submit now' }).click();
		await expect(page.getByRole('heading', { name: /%: (passed|not passed)$/ })).toBeVisible();
		await check('results');
		await page.goto('/#/progress');
		await expect(page.getByRole('heading', { name: 'Mastery by topic' })).toBeVisible();
		await check('progress');
		await page.goto('/#/');
		await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
		await check('home');
	});
}

test.describe('with the service worker', () => {
	test.use({ serviceWorkers: 'allow' });

	test('the update prompt waits until the exam ends, and progress survives the update', async ({
		page
	}) => {
		const sw = new URL('../../dist/sw.js', import.meta.url);
		const original = readFileSync(sw, 'utf8');
		try {
			await page.goto('/#/');
			await page.evaluate(async () => {
				await navigator.serviceWorker.ready;
			});
			await page.waitForFunction(() => !!navigator.serviceWorker.controller);
			await practise(page, 1, 41);
			await startExam(page);
			await page.keyboard.press('1');
			// A new version: one revision in the precache list changes (same length, so the preview
			// server's recorded size still fits).
			const revision = /revision:"([0-9a-f])/.exec(original)!;
			const flipped = revision[1] === '0' ? '1' : '0';
			writeFileSync(sw, original.replace(revision[0], `revision:"${flipped}`));
			await page.evaluate(async () => {
				const reg = await navigator.serviceWorker.getRegistration();
				await reg?.update();
			});
			await page.waitForFunction(async () => {
				const reg = await navigator.serviceWorker.getRegistration();
				return !!reg?.waiting;
			});
			const prompt = page.getByText('A new version of Identity Pool Lab is ready.');
			await expect(page.getByText('Question 1 of 10')).toBeVisible();
			await expect(prompt).toBeHidden();
			await page.getByRole('button', { name: 'Submit exam' }).click();
			await page.getByRole('button', { name: 'Submit now' }).click();
			await expect(prompt).toBeVisible();
			await page.getByRole('button', { name: 'Reload now' }).click();
			await page.waitForFunction(async () => {
				const reg = await navigator.serviceWorker.getRegistration();
				return !reg?.waiting;
			});
			expect(await storedAnswers(page)).toBe(2);
		} finally {
			writeFileSync(sw, original);
		}
	});
});
