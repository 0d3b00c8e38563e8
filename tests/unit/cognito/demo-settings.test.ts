import { describe, expect, it } from 'vitest';
import {
	applyDemoSettings,
	createDemoWorld,
	demo,
	demoLogin,
	type DemoProviderId,
	type LoginBreaks
} from '../../../src/lib/cognito/index.ts';
import { awsError } from './helpers.ts';

const providers: Exclude<DemoProviderId, 'developer'>[] = [
	'userpool',
	'google',
	'facebook',
	'amazon',
	'apple',
	'oidc',
	'saml'
];

async function enhancedWith(provider: DemoProviderId, breaks: LoginBreaks, user = 'bob') {
	const world = await createDemoWorld();
	const { logins } = await demoLogin(world, provider, breaks, user);
	const { IdentityId } = await world.cognitoIdentity.GetId({
		IdentityPoolId: demo.identityPoolId,
		Logins: logins
	});
	const out = await world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId, Logins: logins });
	return { world, roleArn: world.sessions.get(out.Credentials.AccessKeyId)?.role.Arn };
}

describe('"break it" token switches with every provider (fact sheet 2.7)', () => {
	for (const provider of providers) {
		it(`${provider}: an expired token is refused with NotAuthorizedException`, async () => {
			const err = await awsError(enhancedWith(provider, { expireToken: true }));
			expect(err.name).toBe('NotAuthorizedException');
			if (provider !== 'saml')
				expect(err.message).toMatch(/^Invalid login token. Token expired: \d+ >= \d+$/);
		});

		it(`${provider}: a tampered token is refused`, async () => {
			const err = await awsError(enhancedWith(provider, { tamperClaim: true }));
			expect(err.name).toBe('NotAuthorizedException');
		});
	}

	it('user pool: the access token fails on the missing aud claim (REPOST-AUD)', async () => {
		const err = await awsError(enhancedWith('userpool', { sendAccessToken: true }));
		expect(err.message).toBe('Invalid login token. Missing a required claim: aud');
	});

	it('user pool: a token from the other pool fails the issuer check (GH-CIJS40)', async () => {
		const err = await awsError(enhancedWith('userpool', { otherPoolToken: true }));
		expect(err.message).toBe("Invalid login token. Issuer doesn't match providerName");
	});

	it('switches that do not fit the provider are reported, not silently applied', async () => {
		const world = await createDemoWorld();
		const r = await demoLogin(world, 'google', { sendAccessToken: true, otherPoolToken: true });
		expect(r.notApplied).toHaveLength(2);
		const dev = await demoLogin(world, 'developer', { expireToken: true, tamperClaim: true });
		expect(dev.logins).toEqual({ [demo.developerProviderName]: 'user-alice' });
		expect(dev.notApplied).toHaveLength(2);
		const fb = await demoLogin(world, 'facebook', { sendAccessToken: true });
		expect(fb.notApplied[0]).toContain('already uses an access token');
	});

	it('expireToken leaves the world clock where it was', async () => {
		const world = await createDemoWorld();
		const before = world.clock.now();
		await demoLogin(world, 'userpool', { expireToken: true });
		expect(world.clock.now()).toBe(before);
	});
});

describe('"break it" pool switches', () => {
	it('guestAccess and classicFlow switch the pool fields', async () => {
		const world = await createDemoWorld();
		applyDemoSettings(world, { guestAccess: false, classicFlow: false });
		expect(world.poolRecord(demo.identityPoolId).pool).toMatchObject({
			AllowUnauthenticatedIdentities: false,
			AllowClassicFlow: false
		});
	});

	it('roleMapping rules: every provider matches its rule and gets the editor role', async () => {
		for (const provider of providers) {
			const world = await createDemoWorld();
			applyDemoSettings(world, { roleMapping: 'rules' });
			const { logins } = await demoLogin(world, provider, {}, 'carol');
			const { IdentityId } = await world.cognitoIdentity.GetId({
				IdentityPoolId: demo.identityPoolId,
				Logins: logins
			});
			const out = await world.cognitoIdentity.GetCredentialsForIdentity({
				IdentityId,
				Logins: logins
			});
			expect(world.sessions.get(out.Credentials.AccessKeyId)?.role.Arn).toBe(demo.roles.editor);
		}
	});

	it('roleMapping rules with no match: Deny refuses, AuthenticatedRole falls back', async () => {
		const world = await createDemoWorld();
		applyDemoSettings(world, { roleMapping: 'rules-no-match-deny' });
		const { logins } = await demoLogin(world, 'google');
		const { IdentityId } = await world.cognitoIdentity.GetId({
			IdentityPoolId: demo.identityPoolId,
			Logins: logins
		});
		const err = await awsError(
			world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId, Logins: logins })
		);
		expect(err.message).toBe(
			'The ambiguous role mapping rules for: accounts.google.com denied this request.'
		);
		applyDemoSettings(world, { roleMapping: 'rules-no-match-default' });
		const out = await world.cognitoIdentity.GetCredentialsForIdentity({
			IdentityId,
			Logins: logins
		});
		expect(world.sessions.get(out.Credentials.AccessKeyId)?.role.Arn).toBe(
			demo.roles.authenticated
		);
		applyDemoSettings(world, { roleMapping: 'token' });
		const { logins: up } = await demoLogin(world, 'userpool', {}, 'alice');
		const id2 = await world.cognitoIdentity.GetId({
			IdentityPoolId: demo.identityPoolId,
			Logins: up
		});
		const admin = await world.cognitoIdentity.GetCredentialsForIdentity({
			IdentityId: id2.IdentityId,
			Logins: up
		});
		expect(world.sessions.get(admin.Credentials.AccessKeyId)?.role.Arn).toBe(demo.roles.admin);
		applyDemoSettings(world, { roleMapping: 'default' });
		expect(world.poolRecord(demo.identityPoolId).roleMappings).toBeUndefined();
	});

	it('trust wrong-aud and wrong-amr break the enhanced flow; no-conditions is refused by IAM (IAMR; SECBP)', async () => {
		for (const trust of ['wrong-aud', 'wrong-amr'] as const) {
			const world = await createDemoWorld();
			expect(applyDemoSettings(world, { trust })).toEqual([]);
			const { logins } = await demoLogin(world, 'google');
			const { IdentityId } = await world.cognitoIdentity.GetId({
				IdentityPoolId: demo.identityPoolId,
				Logins: logins
			});
			expect(
				(
					await awsError(
						world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId, Logins: logins })
					)
				).name
			).toBe('InvalidIdentityPoolConfigurationException');
		}
		const world = await createDemoWorld();
		const refused = applyDemoSettings(world, { trust: 'no-conditions' });
		expect(refused).toHaveLength(1);
		expect(refused[0]?.name).toBe('MalformedPolicyDocumentException');
		expect(refused[0]?.service).toBe('iam');
		expect((await enhancedWith('google', {})).roleArn).toBe(demo.roles.authenticated);
		applyDemoSettings(world, { trust: 'correct' });
	});

	it('IAM refuses to create a role that trusts Cognito without an aud condition', async () => {
		const world = await createDemoWorld();
		expect(() =>
			world.iam.createRole({
				RoleName: 'Open',
				AssumeRolePolicyDocument: {
					Statement: {
						Effect: 'Allow',
						Principal: { Federated: ['cognito-identity.amazonaws.com'] },
						Action: 'sts:AssumeRoleWithWebIdentity',
						Condition: {
							'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' }
						}
					}
				}
			})
		).toThrow(/must restrict cognito-identity.amazonaws.com:aud/);
		expect(() => world.iam.setMaxSessionDuration('Nope', 3600)).toThrow(
			'The role with name Nope cannot be found.'
		);
	});
});
