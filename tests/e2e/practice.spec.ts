import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures.ts';
import { fileURLToPath } from 'node:url';

const decks = fileURLToPath(new URL('../fixtures/content/decks/', import.meta.url));

function deckStatus(page: Page) {
	return page.getByRole('region', { name: 'Your own decks' }).getByRole('status');
}

async function importDeck(page: Page, name: string) {
	await page.goto('/#/practice');
	await page.getByLabel('Import a deck (.md)').setInputFiles(decks + name);
	await expect(deckStatus(page)).toContainText(name);
}

test('a full practice round by keyboard ends with results by topic', async ({ page }) => {
	await page.goto('/#/practice?seed=7&count=3');
	const start = page.getByRole('button', { name: 'Start practising' });
	await start.focus();
	await page.keyboard.press('Enter');
	for (let n = 1; n <= 3; n++) {
		await expect(page.getByText(`Question ${n} of 3`)).toBeVisible();
		// The button pressed is gone; the keyboard goes on from the new question, not the page top.
		await expect(page.locator('.stem')).toBeFocused();
		const submit = page.getByRole('button', { name: 'Submit answer' });
		const orderItems = await page.getByTestId('order-item').count();
		if (orderItems === 0) {
			const chip = page.locator('.meta span', { hasText: /^Chosen \d+ of \d+$/ });
			const want = (await chip.count())
				? Number(/of (\d+)$/.exec((await chip.textContent())!)![1])
				: 1;
			for (let k = 1; k <= want; k++) await page.keyboard.press(String(k));
		} else {
			await page.keyboard.press('1');
			await page.keyboard.press('ArrowDown');
		}
		await expect(submit).toBeEnabled();
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { name: /^(Correct|Not quite)$/ })).toBeVisible();
		await page.keyboard.press('n');
	}
	const heading = page.getByRole('heading', { name: /^You got \d of 3 right$/ });
	await expect(heading).toBeVisible();
	const rows = page.getByRole('table', { name: 'Results by topic' }).locator('tbody tr');
	const totals = await rows.locator('td').allTextContents();
	expect(totals.reduce((sum, t) => sum + Number(/of (\d+)/.exec(t)![1]), 0)).toBe(3);
});

test('the same seed draws the same round', async ({ page }) => {
	const firstStems: string[] = [];
	for (let pass = 0; pass < 2; pass++) {
		await page.goto(`/#/practice?seed=99&count=2&pass=${pass}`);
		await page.getByRole('button', { name: 'Start practising' }).click();
		firstStems.push((await page.locator('.stem').textContent()) ?? '');
	}
	expect(firstStems[0]).toBeTruthy();
	expect(firstStems[1]).toBe(firstStems[0]);
});

test('importing a good deck makes its questions playable, with show-me and replay links', async ({
	page
}) => {
	await importDeck(page, 'good-deck.md');
	await expect(deckStatus(page)).toHaveText('Imported 2 questions from good-deck.md.');
	await expect(page.getByRole('list', { name: 'Imported decks' })).toContainText(
		'good-deck.md: 2 questions'
	);

	await page.goto('/#/practice?question=deck-guest-off');
	await expect(page.locator('.stem')).toContainText('A guest calls');
	await page.getByLabel(/The unauthenticated role cannot call Cognito/).check();
	await page.getByRole('button', { name: 'Submit answer' }).click();
	await expect(page.getByRole('heading', { name: 'Not quite' })).toBeVisible();
	await expect(page.getByText('is refused.')).toBeVisible();
	const replay = page.getByRole('link', { name: 'Play this failure on the diagram' });
	await expect(replay).toHaveAttribute('href', '#/flows/enhanced-guest?guest=off');
	await replay.click();
	await expect(page).toHaveURL(/#\/flows\/enhanced-guest\?guest=off$/);

	await page.goto('/#/practice?question=deck-enhanced-calls');
	await expect(page.locator('.stem')).toContainText('Which calls does an app make');
	await page.keyboard.press('1');
	await page.keyboard.press('2');
	await page.keyboard.press('Enter');
	await page.getByRole('link', { name: 'Show me this step in the flow' }).click();
	await expect(page).toHaveURL(/#\/flows\/enhanced-authenticated\?step=4&provider=google$/);
});

test('the imported deck is still there after a reload', async ({ page }) => {
	await importDeck(page, 'good-deck.md');
	await page.reload();
	await expect(page.getByRole('list', { name: 'Imported decks' })).toContainText('good-deck.md');
	await page.getByRole('button', { name: 'Remove good-deck.md' }).click();
	await expect(page.getByRole('list', { name: 'Imported decks' })).toHaveCount(0);
});

test('a bad deck is refused with every problem and its line number, and nothing is imported', async ({
	page
}) => {
	await importDeck(page, 'bad-deck.md');
	await expect(deckStatus(page)).toHaveText('bad-deck.md was not imported: 4 problems.');
	const problems = page.getByRole('list', { name: 'Problems in the deck' }).locator('li');
	await expect(problems).toHaveCount(4);
	await expect(problems.nth(0)).toContainText('bad-deck.md:4:8: Unknown topic `cooking`');
	await expect(problems.nth(2)).toContainText('bad-deck.md:14:1: No option is marked correct');
	await expect(page.getByRole('list', { name: 'Imported decks' })).toHaveCount(0);
});

test('a hostile deck runs none of its payloads', async ({ page }) => {
	const dialogs: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await importDeck(page, 'xss-deck.md');
	await expect(deckStatus(page)).toHaveText('Imported 1 question from xss-deck.md.');
	await page.goto('/#/practice?question=deck-xss');
	await expect(page.locator('.stem')).toContainText('Pick the safe option.');
	const main = page.locator('main');
	await main.locator('.stem').hover();
	await page.getByLabel(/Any link/).check();
	await page.getByRole('button', { name: 'Submit answer' }).click();
	await expect(page.getByRole('heading', { name: 'Not quite' })).toBeVisible();
	expect(
		await main.evaluate((el) => ({
			scripts: el.querySelectorAll('script, iframe, object, embed, svg, math, form, style').length,
			handlers: [...el.querySelectorAll('*')].flatMap((n) =>
				[...n.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)
			),
			jsLinks: [...el.querySelectorAll('[href], [src], [action], [data]')]
				.map(
					(n) =>
						n.getAttribute('href') ??
						n.getAttribute('src') ??
						n.getAttribute('action') ??
						n.getAttribute('data') ??
						''
				)
				.filter((v) => /^\s*(javascript|data):/i.test(v))
		}))
	).toEqual({ scripts: 0, handlers: [], jsLinks: [] });
	expect(
		await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)
	).toBeUndefined();
	expect(dialogs).toEqual([]);
});

test('the practice screen has no accessibility violations, before and after an answer', async ({
	page
}) => {
	await page.goto('/#/practice');
	await expect(page.getByRole('button', { name: 'Start practising' })).toBeVisible();
	const scan = async () => (await new AxeBuilder({ page }).include('main').analyze()).violations;
	expect(await scan()).toEqual([]);
	await page.goto('/#/practice?question=gen-order-basic-guest');
	await expect(page.getByRole('button', { name: 'Move up' }).first()).toBeVisible();
	expect(await scan()).toEqual([]);
	await page.getByRole('button', { name: 'Submit answer' }).click();
	await expect(page.getByRole('heading', { name: /^(Correct|Not quite)$/ })).toBeVisible();
	expect(await scan()).toEqual([]);
});

test("the practice screen is ready before the simulator's questions are computed, and they join the pool when they are", async ({
	page
}) => {
	let release: () => void = () => {};
	const held = new Promise<void>((done) => (release = done));
	await page.route(/\/generate-worker-[\w-]+\.js$/, async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/#/practice');
	await expect(page.getByRole('button', { name: 'Start practising' })).toBeEnabled();
	const matching = page.getByText(/^\d+ questions? match$/);
	const count = async () => Number(/\d+/.exec((await matching.textContent()) ?? '')?.[0]);
	const written = await count();
	expect(written).toBeGreaterThan(0);
	release();
	await expect.poll(count).toBeGreaterThan(written);
});
