import { expect, test } from './fixtures.ts';

/**
 * The developer flows show the backend's SigV4-signed request, and "break it" can take the
 * GetOpenIdTokenForDeveloperIdentity permission out of the backend's IAM policy.
 */

test.beforeEach(async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
});

test("the backend's call shows its signed request; without the permission the run ends in AccessDeniedException", async ({
	page
}) => {
	await page.goto('/#/flows/developer-enhanced?step=get-open-id-token-for-developer-identity');
	await expect(page.getByRole('group', { name: 'Flow playback' })).toBeVisible();
	const checked = page.locator('details.trace');
	await checked.locator('summary').click();
	await expect(checked).toContainText('check-signature, passed');
	await expect(checked).toContainText('AWS4-HMAC-SHA256 Credential=AKIA');
	await expect(checked).toContainText(
		'"x-amz-target": "AWSCognitoIdentityService.GetOpenIdTokenForDeveloperIdentity"'
	);

	await page
		.getByRole('group', { name: "Backend's IAM permission" })
		.getByRole('radio', { name: 'Missing' })
		.check();
	await expect(page).toHaveURL(/backendperm=off/);
	await page
		.getByRole('region', { name: /^Developer-authenticated, enhanced flow, step \d+ of \d+$/ })
		.focus();
	await page.keyboard.press('End');
	await expect(page.getByRole('group', { name: 'Error' })).toContainText('AccessDeniedException');
});
