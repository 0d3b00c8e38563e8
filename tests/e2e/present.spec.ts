import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { chunkRequests, expect, openWindow, test, type Page } from './fixtures.ts';

/** Starts presenting a ready-made plan in the presenter window, with reduced motion. */
async function presentPlan(page: Page, plan: string) {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await page.goto('/#/present');
	await page
		.getByRole('listitem')
		.filter({ hasText: plan })
		.getByRole('button', { name: /^Present/ })
		.click();
}

/** Both windows of classroom mode in one browser context, as on a teacher's laptop. */
async function openBoth(page: Page, plan = 'Identity pools, a 50-minute introduction') {
	await presentPlan(page, plan);
	const projector = await openWindow(page, '/#/present?view=projector');
	await projector.emulateMedia({ reducedMotion: 'reduce' });
	return projector;
}

/** In the presenter's "break it" panel, turns guest access off for the flow shown. */
async function turnGuestAccessOff(page: Page) {
	await page.getByText('Break it or compare').click();
	await page
		.getByRole('group', { name: 'Guest access' })
		.getByRole('radio', { name: 'Off' })
		.check();
}

function title(page: Page) {
	return page.locator('main h1');
}

/** Jumps to an item through the overview, as a teacher would with O. */
async function jump(page: Page, n: number) {
	// Keys typed in a field are the field's; the teacher leaves it first.
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	await page.keyboard.press('o');
	const dialog = page.getByRole('dialog', { name: /Overview/ });
	await expect(dialog).toBeVisible();
	await dialog
		.getByRole('button')
		.nth(n - 1)
		.click();
	await expect(dialog).toBeHidden();
}

test('stepping in either window moves the other, through flow steps and items', async ({
	page
}) => {
	const projector = await openBoth(page);
	await expect(title(projector)).toHaveText('Two services with similar names');
	await expect(page.getByText('Projector window connected')).toBeVisible();
	await page.keyboard.press('ArrowRight');
	await expect(title(projector)).toHaveText('Which one does this app need?');
	await projector.keyboard.press('PageDown');
	await projector.keyboard.press('PageDown');
	await expect(title(page)).toHaveText('Both together');
	await page.keyboard.press('Space');
	await expect(title(projector)).toHaveText('The enhanced flow, signed in with a user pool');
	const narration = (p: Page) => p.locator('.narration');
	await expect(narration(projector)).toHaveText(/^Step 1 of 9:/);
	await page.keyboard.press('ArrowRight');
	await expect(narration(projector)).toHaveText(/^Step 2 of 9:/);
	await projector.keyboard.press('ArrowRight');
	await expect(narration(page)).toHaveText(/^Step 3 of 9:/);
	await page.keyboard.press('ArrowLeft');
	await expect(narration(projector)).toHaveText(/^Step 2 of 9:/);
	await page.keyboard.press('End');
	await expect(title(projector)).toHaveText('What to remember');
	await page.keyboard.press('Home');
	await expect(title(projector)).toHaveText('Two services with similar names');
});

test('B and . blank the projector and show it again', async ({ page }) => {
	const projector = await openBoth(page);
	await page.keyboard.press('b');
	await expect(projector.locator('.projector.blank')).toBeVisible();
	await expect(title(projector)).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Blank projector (B)' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await projector.keyboard.press('.');
	await expect(title(projector)).toHaveText('Two services with similar names');
});

test('the overview jumps both windows to any item', async ({ page }) => {
	const projector = await openBoth(page);
	await jump(page, 7);
	await expect(title(projector)).toHaveText('Guests: no sign-in at all');
	await expect(title(page)).toHaveText('Guests: no sign-in at all');
	await jump(projector, 2);
	await expect(title(page)).toHaveText('Which one does this app need?');
});

test('a question: hands, reveal with explanations, and play it on the projector', async ({
	page
}) => {
	const projector = await openBoth(page);
	await jump(page, 8);
	await expect(title(projector)).toHaveText('Guest access switched off');
	await expect(projector.getByText('Correct', { exact: true })).toHaveCount(0);
	await expect(projector.getByRole('timer')).toHaveCount(0);
	await page.getByRole('button', { name: 'Start countdown' }).click();
	await expect(projector.getByRole('timer', { name: 'Time left to think' })).toBeVisible();
	await page.getByRole('button', { name: 'Stop countdown' }).click();
	await expect(projector.getByRole('timer')).toHaveCount(0);
	await page.getByLabel('Hands for A').fill('3');
	await page.getByLabel('Hands for B').fill('9');
	await expect(projector.getByText('12 hands counted')).toBeVisible();
	await expect(projector.getByText('9 (75%)')).toBeVisible();
	await page.getByRole('button', { name: 'Reveal the answer' }).click();
	await expect(projector.getByText('Correct', { exact: true })).toBeVisible();
	await expect(projector.locator('li.correct')).toContainText('AllowUnauthenticatedIdentities');
	await page.getByRole('button', { name: 'Play it' }).click();
	await expect(projector.locator('.play svg')).toBeVisible();
	await expect(projector.locator('.play .narration')).toHaveText(/NotAuthorizedException/);
	const qr = projector.getByRole('img', { name: /Open this on your phone/ });
	await expect(qr).toHaveAttribute(
		'aria-label',
		/#\/practice\?question=guest-unauthenticated-access-off$/
	);
});

test('a projector window reopened mid-session catches up at once', async ({ page }) => {
	let projector = await openBoth(page);
	await projector.close();
	await expect(page.getByText('No projector window open')).toBeVisible();
	await jump(page, 4);
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('b');
	await page.keyboard.press('b');
	projector = await openWindow(page, '/#/present?view=projector');
	await projector.emulateMedia({ reducedMotion: 'reduce' });
	await expect(title(projector)).toHaveText('The enhanced flow, signed in with a user pool');
	await expect(projector.locator('.narration')).toHaveText(/^Step 3 of 9:/);
});

test('"Open projector window" opens the projector view', async ({ page }) => {
	await page.goto('/#/present');
	await page.getByRole('button', { name: 'Present Enhanced vs basic, and what breaks' }).click();
	const [popup] = await Promise.all([
		page.waitForEvent('popup'),
		page.getByRole('button', { name: 'Open projector window' }).click()
	]);
	await expect(popup.locator('main h1')).toHaveText('Three calls instead of two');
	await expect(popup.locator('html')).toHaveAttribute('data-theme', 'projector');
});

test('present mode works with one window only', async ({ page }) => {
	await page.goto('/#/present');
	await page.getByRole('button', { name: 'Present Enhanced vs basic, and what breaks' }).click();
	await expect(page.getByText('No projector window open')).toBeVisible();
	await page.keyboard.press('ArrowRight');
	await expect(title(page)).toHaveText('Side by side');
	await expect(page.locator('figure svg')).toHaveCount(2);
});

test('the projector diagram fills the screen with large labels at 1920x1080', async ({ page }) => {
	const projector = await openBoth(page);
	await projector.setViewportSize({ width: 1920, height: 1080 });
	await jump(page, 4);
	await page.keyboard.press('End');
	await jump(page, 4);
	const svg = projector.locator('.stage svg[aria-labelledby]');
	await expect(svg).toBeVisible();
	const width = await svg.evaluate((el) => el.getBoundingClientRect().width);
	expect(width).toBeGreaterThanOrEqual(0.85 * 1920);
	const label = projector.locator('figure svg .message text').first();
	const size = await label.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
	expect(size).toBeGreaterThanOrEqual(28);
	const line = await projector
		.locator('figure svg .shaft')
		.first()
		.evaluate((el) => parseFloat(getComputedStyle(el).strokeWidth));
	expect(line).toBeGreaterThanOrEqual(4);
	const bottom = await svg.evaluate((el) => el.getBoundingClientRect().bottom);
	expect(bottom, 'the whole diagram is on screen').toBeLessThanOrEqual(1080);
});

test('axe finds no violations in either window, projector theme', async ({ page }) => {
	const projector = await openBoth(page);
	await page.evaluate(() =>
		localStorage.setItem(
			'ipl.settings.v1',
			JSON.stringify({ theme: 'projector', motion: 'reduce' })
		)
	);
	await page.reload();
	// The reloaded presenter learns where the show is from the projector window.
	await expect(title(page)).toHaveText('Two services with similar names');
	for (const n of [1, 4, 8]) {
		await jump(page, n);
		if (n === 8) await page.getByRole('button', { name: 'Reveal the answer' }).click();
		await expect(projector.locator('html')).toHaveAttribute('data-theme', 'projector');
		for (const p of [projector, page]) {
			const results = await new AxeBuilder({ page: p }).analyze();
			expect(
				results.violations.map(
					(v) => `${v.id}: ${v.nodes.map((x) => x.target.join(' ')).join(', ')}`
				)
			).toEqual([]);
		}
	}
});

test('screenshots of both windows at 1920x1080 and 1280x720', async ({ page }) => {
	const projector = await openBoth(page);
	for (const size of [
		{ width: 1920, height: 1080 },
		{ width: 1280, height: 720 }
	]) {
		await page.setViewportSize(size);
		await projector.setViewportSize(size);
		for (const n of [1, 4, 8]) {
			await jump(page, n);
			if (n === 4) for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
			if (n === 8) {
				await page.getByLabel('Hands for B').fill('14');
				await page.getByLabel('Hands for A').fill('4');
			}
			await expect(title(projector)).toBeVisible();
			const name = `${size.width}x${size.height}-item${n}`;
			await projector.screenshot({
				path: `test-results/screenshots/present-projector-${name}.png`
			});
			await page.screenshot({
				path: `test-results/screenshots/present-presenter-${name}.png`,
				fullPage: true
			});
			const scroll = await projector.evaluate(() => document.documentElement.scrollWidth);
			expect(scroll).toBeLessThanOrEqual(size.width);
		}
	}
});

test('a plan exported and imported again is the same plan', async ({ page }, info) => {
	await page.goto('/#/present');
	const ready = page
		.getByRole('listitem')
		.filter({ hasText: 'Enhanced vs basic, and what breaks' });
	const [first] = await Promise.all([
		page.waitForEvent('download'),
		ready.getByRole('button', { name: /^Export/ }).click()
	]);
	const path = info.outputPath('exported.md');
	await first.saveAs(path);
	const exported = readFileSync(path, 'utf8');
	expect(exported).toMatch(/^---\ntitle: Enhanced vs basic, and what breaks\nminutes: 30\n/);
	await page.getByLabel('Import a plan (.md)').setInputFiles({
		name: 'my-session.md',
		mimeType: 'text/markdown',
		buffer: Buffer.from(exported)
	});
	await expect(page.getByRole('status')).toHaveText(
		/Imported Enhanced vs basic, and what breaks \(8 items\)/
	);
	const mine = page.getByRole('region', { name: 'Your plans' }).getByRole('listitem');
	await expect(mine).toHaveCount(1);
	const [second] = await Promise.all([
		page.waitForEvent('download'),
		mine.getByRole('button', { name: /^Export/ }).click()
	]);
	const again = info.outputPath('again.md');
	await second.saveAs(again);
	expect(readFileSync(again, 'utf8')).toBe(exported);
	await page.reload();
	await expect(mine).toHaveCount(1);
});

test('an imported plan with problems is refused with file:line:column', async ({ page }) => {
	await page.goto('/#/present');
	await page.getByLabel('Import a plan (.md)').setInputFiles({
		name: 'bad.md',
		mimeType: 'text/markdown',
		buffer: Buffer.from('---\ntitle: Bad\nminutes: 5\n---\n\n## X\n\n::flow no-such-flow\n')
	});
	await expect(page.getByRole('list', { name: 'Problems in the plan file' })).toContainText(
		'bad.md:8:8: Unknown flow `no-such-flow`'
	);
	await expect(page.getByRole('region', { name: 'Your plans' }).getByRole('listitem')).toHaveCount(
		0
	);
});

test('the builder adds, reorders by keyboard and removes items, and saves the plan', async ({
	page
}) => {
	await page.goto('/#/present');
	await page.getByRole('button', { name: 'New plan' }).click();
	await page.getByLabel('Title', { exact: true }).first().fill('Guests in ten minutes');
	const items = page.locator('li.item');
	await items.nth(0).getByLabel('Title').fill('The guest flow');
	await items.nth(0).getByRole('combobox', { name: /^Flow/ }).selectOption('enhanced-guest');
	await page.getByRole('button', { name: 'Add an item' }).click();
	await items.nth(1).getByLabel('Title').fill('Ask the room');
	await items
		.nth(1)
		.getByRole('combobox', { name: /^Shows/ })
		.selectOption('question');
	await items
		.nth(1)
		.getByRole('combobox', { name: /^Question/ })
		.selectOption('guest-unauthenticated-access-off');
	await page.getByRole('button', { name: 'Add an item' }).click();
	await items.nth(2).getByLabel('Title').fill('Scrap');
	await items.nth(1).getByLabel('Title').press('Alt+ArrowUp');
	await expect(items.nth(0).getByLabel('Title')).toHaveValue('Ask the room');
	await items.nth(1).getByRole('button', { name: 'Move up' }).click();
	await expect(items.nth(0).getByLabel('Title')).toHaveValue('The guest flow');
	await items.nth(2).getByRole('button', { name: 'Remove' }).click();
	await expect(items).toHaveCount(2);
	await page.getByRole('button', { name: 'Save the plan' }).click();
	const mine = page.getByRole('region', { name: 'Your plans' }).getByRole('listitem');
	await expect(mine).toContainText('Guests in ten minutes');
	await expect(mine).toContainText('2 items');
	await mine.getByRole('button', { name: /^Present/ }).click();
	await expect(title(page)).toHaveText('The guest flow');
});

test('the pointer over the presenter diagram shows as a highlight on the projector', async ({
	page
}) => {
	const projector = await openBoth(page);
	await jump(page, 4);
	const diagram = page.locator('.current svg[aria-labelledby]');
	await expect(diagram).toBeVisible();
	const box = (await diagram.boundingBox())!;
	await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.25);
	const spot = projector.locator('.spot');
	await expect(spot).toBeVisible();
	const svg = (await projector.locator('.stage svg[aria-labelledby]').boundingBox())!;
	const at = (await spot.boundingBox())!;
	expect(Math.abs(at.x + at.width / 2 - (svg.x + svg.width * 0.5))).toBeLessThan(svg.width * 0.02);
	expect(Math.abs(at.y + at.height / 2 - (svg.y + svg.height * 0.25))).toBeLessThan(
		svg.height * 0.04
	);
	await page.mouse.move(1, 1);
	await expect(spot).toHaveCount(0);
});

test('break it in the presenter plays the failure on the projector, and back', async ({ page }) => {
	const projector = await openBoth(page);
	await jump(page, 7);
	await expect(projector.locator('.narration')).toHaveText(/^Step 1 of 8:/);
	await turnGuestAccessOff(page);
	await expect(projector.locator('.narration')).toHaveText(/NotAuthorizedException/);
	await expect(projector.locator('.stage .message.failed')).toHaveCount(1);
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	await page.keyboard.press('End');
	await expect(title(projector)).toHaveText('What to remember');
	await jump(page, 7);
	await expect(projector.locator('.narration')).toHaveText(/^Step 1 of 8:/);
});

test('a flow opens from its recorded run: the simulator loads only once break it asks for another', async ({
	page
}) => {
	// The simulator and the flow machines come in one chunk, the one that runs flows.
	const requested = chunkRequests(page);
	const simulator = () => requested('run-flow');
	await presentPlan(page, 'Identity pools, a 50-minute introduction');
	await jump(page, 7);
	await expect(page.locator('.narration')).toHaveText(/^Step 1 of 8:/);
	await expect(page.locator('.current svg .message')).toHaveCount(1);
	expect(simulator()).toEqual([]);
	await turnGuestAccessOff(page);
	await expect(page.locator('.narration')).toHaveText(/NotAuthorizedException/);
	expect(simulator()).toHaveLength(1);
});

test('the ? overlay lists the present keys', async ({ page }) => {
	await openBoth(page);
	await page.keyboard.press('?');
	const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
	await expect(dialog).toContainText('Blank the projector');
	await expect(dialog).toContainText('Overview of the plan');
	await expect(dialog).toContainText('PageDown');
});

test('the plan picker appears whole: nothing moves as the plans arrive', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await page.addInitScript(() => {
		const w = window as unknown as { __shift: number };
		w.__shift = 0;
		new PerformanceObserver((list) => {
			for (const e of list.getEntries() as (PerformanceEntry & { value: number })[])
				w.__shift += e.value;
		}).observe({ type: 'layout-shift', buffered: true });
	});
	await page.goto('/#/present');
	await expect(page.locator('section[aria-labelledby="ready-heading"] li').first()).toBeVisible();
	// Two frames later, every shift from the load has been reported.
	await page.evaluate(
		() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
	);
	expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
});
