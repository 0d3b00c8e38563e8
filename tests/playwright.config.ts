import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
// Another port lets a second run (or a benchmark) use the built app at the same time.
const port = Number(process.env.E2E_PORT ?? 4173);
if (!existsSync(chromePath)) {
	throw new Error(
		`No Chromium at ${chromePath}. Install Debian's Chromium (apt-get update && apt-get install -y chromium) ` +
			'or set CHROME_PATH to a Chromium binary. The browser tests never download a browser.'
	);
}

export default defineConfig({
	testDir: './e2e',
	outputDir: '../test-results/e2e',
	fullyParallel: false,
	workers: 2,
	retries: 0,
	reporter: [['list']],
	timeout: 60_000,
	use: {
		baseURL: `http://localhost:${port}`,
		serviceWorkers: 'block',
		launchOptions: {
			executablePath: chromePath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	webServer: {
		command: `npx vite preview --port ${port} --strictPort`,
		url: `http://localhost:${port}`,
		cwd: '..',
		reuseExistingServer: false,
		timeout: 60_000
	}
});
