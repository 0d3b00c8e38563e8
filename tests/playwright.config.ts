import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
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
		baseURL: 'http://localhost:4173',
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
		command: 'npx vite preview --port 4173 --strictPort',
		url: 'http://localhost:4173',
		cwd: '..',
		reuseExistingServer: false,
		timeout: 60_000
	}
});
