import { chunkRequests, expect, test, type Page } from './fixtures.ts';
import AxeBuilder from '@axe-core/playwright';
import { flows } from '../../src/lib/flows/catalogue.ts';

function liveRegion(page: Page) {
	return page.locator('main [aria-live="polite"]');
}

async function openFlow(page: Page, hash: string) {
	await page.goto('/' + hash);
	await expect(page.getByRole('group', { name: 'Flow playback' })).toBeVisible();
}

/** Breaks the pool by turning the basic (classic) flow off, and waits for the link to say so. */
async function disallowClassicFlow(page: Page) {
	await page
		.getByRole('group', { name: 'Basic (classic) flow' })
		.getByRole('radio', { name: 'Not allowed' })
		.check();
	await expect(page).toHaveURL(/classic=off/);
}

test.beforeEach(async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
});

test('the flows screen lists every flow and links to it', async ({ page }) => {
	await page.goto('/#/flows');
	await expect(page.locator('main h1')).toHaveText('Flows');
	for (const flow of flows) {
		await expect(page.getByRole('link', { name: flow.title, exact: true })).toHaveAttribute(
			'href',
			`#/flows/${flow.id}`
		);
	}
	await page.getByRole('link', { name: 'Basic flow, guest', exact: true }).click();
	await expect(page.locator('main h1')).toHaveText('Basic flow, guest');
});

for (const flow of flows) {
	test(`walks ${flow.id} forward and back by keyboard`, async ({ page }) => {
		await openFlow(page, `#/flows/${flow.id}`);
		const n = flow.steps.length;
		const slider = page.getByRole('slider');
		await expect(slider).toHaveAttribute('aria-valuetext', new RegExp(`^Step 1 of ${n}:`));
		for (let i = 2; i <= n; i++) {
			await page.keyboard.press(i % 2 ? 'ArrowRight' : 'PageDown');
			await expect(liveRegion(page)).toHaveText(new RegExp(`^Step ${i} of ${n}: `));
			await expect(page).toHaveURL(new RegExp(`[?&]step=${i}(&|$)`));
			await expect(page.locator(`g.message.current`)).toHaveAttribute(
				'data-step',
				flow.steps[i - 1]!
			);
		}
		await expect(
			page.getByRole('heading', { level: 2, name: new RegExp(`^Step ${n} of ${n}:`) })
		).toBeVisible();
		for (let i = n - 1; i >= 1; i--) {
			await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'PageUp');
			await expect(liveRegion(page)).toHaveText(new RegExp(`^Step ${i} of ${n}: `));
			await expect(page.locator('g.message')).toHaveCount(i);
		}
		await page.keyboard.press('End');
		await expect(liveRegion(page)).toHaveText(new RegExp(`^Step ${n} of ${n}: `));
		await page.keyboard.press('Home');
		await expect(liveRegion(page)).toHaveText(new RegExp(`^Step 1 of ${n}: `));
		await page.keyboard.press('3');
		await expect(liveRegion(page)).toHaveText(new RegExp(`^Step 3 of ${n}: `));
	});
}

test('the tab keeps the flow title while stepping, and the last step lands on the end state', async ({
	page
}) => {
	await openFlow(page, '#/flows/basic-guest');
	await expect(page).toHaveTitle('Basic flow, guest · Identity Pool Lab');
	await page.keyboard.press('ArrowRight');
	await expect(page).toHaveURL(/[?&]step=2(&|$)/);
	await expect(page).toHaveTitle('Basic flow, guest · Identity Pool Lab');
	await page.keyboard.press('End');
	await expect(page).toHaveURL(/[?&]step=7(&|$)/);
	await expect(page).toHaveTitle('Basic flow, guest · Identity Pool Lab');
	await expect(liveRegion(page)).toHaveText(/^Step 7 of 7: .* End: credentials issued\.$/);
	await expect(page.getByText('End: credentials issued.', { exact: true })).toBeVisible();
	await openFlow(page, '#/flows/enhanced-guest?guest=off');
	await expect(liveRegion(page)).toHaveText(/End: failed with NotAuthorizedException\.$/);
});

test('a deep link restores the step and the broken settings', async ({ page }) => {
	await openFlow(page, '#/flows/basic-guest?step=4');
	await expect(page.getByRole('slider')).toHaveAttribute('aria-valuetext', /^Step 4 of 7: /);
	await expect(page.locator('g.message')).toHaveCount(4);
	await expect(page.locator('g.message.current')).toHaveAttribute('data-step', 'assume-role');

	await openFlow(page, '#/flows/enhanced-guest?guest=off');
	await expect(page.getByRole('group', { name: 'Error' })).toContainText('NotAuthorizedException');
	await expect(page.getByRole('radio', { name: 'Off' })).toBeChecked();
});

test('breaking a setting re-runs the flow and updates the link', async ({ page }) => {
	await openFlow(page, '#/flows/basic-authenticated');
	await disallowClassicFlow(page);
	await page.getByRole('region', { name: /^Basic flow, signed in, step \d+ of \d+$/ }).focus();
	await page.keyboard.press('End');
	await expect(page.getByRole('group', { name: 'Error' })).toContainText(
		'InvalidParameterException'
	);
	await expect(page.getByText(/This run fails at step/)).toBeVisible();
});

test('a flow opens from its recording; the simulator loads when a setting changes', async ({
	page
}) => {
	const requested = chunkRequests(page);
	const simulator = () => requested('run-flow');
	await openFlow(page, '#/flows/basic-authenticated?step=2');
	await expect(page.locator('main svg').first()).toBeVisible();
	expect(simulator()).toEqual([]);
	await disallowClassicFlow(page);
	await expect.poll(() => simulator().length).toBe(1);
});

test('every script of the app asks to be compiled while it loads, not function by function', async ({
	page
}) => {
	// Chromium reads the magic comment on a script's first line and compiles all its functions on
	// a background thread as the file streams in.
	const scripts: Promise<[string, string]>[] = [];
	page.on('response', (r) => {
		const path = new URL(r.url()).pathname;
		if (r.request().resourceType() === 'script' && /\/assets\/[\w.-]+\.js$/.test(path))
			scripts.push(r.text().then((body) => [path, body.split('\n', 1)[0] ?? '']));
	});
	await openFlow(page, '#/flows/basic-authenticated?step=8');
	await disallowClassicFlow(page);
	await expect(page.getByRole('group', { name: 'Flow playback' })).toBeVisible();
	const firstLines = await Promise.all(scripts);
	// The shell, the flow screen and its parts, the recording, and the simulator a setting loads.
	expect(firstLines.length).toBeGreaterThan(10);
	for (const [path, first] of firstLines) expect(first, path).toBe('//# allFunctionsCalledOnLoad');
});
test('compare mode shows two runs on one cursor and marks the differences', async ({ page }) => {
	await openFlow(page, '#/flows/enhanced-authenticated?step=2');
	await page.getByLabel('Show side by side with').selectOption('basic-authenticated');
	await expect(page).toHaveURL(/compare=basic-authenticated/);
	await expect(page.getByRole('img', { name: /sequence diagram/ })).toHaveCount(2);
	const differences = page.getByRole('table', { name: 'How the two runs differ' });
	await expect(
		differences.getByRole('rowheader', { name: 'Who chooses the role (differs)' })
	).toBeVisible();
	await page.keyboard.press('ArrowRight');
	await expect(page.locator('#partner-diagram-desc')).toContainText('Showing step 3 of');
	await expect(page).toHaveURL(/[?&]step=3(&|$)/);
	await page.reload();
	await expect(page.getByRole('img', { name: /sequence diagram/ })).toHaveCount(2);
	await expect(page.getByRole('slider')).toHaveAttribute('aria-valuetext', /^Step 3 of 9: /);
});

test('one flow can be compared under two identity providers', async ({ page }) => {
	await openFlow(page, '#/flows/enhanced-authenticated?step=2');
	await page.getByLabel('Show side by side with').selectOption('enhanced-authenticated');
	await expect(page).toHaveURL(/compare=enhanced-authenticated&compareProvider=google/);
	await page.getByLabel('Its identity provider').selectOption('saml');
	await expect(page).toHaveURL(/compareProvider=saml/);
	const differences = page.getByRole('table', { name: 'How the two runs differ' });
	await expect(differences.getByRole('columnheader')).toHaveText([
		'Question',
		'Enhanced flow, signed in (Cognito user pool)',
		'Enhanced flow, signed in (SAML 2.0 provider)'
	]);
	await page.reload();
	await expect(page.getByRole('img', { name: /sequence diagram/ })).toHaveCount(2);
	await expect(page.getByLabel('Its identity provider')).toHaveValue('saml');
});

test('the table view lists the whole sequence', async ({ page }) => {
	await openFlow(page, '#/flows/developer-enhanced');
	await page.getByRole('button', { name: 'Table view' }).click();
	const table = page.getByRole('table', { name: /every step/ });
	await expect(table.getByRole('row')).toHaveCount(10);
	await expect(table).toContainText('GetOpenIdTokenForDeveloperIdentity');
	await expect(page.getByRole('button', { name: 'Table view' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
});

test('quick stepping announces only the step it stops on', async ({ page }) => {
	await openFlow(page, '#/flows/enhanced-authenticated');
	await expect(liveRegion(page)).toHaveText(/^Step 1 of 9: /);
	await page.evaluate(() => {
		const region = document.querySelector('main [aria-live="polite"]')!;
		const seen: string[] = [];
		(window as unknown as { announced: string[] }).announced = seen;
		new MutationObserver(() => seen.push(region.textContent ?? '')).observe(region, {
			childList: true,
			characterData: true,
			subtree: true
		});
	});
	// Four presses a few milliseconds apart, as a held key or a fast clicker sends them; each is
	// drawn before the next arrives.
	await page.evaluate(async () => {
		for (let i = 0; i < 4; i++) {
			document.body.dispatchEvent(
				new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })
			);
			await new Promise((resolve) => setTimeout(resolve, 0));
		}
	});
	await expect(liveRegion(page)).toHaveText(/^Step 5 of 9: /);
	const announced = await page.evaluate(
		() => (window as unknown as { announced: string[] }).announced
	);
	expect(announced).toHaveLength(1);
	expect(announced[0]).toMatch(/^Step 5 of 9: /);
});

test('focus stays on the Next button up to the last step', async ({ page }) => {
	await openFlow(page, '#/flows/basic-guest');
	const next = page.getByRole('button', { name: 'Next' });
	for (let i = 0; i < 6; i++) await next.click();
	await expect(liveRegion(page)).toHaveText(/^Step 7 of 7: /);
	await expect(next).toBeFocused();
	await expect(next).toHaveAttribute('aria-disabled', 'true');
	await page.keyboard.press('Enter');
	await expect(next).toBeFocused();
	await expect(liveRegion(page)).toHaveText(/^Step 7 of 7: /);
});

test('reduced motion lists what changed instead of animating', async ({ page }) => {
	await openFlow(page, '#/flows/enhanced-authenticated?step=2');
	const changes = page.getByRole('region', { name: 'What changed' });
	await expect(changes).toContainText('Arrow 2: Your app to Cognito identity pool, GetId');
	await expect(page.locator('circle.packet')).toHaveCount(0);
});

test('on a 390px phone the page does not scroll sideways', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await openFlow(page, '#/flows/developer-enhanced?step=5');
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(overflow).toBeLessThanOrEqual(390);
	await expect(page.getByRole('img', { name: /sequence diagram/ })).toBeVisible();
});

test('an unknown flow id gets a helpful message', async ({ page }) => {
	await page.goto('/#/flows/no-such-flow');
	await expect(page.locator('main h1')).toHaveText('No such flow');
	await expect(page.getByRole('link', { name: 'Enhanced flow, guest' })).toBeVisible();
});

test('a flow page has no axe violations, alone and in compare mode', async ({ page }) => {
	await openFlow(page, '#/flows/enhanced-authenticated?step=2');
	const alone = await new AxeBuilder({ page }).include('main').analyze();
	expect(alone.violations).toEqual([]);
	await openFlow(page, '#/flows/enhanced-guest?step=7&compare=basic-guest');
	await page.getByRole('button', { name: 'Table view' }).click();
	const compare = await new AxeBuilder({ page }).analyze();
	expect(compare.violations).toEqual([]);
});

test('a flow page draws its diagram first, then the controls, the inspector and the panels, a frame each', async ({
	page
}) => {
	// Counts frames from the start, and notes the frame in which each part first appears.
	await page.addInitScript(() => {
		const w = window as unknown as { frame: number; seen: Record<string, number> };
		w.frame = 0;
		w.seen = {};
		const tick = () => {
			w.frame++;
			requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
		const parts: Record<string, string> = {
			diagram: '.scroller svg g.message',
			controls: '[aria-label="Flow playback"]',
			inspector: '#inspector-heading',
			panels: '.panels'
		};
		new MutationObserver(() => {
			for (const [name, selector] of Object.entries(parts))
				if (!(name in w.seen) && document.querySelector(selector)) w.seen[name] = w.frame;
		}).observe(document, { childList: true, subtree: true });
	});
	await page.goto('/#/flows/basic-authenticated');
	await expect(page.getByRole('heading', { name: 'Break it' })).toBeVisible();
	const seen = await page.evaluate(
		() => (window as unknown as { seen: Record<string, number> }).seen
	);
	expect(Object.keys(seen).sort()).toEqual(['controls', 'diagram', 'inspector', 'panels']);
	expect(seen.controls).toBeGreaterThan(seen.diagram!);
	expect(seen.inspector).toBeGreaterThan(seen.controls!);
	expect(seen.panels).toBeGreaterThan(seen.inspector!);
});
