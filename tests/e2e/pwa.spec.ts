import { expect, test } from './fixtures.ts';
import { appRoutes } from './routes.ts';

test.use({ serviceWorkers: 'allow' });

test('the web manifest is served and describes an installable app', async ({
	page,
	request,
	baseURL
}) => {
	await page.goto('/#/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBeTruthy();
	const res = await request.get(new URL(href!, baseURL).toString());
	expect(res.ok()).toBe(true);
	const manifest = await res.json();
	expect(manifest).toMatchObject({
		name: 'Identity Pool Lab',
		short_name: 'Pool Lab',
		display: 'standalone'
	});
	expect(manifest.description).toMatch(/identity pools/);
	expect(manifest.start_url).toBeTruthy();
	expect(manifest.theme_color).toMatch(/^#/);
	expect(manifest.background_color).toMatch(/^#/);
	const sizes = manifest.icons.map(
		(i: { sizes: string; purpose?: string }) => `${i.sizes}:${i.purpose ?? 'any'}`
	);
	expect(sizes).toEqual(expect.arrayContaining(['192x192:any', '512x512:any', '512x512:maskable']));
	for (const icon of manifest.icons) {
		const img = await request.get(new URL(icon.src, baseURL).toString());
		expect(img.headers()['content-type']).toBe('image/png');
	}
	const robots = await request.get(new URL('/robots.txt', baseURL).toString());
	expect(await robots.text()).toContain('User-agent');
});

test('after one visit every route works offline', async ({ page, context }) => {
	await page.goto('/#/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await expect(page.getByTestId('offline-status')).toHaveText(/Ready offline/);

	await context.setOffline(true);
	const response = await page.reload();
	expect(response?.fromServiceWorker()).toBe(true);
	for (const route of appRoutes) {
		await page.goto('/' + route.hash);
		await expect(page.locator('main h1').first()).toBeVisible();
		await expect(page.locator('main')).not.toContainText('could not be loaded');
	}
	await context.setOffline(false);
});
