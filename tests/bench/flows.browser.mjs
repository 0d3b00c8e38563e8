// Frame timing of the flow diagram while it plays, in Debian's Chromium.
// Usage: npx vite build && node tests/bench/flows-browser.mjs
// Serves dist/ with `vite preview` on port 4174, plays each flow at 3x and prints frame intervals.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const port = 4174;
const base = `http://localhost:${port}`;
const flows = [
	'enhanced-authenticated',
	'enhanced-guest',
	'basic-authenticated',
	'basic-guest',
	'developer-enhanced',
	'developer-basic'
];

// Node runs Vite directly (not through npx), so killing this child stops the server.
const server = spawn(
	process.execPath,
	['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort'],
	{ stdio: 'ignore' }
);

async function waitForServer() {
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(base)).ok) return;
		} catch {
			// Not up yet.
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`vite preview did not answer on ${base}`);
}

function percentile(sorted, p) {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

let browser;
try {
	await waitForServer();
	browser = await chromium.launch({
		executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
	});
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	console.log('flow                      frames  p50 ms  p95 ms  max ms');
	for (const flow of flows) {
		await page.goto(`${base}/#/flows/${flow}`);
		await page.getByRole('group', { name: 'Flow playback' }).waitFor();
		await page.getByRole('combobox', { name: 'Speed' }).selectOption('3');
		const intervals = await page.evaluate(async () => {
			const gaps = [];
			let last = performance.now();
			let frames = 0;
			document
				.querySelector('button.primary')
				?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
			await new Promise((resolve) => {
				const tick = (t) => {
					gaps.push(t - last);
					last = t;
					if (++frames < 240) requestAnimationFrame(tick);
					else resolve();
				};
				requestAnimationFrame(tick);
			});
			return gaps.slice(1);
		});
		const sorted = [...intervals].sort((a, b) => a - b);
		console.log(
			`${flow.padEnd(24)} ${String(sorted.length).padStart(7)} ${percentile(sorted, 50).toFixed(1).padStart(7)} ${percentile(sorted, 95).toFixed(1).padStart(7)} ${(sorted.at(-1) ?? 0).toFixed(1).padStart(7)}`
		);
	}
} finally {
	await browser?.close();
	server.kill();
}
