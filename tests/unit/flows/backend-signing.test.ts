import { describe, expect, test } from 'vitest';
import { demoBackendCredentials } from '../../../src/lib/cognito/index.ts';
import { runFlow } from '../../../src/lib/flows/run-flow.ts';

/**
 * In the developer flows your backend calls GetOpenIdTokenForDeveloperIdentity signed with its
 * access key (DEV): the inspector shows that signed request, and a backend whose IAM policy lacks
 * the action is refused before Cognito looks at the user.
 */

const backendStep = 'get-open-id-token-for-developer-identity';

describe('the backend signs GetOpenIdTokenForDeveloperIdentity', () => {
	for (const flowId of ['developer-enhanced', 'developer-basic'] as const) {
		test(`${flowId}: the call step carries the SigV4-signed HTTP request and the signer`, async () => {
			const run = await runFlow(flowId);
			expect(run.outcome).toBe('credentials');
			const step = run.steps.find((s) => s.id === backendStep)!;
			expect(step.signed).toBe(true);
			const check = step.trace?.find((t) => t.kind === 'check-signature');
			expect(check?.ok).toBe(true);
			expect(check?.detail['Principal']).toBe(demoBackendCredentials.principalArn);
			const signed = check?.detail['SignedRequest'] as {
				method: string;
				url: string;
				headers: Record<string, string>;
			};
			expect(signed.method).toBe('POST');
			expect(signed.url).toBe('https://cognito-identity.us-east-1.amazonaws.com/');
			expect(signed.headers['x-amz-target']).toBe(
				'AWSCognitoIdentityService.GetOpenIdTokenForDeveloperIdentity'
			);
			expect(signed.headers['x-amz-date']).toBe('20260115T090000Z');
			expect(signed.headers['authorization']).toMatch(
				new RegExp(
					`^AWS4-HMAC-SHA256 Credential=${demoBackendCredentials.accessKeyId}/20260115/us-east-1/cognito-identity/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$`
				)
			);
			// The secret key never appears in what the inspector shows.
			expect(JSON.stringify(step)).not.toContain(demoBackendCredentials.secretAccessKey);
		});
	}

	test('"break it": without the IAM permission the run ends at the backend call with AccessDeniedException', async () => {
		const run = await runFlow('developer-enhanced', { settings: { backendPermission: false } });
		expect(run.outcome).toBe('error');
		const last = run.steps.at(-1)!;
		expect(last.id).toBe(backendStep);
		expect(last.error).toMatchObject({
			name: 'AccessDeniedException',
			httpStatus: 400,
			message: `User: ${demoBackendCredentials.principalArn} is not authorized to perform: cognito-identity:GetOpenIdTokenForDeveloperIdentity on resource: arn:aws:cognito-identity:us-east-1:111122223333:identitypool/us-east-1:0b7a3c5e-1d2f-4a6b-8c9d-0e1f2a3b4c5d`
		});
		expect(last.trace?.find((t) => t.kind === 'check-signature')?.ok).toBe(true);
		expect(last.ambiguous?.some((n) => n.includes('AccessDeniedException'))).toBe(true);
	});

	test('the setting changes nothing outside the developer flows', async () => {
		const broken = await runFlow('enhanced-authenticated', {
			settings: { backendPermission: false }
		});
		expect(broken.outcome).toBe('credentials');
		expect(broken.settings.backendPermission).toBe(true);
	});
});
