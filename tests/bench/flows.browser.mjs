// Frame timing, long tasks and heap growth of the flow diagram, in Debian's Chromium.
// Usage: npm run bench (tests/tools/bench.mjs builds the app, serves it and sets BENCH_URL), or by
// hand: npx vite build && npx vite preview --port 4173 --strictPort &
//        BENCH_URL=http://localhost:4173/ node tests/bench/flows.browser.mjs
//
// Budgets (from the issue): while stepping through all flows with the CPU throttled 4x, frame time
// p95 at most 16.7 ms during animations and no long task over 50 ms; JS heap growth under 5 MB after
// 1,000 steps. The figures are printed against the budgets; the script exits 0 either way, and 1
// only when the page does not load or the script itself breaks.
import { machineAtStart } from '../tools/machine.mjs';
import { launchChromium } from '../tools/chromium.mjs';

const base = new URL(process.env.BENCH_URL ?? 'http://localhost:4173/');
const flows = [
	'enhanced-authenticated',
	'enhanced-guest',
	'basic-authenticated',
	'basic-guest',
	'developer-enhanced',
	'developer-basic'
];
const budget = { frameP95Ms: 16.7, longTaskMs: 50, heapGrowthMb: 5, heapSteps: 1000 };
const cpuThrottle = 4;
const MB = 1024 * 1024;
// requestAnimationFrame timestamps are coarsened to 0.1 ms (the page is not cross-origin isolated),
// so a frame on time at 60 Hz (16.67 ms) reads as 16.6 to 16.8 ms; the p95 is judged with that
// resolution. A frame is counted as dropped when its interval is over 1.5 frames.
const timerResolutionMs = 0.1;
const droppedMs = 25;

/**
 * Installed in the page before its scripts run: records requestAnimationFrame intervals and long
 * tasks between start() and stop(). Long tasks are kept with their start time, so entries the
 * observer delivers late are still counted when they fall inside the recorded window.
 */
function installRecorder() {
	const longTasks = [];
	const observer = new PerformanceObserver((list) => {
		for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
	});
	observer.observe({ type: 'longtask' });
	let frames = [];
	let recording = false;
	let last = 0;
	let since = 0;
	let handle = 0;
	const tick = (t) => {
		if (!recording) return;
		if (last) frames.push(t - last);
		last = t;
		handle = requestAnimationFrame(tick);
	};
	window.__bench = {
		start() {
			frames = [];
			last = 0;
			since = performance.now();
			recording = true;
			handle = requestAnimationFrame(tick);
		},
		stop() {
			recording = false;
			cancelAnimationFrame(handle);
			for (const e of observer.takeRecords()) {
				longTasks.push({ start: e.startTime, duration: e.duration });
			}
			return {
				frames,
				longTasks: longTasks.filter((t) => t.start >= since).map((t) => t.duration)
			};
		}
	};
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted, p) {
	if (!sorted.length) return 0;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summarize(frames, longTasks) {
	const sorted = [...frames].sort((a, b) => a - b);
	const over = longTasks.filter((d) => d > budget.longTaskMs);
	return {
		frames: sorted.length,
		dropped: sorted.filter((f) => f > droppedMs).length,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		max: sorted.at(-1) ?? 0,
		longTasks: over.length,
		longest: longTasks.length ? Math.max(...longTasks) : 0
	};
}

const verdict = (ok) => (ok ? 'within budget' : 'OVER BUDGET');
const ms = (n) => n.toFixed(1).padStart(7);

function row(name, s) {
	return `${name.padEnd(24)} ${String(s.frames).padStart(6)} ${String(s.dropped).padStart(7)} ${ms(s.p50)} ${ms(s.p95)} ${ms(s.max)} ${String(s.longTasks).padStart(10)} ${ms(s.longest)}`;
}

/** Opens a flow in a fresh page load; returns its diagram region (focused) and its step count. */
async function openFlow(page, id) {
	await page.goto('about:blank');
	const response = await page.goto(new URL(`#/flows/${id}`, base).href);
	if (!response?.ok()) throw new Error(`${base.href} answered ${response?.status()}`);
	await page.getByRole('group', { name: 'Flow playback' }).waitFor({ timeout: 15_000 });
	const region = page.getByRole('region', { name: /, step \d+ of \d+$/ });
	await region.focus();
	const label = (await region.getAttribute('aria-label')) ?? '';
	const total = Number(/of (\d+)$/.exec(label)?.[1]);
	if (!total) throw new Error(`${id}: no step count in the diagram's label "${label}"`);
	return { region, total };
}

/** Waits until step `n` (1-based) is shown and, with `settled`, its packet has arrived. */
function shown(page, n, total, settled) {
	return page.waitForFunction(
		([n, total, settled]) => {
			const region = document.querySelector('.scroller[role="region"]');
			if (!region?.getAttribute('aria-label')?.endsWith(`step ${n} of ${total}`)) return false;
			return !settled || !document.querySelector('circle.packet');
		},
		[n, total, settled],
		{ polling: 50, timeout: 20_000 }
	);
}

let browser;
try {
	browser = await launchChromium();
	const context = await browser.newContext({
		viewport: { width: 1280, height: 900 },
		reducedMotion: 'no-preference'
	});
	await context.addInitScript(installRecorder);
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Performance.enable');

	// 1. Frame times and long tasks: each flow walked forward (every arrow animates; the next key
	// waits until its packet has arrived) and back again (each step drawn at once), at 1x speed.
	// Other work on the machine shows up in every figure here: print how busy it was.
	console.log(`${machineAtStart()}\n`);
	console.log(`Stepping through every flow, CPU throttled ${cpuThrottle}x (1x playback speed)\n`);
	console.log('flow                     frames dropped  p50 ms  p95 ms  max ms  long>50ms longest');
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
	const all = { frames: [], longTasks: [] };
	for (const id of flows) {
		const { total } = await openFlow(page, id);
		await page.evaluate(() => window.__bench.start());
		for (let n = 2; n <= total; n++) {
			await page.keyboard.press('ArrowRight');
			await shown(page, n, total, true);
		}
		for (let n = total - 1; n >= 1; n--) {
			await page.keyboard.press('ArrowLeft');
			await shown(page, n, total, false);
		}
		const { frames, longTasks } = await page.evaluate(() => window.__bench.stop());
		all.frames.push(...frames);
		all.longTasks.push(...longTasks);
		console.log(row(id, summarize(frames, longTasks)));
	}
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
	const overall = summarize(all.frames, all.longTasks);
	console.log(row('all flows', overall));
	console.log(
		`\nFrame time p95: ${overall.p95.toFixed(1)} ms (budget ${budget.frameP95Ms} ms, timestamps to ${timerResolutionMs} ms): ${verdict(
			overall.p95 <= budget.frameP95Ms + timerResolutionMs + 1e-9
		)}; ${overall.dropped} of ${overall.frames} frames dropped (over ${droppedMs} ms)`
	);
	console.log(
		`Long tasks over ${budget.longTaskMs} ms: ${overall.longTasks}, longest task ${overall.longest.toFixed(
			0
		)} ms (budget: none over ${budget.longTaskMs} ms): ${verdict(overall.longTasks === 0)}`
	);

	// 2. Heap: JSHeapUsedSize after a forced GC, before and after 1,000 steps on one flow (cycling
	// ArrowRight to the last step and ArrowLeft back to the first; each step waits until it is shown,
	// so every one is rendered). CPU not throttled here: the heap does not depend on it.
	const heapFlow = 'enhanced-authenticated';
	const { total } = await openFlow(page, heapFlow);
	let at = 1;
	let forward = true;
	const step = async () => {
		if (forward && at === total) forward = false;
		else if (!forward && at === 1) forward = true;
		at += forward ? 1 : -1;
		await page.keyboard.press(forward ? 'ArrowRight' : 'ArrowLeft');
		await shown(page, at, total, false);
	};
	const heapUsed = async () => {
		await page.waitForTimeout(1500); // let the last packet arrive and timers run out
		await cdp.send('HeapProfiler.collectGarbage');
		await cdp.send('HeapProfiler.collectGarbage');
		const { metrics } = await cdp.send('Performance.getMetrics');
		return metrics.find((m) => m.name === 'JSHeapUsedSize').value;
	};
	for (let i = 0; i < 2 * (total - 1); i++) await step(); // warm up: every step once each way
	const before = await heapUsed();
	for (let i = 0; i < budget.heapSteps; i++) await step();
	const after = await heapUsed();
	const growth = (after - before) / MB;
	console.log(
		`\nJS heap after GC, ${heapFlow}: ${(before / MB).toFixed(2)} MB before, ${(after / MB).toFixed(
			2
		)} MB after ${budget.heapSteps} steps`
	);
	console.log(
		`Heap growth: ${growth.toFixed(2)} MB (budget under ${budget.heapGrowthMb} MB, 1 MB = 2^20 bytes): ${verdict(
			growth < budget.heapGrowthMb
		)}`
	);
} catch (err) {
	console.error(`flows.browser.mjs failed: ${err instanceof Error ? err.stack : err}`);
	process.exitCode = 1;
} finally {
	await browser?.close();
}
