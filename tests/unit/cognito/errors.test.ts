import { describe, expect, it } from 'vitest';
import {
	ambiguities,
	AwsError,
	createDemoWorld,
	demo,
	errors,
	isAwsError,
	signIn,
	tamperJwt,
	toAwsError
} from '../../../src/lib/cognito/index.ts';
import { awsError, enhanced } from './helpers.ts';

const poolId = demo.identityPoolId;

describe('login token errors (fact sheet 2.7)', () => {
	it('expired IdP token: "Invalid login token. Token expired: <now> >= <exp>" (GH-IOS2570)', async () => {
		const world = await createDemoWorld();
		const login = await signIn(world, 'userpool', { expiresIn: 300 });
		world.clock.advance(301_000);
		const err = await awsError(
			world.cognitoIdentity.GetId({
				IdentityPoolId: poolId,
				Logins: { [login.loginKey]: login.token }
			})
		);
		const exp = Number(login.claims?.['exp']);
		expect(err.name).toBe('NotAuthorizedException');
		expect(err.message).toBe(`Invalid login token. Token expired: ${exp + 1} >= ${exp}`);
		expect(err.explanation).toBeTruthy();
		expect(err.fix).toBeTruthy();
		expect(err.factRef).toContain('GH-IOS2570');
	});

	it("token from another user pool under this pool's key: issuer mismatch (GH-CIJS40)", async () => {
		const world = await createDemoWorld();
		const other = await signIn(world, 'userpool', { otherPool: true });
		const err = await awsError(
			world.cognitoIdentity.GetId({
				IdentityPoolId: poolId,
				Logins: { [demo.userPoolProvider]: other.token }
			})
		);
		expect(err.message).toBe("Invalid login token. Issuer doesn't match providerName");
	});

	it("token from a user pool the identity pool doesn't know: Logins don't match (GH-CIJS68)", async () => {
		const world = await createDemoWorld();
		const other = await signIn(world, 'userpool', { otherPool: true });
		const err = await awsError(
			world.cognitoIdentity.GetId({
				IdentityPoolId: poolId,
				Logins: { [other.loginKey]: other.token }
			})
		);
		expect(err.message).toBe(
			"Logins don't match. Please include at least one valid login for this identity or identity pool"
		);
	});

	it("a tampered claim fails the signature check: Couldn't verify signed token", async () => {
		const world = await createDemoWorld();
		for (const provider of ['userpool', 'google', 'oidc'] as const) {
			const login = await signIn(world, provider);
			const forged = tamperJwt(login.token, {
				'cognito:preferred_role': demo.roles.admin,
				email: 'x@example.com'
			});
			const err = await awsError(
				world.cognitoIdentity.GetId({
					IdentityPoolId: poolId,
					Logins: { [login.loginKey]: forged }
				})
			);
			expect(err.message).toBe("Invalid login token. Couldn't verify signed token.");
		}
	});

	it('a token for another app client is refused; garbage is not an OIDC token', async () => {
		const world = await createDemoWorld();
		const google = world.socialProviders.get('accounts.google.com');
		const token =
			google && 'issueIdToken' in google
				? await google.issueIdToken('bob', { audience: 'someone-else' })
				: '';
		const err = await awsError(
			world.cognitoIdentity.GetId({
				IdentityPoolId: poolId,
				Logins: { 'accounts.google.com': token }
			})
		);
		expect(err.message).toBe('Invalid login token. Incorrect token audience.');
		expect(err.ambiguous).toHaveLength(1);
		const junk = await awsError(
			world.cognitoIdentity.GetId({
				IdentityPoolId: poolId,
				Logins: { 'accounts.google.com': 'junk' }
			})
		);
		expect(junk.message).toBe('Invalid login token. Not a valid OpenId Connect identity token.');
		const fb = await awsError(
			world.cognitoIdentity.GetId({
				IdentityPoolId: poolId,
				Logins: { 'graph.facebook.com': 'EAAjunk' }
			})
		);
		expect(fb.name).toBe('NotAuthorizedException');
		const cog = await awsError(
			world.cognitoIdentity.GetId({
				IdentityPoolId: poolId,
				Logins: { 'cognito-identity.amazonaws.com': 'x.y.z' }
			})
		);
		expect(cog.name).toBe('NotAuthorizedException');
	});

	it('changing the configured app ID locks out existing users of that provider (IDP 3.1)', async () => {
		const world = await createDemoWorld();
		const login = await signIn(world, 'facebook');
		world.updatePool(poolId, {
			SupportedLoginProviders: { 'graph.facebook.com': '9999999999999999' }
		});
		const err = await awsError(
			world.cognitoIdentity.GetId({
				IdentityPoolId: poolId,
				Logins: { [login.loginKey]: login.token }
			})
		);
		expect(err.name).toBe('NotAuthorizedException');
	});

	it('ServerSideTokenCheck refuses tokens of globally signed-out users (SDK-CI 3.1)', async () => {
		const world = await createDemoWorld();
		const login = await signIn(world, 'userpool', { user: 'bob' });
		world.userPool.globalSignOut('bob');
		const Logins = { [login.loginKey]: login.token };
		await expect(
			world.cognitoIdentity.GetId({ IdentityPoolId: poolId, Logins })
		).resolves.toBeTruthy();
		world.updatePool(poolId, {
			CognitoIdentityProviders: [
				{
					ProviderName: demo.userPoolProvider,
					ClientId: demo.userPoolClientId,
					ServerSideTokenCheck: true
				}
			]
		});
		const err = await awsError(world.cognitoIdentity.GetId({ IdentityPoolId: poolId, Logins }));
		expect(err.name).toBe('NotAuthorizedException');
		expect(err.httpStatus).toBe(400);
		world.clock.advance(1000);
		const fresh = await signIn(world, 'userpool', { user: 'bob' });
		await expect(
			world.cognitoIdentity.GetId({
				IdentityPoolId: poolId,
				Logins: { [fresh.loginKey]: fresh.token }
			})
		).resolves.toBeTruthy();
		world.userPool.deleteUser('bob');
		expect(
			(
				await awsError(
					world.cognitoIdentity.GetId({
						IdentityPoolId: poolId,
						Logins: { [fresh.loginKey]: fresh.token }
					})
				)
			).name
		).toBe('NotAuthorizedException');
	});

	it('SAML: expired, edited or foreign responses are refused, and SAML is enhanced-flow only (EXT saml)', async () => {
		const world = await createDemoWorld();
		const login = await signIn(world, 'saml', { user: 'bob' });
		const Logins = { [login.loginKey]: login.token };
		const { IdentityId } = await world.cognitoIdentity.GetId({ IdentityPoolId: poolId, Logins });
		const basic = await awsError(world.cognitoIdentity.GetOpenIdToken({ IdentityId, Logins }));
		expect(basic.name).toBe('InvalidParameterException');
		const xml = atob(login.token).replace('bob</saml:NameID>', 'alice</saml:NameID>');
		const edited = await awsError(
			world.cognitoIdentity.GetId({
				IdentityPoolId: poolId,
				Logins: { [login.loginKey]: btoa(xml) }
			})
		);
		expect(edited.message).toContain('signature is not valid');
		const foreign = atob(login.token)
			.split('https://idp.example.com/saml')
			.join('https://evil.example.com');
		expect(
			(
				await awsError(
					world.cognitoIdentity.GetId({
						IdentityPoolId: poolId,
						Logins: { [login.loginKey]: btoa(foreign) }
					})
				)
			).message
		).toContain('issuer does not match');
		expect(
			(
				await awsError(
					world.cognitoIdentity.GetId({
						IdentityPoolId: poolId,
						Logins: { [login.loginKey]: 'garbage' }
					})
				)
			).message
		).toContain('not a SAML response');
		world.clock.advance(301_000);
		expect(
			(await awsError(world.cognitoIdentity.GetId({ IdentityPoolId: poolId, Logins }))).message
		).toContain('expired');
	});
});

describe('identity provider outages (SDK-CI 2.7)', () => {
	it('a provider that does not answer gives ExternalServiceException', async () => {
		const world = await createDemoWorld();
		const login = await signIn(world, 'facebook');
		const facebook = world.socialProviders.get('graph.facebook.com');
		if (facebook && 'available' in facebook) facebook.available = false;
		const err = await awsError(
			world.cognitoIdentity.GetId({
				IdentityPoolId: poolId,
				Logins: { [login.loginKey]: login.token }
			})
		);
		expect(err.name).toBe('ExternalServiceException');
		expect(err.ambiguous).toHaveLength(1);
	});

	it('the developer provider name used in GetId is flagged as an undocumented refusal', async () => {
		const world = await createDemoWorld();
		const err = await awsError(
			world.cognitoIdentity.GetId({
				IdentityPoolId: poolId,
				Logins: { [demo.developerProviderName]: 'u1' }
			})
		);
		expect(err.ambiguous.map((a) => a.topic)).toEqual(['developer-auth']);
	});
});

describe('pool switches (fact sheet 1.2, 1.3)', () => {
	it('guests need AllowUnauthenticatedIdentities, on GetId and on GetCredentialsForIdentity', async () => {
		const world = await createDemoWorld();
		const { IdentityId } = await world.cognitoIdentity.GetId({ IdentityPoolId: poolId });
		world.updatePool(poolId, { AllowUnauthenticatedIdentities: false });
		for (const p of [
			world.cognitoIdentity.GetId({ IdentityPoolId: poolId }),
			world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId })
		]) {
			const err = await awsError(p);
			expect(err.name).toBe('NotAuthorizedException');
			expect(err.message).toBe('Unauthenticated access is not supported for this identity pool.');
		}
	});

	it('no role for the identity type is InvalidIdentityPoolConfigurationException', async () => {
		const world = await createDemoWorld();
		world.setPoolRoles(poolId, { authenticated: demo.roles.authenticated });
		const { IdentityId } = await world.cognitoIdentity.GetId({ IdentityPoolId: poolId });
		expect(
			(await awsError(world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId }))).name
		).toBe('InvalidIdentityPoolConfigurationException');
		world.setPoolRoles(poolId, { authenticated: 'arn:aws:iam::111122223333:role/DoesNotExist' });
		expect((await awsError(enhanced(world, 'google'))).name).toBe(
			'InvalidIdentityPoolConfigurationException'
		);
	});

	it('basic flow needs AllowClassicFlow; a missing value counts as off and is flagged', async () => {
		const world = await createDemoWorld();
		const { IdentityId } = await world.cognitoIdentity.GetId({ IdentityPoolId: poolId });
		world.updatePool(poolId, { AllowClassicFlow: undefined });
		const err = await awsError(world.cognitoIdentity.GetOpenIdToken({ IdentityId }));
		expect(err.message).toBe('Basic (classic) flow is not enabled, please use enhanced flow.');
		expect(err.ambiguous.map((a) => a.topic)).toEqual(['enhanced-vs-basic']);
	});

	it('basic flow with role mappings is refused (GH-RUM172; type flagged)', async () => {
		const world = await createDemoWorld();
		world.setPoolRoles(
			poolId,
			{ unauthenticated: demo.roles.unauthenticated },
			{ k: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } }
		);
		const { IdentityId } = await world.cognitoIdentity.GetId({ IdentityPoolId: poolId });
		const err = await awsError(world.cognitoIdentity.GetOpenIdToken({ IdentityId }));
		expect(err.message).toBe(
			'Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.'
		);
		expect(err.ambiguous).toHaveLength(1);
	});
});

describe('STS parameters and lifetimes (fact sheet 2.6, 6)', () => {
	async function cognitoToken(): Promise<{
		world: Awaited<ReturnType<typeof createDemoWorld>>;
		token: string;
	}> {
		const world = await createDemoWorld();
		const login = await signIn(world, 'google');
		const Logins = { [login.loginKey]: login.token };
		const { IdentityId } = await world.cognitoIdentity.GetId({ IdentityPoolId: poolId, Logins });
		const { Token } = await world.cognitoIdentity.GetOpenIdToken({ IdentityId, Logins });
		return { world, token: Token };
	}

	it('GetOpenIdToken tokens last 10 minutes (SDK-CI)', async () => {
		const { world, token } = await cognitoToken();
		const body = JSON.parse(
			atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))
		) as Record<string, unknown>;
		expect(Number(body['exp']) - Number(body['iat'])).toBe(600);
		expect(body['aud']).toBe(poolId);
		world.clock.advance(599_000);
		await expect(
			world.sts.AssumeRoleWithWebIdentity({
				RoleArn: demo.roles.editor,
				RoleSessionName: 'ok',
				WebIdentityToken: token
			})
		).resolves.toBeTruthy();
		world.clock.advance(1000);
		const err = await awsError(
			world.sts.AssumeRoleWithWebIdentity({
				RoleArn: demo.roles.editor,
				RoleSessionName: 'ok',
				WebIdentityToken: token
			})
		);
		expect(err.name).toBe('ExpiredTokenException');
		expect(err.code).toBe('ExpiredTokenException');
		// STS words both times as epoch seconds, the current time first.
		expect(err.message).toMatch(
			/^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/
		);
	});

	it('DurationSeconds: 900 s to the role maximum, default 3600 (SDK-STS)', async () => {
		const { world, token } = await cognitoToken();
		const call = (RoleArn: string, DurationSeconds?: number) =>
			world.sts.AssumeRoleWithWebIdentity({
				RoleArn,
				RoleSessionName: 'dur',
				WebIdentityToken: token,
				DurationSeconds
			});
		const now = world.clock.now();
		expect((await call(demo.roles.editor)).Credentials.Expiration.getTime() - now).toBe(3600_000);
		expect((await call(demo.roles.editor, 900)).Credentials.Expiration.getTime() - now).toBe(
			900_000
		);
		expect((await call(demo.roles.admin, 14400)).Credentials.Expiration.getTime() - now).toBe(
			14400_000
		);
		const over = await awsError(call(demo.roles.editor, 7200));
		expect(over.code).toBe('ValidationError');
		expect(over.message).toBe(
			'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
		);
		expect(over.ambiguous[0]?.topic).toBe('lifetimes');
		expect((await awsError(call(demo.roles.editor, 899))).code).toBe('ValidationError');
	});

	it('validates session names, policies and token issuers', async () => {
		const { world, token } = await cognitoToken();
		const call = (extra: Record<string, unknown>) =>
			world.sts.AssumeRoleWithWebIdentity({
				RoleArn: demo.roles.editor,
				RoleSessionName: 'ok',
				WebIdentityToken: token,
				...extra
			} as never);
		expect((await awsError(call({ RoleSessionName: 'has space' }))).code).toBe('ValidationError');
		expect((await awsError(call({ RoleArn: undefined }))).message).toContain("'roleArn'");
		expect((await awsError(call({ Policy: '{not json' }))).code).toBe('MalformedPolicyDocument');
		expect(
			(await awsError(call({ Policy: '{"Statement":[{"Effect":"Maybe","Action":"*"}]}' }))).code
		).toBe('MalformedPolicyDocument');
		expect((await awsError(call({ Policy: '{"Statement":[{"Effect":"Allow"}]}' }))).message).toBe(
			'Missing required field Action'
		);
		expect((await awsError(call({ Policy: '{"Version":"2012-10-17"}' }))).message).toBe(
			'Missing required field Statement'
		);
		// Over 2,048 plaintext characters breaks the model's length constraint: a ValidationError,
		// not PackedPolicyTooLarge (which is about the packed session token size, SDK-STS).
		const longPolicy = await awsError(call({ Policy: 'x'.repeat(2049) }));
		expect(longPolicy.code).toBe('ValidationError');
		expect(longPolicy.message).toContain("'policy'");
		expect(longPolicy.message).toContain('2048');
		expect(
			(await awsError(call({ PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/Nope' }] }))).code
		).toBe('MalformedPolicyDocument');
		expect(
			(await awsError(call({ PolicyArns: Array.from({ length: 11 }, () => ({ arn: 'a' })) }))).code
		).toBe('ValidationError');
		const google = await signIn(world, 'google');
		const foreign = await awsError(call({ WebIdentityToken: google.token }));
		expect(foreign.code).toBe('InvalidIdentityToken');
		expect(foreign.message).toBe(
			'No OpenIDConnect provider found in your account for https://accounts.google.com'
		);
		expect((await awsError(world.sts.AssumeRoleWithWebIdentity(null as never))).code).toBe(
			'ValidationError'
		);
	});

	it('accepts ID tokens straight from an OIDC provider registered in IAM', async () => {
		const world = await createDemoWorld();
		world.iam.createRole({
			RoleName: 'OidcRole',
			AssumeRolePolicyDocument: {
				Statement: {
					Effect: 'Allow',
					Principal: { Federated: 'login.example.com' },
					Action: 'sts:AssumeRoleWithWebIdentity',
					Condition: { StringEquals: { 'login.example.com:aud': demo.oidcClientId } }
				}
			}
		});
		const login = await signIn(world, 'oidc');
		const out = await world.sts.AssumeRoleWithWebIdentity({
			RoleArn: 'arn:aws:iam::111122223333:role/OidcRole',
			RoleSessionName: 'direct',
			WebIdentityToken: login.token
		});
		expect(out.Provider).toBe(demo.oidcIssuer);
		expect(out.Audience).toBe(demo.oidcClientId);
		const idp = world.socialProviders.get('login.example.com');
		const wrongAud =
			idp && 'issueIdToken' in idp ? await idp.issueIdToken('bob', { audience: 'other' }) : '';
		expect(
			(
				await awsError(
					world.sts.AssumeRoleWithWebIdentity({
						RoleArn: 'arn:aws:iam::111122223333:role/OidcRole',
						RoleSessionName: 'direct',
						WebIdentityToken: wrongAud
					})
				)
			).message
		).toBe('Incorrect token audience.');
	});
});

describe('input validation and error objects (fact sheet 2.2-2.5)', () => {
	it('malformed IDs, Logins and AccountId are InvalidParameterException with AWS validation wording', async () => {
		const world = await createDemoWorld();
		const getId = (input: unknown) => world.cognitoIdentity.GetId(input as never);
		const bad = await awsError(getId({ IdentityPoolId: 'not a pool id' }));
		expect(bad.name).toBe('InvalidParameterException');
		expect(bad.message).toBe(
			"1 validation error detected: Value 'not a pool id' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+"
		);
		for (const input of [
			undefined,
			[],
			{},
			{ IdentityPoolId: `us-east-1:${'a'.repeat(50)}` },
			{ IdentityPoolId: poolId, AccountId: 'abc' },
			{ IdentityPoolId: poolId, Logins: 'x' },
			{
				IdentityPoolId: poolId,
				Logins: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 't']))
			},
			{ IdentityPoolId: poolId, Logins: { ['k'.repeat(129)]: 't' } },
			{ IdentityPoolId: poolId, Logins: { k: '' } }
		]) {
			expect((await awsError(getId(input))).name).toBe('InvalidParameterException');
		}
		expect(
			(
				await awsError(
					world.cognitoIdentity.GetCredentialsForIdentity({
						IdentityId: `${poolId}`,
						CustomRoleArn: 'short'
					})
				)
			).name
		).toBe('InvalidParameterException');
		expect(
			(
				await awsError(
					world.cognitoIdentity.ListIdentities(
						{ IdentityPoolId: poolId, MaxResults: 61 },
						{ signed: true }
					)
				)
			).name
		).toBe('InvalidParameterException');
	});

	it('error objects carry AWS fields and plain-language help; anything else is wrapped', () => {
		const e = errors.unauthenticatedNotSupported();
		expect(e).toBeInstanceOf(Error);
		expect(isAwsError(e)).toBe(true);
		expect(e.toJSON()).toMatchObject({
			name: 'NotAuthorizedException',
			httpStatus: 400,
			$fault: 'client',
			factRef: 'IDP; GH-AMP1089'
		});
		const wrapped = toAwsError(new TypeError('boom'));
		expect(wrapped).toBeInstanceOf(AwsError);
		expect(wrapped.name).toBe('InternalErrorException');
		expect(wrapped.$fault).toBe('server');
		expect(toAwsError('text').message).toBe('text');
		expect(toAwsError(e)).toBe(e);
		expect(errors.notImplemented('Op').httpStatus).toBe(500);
		expect(errors.stsPackedPolicyTooLarge().name).toBe('PackedPolicyTooLargeException');
	});

	it('lists every ambiguous point with a topic and a fact reference', () => {
		expect(ambiguities.length).toBeGreaterThanOrEqual(10);
		for (const a of ambiguities) {
			expect(a.note).toMatch(/^AWS documents this ambiguously/);
			expect(a.factRef).not.toBe('');
		}
	});
});
