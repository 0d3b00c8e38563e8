// Debian's Chromium as the benchmarks launch it: the network here is closed, so background
// connections are turned off rather than left to fail.
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

/** Launches headless Chromium for a benchmark. */
export function launchChromium() {
	return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}
