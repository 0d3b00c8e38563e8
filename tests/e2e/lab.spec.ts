import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { chunkRequests, expect, test, type Page } from './fixtures.ts';

const fixture = (name: string): string =>
	readFileSync(new URL(`../fixtures/lab/${name}`, import.meta.url), 'utf8');

const cliSet = [
	'describe-identity-pool.json',
	'get-identity-pool-roles.json',
	'get-role-auth.json',
	'get-role-guest.json',
	'get-role-policy-guest.json',
	'get-role-policy-auth.json'
];

/**
 * Opens the lab; the list returned fills with every request made after that, other than the app's
 * own script and style chunks loaded on demand.
 */
async function openLab(page: Page): Promise<string[]> {
	await page.goto('/#/lab');
	await expect(page.locator('main[data-screen="lab"] h1')).toHaveText('Your own pool');
	const origin = new URL(page.url()).origin;
	const outside: string[] = [];
	page.on('request', (r) => {
		const own =
			new URL(r.url()).origin === origin && ['script', 'stylesheet'].includes(r.resourceType());
		if (!own) outside.push(`${r.resourceType()} ${r.url()}`);
	});
	return outside;
}

async function paste(page: Page, text: string) {
	await page.getByRole('textbox', { name: /^Paste output or a template here/ }).fill(text);
	await page.getByRole('button', { name: 'Add', exact: true }).click();
}

test('paste the CLI outputs, run the checkup and see which flows fail where and why, with no request made', async ({
	page
}) => {
	const outside = await openLab(page);
	await expect(page.getByText('Nothing you paste leaves this browser')).toBeVisible();
	for (const name of cliSet) await paste(page, fixture(name));
	await expect(page.getByRole('status').filter({ hasText: 'Read: identity pool' })).toContainText(
		'eu-west-1:5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f'
	);
	await expect(page.locator('.commands')).toContainText(
		'aws iam get-role --role-name NotesGuestRole'
	);
	await page.getByRole('button', { name: 'Run the checkup' }).click();
	const table = page.getByRole('table', { name: 'Every flow for every provider' });
	await expect(table).toBeVisible();
	await expect(table.getByRole('row')).toHaveCount(11);
	await expect(table.getByRole('row').nth(1)).toContainText(
		'Enhanced flow, signed inUser pool eu-west-1_NotesUsr1'
	);
	await expect(table).toContainText('Fails at step 4 (GetOpenIdToken)');
	await expect(table).toContainText(
		'Basic (classic) flow is not enabled, please use enhanced flow.'
	);
	await expect(
		page
			.getByRole('link', { name: 'Security best practices for Amazon Cognito identity pools' })
			.first()
	).toHaveAttribute(
		'href',
		'https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html'
	);
	expect(outside).toEqual([]);
});

test('a pasted problem is listed with its field path, and nothing is used until it is fixed', async ({
	page
}) => {
	await openLab(page);
	const roles = JSON.parse(fixture('get-identity-pool-roles.json'));
	const key = Object.keys(roles.RoleMappings)[0] ?? '';
	roles.RoleMappings[key].RulesConfiguration.Rules[1].MatchType = 'Like';
	await paste(page, fixture('describe-identity-pool.json'));
	await paste(page, JSON.stringify(roles));
	const alert = page.getByRole('alert');
	await expect(alert).toContainText(
		`Paste 2: RoleMappings["${key}"].RulesConfiguration.Rules[1].MatchType: must be one of Equals, Contains, StartsWith, NotEqual, not "Like"`
	);
	await expect(page.getByRole('button', { name: 'Run the checkup' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Remove Paste 2' }).click();
	await expect(page.getByRole('button', { name: 'Run the checkup' })).toBeVisible();
});

test('the lab opens without its reader or the simulator: the reader loads with the first paste, the simulator when a flow first runs', async ({
	page
}) => {
	// The reader (YAML and the configuration shapes) comes in one chunk; the simulator and the flow
	// machines in another, the one that runs flows.
	const requested = chunkRequests(page);
	const reader = () => requested('parse-config');
	const simulator = () => requested('run-flow');
	await openLab(page);
	expect(reader()).toEqual([]);
	for (const name of cliSet) await paste(page, fixture(name));
	expect(reader()).toHaveLength(1);
	// The runner is drawn, with the pool's providers and the token's claims, before anything runs.
	await expect(page.getByLabel(/Token claims/)).toHaveValue(/cognito:username/);
	expect(simulator()).toEqual([]);
	await page.getByRole('button', { name: 'Run it' }).click();
	await expect(page.getByText('This run ends with AWS credentials')).toBeVisible();
	expect(simulator()).toHaveLength(1);
});

test('run a flow with edited claims on the diagram, and ask what the credentials may do', async ({
	page
}) => {
	await openLab(page);
	for (const name of cliSet) await paste(page, fixture(name));
	const claims = page.getByLabel(/Token claims/);
	const value = JSON.parse(await claims.inputValue());
	value['cognito:groups'] = ['admins'];
	await claims.fill(JSON.stringify(value, null, 2));
	await page.getByLabel('Action').fill('s3:GetObject');
	await page.getByLabel('Resource').fill('arn:aws:s3:::notes-app-files/someone-else/a.txt');
	await page.getByRole('button', { name: 'Run it' }).click();
	await expect(page.getByText('This run ends with AWS credentials')).toBeVisible();
	await expect(page.locator('.result svg').first()).toBeVisible();
	await expect(page.locator('.answer')).toContainText(
		's3:GetObject on arn:aws:s3:::notes-app-files/someone-else/a.txt: denied.'
	);
	await page.getByRole('button', { name: /Choose the role/ }).click();
	await expect(page.locator('#inspector-heading')).toContainText('Choose the role');
	await expect(page.locator('.inspector')).toContainText('NotesAdminRole');
});

test('explain an error and replay it on the flow page', async ({ page }) => {
	await openLab(page);
	await page
		.getByLabel('The error, exactly as your app or the CLI printed it')
		.fill(
			'An error occurred (NotAuthorizedException) when calling the GetId operation: Unauthenticated access is not supported for this identity pool.'
		);
	await page.getByRole('button', { name: 'Explain it' }).click();
	await expect(page.getByText('boto3 or AWS CLI')).toBeVisible();
	await expect(page.locator('.causes li').first()).toContainText(
		'guest access (AllowUnauthenticatedIdentities) off'
	);
	await page.getByRole('link', { name: 'Replay it on the flow page' }).first().click();
	await expect(page).toHaveURL(/#\/flows\/enhanced-guest\?guest=off/);
	await expect(page.getByText('This run fails at step 1.')).toBeVisible();
});

test('an unknown error is said to be unknown, with the closest known ones', async ({ page }) => {
	await openLab(page);
	await page
		.getByLabel('The error, exactly as your app or the CLI printed it')
		.fill('NotAuthorizedException: Invalid login token. Something new.');
	await page.getByRole('button', { name: 'Explain it' }).click();
	await expect(
		page.getByRole('heading', { name: 'This error is unknown to the lab' })
	).toBeVisible();
});

test('the configuration stays on this device after a reload, and is removed on request', async ({
	page
}) => {
	await openLab(page);
	await paste(page, fixture('template.yaml'));
	await expect(page.getByText('Your configuration is saved on this device.')).toBeVisible();
	await page.reload();
	await expect(page.getByText('Your configuration is saved on this device.')).toBeVisible();
	await expect(page.getByText('Paste 1', { exact: true })).toBeVisible();
	await expect(page.getByText('Values only your deployed stack knows')).toBeVisible();
	await page.getByRole('button', { name: 'Remove from this device' }).click();
	await expect(page.getByText('Nothing is saved.')).toBeVisible();
	await page.reload();
	await expect(page.getByText('Nothing is saved.')).toBeVisible();
});

test('axe finds no violations on the lab with a report, a run and an explanation shown', async ({
	page
}) => {
	await page.addInitScript(() =>
		localStorage.setItem('ipl.settings.v1', JSON.stringify({ theme: 'dark', motion: 'reduce' }))
	);
	await openLab(page);
	for (const name of cliSet) await paste(page, fixture(name));
	await page.getByRole('button', { name: 'Run the checkup' }).click();
	await expect(page.getByRole('table', { name: 'Every flow for every provider' })).toBeVisible();
	await page.getByRole('button', { name: 'Run it' }).click();
	await expect(page.getByText('This run ends with AWS credentials')).toBeVisible();
	await page
		.getByLabel('The error, exactly as your app or the CLI printed it')
		.fill('AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity');
	await page.getByRole('button', { name: 'Explain it' }).click();
	await expect(page.locator('.causes')).toBeVisible();
	const results = await new AxeBuilder({ page }).analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
	for (const size of [
		{ label: 'phone', width: 390, height: 844 },
		{ label: 'laptop', width: 1280, height: 800 },
		{ label: 'projector', width: 1920, height: 1080 }
	]) {
		await page.setViewportSize(size);
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width, `the lab scrolls sideways at ${size.label} size`).toBeLessThanOrEqual(size.width);
		await page.screenshot({
			path: `test-results/screenshots/lab-full-${size.label}.png`,
			fullPage: true
		});
	}
});
