import { adminSigning } from './helpers.ts';
import {
	CognitoIdentityClient,
	CreateIdentityPoolCommand,
	DescribeIdentityCommand,
	GetCredentialsForIdentityCommand,
	GetIdCommand,
	GetOpenIdTokenCommand,
	GetOpenIdTokenForDeveloperIdentityCommand,
	InvalidIdentityPoolConfigurationException,
	InvalidParameterException,
	ListIdentitiesCommand,
	NotAuthorizedException,
	ResourceNotFoundException,
	SetIdentityPoolRolesCommand,
	GetIdentityPoolRolesCommand
} from '@aws-sdk/client-cognito-identity';
import {
	AssumeRoleWithWebIdentityCommand,
	ExpiredTokenException,
	InvalidIdentityTokenException,
	STSClient,
	STSServiceException
} from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import {
	cognitoTrustPolicy,
	createDemoWorld,
	demo,
	signIn,
	SimulatorRequestHandler,
	tamperJwt,
	type DemoProviderId,
	type DemoWorld
} from '../../../src/lib/cognito/index.ts';

function clients(world: DemoWorld): {
	cognito: CognitoIdentityClient;
	backend: CognitoIdentityClient;
	sts: STSClient;
} {
	const requestHandler = new SimulatorRequestHandler(world);
	const base = { region: 'us-east-1', requestHandler, maxAttempts: 1 };
	return {
		cognito: new CognitoIdentityClient(base),
		backend: new CognitoIdentityClient({ ...base, ...adminSigning(world) }),
		sts: new STSClient(base)
	};
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
	return promise.then(
		() => {
			throw new Error('expected the call to fail');
		},
		(e: unknown) => e
	);
}

const enhancedProviders: DemoProviderId[] = [
	'userpool',
	'google',
	'facebook',
	'amazon',
	'apple',
	'oidc',
	'saml'
];

describe('real SDK v3 clients through the adapter', () => {
	for (const provider of enhancedProviders) {
		it(`enhanced flow with ${provider}: GetId + GetCredentialsForIdentity (AF 1.1)`, async () => {
			const world = await createDemoWorld();
			const { cognito } = clients(world);
			const login = await signIn(world, provider, { user: 'bob' });
			const Logins = { [login.loginKey]: login.token };
			const { IdentityId } = await cognito.send(
				new GetIdCommand({ IdentityPoolId: demo.identityPoolId, Logins })
			);
			const out = await cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
			expect(out.IdentityId).toBe(IdentityId);
			expect(out.Credentials?.SecretKey).toHaveLength(40);
			expect(out.Credentials?.Expiration).toBeInstanceOf(Date);
			expect(out.Credentials?.Expiration?.getTime()).toBe(world.clock.now() + 3600_000);
			const session = world.sessions.get(out.Credentials?.AccessKeyId ?? '');
			expect(session?.role.Arn).toBe(
				provider === 'saml' ? demo.roles.samlRead : demo.roles.authenticated
			);
		});
	}

	for (const provider of enhancedProviders.filter((p) => p !== 'saml')) {
		it(`basic flow with ${provider}: GetId + GetOpenIdToken + AssumeRoleWithWebIdentity (AF 1.3)`, async () => {
			const world = await createDemoWorld();
			const { cognito, sts } = clients(world);
			const login = await signIn(world, provider);
			const Logins = { [login.loginKey]: login.token };
			const { IdentityId } = await cognito.send(
				new GetIdCommand({ IdentityPoolId: demo.identityPoolId, Logins })
			);
			const { Token } = await cognito.send(new GetOpenIdTokenCommand({ IdentityId, Logins }));
			const out = await sts.send(
				new AssumeRoleWithWebIdentityCommand({
					RoleArn: demo.roles.editor,
					RoleSessionName: 'app-session',
					WebIdentityToken: Token
				})
			);
			expect(out.Credentials?.SecretAccessKey).toHaveLength(40);
			expect(out.SubjectFromWebIdentityToken).toBe(IdentityId);
			expect(out.Audience).toBe(demo.identityPoolId);
			expect(out.AssumedRoleUser?.Arn).toBe(
				'arn:aws:sts::111122223333:assumed-role/PoolLabEditorRole/app-session'
			);
			expect(out.Credentials?.Expiration?.getTime()).toBe(world.clock.now() + 3600_000);
		});
	}

	it('enhanced guest flow: no Logins, unauthenticated role (AF 1.2)', async () => {
		const world = await createDemoWorld();
		const { cognito } = clients(world);
		const { IdentityId } = await cognito.send(
			new GetIdCommand({ IdentityPoolId: demo.identityPoolId })
		);
		const out = await cognito.send(new GetCredentialsForIdentityCommand({ IdentityId }));
		expect(world.sessions.get(out.Credentials?.AccessKeyId ?? '')?.role.Arn).toBe(
			demo.roles.unauthenticated
		);
	});

	it('basic guest flow: token for the identity ID, STS with the guest role (AF 1.4)', async () => {
		const world = await createDemoWorld();
		const { cognito, sts } = clients(world);
		const { IdentityId } = await cognito.send(
			new GetIdCommand({ IdentityPoolId: demo.identityPoolId })
		);
		const { Token } = await cognito.send(new GetOpenIdTokenCommand({ IdentityId }));
		const out = await sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: demo.roles.unauthenticated,
				RoleSessionName: 'guest',
				WebIdentityToken: Token
			})
		);
		expect(out.SubjectFromWebIdentityToken).toBe(IdentityId);
	});

	it('developer flow: signed backend call, then the app uses cognito-identity.amazonaws.com (AF 1.5, 1.6)', async () => {
		const world = await createDemoWorld();
		const { cognito, backend, sts } = clients(world);
		const dev = await backend.send(
			new GetOpenIdTokenForDeveloperIdentityCommand({
				IdentityPoolId: demo.identityPoolId,
				Logins: { [demo.developerProviderName]: 'user-42' }
			})
		);
		const creds = await cognito.send(
			new GetCredentialsForIdentityCommand({
				IdentityId: dev.IdentityId,
				Logins: { 'cognito-identity.amazonaws.com': dev.Token ?? '' }
			})
		);
		expect(creds.IdentityId).toBe(dev.IdentityId);
		const basic = await sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: demo.roles.authenticated,
				RoleSessionName: 'dev',
				WebIdentityToken: dev.Token
			})
		);
		expect(basic.SubjectFromWebIdentityToken).toBe(dev.IdentityId);
	});

	it('maps AWS errors to the SDK exception classes', async () => {
		const world = await createDemoWorld();
		const { cognito, backend, sts } = clients(world);
		world.updatePool(demo.identityPoolId, { AllowUnauthenticatedIdentities: false });
		const guest = await rejection(
			cognito.send(new GetIdCommand({ IdentityPoolId: demo.identityPoolId }))
		);
		expect(guest).toBeInstanceOf(NotAuthorizedException);
		expect((guest as Error).message).toBe(
			'Unauthenticated access is not supported for this identity pool.'
		);

		const missing = await rejection(
			cognito.send(
				new GetIdCommand({ IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000' })
			)
		);
		expect(missing).toBeInstanceOf(ResourceNotFoundException);

		const login = await signIn(world, 'userpool');
		const Logins = { [login.loginKey]: login.token };
		const { IdentityId } = await cognito.send(
			new GetIdCommand({ IdentityPoolId: demo.identityPoolId, Logins })
		);
		world.updatePool(demo.identityPoolId, { AllowClassicFlow: false });
		const classic = await rejection(
			cognito.send(new GetOpenIdTokenCommand({ IdentityId, Logins }))
		);
		expect(classic).toBeInstanceOf(InvalidParameterException);
		expect((classic as Error).message).toBe(
			'Basic (classic) flow is not enabled, please use enhanced flow.'
		);

		world.setTrustPolicy(
			'PoolLabAuthRole',
			cognitoTrustPolicy('us-east-1:99999999-0000-4000-8000-000000000000', 'authenticated')
		);
		const config = await rejection(
			cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }))
		);
		expect(config).toBeInstanceOf(InvalidIdentityPoolConfigurationException);

		const unsigned = await new SimulatorRequestHandler(world).handle({
			method: 'POST',
			headers: {
				'x-amz-target': 'AWSCognitoIdentityService.ListIdentities',
				'content-type': 'application/x-amz-json-1.1'
			},
			body: JSON.stringify({ IdentityPoolId: demo.identityPoolId, MaxResults: 10 })
		});
		expect(unsigned.response.statusCode).toBe(403);
		expect(JSON.parse(new TextDecoder().decode(unsigned.response.body))).toEqual({
			__type: 'MissingAuthenticationTokenException',
			message: 'Missing Authentication Token'
		});
		const listed = await backend.send(
			new ListIdentitiesCommand({ IdentityPoolId: demo.identityPoolId, MaxResults: 10 })
		);
		expect(listed.Identities?.map((i) => i.IdentityId)).toEqual([IdentityId]);
		const described = await backend.send(new DescribeIdentityCommand({ IdentityId }));
		expect(described.Logins).toEqual([demo.userPoolProvider]);
		expect(described.CreationDate).toBeInstanceOf(Date);

		const garbage = await rejection(
			sts.send(
				new AssumeRoleWithWebIdentityCommand({
					RoleArn: demo.roles.authenticated,
					RoleSessionName: 's1',
					WebIdentityToken: 'not-a-jwt'
				})
			)
		);
		expect(garbage).toBeInstanceOf(InvalidIdentityTokenException);

		const g = await signIn(world, 'google');
		const gid = await cognito.send(
			new GetIdCommand({ IdentityPoolId: demo.identityPoolId, Logins: { [g.loginKey]: g.token } })
		);
		world.updatePool(demo.identityPoolId, { AllowClassicFlow: true });
		const { Token } = await cognito.send(
			new GetOpenIdTokenCommand({ IdentityId: gid.IdentityId, Logins: { [g.loginKey]: g.token } })
		);
		world.clock.advance(601_000);
		const expired = await rejection(
			sts.send(
				new AssumeRoleWithWebIdentityCommand({
					RoleArn: demo.roles.editor,
					RoleSessionName: 's1',
					WebIdentityToken: Token
				})
			)
		);
		expect(expired).toBeInstanceOf(ExpiredTokenException);

		const tampered = await rejection(
			sts.send(
				new AssumeRoleWithWebIdentityCommand({
					RoleArn: demo.roles.editor,
					RoleSessionName: 's1',
					WebIdentityToken: tamperJwt(Token ?? '', { exp: 4102444800 })
				})
			)
		);
		expect(tampered).toBeInstanceOf(InvalidIdentityTokenException);
	});

	it('STS AccessDenied comes back as the SDK service exception with the AWS code (RTP)', async () => {
		const world = await createDemoWorld();
		const { cognito, sts } = clients(world);
		const { IdentityId } = await cognito.send(
			new GetIdCommand({ IdentityPoolId: demo.identityPoolId })
		);
		const { Token } = await cognito.send(new GetOpenIdTokenCommand({ IdentityId }));
		const err = await rejection(
			sts.send(
				new AssumeRoleWithWebIdentityCommand({
					RoleArn: demo.roles.authenticated,
					RoleSessionName: 'guest',
					WebIdentityToken: Token
				})
			)
		);
		expect(err).toBeInstanceOf(STSServiceException);
		expect((err as STSServiceException).name).toBe('AccessDenied');
		expect((err as STSServiceException).message).toBe(
			'Not authorized to perform sts:AssumeRoleWithWebIdentity'
		);
		expect((err as STSServiceException).$metadata.httpStatusCode).toBe(403);
	});

	it('admin operations round-trip through the SDK (signed)', async () => {
		const world = await createDemoWorld();
		const { backend } = clients(world);
		const pool = await backend.send(
			new CreateIdentityPoolCommand({
				IdentityPoolName: 'Created pool',
				AllowUnauthenticatedIdentities: false,
				AllowClassicFlow: false
			})
		);
		expect(pool.IdentityPoolId).toMatch(/^us-east-1:[0-9a-f-]+$/);
		await backend.send(
			new SetIdentityPoolRolesCommand({
				IdentityPoolId: pool.IdentityPoolId,
				Roles: { authenticated: demo.roles.authenticated },
				RoleMappings: {
					[demo.userPoolMappingKey]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' }
				}
			})
		);
		const roles = await backend.send(
			new GetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId })
		);
		expect(roles.Roles).toEqual({ authenticated: demo.roles.authenticated });
		expect(roles.RoleMappings?.[demo.userPoolMappingKey]?.Type).toBe('Token');
	});
});
