import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	applyDemoSettings,
	AwsError,
	checkTrust,
	createDemoWorld,
	decodeJwt,
	demo,
	signIn,
	SimulatorRequestHandler,
	tamperJwt,
	type DemoProviderId
} from '../../../src/lib/cognito/index.ts';

const providers: DemoProviderId[] = [
	'userpool',
	'google',
	'facebook',
	'amazon',
	'apple',
	'oidc',
	'saml',
	'developer'
];
const roleArns = Object.values(demo.roles);

const scenario = fc.record({
	seed: fc.integer({ min: 1, max: 1_000_000 }),
	guest: fc.boolean(),
	provider: fc.option(fc.constantFrom(...providers), { nil: undefined }),
	user: fc.constantFrom('alice', 'bob', 'carol', 'dave'),
	flow: fc.constantFrom('enhanced', 'basic'),
	allowGuests: fc.boolean(),
	classic: fc.constantFrom(true, false, undefined),
	mapping: fc.constantFrom('none', 'token-deny', 'token-auth', 'rules-deny', 'rules-auth'),
	trust: fc.constantFrom('correct', 'wrong-aud', 'wrong-amr', 'no-conditions'),
	dropRole: fc.constantFrom('none', 'authenticated', 'unauthenticated'),
	token: fc.constantFrom('valid', 'expired', 'tampered', 'access-token', 'other-pool', 'garbage'),
	customRoleArn: fc.option(fc.constantFrom(...roleArns), { nil: undefined }),
	basicRole: fc.constantFrom(...roleArns),
	duration: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: undefined })
});

describe('properties over random settings, tokens and inputs (fast-check)', () => {
	it('every run ends in credentials for a role whose trust policy admits the token, or an AWS-named error', async () => {
		const outcomes = new Map<string, number>();
		const count = (k: string): void => void outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
		await fc.assert(
			fc.asyncProperty(scenario, async (s) => {
				const world = await createDemoWorld({ seed: s.seed });
				world.updatePool(demo.identityPoolId, {
					AllowUnauthenticatedIdentities: s.allowGuests,
					AllowClassicFlow: s.classic
				});
				const refused = applyDemoSettings(world, { trust: s.trust });
				expect(refused.map((e) => e.name)).toEqual(
					s.trust === 'no-conditions' ? ['MalformedPolicyDocumentException'] : []
				);
				const roles: Record<string, string> = {
					authenticated: demo.roles.authenticated,
					unauthenticated: demo.roles.unauthenticated
				};
				if (s.dropRole !== 'none') delete roles[s.dropRole];
				const resolution: 'Deny' | 'AuthenticatedRole' = s.mapping.endsWith('deny')
					? 'Deny'
					: 'AuthenticatedRole';
				const mappings =
					s.mapping === 'none'
						? undefined
						: s.mapping.startsWith('token')
							? {
									[demo.userPoolMappingKey]: {
										Type: 'Token' as const,
										AmbiguousRoleResolution: resolution
									}
								}
							: {
									[demo.userPoolMappingKey]: {
										Type: 'Rules' as const,
										AmbiguousRoleResolution: resolution,
										RulesConfiguration: {
											Rules: [
												{
													Claim: 'custom:dept',
													MatchType: 'Equals' as const,
													Value: 'sales',
													RoleARN: demo.roles.editor
												}
											]
										}
									}
								};
				world.setPoolRoles(demo.identityPoolId, roles, mappings);

				try {
					let Logins: Record<string, string> | undefined;
					let identityId: string;
					if (s.guest || !s.provider) {
						identityId = (
							await world.cognitoIdentity.GetId({ IdentityPoolId: demo.identityPoolId })
						).IdentityId;
					} else if (s.provider === 'developer') {
						const dev = await world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(
							{
								IdentityPoolId: demo.identityPoolId,
								Logins: { [demo.developerProviderName]: s.user }
							},
							{ signed: true }
						);
						identityId = dev.IdentityId;
						Logins = { 'cognito-identity.amazonaws.com': dev.Token };
					} else {
						const login = await signIn(world, s.provider, {
							user: s.user,
							otherPool: s.token === 'other-pool'
						});
						let token = login.token;
						if (s.token === 'tampered' && decodeJwt(token).payload)
							token = tamperJwt(token, { sub: 'someone-else' });
						if (s.token === 'access-token' && login.accessToken) token = login.accessToken;
						if (s.token === 'garbage') token = 'garbage';
						if (s.token === 'expired') world.clock.advance(3601_000);
						Logins = { [s.token === 'other-pool' ? demo.userPoolProvider : login.loginKey]: token };
						identityId = (
							await world.cognitoIdentity.GetId({ IdentityPoolId: demo.identityPoolId, Logins })
						).IdentityId;
					}
					let accessKeyId: string;
					if (s.flow === 'enhanced') {
						const out = await world.cognitoIdentity.GetCredentialsForIdentity({
							IdentityId: identityId,
							Logins,
							...(s.customRoleArn ? { CustomRoleArn: s.customRoleArn } : {})
						});
						accessKeyId = out.Credentials.AccessKeyId;
						expect(out.Credentials.Expiration.getTime() - world.clock.now()).toBe(3600_000);
					} else {
						const token =
							Logins?.['cognito-identity.amazonaws.com'] ??
							(await world.cognitoIdentity.GetOpenIdToken({ IdentityId: identityId, Logins }))
								.Token;
						const out = await world.sts.AssumeRoleWithWebIdentity({
							RoleArn: s.basicRole,
							RoleSessionName: 'property',
							WebIdentityToken: token,
							DurationSeconds: s.duration
						});
						accessKeyId = out.Credentials.AccessKeyId;
						const seconds = (out.Credentials.Expiration.getTime() - world.clock.now()) / 1000;
						expect(seconds).toBeGreaterThanOrEqual(900);
						expect(seconds).toBeLessThanOrEqual(
							world.sessions.get(accessKeyId)?.role.MaxSessionDuration ?? 0
						);
					}
					const session = world.sessions.get(accessKeyId);
					expect(session).toBeDefined();
					if (!session) return;
					const trust = checkTrust(session.role, {
						provider: 'cognito-identity.amazonaws.com',
						aud: session.identityPoolId ?? '',
						sub: session.identityId ?? '',
						amr: session.amr
					});
					expect(trust.allowed).toBe(true);
					expect(session.identityPoolId).toBe(demo.identityPoolId);
					count('credentials');
				} catch (err) {
					expect(err).toBeInstanceOf(AwsError);
					const e = err as AwsError;
					expect(e.name).toMatch(/^[A-Z][A-Za-z]+$/);
					expect(e.name).not.toBe('InternalErrorException');
					expect(e.explanation).not.toBe('');
					expect(e.factRef).not.toBe('');
					count(e.name);
				}
			}),
			{ numRuns: 150, seed: 20260115 }
		);
		// The generator must reach both outcomes, and several distinct AWS errors.
		expect(outcomes.get('credentials') ?? 0).toBeGreaterThan(10);
		expect(outcomes.size).toBeGreaterThan(4);
	});

	it('any input to any operation gives an AWS shape or an AwsError, never a bare error', async () => {
		const world = await createDemoWorld();
		const ops = [
			(i: unknown) => world.cognitoIdentity.GetId(i as never),
			(i: unknown) => world.cognitoIdentity.GetCredentialsForIdentity(i as never),
			(i: unknown) => world.cognitoIdentity.GetOpenIdToken(i as never),
			(i: unknown) =>
				world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(i as never, { signed: true }),
			(i: unknown) => world.cognitoIdentity.CreateIdentityPool(i as never, { signed: true }),
			(i: unknown) => world.cognitoIdentity.UpdateIdentityPool(i as never, { signed: true }),
			(i: unknown) => world.cognitoIdentity.SetIdentityPoolRoles(i as never, { signed: true }),
			(i: unknown) => world.cognitoIdentity.ListIdentities(i as never, { signed: true }),
			(i: unknown) => world.cognitoIdentity.DescribeIdentity(i as never, { signed: true }),
			(i: unknown) => world.cognitoIdentity.DeleteIdentities(i as never, { signed: true }),
			(i: unknown) => world.cognitoIdentity.UnlinkIdentity(i as never),
			(i: unknown) => world.cognitoIdentity.LookupDeveloperIdentity(i as never, { signed: true }),
			(i: unknown) => world.cognitoIdentity.MergeDeveloperIdentities(i as never, { signed: true }),
			(i: unknown) => world.sts.AssumeRoleWithWebIdentity(i as never)
		];
		const field = fc.oneof(
			fc.string(),
			fc.constant(demo.identityPoolId),
			fc.integer(),
			fc.boolean(),
			fc.constant(null),
			fc.dictionary(fc.string(), fc.string()),
			fc.array(fc.string())
		);
		const input = fc.oneof(
			fc.anything(),
			fc.record(
				{
					IdentityPoolId: field,
					IdentityId: field,
					Logins: field,
					IdentityPoolName: field,
					AllowUnauthenticatedIdentities: field,
					Roles: field,
					RoleMappings: field,
					MaxResults: field,
					IdentityIdsToDelete: field,
					RoleArn: field,
					RoleSessionName: field,
					WebIdentityToken: field,
					DurationSeconds: field,
					Policy: field,
					TokenDuration: field,
					PrincipalTags: field,
					LoginsToRemove: field
				},
				{ requiredKeys: [] }
			)
		);
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 0, max: ops.length - 1 }), input, async (op, value) => {
				try {
					const out = await ops[op]!(value);
					expect(out).toBeTypeOf('object');
				} catch (err) {
					expect(err).toBeInstanceOf(AwsError);
					expect((err as AwsError).name).not.toBe('InternalErrorException');
				}
			}),
			{ numRuns: 400, seed: 42 }
		);
	});

	it('the SDK adapter answers any request body with a well-formed response', async () => {
		const world = await createDemoWorld();
		const handler = new SimulatorRequestHandler(world);
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('GetId', 'GetCredentialsForIdentity', 'Nope', 'GetOpenIdToken'),
				fc.oneof(fc.string(), fc.json()),
				async (op, body) => {
					const { response } = await handler.handle({
						method: 'POST',
						headers: { 'X-Amz-Target': `AWSCognitoIdentityService.${op}` },
						body
					});
					expect(response.statusCode === 200 || response.statusCode >= 400).toBe(true);
					const parsed = JSON.parse(new TextDecoder().decode(response.body)) as Record<
						string,
						unknown
					>;
					if (response.statusCode >= 400) expect(parsed['__type']).toMatch(/^[A-Za-z]+$/);
					const sts = await handler.handle({
						method: 'POST',
						headers: {},
						body: `Action=AssumeRoleWithWebIdentity&${encodeURIComponent(body)}`
					});
					expect(new TextDecoder().decode(sts.response.body)).toMatch(
						/^<(ErrorResponse|AssumeRoleWithWebIdentityResponse) /
					);
				}
			),
			{ numRuns: 150, seed: 7 }
		);
	});
});
