import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.ts';
import { appRoutes } from './routes.ts';

/**
 * The built app served from a sub-path, as a GitHub Pages project site serves it
 * (https://<user>.github.io/<repo>/): the same `dist` the other browser tests use, behind a tiny
 * static server that answers only under /identity-pool-lab/. Any request for a root path fails the
 * test, so a URL that ignores the sub-path cannot slip through.
 */

const prefix = '/identity-pool-lab/';
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const types: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.webmanifest': 'application/manifest+json',
	'.json': 'application/json',
	'.txt': 'text/plain; charset=utf-8',
	'.md': 'text/markdown; charset=utf-8'
};

let server: Server;
let origin = '';
const outside: string[] = [];

test.beforeAll(async () => {
	server = createServer(async (req, res) => {
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		if (!path.startsWith(prefix)) {
			outside.push(path);
			res.writeHead(404).end();
			return;
		}
		const file = normalize(path.slice(prefix.length) || 'index.html');
		if (file.startsWith('..')) {
			res.writeHead(403).end();
			return;
		}
		try {
			const body = await readFile(dist + file);
			res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
			res.end(body);
		} catch {
			res.writeHead(404).end();
		}
	});
	// Port 0: the system picks a free port, so parallel runs on one machine never collide.
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

test.use({ serviceWorkers: 'allow' });

test('served from a sub-path, the app loads, installs its service worker there and works offline', async ({
	page,
	context
}) => {
	const app = origin + prefix;
	await page.goto(app + '#/');
	await expect(page.locator('main h1').first()).toBeVisible();
	const manifest = await page.locator('link[rel="manifest"]').getAttribute('href');
	const manifestUrl = new URL(manifest!, app);
	expect(manifestUrl.pathname).toBe(`${prefix}manifest.webmanifest`);
	const described = await (await context.request.get(manifestUrl.toString())).json();
	expect(new URL(described.start_url, manifestUrl).pathname).toBe(prefix);
	expect(new URL(described.scope, manifestUrl).pathname).toBe(prefix);

	const registration = await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.ready;
		return { scope: reg.scope, script: reg.active?.scriptURL };
	});
	expect(new URL(registration.scope).pathname).toBe(prefix);
	expect(new URL(registration.script!).pathname).toBe(`${prefix}sw.js`);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await expect(page.getByTestId('offline-status')).toHaveText(/Ready offline/);

	await context.setOffline(true);
	const response = await page.reload();
	expect(response?.fromServiceWorker()).toBe(true);
	for (const route of appRoutes) {
		await page.goto(app + route.hash);
		await expect(page.locator('main h1').first()).toBeVisible();
		if ('ready' in route) await expect(page.locator(route.ready).first()).toBeVisible();
		await expect(page.locator('main')).not.toContainText('could not be loaded');
	}
	await context.setOffline(false);
	expect(outside, 'requests outside the sub-path').toEqual([]);
});
