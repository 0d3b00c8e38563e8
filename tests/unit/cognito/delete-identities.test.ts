import {
	CognitoIdentityClient,
	DeleteIdentitiesCommand,
	DescribeIdentityCommand,
	GetCredentialsForIdentityCommand,
	GetIdCommand,
	InvalidParameterException,
	ResourceNotFoundException
} from '@aws-sdk/client-cognito-identity';
import { describe, expect, it } from 'vitest';
import {
	createDemoWorld,
	demo,
	demoBackendCredentials,
	signIn,
	SimulatorRequestHandler,
	type DemoWorld
} from '../../../src/lib/cognito/index.ts';
import { adminSigning, awsError, signed } from './helpers.ts';

async function guests(world: DemoWorld, n: number): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < n; i++)
		ids.push(
			(await world.cognitoIdentity.GetId({ IdentityPoolId: demo.identityPoolId })).IdentityId
		);
	return ids;
}

describe('DeleteIdentities (API_DeleteIdentities; SDK-CI 8.4)', () => {
	it('deletes the identities; afterwards DescribeIdentity and GetCredentialsForIdentity find none', async () => {
		const world = await createDemoWorld();
		const [a, b] = await guests(world, 2);
		const out = await world.cognitoIdentity.DeleteIdentities({ IdentityIdsToDelete: [a!] }, signed);
		expect(out).toEqual({ UnprocessedIdentityIds: [] });
		expect(
			(await awsError(world.cognitoIdentity.DescribeIdentity({ IdentityId: a! }, signed))).name
		).toBe('ResourceNotFoundException');
		expect(
			(await awsError(world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId: a! }))).name
		).toBe('ResourceNotFoundException');
		await expect(
			world.cognitoIdentity.DescribeIdentity({ IdentityId: b! }, signed)
		).resolves.toMatchObject({
			IdentityId: b
		});
	});

	it('frees the logins: the same user gets a new identity ID from GetId', async () => {
		const world = await createDemoWorld();
		const login = await signIn(world, 'userpool', { user: 'bob' });
		const Logins = { [login.loginKey]: login.token };
		const first = await world.cognitoIdentity.GetId({
			IdentityPoolId: demo.identityPoolId,
			Logins
		});
		await world.cognitoIdentity.DeleteIdentities(
			{ IdentityIdsToDelete: [first.IdentityId] },
			signed
		);
		const second = await world.cognitoIdentity.GetId({
			IdentityPoolId: demo.identityPoolId,
			Logins
		});
		expect(second.IdentityId).not.toBe(first.IdentityId);
	});

	it('takes 1 to 60 identity IDs in the REGION:GUID pattern', async () => {
		const world = await createDemoWorld();
		const sixty = await guests(world, 60);
		await expect(
			world.cognitoIdentity.DeleteIdentities({ IdentityIdsToDelete: sixty }, signed)
		).resolves.toEqual({ UnprocessedIdentityIds: [] });
		const tooMany = [...sixty, 'us-east-1:0'];
		for (const IdentityIdsToDelete of [[], tooMany, ['not-an-id'], [42]]) {
			const err = await awsError(
				world.cognitoIdentity.DeleteIdentities({ IdentityIdsToDelete } as never, signed)
			);
			expect(err.name).toBe('InvalidParameterException');
			expect(err.message).toMatch(/^1 validation error detected: .* at 'identityIdsToDelete'/);
		}
		expect(
			(await awsError(world.cognitoIdentity.DeleteIdentities({} as never, signed))).message
		).toContain("at 'identityIdsToDelete' failed to satisfy constraint: Member must not be null");
	});

	it('must be signed', async () => {
		const world = await createDemoWorld();
		const [a] = await guests(world, 1);
		const err = await awsError(
			world.cognitoIdentity.DeleteIdentities({ IdentityIdsToDelete: [a!] })
		);
		expect(err.name).toBe('MissingAuthenticationTokenException');
		expect(err.httpStatus).toBe(403);
	});

	it('keeps identities the caller may not delete and lists them with ErrorCode AccessDenied', async () => {
		const world = await createDemoWorld();
		const [a] = await guests(world, 1);
		const out = await world.cognitoIdentity.DeleteIdentities(
			{ IdentityIdsToDelete: [a!] },
			{ signed: true, principalArn: demo.backendRoleArn }
		);
		expect(out.UnprocessedIdentityIds).toEqual([{ IdentityId: a, ErrorCode: 'AccessDenied' }]);
		expect(world.identities.has(a!)).toBe(true);
	});
});

describe('DeleteIdentities through the AWS SDK v3', () => {
	function client(world: DemoWorld, credentials: { accessKeyId: string; secretAccessKey: string }) {
		return new CognitoIdentityClient({
			region: 'us-east-1',
			requestHandler: new SimulatorRequestHandler(world),
			maxAttempts: 1,
			credentials,
			systemClockOffset: world.clock.now() - Date.now()
		});
	}

	it('an administrator deletes identities; the SDK then gets ResourceNotFoundException for them', async () => {
		const world = await createDemoWorld();
		const admin = client(world, adminSigning(world).credentials);
		const anonymous = new CognitoIdentityClient({
			region: 'us-east-1',
			requestHandler: new SimulatorRequestHandler(world),
			maxAttempts: 1
		});
		const { IdentityId } = await anonymous.send(
			new GetIdCommand({ IdentityPoolId: demo.identityPoolId })
		);
		const out = await admin.send(
			new DeleteIdentitiesCommand({ IdentityIdsToDelete: [IdentityId!] })
		);
		expect(out.UnprocessedIdentityIds).toEqual([]);
		await expect(admin.send(new DescribeIdentityCommand({ IdentityId }))).rejects.toBeInstanceOf(
			ResourceNotFoundException
		);
		await expect(
			anonymous.send(new GetCredentialsForIdentityCommand({ IdentityId }))
		).rejects.toBeInstanceOf(ResourceNotFoundException);
	});

	it('the demo backend (developer policy only) gets its identities back as unprocessed, AccessDenied', async () => {
		const world = await createDemoWorld();
		const [a, b] = await guests(world, 2);
		const out = await client(world, demoBackendCredentials).send(
			new DeleteIdentitiesCommand({ IdentityIdsToDelete: [a!, b!] })
		);
		expect(out.UnprocessedIdentityIds).toEqual([
			{ IdentityId: a, ErrorCode: 'AccessDenied' },
			{ IdentityId: b, ErrorCode: 'AccessDenied' }
		]);
	});

	it('61 IDs are refused with InvalidParameterException before anything is deleted', async () => {
		const world = await createDemoWorld();
		const ids = await guests(world, 61);
		const err = await client(world, adminSigning(world).credentials)
			.send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: ids }))
			.catch((e: unknown) => e);
		expect(err).toBeInstanceOf(InvalidParameterException);
		expect(world.identities.has(ids[0]!)).toBe(true);
	});
});
