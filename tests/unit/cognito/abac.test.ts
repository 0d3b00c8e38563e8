import {
	CognitoIdentityClient,
	GetPrincipalTagAttributeMapCommand,
	SetPrincipalTagAttributeMapCommand
} from '@aws-sdk/client-cognito-identity';
import { describe, expect, it } from 'vitest';
import {
	cognitoTrustPolicy,
	createDemoWorld,
	demo,
	signIn,
	SimulatorRequestHandler
} from '../../../src/lib/cognito/index.ts';
import { adminSigning, awsError, enhanced, signed } from './helpers.ts';

const departmentFile = (dept: string) => `arn:aws:s3:::${demo.bucket}/departments/${dept}/plan.txt`;

describe('attributes for access control (ABAC 7)', () => {
	it('a custom mapping turns a user pool claim into a principal tag that policies read', async () => {
		const world = await createDemoWorld();
		await world.cognitoIdentity.SetPrincipalTagAttributeMap(
			{
				IdentityPoolId: demo.identityPoolId,
				IdentityProviderName: demo.userPoolProvider,
				PrincipalTags: { department: 'custom:dept' }
			},
			signed
		);
		const alice = await enhanced(world, 'userpool', { user: 'alice' });
		expect(world.sessions.get(alice.accessKeyId)?.principalTags).toEqual({
			department: 'engineering'
		});
		expect(
			world.authorize(alice.accessKeyId, 's3:GetObject', departmentFile('engineering')).allowed
		).toBe(true);
		expect(
			world.authorize(alice.accessKeyId, 's3:GetObject', departmentFile('sales')).allowed
		).toBe(false);
		const bob = await enhanced(world, 'userpool', { user: 'bob' });
		expect(world.authorize(bob.accessKeyId, 's3:GetObject', departmentFile('sales')).allowed).toBe(
			true
		);
	});

	it('without sts:TagSession in the trust policy, tagged sessions fail (ABAC policy example)', async () => {
		const world = await createDemoWorld();
		await world.cognitoIdentity.SetPrincipalTagAttributeMap(
			{
				IdentityPoolId: demo.identityPoolId,
				IdentityProviderName: demo.userPoolProvider,
				PrincipalTags: { department: 'custom:dept' }
			},
			signed
		);
		const trust = cognitoTrustPolicy(demo.identityPoolId, 'authenticated');
		const statements = Array.isArray(trust.Statement) ? trust.Statement : [trust.Statement];
		world.setTrustPolicy('PoolLabAuthRole', {
			...trust,
			Statement: statements.map((s) => ({ ...s, Action: 'sts:AssumeRoleWithWebIdentity' }))
		});
		expect((await awsError(enhanced(world, 'userpool', { user: 'alice' }))).name).toBe(
			'InvalidIdentityPoolConfigurationException'
		);
	});

	it('default mappings use aud and sub, and are flagged as undocumented tag names', async () => {
		const world = await createDemoWorld();
		await world.cognitoIdentity.SetPrincipalTagAttributeMap(
			{
				IdentityPoolId: demo.identityPoolId,
				IdentityProviderName: 'accounts.google.com',
				UseDefaults: true
			},
			signed
		);
		const r = await enhanced(world, 'google', { user: 'bob' });
		const session = world.sessions.get(r.accessKeyId);
		expect(session?.principalTags['aud']).toBe(demo.googleClientId);
		expect(session?.principalTags['sub']).toMatch(/^\d{21}$/);
		expect(session?.ambiguous.map((a) => a.topic)).toContain('abac');
		await world.cognitoIdentity.SetPrincipalTagAttributeMap(
			{
				IdentityPoolId: demo.identityPoolId,
				IdentityProviderName: demo.samlProviderArn,
				UseDefaults: true
			},
			signed
		);
		const saml = await enhanced(world, 'saml', { user: 'bob' });
		expect(world.sessions.get(saml.accessKeyId)?.principalTags).toEqual({
			nameidentifier: 'bob',
			name: 'bob'
		});
	});

	it('basic flow: the Cognito token carries the tags to STS', async () => {
		const world = await createDemoWorld();
		await world.cognitoIdentity.SetPrincipalTagAttributeMap(
			{
				IdentityPoolId: demo.identityPoolId,
				IdentityProviderName: demo.userPoolProvider,
				PrincipalTags: { department: 'custom:dept', groups: 'cognito:groups' }
			},
			signed
		);
		const login = await signIn(world, 'userpool', { user: 'alice' });
		const Logins = { [login.loginKey]: login.token };
		const { IdentityId } = await world.cognitoIdentity.GetId({
			IdentityPoolId: demo.identityPoolId,
			Logins
		});
		const { Token } = await world.cognitoIdentity.GetOpenIdToken({ IdentityId, Logins });
		const out = await world.sts.AssumeRoleWithWebIdentity({
			RoleArn: demo.roles.authenticated,
			RoleSessionName: 'abac',
			WebIdentityToken: Token
		});
		expect(world.sessions.get(out.Credentials.AccessKeyId)?.principalTags).toEqual({
			department: 'engineering',
			groups: 'admins,editors'
		});
	});

	it('Set/GetPrincipalTagAttributeMap round-trip through the SDK and need signing', async () => {
		const world = await createDemoWorld();
		const client = new CognitoIdentityClient({
			region: 'us-east-1',
			requestHandler: new SimulatorRequestHandler(world),
			maxAttempts: 1,
			...adminSigning(world)
		});
		const empty = await client.send(
			new GetPrincipalTagAttributeMapCommand({
				IdentityPoolId: demo.identityPoolId,
				IdentityProviderName: 'accounts.google.com'
			})
		);
		expect(empty).toMatchObject({ UseDefaults: false, PrincipalTags: {} });
		await client.send(
			new SetPrincipalTagAttributeMapCommand({
				IdentityPoolId: demo.identityPoolId,
				IdentityProviderName: 'accounts.google.com',
				PrincipalTags: { mail: 'email' }
			})
		);
		const got = await client.send(
			new GetPrincipalTagAttributeMapCommand({
				IdentityPoolId: demo.identityPoolId,
				IdentityProviderName: 'accounts.google.com'
			})
		);
		expect(got.PrincipalTags).toEqual({ mail: 'email' });
		expect(
			(
				await awsError(
					world.cognitoIdentity.SetPrincipalTagAttributeMap({
						IdentityPoolId: demo.identityPoolId,
						IdentityProviderName: 'x'
					})
				)
			).name
		).toBe('MissingAuthenticationTokenException');
		expect(
			(
				await awsError(
					world.cognitoIdentity.SetPrincipalTagAttributeMap(
						{
							IdentityPoolId: demo.identityPoolId,
							IdentityProviderName: 'x',
							PrincipalTags: { ['k'.repeat(129)]: 'v' }
						},
						signed
					)
				)
			).name
		).toBe('InvalidParameterException');
	});
});
