// Prints the app's figures: gzip size of each built chunk and of each route's first load, the
// Node benchmarks (vitest bench), the browser benchmarks in Chromium, and Lighthouse scores.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const budgets = { homeFirstLoadKb: 60 };

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

step('First load of each route (JS + CSS, gzip)');
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
let homeKb = 0;
for (const key of screens.sort()) {
	const files = closure(key, new Set(entry));
	const total = [...files].reduce((sum, f) => sum + gz(f), 0);
	const name = key.replace('src/screens/', '').replace('.svelte', '');
	if (name === 'Home') homeKb = total / 1000;
	console.log(`${kb(total).padStart(10)}  ${name}`);
}
console.log(
	`\nHome first load: ${homeKb.toFixed(1)} kB gzip (budget ${budgets.homeFirstLoadKb} kB): ${
		homeKb <= budgets.homeFirstLoadKb ? 'within budget' : 'OVER BUDGET'
	}`
);

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
		for (const hash of ['#/', '#/flows', '#/practice']) {
			const url = 'http://localhost:4173/' + hash;
			const r = spawnSync(
				'npx',
				[
					'lighthouse',
					url,
					'--output=json',
					'--quiet',
					'--only-categories=performance,accessibility,best-practices,seo',
					'--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic'
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
			console.log(`${hash.padEnd(12)} ${scores}`);
		}
	}
} finally {
	process.kill(-server.pid, 'SIGTERM');
}
