import { expect, test as base } from '@playwright/test';

export { expect };
export type { Page } from '@playwright/test';

/**
 * Every browser test fails on a content-security-policy violation or an uncaught page error, so a
 * slip that would run blocked script, or throw, never passes unnoticed. A test that provokes a
 * violation on purpose names its directive in `expectedCspViolations`; it then fails unless that
 * violation happened, and still fails on any other.
 */
export const test = base.extend<{ guard: void; expectedCspViolations: string[] }>({
	expectedCspViolations: [[], { option: true }],
	guard: [
		async ({ context, expectedCspViolations }, use) => {
			const problems: string[] = [];
			const seen = new Set<string>();
			await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
				const directive = text.split(' ')[0] ?? '';
				if (expectedCspViolations.includes(directive)) seen.add(directive);
				else problems.push(`CSP violation: ${text}`);
			});
			await context.addInitScript(() => {
				document.addEventListener('securitypolicyviolation', (e) => {
					const report = (window as unknown as { __reportCspViolation?: (t: string) => void })
						.__reportCspViolation;
					report?.(
						`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`
					);
				});
			});
			const watch = (page: import('@playwright/test').Page) =>
				page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
			context.pages().forEach(watch);
			context.on('page', watch);
			await use();
			expect(problems, 'CSP violations and page errors').toEqual([]);
			expect([...seen].sort(), 'the CSP violations this test provokes').toEqual(
				[...expectedCspViolations].sort()
			);
		},
		{ auto: true }
	]
});

/**
 * Opens `path` (a hash route) in a second window of `page`'s browser context, so the two share
 * storage, as a learner with two windows or a teacher with a projector window would. It is a window
 * and not a second tab because headless Chromium draws a tab behind another about once a second:
 * every action on it would wait seconds for the frames Playwright checks.
 */
export async function openWindow(page: import('@playwright/test').Page, path: string) {
	const [other] = await Promise.all([
		page.context().waitForEvent('page'),
		page.evaluate((to) => void window.open(new URL(to, location.href), '_blank', 'popup'), path)
	]);
	await other.waitForLoadState();
	return other;
}

/**
 * Follows the scripts `page` asks for from now on; the function returned lists those whose path
 * ends in `<chunk>-<hash>.js`, to tell when a chunk (the simulator's, the sanitizer's) was loaded.
 */
export function chunkRequests(page: import('@playwright/test').Page): (chunk: string) => string[] {
	const scripts: string[] = [];
	page.on('request', (r) => {
		if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
	});
	return (chunk) => scripts.filter((p) => new RegExp(`/${chunk}-[\\w-]+\\.js$`).test(p));
}
