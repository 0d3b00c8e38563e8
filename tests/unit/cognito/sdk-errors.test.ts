import { adminSigning } from './helpers.ts';
import {
	CognitoIdentityClient,
	DeveloperUserAlreadyRegisteredException,
	ExternalServiceException,
	GetCredentialsForIdentityCommand,
	GetIdCommand,
	GetOpenIdTokenCommand,
	GetOpenIdTokenForDeveloperIdentityCommand,
	ResourceConflictException
} from '@aws-sdk/client-cognito-identity';
import {
	AssumeRoleWithWebIdentityCommand,
	MalformedPolicyDocumentException,
	PackedPolicyTooLargeException,
	STSClient,
	STSServiceException
} from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import {
	createDemoWorld,
	demo,
	signIn,
	SimulatorRequestHandler,
	type DemoWorld
} from '../../../src/lib/cognito/index.ts';

async function setup(): Promise<{
	world: DemoWorld;
	cognito: CognitoIdentityClient;
	backend: CognitoIdentityClient;
	sts: STSClient;
}> {
	const world = await createDemoWorld();
	const requestHandler = new SimulatorRequestHandler(world);
	const base = { region: 'us-east-1', requestHandler, maxAttempts: 1 };
	return {
		world,
		cognito: new CognitoIdentityClient(base),
		backend: new CognitoIdentityClient({ ...base, ...adminSigning(world) }),
		sts: new STSClient(base)
	};
}

const fail = (p: Promise<unknown>): Promise<unknown> =>
	p.then(
		() => 'resolved',
		(e: unknown) => e
	);

describe('more AWS errors parsed by the real SDK (fact sheet 2.7)', () => {
	it('ResourceConflictException: a second Google user on one identity (AF-2023)', async () => {
		const { world, cognito } = await setup();
		const bob = await signIn(world, 'google', { user: 'bob' });
		const carol = await signIn(world, 'google', { user: 'carol' });
		const { IdentityId } = await cognito.send(
			new GetIdCommand({
				IdentityPoolId: demo.identityPoolId,
				Logins: { [bob.loginKey]: bob.token }
			})
		);
		const err = await fail(
			cognito.send(
				new GetCredentialsForIdentityCommand({
					IdentityId,
					Logins: { [carol.loginKey]: carol.token }
				})
			)
		);
		expect(err).toBeInstanceOf(ResourceConflictException);
	});

	it('DeveloperUserAlreadyRegisteredException (SDK-CI)', async () => {
		const { backend } = await setup();
		const dev = (user: string, IdentityId?: string) =>
			backend.send(
				new GetOpenIdTokenForDeveloperIdentityCommand({
					IdentityPoolId: demo.identityPoolId,
					IdentityId,
					Logins: { [demo.developerProviderName]: user }
				})
			);
		await dev('u1');
		const other = await dev('u2');
		expect(await fail(dev('u1', other.IdentityId))).toBeInstanceOf(
			DeveloperUserAlreadyRegisteredException
		);
	});

	it('ExternalServiceException when Facebook does not answer (SDK-CI)', async () => {
		const { world, cognito } = await setup();
		const fb = await signIn(world, 'facebook');
		const provider = world.socialProviders.get('graph.facebook.com');
		if (provider && 'available' in provider) provider.available = false;
		expect(
			await fail(
				cognito.send(
					new GetIdCommand({
						IdentityPoolId: demo.identityPoolId,
						Logins: { [fb.loginKey]: fb.token }
					})
				)
			)
		).toBeInstanceOf(ExternalServiceException);
	});

	it('STS MalformedPolicyDocument, the 2,048-character policy limit and the DurationSeconds limit', async () => {
		const { cognito, sts } = await setup();
		const { IdentityId } = await cognito.send(
			new GetIdCommand({ IdentityPoolId: demo.identityPoolId })
		);
		const { Token } = await cognito.send(new GetOpenIdTokenCommand({ IdentityId }));
		const call = (extra: Record<string, unknown>) =>
			fail(
				sts.send(
					new AssumeRoleWithWebIdentityCommand({
						RoleArn: demo.roles.unauthenticated,
						RoleSessionName: 'guest',
						WebIdentityToken: Token,
						...extra
					})
				)
			);
		expect(await call({ Policy: '{bad' })).toBeInstanceOf(MalformedPolicyDocumentException);
		const longPolicy = await call({ Policy: 'x'.repeat(2049) });
		expect(longPolicy).not.toBeInstanceOf(PackedPolicyTooLargeException);
		expect((longPolicy as STSServiceException).name).toBe('ValidationError');
		const tooLong = await call({ DurationSeconds: 7200 });
		expect(tooLong).toBeInstanceOf(STSServiceException);
		expect((tooLong as STSServiceException).name).toBe('ValidationError');
		expect((tooLong as STSServiceException).message).toBe(
			'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
		);
	});
});
