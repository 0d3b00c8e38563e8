import { expect, test } from './fixtures.ts';

/** The policy as the built index.html ships it, directive by directive. */
async function policy(page: import('@playwright/test').Page): Promise<Map<string, string[]>> {
	const content = await page
		.locator('meta[http-equiv="Content-Security-Policy"]')
		.getAttribute('content');
	return new Map(
		(content ?? '')
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((parts) => parts[0])
			.map(([name, ...values]) => [name!, values])
	);
}

test('the page ships a strict content security policy', async ({ page }) => {
	await page.goto('/#/');
	const csp = await policy(page);
	expect(csp.get('script-src')).toEqual(["'self'"]);
	expect(csp.get('object-src')).toEqual(["'none'"]);
	expect(csp.get('base-uri')).toEqual(["'none'"]);
	expect(csp.get('form-action')).toEqual(["'none'"]);
	expect(csp.get('connect-src')).toEqual(["'self'"]);
	expect(csp.get('worker-src')).toEqual(["'self'"]);
	expect(csp.get('require-trusted-types-for')).toEqual(["'script'"]);
	for (const values of csp.values()) {
		expect(values).not.toContain("'unsafe-inline'");
		expect(values).not.toContain("'unsafe-eval'");
	}
});

test.describe('an inline script injected into the page', () => {
	test.use({ expectedCspViolations: ['require-trusted-types-for'] });

	test('does not run', async ({ page }) => {
		await page.goto('/#/');
		await expect(page.locator('main h1').first()).toBeVisible();
		const refused = await page.evaluate(() => {
			const script = document.createElement('script');
			try {
				script.textContent = 'window.__injected = true';
				document.body.append(script);
				return false;
			} catch {
				return true;
			}
		});
		expect(refused).toBe(true);
		expect(await page.evaluate(() => 'window.__injected' in window || '__injected' in window)).toBe(
			false
		);
	});
});

test.describe('an inline script written into index.html by mistake', () => {
	test.use({ expectedCspViolations: ['script-src-elem'] });

	test('is refused by script-src and the app still starts', async ({ page }) => {
		await page.route(
			(url) => url.pathname === '/' || url.pathname.endsWith('/index.html'),
			async (route) => {
				const response = await route.fetch();
				const html = (await response.text()).replace(
					'</head>',
					'<script>window.__slip = true</script></head>'
				);
				await route.fulfill({ response, body: html });
			}
		);
		await page.goto('/#/');
		await expect(page.locator('main h1').first()).toBeVisible();
		expect(await page.evaluate(() => '__slip' in window)).toBe(false);
	});
});

test.describe('HTML that reaches the page as a string', () => {
	// Parsing the markup reports the blocked inline handler before DOMPurify removes it.
	test.use({ expectedCspViolations: ['script-src-attr'] });

	test('is sanitized by the default Trusted Types policy where HTML is rendered', async ({
		page
	}) => {
		// A practice question renders HTML strings, so its screen has loaded the sanitizer.
		await page.goto('/#/practice?seed=7&count=3');
		await page.getByRole('button', { name: 'Start practising' }).click();
		await expect(page.locator('.stem')).not.toBeEmpty();
		const html = await page.evaluate(() => {
			const div = document.createElement('div');
			div.innerHTML = '<img src="x" onerror="window.__onerror = true"><p onclick="x()">kept</p>';
			return div.innerHTML;
		});
		expect(html).toBe('<p>kept</p>');
		expect(await page.evaluate(() => '__onerror' in window)).toBe(false);
	});
});

test('HTML is refused, not passed through, on a screen that has not loaded the sanitizer', async ({
	page
}) => {
	await page.goto('/#/');
	await expect(page.locator('main h1').first()).toBeVisible();
	const outcome = await page.evaluate(() => {
		const div = document.createElement('div');
		try {
			div.innerHTML = '<img src="x" onerror="window.__onerror = true"><p>kept</p>';
			return `written: ${div.innerHTML}`;
		} catch (err) {
			return `refused: ${err instanceof TypeError} ${div.childNodes.length}`;
		}
	});
	expect(outcome).toBe('refused: true 0');
	expect(await page.evaluate(() => '__onerror' in window)).toBe(false);
});
