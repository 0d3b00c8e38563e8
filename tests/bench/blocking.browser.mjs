// Main-thread blocking while each screen loads, with the CPU throttled 4x, in Debian's Chromium.
// Usage: npm run bench -- blocking (tests/tools/bench.mjs builds the app, serves it and sets
// BENCH_URL), or by hand: npx vite build && npx vite preview --port 4173 --strictPort &
//        BENCH_URL=http://localhost:4173/ node tests/bench/blocking.browser.mjs
//
// Lighthouse's performance score weighs total blocking time most, and a single Lighthouse run on
// this machine moves by 0.05 or more from one run to the next. These figures are steadier: each
// route is loaded BENCH_LOADS times (5 by default), the routes in turn, each load in a fresh
// browser context with nothing cached and no service worker, and the medians are printed. A load
// counts every long task (the Long Tasks API) from navigation until the network has been idle and
// one more second has passed; its blocking time is what those tasks ran past 50 ms each, as
// Lighthouse counts it. There is no budget here (the budgets are Lighthouse's and the Mermaid
// bench's); the script exits 0 whatever the figures are, and 1 when a page does not load.
// To compare two builds, serve both and give BENCH_URLS (comma-separated) instead of BENCH_URL:
// their loads then alternate too, so a change in the machine's load falls on both alike.
// BENCH_ROUTES (comma-separated hashes) limits the routes.
import { machineAtStart, loadAtEnd } from '../tools/machine.mjs';
import { launchChromium } from '../tools/chromium.mjs';

const bases = (process.env.BENCH_URLS ?? process.env.BENCH_URL ?? 'http://localhost:4173/')
	.split(',')
	.map((u) => new URL(u.trim()));
const loads = Number(process.env.BENCH_LOADS ?? 5);
const throttle = 4;
const allRoutes = [
	'#/',
	'#/flows/basic-authenticated',
	'#/lessons/what-identity-pools-are',
	'#/lessons/the-enhanced-flow',
	'#/practice',
	'#/exam',
	'#/progress',
	'#/present',
	'#/lab',
	'#/settings'
];
const routes = process.env.BENCH_ROUTES
	? process.env.BENCH_ROUTES.split(',').map((r) => r.trim())
	: allRoutes;

/** Installed before the page's scripts: every long task, buffered from the start. */
function recordLongTasks() {
	window.__longTasks = [];
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) window.__longTasks.push(e.duration);
	}).observe({ type: 'longtask', buffered: true });
}

async function load(browser, base, hash) {
	const context = await browser.newContext({
		serviceWorkers: 'block',
		viewport: { width: 412, height: 823 }
	});
	try {
		await context.addInitScript(recordLongTasks);
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
		const response = await page.goto(new URL(hash, base).href);
		if (!response?.ok()) throw new Error(`${hash}: HTTP ${response?.status()}`);
		await page.locator('main h1').first().waitFor({ timeout: 60_000 });
		await page.waitForLoadState('networkidle');
		await page.waitForTimeout(1000);
		const tasks = await page.evaluate(() => window.__longTasks);
		return {
			blocking: tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
			count: tasks.length,
			longest: Math.max(0, ...tasks)
		};
	} finally {
		await context.close();
	}
}

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** One table row per route: median blocking time with its range, long tasks, longest task. */
function printRoutes(byRoute) {
	for (const [hash, runs] of byRoute) {
		const blocking = runs.map((r) => r.blocking);
		const range = `${Math.round(Math.min(...blocking))}-${Math.round(Math.max(...blocking))}`;
		console.log(
			`${hash.padEnd(36)}${`${Math.round(median(blocking))} ms`.padStart(8)} ${`(${range})`.padEnd(12)}${String(median(runs.map((r) => r.count))).padStart(9)}${`${Math.round(median(runs.map((r) => r.longest)))} ms`.padStart(9)}`
		);
	}
}

let browser;
try {
	console.log(machineAtStart());
	browser = await launchChromium();
	const results = new Map(bases.map((b) => [b.href, new Map(routes.map((r) => [r, []]))]));
	for (let i = 0; i < loads; i++)
		for (const hash of routes)
			for (const base of bases)
				results
					.get(base.href)
					.get(hash)
					.push(await load(browser, base, hash));
	console.log(
		`\nCPU ${throttle}x, 412x823, ${loads} loads of each route in turn; medians (fastest-slowest blocking time).`
	);
	for (const [href, byRoute] of results) {
		if (bases.length > 1) console.log(`\n${href}`);
		console.log('\nroute                               blocking time       long tasks  longest');
		printRoutes(byRoute);
	}

	console.log(`\n${loadAtEnd()}`);
} catch (err) {
	console.error(`blocking.browser.mjs failed: ${err instanceof Error ? err.stack : err}`);
	process.exitCode = 1;
} finally {
	await browser?.close();
}
