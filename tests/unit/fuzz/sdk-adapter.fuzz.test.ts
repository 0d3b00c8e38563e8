import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	createDemoWorld,
	SimulatorRequestHandler,
	type DemoWorld
} from '../../../src/lib/cognito/index.ts';
import { fuzz } from './fuzz-runs.ts';

/**
 * Every error name either service can answer with (SDK-CI; SDK-STS; the common errors of the
 * Cognito Identity API reference). InternalErrorException is left out: the simulator raises it only
 * when its own code throws, which is what this property looks for.
 */
const awsErrorCodes = new Set([
	'InvalidParameterException',
	'ResourceNotFoundException',
	'NotAuthorizedException',
	'ResourceConflictException',
	'TooManyRequestsException',
	'LimitExceededException',
	'ExternalServiceException',
	'InvalidIdentityPoolConfigurationException',
	'DeveloperUserAlreadyRegisteredException',
	'ConcurrentModificationException',
	'MissingAuthenticationTokenException',
	'IncompleteSignatureException',
	'InvalidSignatureException',
	'UnrecognizedClientException',
	'AccessDeniedException',
	'SerializationException',
	'UnknownOperationException'
]);

const operations = [
	'GetId',
	'GetCredentialsForIdentity',
	'GetOpenIdToken',
	'GetOpenIdTokenForDeveloperIdentity',
	'LookupDeveloperIdentity',
	'MergeDeveloperIdentities',
	'UnlinkIdentity',
	'CreateIdentityPool',
	'DescribeIdentityPool',
	'SetIdentityPoolRoles',
	'ListIdentities',
	'Nope'
];

const headerName = fc.oneof(
	fc.constantFrom('Authorization', 'X-Amz-Date', 'X-Amz-Security-Token', 'Host', 'Content-Type'),
	fc.string({ maxLength: 12 })
);
const authorization = fc.oneof(
	fc.string({ maxLength: 120 }),
	fc
		.tuple(fc.string({ maxLength: 24 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 70 }))
		.map(
			([key, signed, sig]) =>
				`AWS4-HMAC-SHA256 Credential=${key}/20260115/us-east-1/cognito-identity/aws4_request, SignedHeaders=${signed}, Signature=${sig}`
		)
);
const body = fc.oneof(
	fc.string(),
	fc.json(),
	fc.uint8Array({ maxLength: 200 }),
	fc
		.dictionary(
			fc.constantFrom('IdentityPoolId', 'IdentityId', 'Logins', 'MaxResults', 'Roles'),
			fc.jsonValue()
		)
		.map((o) => JSON.stringify(o))
);

describe('the SDK adapter over raw bodies and headers (fast-check)', { timeout: 120_000 }, () => {
	let world: DemoWorld;
	beforeAll(async () => {
		world = await createDemoWorld({ seed: 3 });
	});

	it('answers every Cognito request with 200 or an AWS-named JSON error, never a rejection', async () => {
		const handler = new SimulatorRequestHandler(world);
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...operations),
				body,
				fc.dictionary(headerName, fc.string({ maxLength: 40 }), { maxKeys: 4 }),
				fc.option(authorization, { nil: undefined }),
				async (op, raw, extra, auth) => {
					const headers: Record<string, string> = {
						...extra,
						'X-Amz-Target': `AWSCognitoIdentityService.${op}`
					};
					if (auth !== undefined) headers['Authorization'] = auth;
					const { response } = await handler.handle({ method: 'POST', headers, body: raw });
					const text = new TextDecoder().decode(response.body);
					const parsed = JSON.parse(text) as Record<string, unknown>;
					if (response.statusCode === 200) return;
					expect(response.statusCode).toBeGreaterThanOrEqual(400);
					expect(awsErrorCodes, text).toContain(parsed['__type']);
					expect(response.headers['x-amzn-errortype']).toBe(`${String(parsed['__type'])}:`);
				}
			),
			fuzz(1000)
		);
	});
});
