import {
	CognitoIdentityClient,
	CreateIdentityPoolCommand,
	GetIdCommand,
	GetOpenIdTokenForDeveloperIdentityCommand,
	LookupDeveloperIdentityCommand
} from '@aws-sdk/client-cognito-identity';
import { describe, expect, it } from 'vitest';
import {
	createDemoWorld,
	demo,
	demoBackendCredentials,
	SimulatorRequestHandler,
	type DemoWorld
} from '../../../src/lib/cognito/index.ts';

/** A Cognito Identity client of the SDK v3, signing at the simulated time (or off it by `skewMs`). */
function client(
	world: DemoWorld,
	credentials: { accessKeyId: string; secretAccessKey: string },
	skewMs = 0
): CognitoIdentityClient {
	return new CognitoIdentityClient({
		region: 'us-east-1',
		requestHandler: new SimulatorRequestHandler(world),
		maxAttempts: 1,
		credentials,
		systemClockOffset: world.clock.now() - Date.now() + skewMs
	});
}

const devToken = new GetOpenIdTokenForDeveloperIdentityCommand({
	IdentityPoolId: demo.identityPoolId,
	Logins: { [demo.developerProviderName]: 'user-sigv4' }
});

async function failure(
	promise: Promise<unknown>
): Promise<{ name: string; message: string; status?: number }> {
	const err = (await promise.then(
		() => undefined,
		(e: unknown) => e
	)) as { name: string; message: string; $metadata?: { httpStatusCode?: number } } | undefined;
	expect(err, 'the call must fail').toBeDefined();
	return { name: err!.name, message: err!.message, status: err!.$metadata?.httpStatusCode };
}

describe('SigV4 on signed operations, through the AWS SDK v3', () => {
	it('the demo backend key pair signs GetOpenIdTokenForDeveloperIdentity and LookupDeveloperIdentity', async () => {
		const world = await createDemoWorld();
		const backend = client(world, demoBackendCredentials);
		const out = await backend.send(devToken);
		expect(out.IdentityId).toMatch(/^us-east-1:/);
		expect(out.Token?.split('.')).toHaveLength(3);
		const found = await backend.send(
			new LookupDeveloperIdentityCommand({
				IdentityPoolId: demo.identityPoolId,
				DeveloperUserIdentifier: 'user-sigv4',
				MaxResults: 10
			})
		);
		expect(found.IdentityId).toBe(out.IdentityId);
	});

	it('an unsigned call gets MissingAuthenticationTokenException with HTTP 403', async () => {
		const world = await createDemoWorld();
		const { response } = await new SimulatorRequestHandler(world).handle({
			method: 'POST',
			headers: {
				'x-amz-target': 'AWSCognitoIdentityService.GetOpenIdTokenForDeveloperIdentity',
				'content-type': 'application/x-amz-json-1.1'
			},
			body: JSON.stringify(devToken.input)
		});
		expect(response.statusCode).toBe(403);
		expect(JSON.parse(new TextDecoder().decode(response.body))).toEqual({
			__type: 'MissingAuthenticationTokenException',
			message: 'Missing Authentication Token'
		});
	});

	it('an Authorization header without its parts gets IncompleteSignatureException', async () => {
		const world = await createDemoWorld();
		const { response } = await new SimulatorRequestHandler(world).handle({
			method: 'POST',
			headers: {
				'x-amz-target': 'AWSCognitoIdentityService.LookupDeveloperIdentity',
				authorization: `AWS4-HMAC-SHA256 Credential=${demoBackendCredentials.accessKeyId}`
			},
			body: '{}'
		});
		expect(response.statusCode).toBe(400);
		expect(JSON.parse(new TextDecoder().decode(response.body))['__type']).toBe(
			'IncompleteSignatureException'
		);
	});

	it('an access key IAM does not know gets UnrecognizedClientException', async () => {
		const world = await createDemoWorld();
		const stranger = client(world, {
			accessKeyId: 'AKIAUNKNOWNKEY000001',
			secretAccessKey: demoBackendCredentials.secretAccessKey
		});
		expect(await failure(stranger.send(devToken))).toEqual({
			name: 'UnrecognizedClientException',
			message: 'The security token included in the request is invalid.',
			status: 400
		});
	});

	it('the right key with the wrong secret gets InvalidSignatureException', async () => {
		const world = await createDemoWorld();
		const wrong = client(world, {
			accessKeyId: demoBackendCredentials.accessKeyId,
			secretAccessKey: 'not-the-backend-secret'
		});
		const err = await failure(wrong.send(devToken));
		expect(err.name).toBe('InvalidSignatureException');
		expect(err.message).toMatch(/^The request signature we calculated does not match/);
		expect(err.status).toBe(400);
	});

	it('a signature made more than 5 minutes ago is expired', async () => {
		const world = await createDemoWorld();
		const late = client(world, demoBackendCredentials, -6 * 60 * 1000);
		const err = await failure(late.send(devToken));
		expect(err.name).toBe('InvalidSignatureException');
		// The SDK signs a moment after the client is made, so the signed second may move on.
		expect(err.message).toMatch(
			/^Signature expired: 20260115T0854\d\dZ is now earlier than 20260115T085500Z \(20260115T090000Z - 5 min\.\)$/
		);
	});

	it('a signature dated more than 5 minutes ahead is not yet current', async () => {
		const world = await createDemoWorld();
		const early = client(world, demoBackendCredentials, 6 * 60 * 1000);
		const err = await failure(early.send(devToken));
		expect(err.name).toBe('InvalidSignatureException');
		expect(err.message).toMatch(
			/^Signature not yet current: 20260115T0906\d\dZ is still later than 20260115T090500Z \(20260115T090000Z \+ 5 min\.\)$/
		);
	});

	it('the backend signs correctly but its policy does not allow CreateIdentityPool', async () => {
		const world = await createDemoWorld();
		const backend = client(world, demoBackendCredentials);
		const err = await failure(
			backend.send(
				new CreateIdentityPoolCommand({
					IdentityPoolName: 'NotAllowed',
					AllowUnauthenticatedIdentities: false
				})
			)
		);
		expect(err.name).toBe('AccessDeniedException');
		expect(err.status).toBe(400);
		expect(err.message).toBe(
			`User: ${demoBackendCredentials.principalArn} is not authorized to perform: cognito-identity:CreateIdentityPool on resource: *`
		);
	});

	it('a backend whose policy lacks GetOpenIdTokenForDeveloperIdentity gets AccessDeniedException', async () => {
		const world = await createDemoWorld();
		world.iam.putUserPolicy(
			demoBackendCredentials.principalArn,
			'AmazonCognitoDeveloperAuthenticatedIdentities',
			{
				Version: '2012-10-17',
				Statement: [
					{ Effect: 'Allow', Action: 'cognito-identity:LookupDeveloperIdentity', Resource: '*' }
				]
			}
		);
		const err = await failure(client(world, demoBackendCredentials).send(devToken));
		expect(err).toEqual({
			name: 'AccessDeniedException',
			status: 400,
			message: `User: ${demoBackendCredentials.principalArn} is not authorized to perform: cognito-identity:GetOpenIdTokenForDeveloperIdentity on resource: arn:aws:cognito-identity:us-east-1:111122223333:identitypool/${demo.identityPoolId}`
		});
	});

	it('a public operation ignores a broken signature', async () => {
		const world = await createDemoWorld();
		const { response } = await new SimulatorRequestHandler(world).handle({
			method: 'POST',
			headers: {
				'x-amz-target': 'AWSCognitoIdentityService.GetId',
				authorization: 'AWS4-HMAC-SHA256 nonsense'
			},
			body: JSON.stringify({ IdentityPoolId: demo.identityPoolId })
		});
		expect(response.statusCode).toBe(200);
		const anonymous = new CognitoIdentityClient({
			region: 'us-east-1',
			requestHandler: new SimulatorRequestHandler(world),
			maxAttempts: 1
		});
		expect(
			(await anonymous.send(new GetIdCommand({ IdentityPoolId: demo.identityPoolId }))).IdentityId
		).toMatch(/^us-east-1:/);
	});
});
