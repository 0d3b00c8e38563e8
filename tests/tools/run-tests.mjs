// Runs every check and test (type checks, lint, content, unit and component tests, the build, the
// browser tests) and ends with one plain line, "N passed, N failed", which CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const results = { passed: 0, failed: 0 };
const failures = [];
mkdirSync('test-results', { recursive: true });

function run(label, command, args, env = {}) {
	console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
	const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return r.status === 0;
}

function gate(label, command, args) {
	if (run(label, command, args)) results.passed++;
	else {
		results.failed++;
		failures.push(label);
	}
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

gate('check', 'npm', ['run', '--silent', 'check']);
gate('lint', 'npm', ['run', '--silent', 'lint']);
if (pkg.scripts['content:check']) gate('content', 'npm', ['run', '--silent', 'content:check']);

// Unit and component tests: count each test from vitest's JSON report.
const vitestJson = 'test-results/vitest.json';
rmSync(vitestJson, { force: true });
const vitestOk = run('vitest', 'npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${vitestJson}`
]);
if (existsSync(vitestJson)) {
	const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
	results.passed += report.numPassedTests;
	results.failed += report.numFailedTests + (report.numPendingTests ?? 0);
	if (report.numFailedTests > 0) failures.push(`${report.numFailedTests} vitest test(s)`);
	if (report.numPendingTests > 0) failures.push(`${report.numPendingTests} skipped vitest test(s)`);
	if (!vitestOk && report.numFailedTests === 0) {
		results.failed++;
		failures.push('vitest (a suite failed to load)');
	}
} else {
	results.failed++;
	failures.push('vitest (no report)');
}

// The browser tests run against the production build, served by Playwright's webServer.
const built = run('build', 'npx', ['vite', 'build']);
if (built) results.passed++;
else {
	results.failed++;
	failures.push('build');
}
if (built) {
	const pwJson = resolve('test-results/playwright.json');
	rmSync(pwJson, { force: true });
	const pwOk = run(
		'browser',
		'npx',
		['playwright', 'test', '-c', 'tests/playwright.config.ts', '--reporter=list,json'],
		{ PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson }
	);
	if (existsSync(pwJson)) {
		const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats ?? {};
		const failed = (s.unexpected ?? 0) + (s.flaky ?? 0) + (s.skipped ?? 0);
		results.passed += s.expected ?? 0;
		results.failed += failed;
		if (failed > 0) failures.push(`${failed} browser test(s) failed, flaky or skipped`);
		if (!pwOk && failed === 0) {
			results.failed++;
			failures.push('browser tests (run failed)');
		}
	} else {
		results.failed++;
		failures.push('browser tests (no report)');
	}
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
