// Prints the app's figures: gzip size of each built chunk and of each route's first load, the
// Node benchmarks (vitest bench), the browser benchmarks in Chromium, and Lighthouse scores.
// Usage: npm run bench                      every section
//        npm run bench -- first-load mermaid only the named sections (listed by `-- list`)
// BENCH_PORT (default 4173) is the port the built app is served on while it runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { chromiumArgs, chromiumPath as chrome, launchChromium } from './chromium.mjs';

// First-load budgets in kB of gzip: the JS and CSS a fresh visit fetches until the screen is ready.
// Home's is issue 11's (what it fetched before that issue's work); the flow page's is 0.4x
// Mermaid's bytes, which tests/bench/mermaid.browser.mjs measures side by side.
const firstLoadRoutes = [
	{ name: 'Home', hash: '#/', ready: 'main h1', budget: 28.7 },
	{ name: 'Flows', hash: '#/flows', ready: 'main h1' },
	{ name: 'Flow', hash: '#/flows/basic-authenticated', ready: 'main svg' },
	{ name: 'Lessons', hash: '#/lessons', ready: 'main h1' },
	{ name: 'Lesson', hash: '#/lessons/the-enhanced-flow', ready: 'main svg' },
	{ name: 'Practice', hash: '#/practice', ready: 'main h1' },
	{ name: 'Exam', hash: '#/exam', ready: 'main h1' },
	{ name: 'Progress', hash: '#/progress', ready: 'main h1' },
	{ name: 'Present', hash: '#/present', ready: 'main h1' },
	{ name: 'Lab', hash: '#/lab', ready: 'main h1' },
	{ name: 'Settings', hash: '#/settings', ready: 'main h1' }
];
const lighthouseFlow = '#/flows/basic-authenticated';
// Latency added to each response while sizing first loads, so request waves can be told apart.
const rttMs = 100;

/** Request waves: starts more than half a round trip after the previous start begin a new one. */
function waves(starts) {
	const sorted = [...starts].sort((a, b) => a - b);
	let n = sorted.length ? 1 : 0;
	for (let i = 1; i < sorted.length; i++) if (sorted[i] - sorted[i - 1] > rttMs / 2) n++;
	return n;
}

const sections = ['build', 'chunks', 'fuzz', 'node', 'first-load', 'browser', 'lighthouse'];
const browserBenches = readdirSync('tests/bench')
	.filter((f) => f.endsWith('.browser.mjs'))
	.sort();
const benchName = (f) => f.replace('.browser.mjs', '');
const wanted = process.argv.slice(2);
if (wanted.includes('list')) {
	console.log(`Sections: ${sections.join(', ')}`);
	console.log(
		`Browser benchmarks (each also a section): ${browserBenches.map(benchName).join(', ')}`
	);
	process.exit(0);
}
const known = new Set([...sections, ...browserBenches.map(benchName)]);
for (const w of wanted)
	if (!known.has(w)) throw new Error(`No bench section "${w}" (try: -- list)`);
/** Whether a section runs: all of them with no arguments; the build whenever anything is served. */
const runs = (name) => !wanted.length || wanted.includes(name);
const port = Number(process.env.BENCH_PORT ?? 4173);
const origin = `http://localhost:${port}/`;

function step(title) {
	console.log(`\n## ${title}\n`);
}

function sh(command, args, opts = {}) {
	const r = spawnSync(command, args, { stdio: 'inherit', ...opts });
	if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.status}`);
}

const kb = (bytes) => (bytes / 1000).toFixed(1) + ' kB';
const gz = (file) => gzipSync(readFileSync(join('dist', file)), { level: 9 }).length;

const serves = ['first-load', 'browser', 'lighthouse', ...browserBenches.map(benchName)];
if (
	runs('build') ||
	!existsSync('dist/.vite/manifest.json') ||
	serves.some((n) => wanted.includes(n))
) {
	step('Build');
	sh('npx', ['vite', 'build', '--logLevel', 'warn']);
}

if (runs('chunks')) {
	step('Chunks (gzip)');
	const assets = readdirSync('dist/assets').filter((f) => /\.(js|css)$/.test(f));
	const rows = assets
		.map((f) => ({ file: 'assets/' + f, gzip: gz('assets/' + f) }))
		.sort((a, b) => b.gzip - a.gzip);
	for (const r of rows) console.log(`${kb(r.gzip).padStart(10)}  ${r.file}`);

	step('Static imports of each screen (JS + CSS, gzip)');
	const manifest = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8'));
	function closure(key, seen = new Set()) {
		const chunk = manifest[key];
		if (!chunk || seen.has(chunk.file)) return seen;
		seen.add(chunk.file);
		for (const css of chunk.css ?? []) seen.add(css);
		for (const imp of chunk.imports ?? []) closure(imp, seen);
		return seen;
	}
	const entry = closure('index.html');
	const screens = Object.keys(manifest).filter((k) => k.startsWith('src/screens/'));
	for (const key of screens.sort()) {
		const files = closure(key, new Set(entry));
		const total = [...files].reduce((sum, f) => sum + gz(f), 0);
		const name = key.replace('src/screens/', '').replace('.svelte', '');
		console.log(`${kb(total).padStart(10)}  ${name}`);
	}
}

if (runs('fuzz')) {
	step('Fuzz properties with 40,000 runs each (FUZZ_RUNS)');
	sh('npx', ['vitest', 'run', '--project', 'unit', '--testTimeout', '900000', 'tests/unit/fuzz'], {
		env: { ...process.env, FUZZ_RUNS: '40000' }
	});
}

if (runs('node')) {
	step('Node benchmarks (vitest bench)');
	if (readdirSync('tests/bench').some((f) => f.endsWith('.bench.ts')))
		sh('npx', ['vitest', 'bench', '--run', '--project', 'unit']);
	else console.log('No Node benchmarks.');
}

if (!serves.some(runs)) process.exit(0);

// Browser benchmarks and Lighthouse run against the built app served by vite preview.
const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], {
	stdio: ['ignore', 'pipe', 'inherit'],
	detached: true
});
try {
	await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('vite preview did not start')), 30_000);
		server.on('exit', () =>
			reject(new Error(`vite preview exited: is port ${port} in use? (BENCH_PORT sets another)`))
		);
		server.stdout.on('data', (d) => {
			if (String(d).includes(String(port))) {
				clearTimeout(timer);
				resolve();
			}
		});
	});

	if (runs('first-load')) {
		step('First load in Chromium (JS + CSS fetched until the screen is ready, gzip)');
		console.log(
			`Each route in a fresh context, with ${rttMs} ms added to every response (CDP), so the\n` +
				'request waves before the screen is ready (modules asked for only after an earlier one\n' +
				'arrived) show.\n'
		);
		console.log(
			'"by ready": requested before the screen was ready; "by idle": until the network went idle\n' +
				'(what loads after the first paint, such as stored progress or the service worker, included).\n'
		);
		console.log('route       by ready  files   by idle  files  waves  ready ms  budget (by ready)');
		const browser = await launchChromium();
		try {
			for (const route of firstLoadRoutes) {
				const context = await browser.newContext({ serviceWorkers: 'block' });
				const page = await context.newPage();
				const cdp = await context.newCDPSession(page);
				await cdp.send('Network.enable');
				await cdp.send('Network.emulateNetworkConditions', {
					offline: false,
					latency: rttMs,
					downloadThroughput: -1,
					uploadThroughput: -1
				});
				// In the page's own clock: when the screen's ready element first appeared, and when each
				// script and style sheet was asked for (resource timing).
				await context.addInitScript((selector) => {
					const seen = () => {
						if (window.__readyAt || !document.querySelector(selector)) return;
						window.__readyAt = performance.now();
					};
					new MutationObserver(seen).observe(document, { childList: true, subtree: true });
				}, route.ready);
				await page.goto(origin + route.hash);
				await page.locator(route.ready).first().waitFor();
				await page.waitForLoadState('networkidle');
				const { readyAt, entries } = await page.evaluate(() => ({
					readyAt: window.__readyAt,
					entries: performance
						.getEntriesByType('resource')
						.map((e) => ({ path: new URL(e.name).pathname.slice(1), start: e.startTime }))
				}));
				const requested = new Map(
					entries.filter((e) => /\.(js|css)$/.test(e.path)).map((e) => [e.path, e.start])
				);
				const sum = (files) => files.reduce((total, f) => total + gz(f), 0) / 1000;
				const early = [...requested].filter(([, at]) => at <= readyAt).map(([f]) => f);
				const all = [...requested.keys()];
				const total = sum(all);
				const verdict =
					route.budget === undefined
						? ''
						: `${route.budget} kB: ${sum(early) <= route.budget ? 'within budget' : 'OVER BUDGET'}`;
				const cell = (n) => (n.toFixed(1) + ' kB').padStart(9);
				console.log(
					`${route.name.padEnd(10)} ${cell(sum(early))} ${String(early.length).padStart(6)} ${cell(total)} ${String(all.length).padStart(6)} ${String(waves([...requested.values()].filter((at) => at <= readyAt))).padStart(6)} ${readyAt.toFixed(0).padStart(9)}  ${verdict}`
				);
				await context.close();
			}
		} finally {
			await browser.close();
		}
	}

	const selected = browserBenches.filter((f) => runs('browser') || wanted.includes(benchName(f)));
	if (selected.length) step('Browser benchmarks (Chromium)');
	for (const f of selected) {
		console.log(`### ${f}\n`);
		sh('node', [join('tests/bench', f)], { env: { ...process.env, BENCH_URL: origin } });
	}

	if (runs('lighthouse')) {
		step('Lighthouse 12 (mobile preset)');
		if (!existsSync(chrome)) console.log(`No Chromium at ${chrome}; Lighthouse skipped.`);
		else {
			console.log(
				`Budgets: performance 0.98 or more on every route (a flow page in each of three runs);\n` +
					`accessibility, best practices and SEO 1.00. Load average ${loadavg()[0].toFixed(1)}.\n`
			);
			console.log(`${'route'.padEnd(34)} perf  a11y  best   seo`);
			const pages = [...firstLoadRoutes.map((r) => r.hash), lighthouseFlow, lighthouseFlow];
			for (const hash of pages) {
				const r = spawnSync(
					'npx',
					[
						'lighthouse',
						origin + hash,
						'--output=json',
						'--quiet',
						'--only-categories=performance,accessibility,best-practices,seo',
						`--chrome-flags=--headless=new ${chromiumArgs.join(' ')}`
					],
					{ env: { ...process.env, CHROME_PATH: chrome }, maxBuffer: 256 * 1024 * 1024 }
				);
				if (r.status !== 0) {
					console.log(`${hash}: Lighthouse failed: ${String(r.stderr).slice(-400)}`);
					continue;
				}
				const { categories: c } = JSON.parse(String(r.stdout));
				const scores = ['performance', 'accessibility', 'best-practices', 'seo'].map((k) =>
					c[k].score.toFixed(2)
				);
				const low = [
					c.performance.score < 0.98 ? 'performance' : '',
					...['accessibility', 'best-practices', 'seo'].filter((k) => c[k].score < 1)
				].filter(Boolean);
				console.log(
					`${hash.padEnd(34)} ${scores.join('  ')}  ${low.length ? 'BELOW BUDGET: ' + low.join(', ') : 'within budget'}`
				);
			}
		}
	}
} finally {
	if (server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
}
