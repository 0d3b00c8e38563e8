// Prints the app's figures: gzip size of each built chunk and of each route's first load, the
// Node benchmarks (vitest bench), the browser benchmarks in Chromium, and Lighthouse scores.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath as chrome, launchChromium } from './chromium.mjs';

// First-load budgets in kB of gzip: the JS and CSS a fresh visit fetches until the screen is ready.
const firstLoadRoutes = [
	{ name: 'Home', hash: '#/', ready: 'main h1', budget: 60 },
	{ name: 'Flow', hash: '#/flows/enhanced-authenticated', ready: 'main svg', budget: 110 },
	{ name: 'Practice', hash: '#/practice', ready: 'main h1' },
	{ name: 'Lesson', hash: '#/lessons/the-enhanced-flow', ready: 'main svg' }
];

function step(title) {
	console.log(`\n## ${title}\n`);
}

function sh(command, args, opts = {}) {
	const r = spawnSync(command, args, { stdio: 'inherit', ...opts });
	if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.status}`);
}

const kb = (bytes) => (bytes / 1000).toFixed(1) + ' kB';
const gz = (file) => gzipSync(readFileSync(join('dist', file)), { level: 9 }).length;

step('Build');
sh('npx', ['vite', 'build', '--logLevel', 'warn']);

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

step('Fuzz properties with 40,000 runs each (FUZZ_RUNS)');
sh('npx', ['vitest', 'run', '--project', 'unit', '--testTimeout', '900000', 'tests/unit/fuzz'], {
	env: { ...process.env, FUZZ_RUNS: '40000' }
});

step('Node benchmarks (vitest bench)');
if (existsSync('tests/bench') && readdirSync('tests/bench').some((f) => f.endsWith('.bench.ts')))
	sh('npx', ['vitest', 'bench', '--run', '--project', 'unit']);
else console.log('No Node benchmarks.');

// Browser benchmarks and Lighthouse run against the built app served by vite preview.
const server = spawn('npx', ['vite', 'preview', '--port', '4173', '--strictPort'], {
	stdio: ['ignore', 'pipe', 'inherit'],
	detached: true
});
try {
	await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('vite preview did not start')), 30_000);
		server.stdout.on('data', (d) => {
			if (String(d).includes('4173')) {
				clearTimeout(timer);
				resolve();
			}
		});
	});

	step('First load in Chromium (JS + CSS fetched until the screen is ready, gzip)');
	const browser = await launchChromium();
	try {
		for (const route of firstLoadRoutes) {
			const context = await browser.newContext({ serviceWorkers: 'block' });
			const page = await context.newPage();
			const fetched = new Set();
			page.on('requestfinished', (req) => {
				const path = new URL(req.url()).pathname;
				if (/\.(js|css)$/.test(path)) fetched.add(path.slice(1));
			});
			await page.goto('http://localhost:4173/' + route.hash);
			await page.locator(route.ready).first().waitFor();
			await page.waitForLoadState('networkidle');
			const total = [...fetched].reduce((sum, f) => sum + gz(f), 0) / 1000;
			const verdict =
				route.budget === undefined
					? ''
					: ` (budget ${route.budget} kB): ${total <= route.budget ? 'within budget' : 'OVER BUDGET'}`;
			console.log(
				`${route.name.padEnd(9)} ${total.toFixed(1)} kB in ${fetched.size} files${verdict}`
			);
			await context.close();
		}
	} finally {
		await browser.close();
	}

	step('Browser benchmarks (Chromium)');
	const browserBenches = readdirSync('tests/bench').filter((f) => f.endsWith('.browser.mjs'));
	if (!browserBenches.length) console.log('No browser benchmarks.');
	for (const f of browserBenches) {
		console.log(`### ${f}`);
		sh('node', [join('tests/bench', f)], {
			env: { ...process.env, BENCH_URL: 'http://localhost:4173/' }
		});
	}

	step('Lighthouse 12 (mobile preset)');
	if (!existsSync(chrome)) console.log(`No Chromium at ${chrome}; Lighthouse skipped.`);
	else {
		for (const hash of [
			'#/',
			'#/flows',
			'#/flows/enhanced-authenticated',
			'#/lessons/the-enhanced-flow',
			'#/practice'
		]) {
			const url = 'http://localhost:4173/' + hash;
			const r = spawnSync(
				'npx',
				[
					'lighthouse',
					url,
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
			const report = JSON.parse(String(r.stdout));
			const scores = Object.values(report.categories)
				.map((c) => `${c.title} ${c.score.toFixed(2)}`)
				.join(', ');
			console.log(`${hash.padEnd(32)} ${scores}`);
		}
	}
} finally {
	process.kill(-server.pid, 'SIGTERM');
}
