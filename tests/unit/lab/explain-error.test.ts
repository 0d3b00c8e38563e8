import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { knownErrors } from '../../../src/lib/lab/error-catalogue.ts';
import { explainError, parseErrorText } from '../../../src/lib/lab/explain-error.ts';
import { decodeFlowLink, runFlow } from '../../../src/lib/flows/index.ts';

/** [SDK, text as printed, known error, first cause, operation]. */
const table: [string, string, string, string, string | undefined][] = [
	[
		'boto3',
		'botocore.errorfactory.NotAuthorizedException: An error occurred (NotAuthorizedException) when calling the GetId operation: Unauthenticated access is not supported for this identity pool.',
		'unauthenticated-not-supported',
		'guest-access-off',
		'GetId'
	],
	[
		'AWS CLI',
		'\nAn error occurred (NotAuthorizedException) when calling the GetCredentialsForIdentity operation: Invalid login token. Token expired: 1768471201 >= 1768471200\n',
		'token-expired',
		'developer-token-expired',
		'GetCredentialsForIdentity'
	],
	[
		'JavaScript v3',
		"NotAuthorizedException: Invalid login token. Issuer doesn't match providerName\n    at de_NotAuthorizedExceptionRes (node_modules/@aws-sdk/client-cognito-identity/dist-cjs/index.js:1:2)\n    at GetIdCommand ...\n  '$fault': 'client',\n  '$metadata': { httpStatusCode: 400, requestId: 'a1b2c3d4-5678-90ab-cdef-111122223333' }",
		'issuer-mismatch',
		'other-user-pool',
		'GetId'
	],
	[
		'JavaScript v2',
		"NotAuthorizedException: Invalid login token. Missing a required claim: aud\n  code: 'NotAuthorizedException',\n  time: 2026-01-15T09:00:00.000Z,\n  requestId: '0f1e2d3c-4b5a-4968-8776-655443322110',\n  statusCode: 400,\n  retryable: false",
		'missing-aud',
		'access-token-sent',
		undefined
	],
	[
		'.NET',
		'Amazon.CognitoIdentity.Model.InvalidIdentityPoolConfigurationException: Invalid identity pool configuration. Check assigned IAM roles for this pool.\n   at Amazon.Runtime.Internal.HttpErrorResponseExceptionHandler.HandleException(...)',
		'invalid-configuration',
		'trust-wrong-aud',
		'GetCredentialsForIdentity'
	],
	[
		'Java v1 / Android',
		'com.amazonaws.services.cognitoidentity.model.NotAuthorizedException: The ambiguous role mapping rules for: cognito-idp.eu-west-1.amazonaws.com/eu-west-1_NotesUsr1:4notesappwebclient0000001 denied this request. (Service: AmazonCognitoIdentity; Status Code: 400; Error Code: NotAuthorizedException; Request ID: 7c6b5a49-3827-4165-9a8b-7c6d5e4f3a2b)',
		'ambiguous-deny',
		'no-rule-matched',
		'GetCredentialsForIdentity'
	],
	[
		'Java v2',
		'software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException: Basic (classic) flow is not enabled, please use enhanced flow. (Service: CognitoIdentity, Status Code: 400, Request ID: 11111111-2222-4333-8444-555555555555)',
		'classic-flow-disabled',
		'classic-off',
		'GetOpenIdToken'
	],
	[
		'iOS',
		'Error Domain=com.amazonaws.AWSCognitoIdentityErrorDomain Code=8 "(null)" UserInfo={__type=NotAuthorizedException, message=Logins don\'t match. Please include at least one valid login for this identity or identity pool.}',
		'logins-dont-match',
		'provider-not-configured',
		undefined
	],
	[
		'boto3 (STS)',
		'An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity',
		'sts-access-denied',
		'basic-trust-wrong-aud',
		'AssumeRoleWithWebIdentity'
	],
	[
		'JSON response',
		'{"__type":"NotAuthorizedException","message":"Access to identity \'us-east-1:0b7a3c5e-1d2f-4a6b-8c9d-0e1f2a3b4c5d\' is forbidden."}',
		'identity-forbidden',
		'merged-identity',
		undefined
	],
	[
		'JavaScript v3 (STS, code without Exception)',
		'ExpiredTokenException: Token expired: current date/time 1768468501 must be before the expiration date/time 1768468500',
		'sts-expired-token',
		'cognito-token-expired',
		'AssumeRoleWithWebIdentity'
	],
	[
		'AWS CLI, throttled',
		'An error occurred (TooManyRequestsException) when calling the GetId operation (reached max retries: 2): Rate exceeded',
		'too-many-requests',
		'throttled',
		'GetId'
	]
];

describe('explaining errors as each SDK prints them', () => {
	for (const [sdk, text, id, cause, operation] of table) {
		it(`${sdk}: ${id}, most likely ${cause}`, () => {
			const e = explainError(text);
			expect(e.match?.id).toBe(id);
			expect(e.causes[0]?.id).toBe(cause);
			expect(e.operation).toBe(operation);
		});
	}

	it('reads the format, name and operation', () => {
		expect(parseErrorText(table[0]![1])).toEqual({
			format: 'boto3 or AWS CLI',
			name: 'NotAuthorizedException',
			operation: 'GetId',
			message: 'Unauthenticated access is not supported for this identity pool.'
		});
		expect(parseErrorText(table[5]![1]).httpStatus).toBe(400);
	});

	it('says an unknown error is unknown and names the closest known ones', () => {
		const e = explainError(
			'NotAuthorizedException: Invalid login token. Token is not from a supported provider of this identity pool.'
		);
		expect(e.match).toBeUndefined();
		expect(e.causes).toEqual([]);
		expect(e.closest.length).toBeGreaterThan(0);
		expect(e.closest.every((k) => k.name === 'NotAuthorizedException')).toBe(true);
	});

	it('never throws on any text', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 300 }), (text) => {
				const e = explainError(text);
				expect(e.match !== undefined || e.causes.length === 0).toBe(true);
			}),
			{ numRuns: 300, seed: 3 }
		);
	});
});

describe('"Replay it" reproduces the error on the flow page', () => {
	const replays = knownErrors.flatMap((k) =>
		k.causes.flatMap((c) => (c.replay ? [{ k, c, replay: c.replay }] : []))
	);

	/** The known error's message with sample values where AWS prints IDs and times. */
	const sample = (shown: string): string =>
		shown
			.replace('<now>', '1768471201')
			.replace('<exp>', '1768471200')
			.replace('<provider>', 'graph.facebook.com')
			.replace('<identity ID>', 'us-east-1:0b7a3c5e-1d2f-4a6b-8c9d-0e1f2a3b4c5d');

	for (const { k, c } of replays) {
		it(`${k.id} / ${c.id}`, async () => {
			const cause = explainError(`${k.name}: ${sample(k.shown)}`).causes.find((x) => x.id === c.id);
			expect(cause?.replayHash).toBeDefined();
			const [path, query] = (cause?.replayHash ?? '').slice(1).split('?');
			const { link, problems } = decodeFlowLink(path!.split('/')[2]!, new URLSearchParams(query));
			expect(problems).toEqual([]);
			const run = await runFlow(link.flowId, {
				...(link.provider ? { provider: link.provider } : {}),
				settings: link.settings
			});
			const failed = run.steps.find((s) => s.error);
			expect(failed?.index).toBe(link.step);
			expect(failed?.error?.name.replace(/Exception$/, '')).toBe(k.name.replace(/Exception$/, ''));
			if (k.message)
				expect(explainError(`${failed?.error?.name}: ${failed?.error?.message}`).match?.id).toBe(
					k.id
				);
		});
	}
});
