import { expect, test, type Page } from './fixtures.ts';
import AxeBuilder from '@axe-core/playwright';
import { appRoutes, chromiumThemes } from './routes.ts';
import { matchRoute } from '../../src/lib/router/routes.ts';

function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error') errors.push(msg.text());
	});
	page.on('pageerror', (err) => errors.push(err.message));
	return errors;
}

/** Opens a route and waits until its own screen (not the previous one) is shown and ready. */
async function openRoute(page: Page, hash: string, ready?: string) {
	await page.goto('/' + hash);
	const main = page.locator(`main[data-screen="${matchRoute(hash).name}"]`);
	await expect(main.locator('h1').first()).toBeVisible();
	if (ready) await expect(page.locator(ready).first()).toBeVisible();
}

test.describe('every route', () => {
	for (const route of appRoutes) {
		test(`${route.name} renders with a heading, a title and no console error`, async ({ page }) => {
			const errors = watchErrors(page);
			await openRoute(page, route.hash, 'ready' in route ? route.ready : undefined);
			await expect(page).toHaveTitle(/· Identity Pool Lab$/);
			await expect(page.getByRole('navigation', { name: 'Main' })).toBeAttached();
			await expect(page.getByTestId('offline-status')).toBeVisible();
			expect(errors).toEqual([]);
		});
	}

	test('the not-found screen names the missing path and links back', async ({ page }) => {
		await openRoute(page, '#/no-such-page');
		await expect(page.locator('main h1')).toHaveText('Page not found');
		await expect(page.locator('main')).toContainText('#/no-such-page');
		await page.locator('main').getByRole('link', { name: 'Flows' }).click();
		await expect(page).toHaveURL(/#\/flows$/);
	});
});

test('browser back and forward move between screens and the title follows', async ({ page }) => {
	await openRoute(page, '#/');
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Settings' })
		.click();
	await expect(page.locator('main h1')).toHaveText('Settings');
	await expect(page).toHaveTitle('Settings · Identity Pool Lab');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exam' }).click();
	await expect(page).toHaveTitle('Exam · Identity Pool Lab');
	await page.goBack();
	await expect(page.locator('main h1')).toHaveText('Settings');
	await page.goBack();
	await expect(page).toHaveTitle('Home · Identity Pool Lab');
	await page.goForward();
	await expect(page.locator('main h1')).toHaveText('Settings');
});

test('while the next screen loads, the one shown keeps the link it was opened with', async ({
	page
}) => {
	await openRoute(page, '#/lessons/the-enhanced-flow', '.flow-card svg');
	// The flow screen's chunk is held back, so the lesson stays up while it loads.
	let letThrough!: () => void;
	const held = new Promise<void>((resolve) => (letThrough = resolve));
	let asked = false;
	await page.route(/\/assets\/Flow-[\w-]+\.js$/, async (route) => {
		asked = true;
		await held;
		await route.continue();
	});
	await page.getByRole('link', { name: 'Open this step in the flow explorer' }).first().click();
	await expect.poll(() => asked).toBe(true);
	// Still the lesson as it was, not a "no such lesson" page for the flow's link.
	const main = page.locator('main[data-screen="lesson"]');
	await expect(main.locator('h1')).toHaveText('The enhanced flow');
	await expect(main.locator('.flow-card svg').first()).toBeVisible();
	letThrough();
	await expect(page.locator('main[data-screen="flow"] h1')).toHaveText('Enhanced flow, signed in');
});

test('keyboard alone: skip link, navigation, shortcut overlay', async ({ page }) => {
	await openRoute(page, '#/');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to content' });
	await expect(skip).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();

	// Tab from the top to the Settings link and follow it with Enter.
	await page.locator('body').focus();
	let reached = false;
	for (let i = 0; i < 20 && !reached; i++) {
		await page.keyboard.press('Tab');
		reached = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Settings');
	}
	expect(reached).toBe(true);
	await page.keyboard.press('Enter');
	await expect(page.locator('main h1')).toHaveText('Settings');
	await expect(page.locator('main')).toBeFocused();

	// Choose the dark theme with the arrow keys in the radio group.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('radio', { name: /Follow the system/ }).first()).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

	await page.keyboard.press('?');
	const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
	await expect(dialog).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
});

test('the phone menu opens from its button and navigates', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await openRoute(page, '#/');
	const nav = page.getByRole('navigation', { name: 'Main' });
	await expect(nav).toBeHidden();
	await page.getByRole('button', { name: 'Menu' }).click();
	await nav.getByRole('link', { name: 'Lessons' }).click();
	await expect(page).toHaveURL(/#\/lessons$/);
	await expect(nav).toBeHidden();
});

test('the theme chosen in settings is remembered after a reload', async ({ page }) => {
	await openRoute(page, '#/settings');
	await page.getByRole('radio', { name: /Projector/ }).check();
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
	const fontSize = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
	expect(parseFloat(fontSize)).toBeGreaterThan(20);
});

test('reduced motion from the system turns animations off', async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await openRoute(page, '#/');
	await expect(page.locator('html')).toHaveAttribute('data-motion', 'reduce');
});

test.describe('accessibility', () => {
	for (const theme of chromiumThemes) {
		for (const route of appRoutes) {
			test(`axe finds no violations on ${route.name} in the ${theme} theme`, async ({ page }) => {
				await page.addInitScript((t) => {
					localStorage.setItem('ipl.settings.v1', JSON.stringify({ theme: t, motion: 'reduce' }));
				}, theme);
				await openRoute(page, route.hash, 'ready' in route ? route.ready : undefined);
				await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
				const results = await new AxeBuilder({ page }).analyze();
				const summary = results.violations.map(
					(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
				);
				expect(summary).toEqual([]);
			});
		}
	}
});

test.describe('screenshots', () => {
	const sizes = [
		{ label: 'phone', width: 390, height: 844 },
		{ label: 'laptop', width: 1280, height: 800 },
		{ label: 'projector', width: 1920, height: 1080 }
	];
	for (const size of sizes) {
		for (const theme of chromiumThemes) {
			test(`every route at ${size.label} size in the ${theme} theme`, async ({ page }) => {
				await page.addInitScript((t) => {
					localStorage.setItem('ipl.settings.v1', JSON.stringify({ theme: t, motion: 'reduce' }));
				}, theme);
				await page.setViewportSize({ width: size.width, height: size.height });
				for (const route of appRoutes) {
					await openRoute(page, route.hash, 'ready' in route ? route.ready : undefined);
					await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
					const width = await page.evaluate(() => document.documentElement.scrollWidth);
					expect(width, `${route.name} scrolls sideways at ${size.label} size`).toBeLessThanOrEqual(
						size.width
					);
					await page.screenshot({
						path: `test-results/screenshots/${size.label}-${theme}-${route.name}.png`,
						fullPage: true
					});
				}
			});
		}
	}
});
