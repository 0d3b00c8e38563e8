import { describe, expect, it } from 'vitest';
import {
	createDemoWorld,
	demo,
	ruleMatches,
	selectRole,
	type MappingRule
} from '../../../src/lib/cognito/index.ts';
import { awsError, enhanced, signed } from './helpers.ts';

const tokenMapping = (resolution: 'AuthenticatedRole' | 'Deny') => ({
	[demo.userPoolMappingKey]: { Type: 'Token' as const, AmbiguousRoleResolution: resolution }
});

const roles = {
	authenticated: demo.roles.authenticated,
	unauthenticated: demo.roles.unauthenticated
};

describe('token-based role selection (RBAC; UPG 3.4)', () => {
	it('uses cognito:preferred_role: the lowest-precedence group wins', async () => {
		const world = await createDemoWorld();
		world.setPoolRoles(demo.identityPoolId, roles, tokenMapping('Deny'));
		expect((await enhanced(world, 'userpool', { user: 'alice' })).roleArn).toBe(demo.roles.admin);
		expect((await enhanced(world, 'userpool', { user: 'bob' })).roleArn).toBe(demo.roles.editor);
	});

	it('CustomRoleArn picks one of cognito:roles, and a role outside them is denied', async () => {
		const world = await createDemoWorld();
		world.setPoolRoles(demo.identityPoolId, roles, tokenMapping('Deny'));
		expect(
			(await enhanced(world, 'userpool', { user: 'alice', customRoleArn: demo.roles.editor }))
				.roleArn
		).toBe(demo.roles.editor);
		const err = await awsError(
			enhanced(world, 'userpool', { user: 'bob', customRoleArn: demo.roles.admin })
		);
		expect(err.name).toBe('NotAuthorizedException');
		expect(err.ambiguous[0]?.topic).toBe('role-mapping');
	});

	it('several roles and no preferred role fall to AmbiguousRoleResolution (Deny message from GH-AMP3621)', async () => {
		const world = await createDemoWorld();
		world.setPoolRoles(demo.identityPoolId, roles, tokenMapping('Deny'));
		const err = await awsError(enhanced(world, 'userpool', { user: 'dave' }));
		expect(err.name).toBe('NotAuthorizedException');
		expect(err.message).toBe(
			`The ambiguous role mapping rules for: ${demo.userPoolMappingKey} denied this request.`
		);
		world.setPoolRoles(demo.identityPoolId, roles, tokenMapping('AuthenticatedRole'));
		expect((await enhanced(world, 'userpool', { user: 'dave' })).roleArn).toBe(
			demo.roles.authenticated
		);
		expect((await enhanced(world, 'userpool', { user: 'carol' })).roleArn).toBe(
			demo.roles.authenticated
		);
	});

	it('a mapping under the Logins key (without the client ID) is not applied: the key needs :<client id> (SDK-CI exam trap)', async () => {
		const world = await createDemoWorld();
		world.setPoolRoles(demo.identityPoolId, roles, {
			[demo.userPoolProvider]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' }
		});
		expect((await enhanced(world, 'userpool', { user: 'alice' })).roleArn).toBe(
			demo.roles.authenticated
		);
	});

	it('AuthenticatedRole fallback without an authenticated role is a configuration error', () => {
		const r = selectRole({
			authenticated: true,
			roles: {},
			roleMappings: { k: { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' } },
			logins: [{ providerName: 'p', mappingKey: 'k', claims: {} }]
		});
		expect(r.ok).toBe(false);
		expect(!r.ok && r.error.name).toBe('InvalidIdentityPoolConfigurationException');
	});
});

describe('rules-based role selection (RBAC; API-RCT 3.3)', () => {
	const rule = (
		Claim: string,
		MatchType: MappingRule['MatchType'],
		Value: string,
		RoleARN: string
	): MappingRule => ({
		Claim,
		MatchType,
		Value,
		RoleARN
	});

	it('evaluates rules in order and the first match wins', async () => {
		const world = await createDemoWorld();
		world.setPoolRoles(demo.identityPoolId, roles, {
			[demo.userPoolMappingKey]: {
				Type: 'Rules',
				AmbiguousRoleResolution: 'Deny',
				RulesConfiguration: {
					Rules: [
						rule('custom:dept', 'Equals', 'sales', demo.roles.editor),
						rule('cognito:groups', 'Contains', 'admin', demo.roles.admin),
						rule('email', 'StartsWith', 'alice', demo.roles.teamA)
					]
				}
			}
		});
		expect((await enhanced(world, 'userpool', { user: 'bob' })).roleArn).toBe(demo.roles.editor);
		expect((await enhanced(world, 'userpool', { user: 'alice' })).roleArn).toBe(demo.roles.admin);
		expect(
			(await enhanced(world, 'userpool', { user: 'alice', customRoleArn: demo.roles.teamA }))
				.roleArn
		).toBe(demo.roles.teamA);
		const err = await awsError(enhanced(world, 'userpool', { user: 'carol' }));
		expect(err.message).toContain('denied this request');
	});

	it('rules work for social providers too (Google claims)', async () => {
		const world = await createDemoWorld();
		world.setPoolRoles(demo.identityPoolId, roles, {
			'accounts.google.com': {
				Type: 'Rules',
				AmbiguousRoleResolution: 'AuthenticatedRole',
				RulesConfiguration: {
					Rules: [rule('email', 'Equals', 'bob@example.com', demo.roles.editor)]
				}
			}
		});
		expect((await enhanced(world, 'google', { user: 'bob' })).roleArn).toBe(demo.roles.editor);
		expect((await enhanced(world, 'google', { user: 'carol' })).roleArn).toBe(
			demo.roles.authenticated
		);
	});

	it('NotEqual with the claim absent is skipped; other match types follow their names', () => {
		expect(ruleMatches(rule('x', 'NotEqual', 'a', 'r'), {})).toBe(false);
		expect(ruleMatches(rule('x', 'NotEqual', 'a', 'r'), { x: 'b' })).toBe(true);
		expect(ruleMatches(rule('x', 'NotEqual', 'a', 'r'), { x: 'a' })).toBe(false);
		expect(ruleMatches(rule('x', 'Contains', 'ng', 'r'), { x: 'engineering' })).toBe(true);
		expect(ruleMatches(rule('x', 'StartsWith', 'eng', 'r'), { x: 'sales' })).toBe(false);
		expect(ruleMatches(rule('x', 'Equals', 'a', 'r'), { x: null })).toBe(false);
		expect(
			ruleMatches({ ...rule('x', 'Equals', 'a', 'r'), MatchType: 'Other' as 'Equals' }, { x: 'a' })
		).toBe(false);
	});

	it('SetIdentityPoolRoles accepts 25 rules and refuses 26 (API-RCT; QUOTA-2023)', async () => {
		const world = await createDemoWorld();
		const rules = (n: number) =>
			Array.from({ length: n }, (_, i) =>
				rule('custom:dept', 'Equals', `d${i}`, demo.roles.editor)
			);
		const call = (n: number) =>
			world.cognitoIdentity.SetIdentityPoolRoles(
				{
					IdentityPoolId: demo.identityPoolId,
					Roles: roles,
					RoleMappings: {
						[demo.userPoolMappingKey]: {
							Type: 'Rules',
							AmbiguousRoleResolution: 'Deny',
							RulesConfiguration: { Rules: rules(n) }
						}
					}
				},
				signed
			);
		await expect(call(25)).resolves.toEqual({});
		expect((await awsError(call(26))).name).toBe('InvalidParameterException');
		expect((await awsError(call(0))).name).toBe('InvalidParameterException');
	});

	it('SetIdentityPoolRoles validates role keys, mapping type and AmbiguousRoleResolution', async () => {
		const world = await createDemoWorld();
		const set = (input: unknown) =>
			world.cognitoIdentity.SetIdentityPoolRoles(input as never, signed);
		expect(
			(
				await awsError(
					set({ IdentityPoolId: demo.identityPoolId, Roles: { admin: demo.roles.admin } })
				)
			).message
		).toContain('Invalid role type');
		expect(
			(
				await awsError(
					set({
						IdentityPoolId: demo.identityPoolId,
						Roles: { authenticated: 'not-an-arn-but-long-enough' }
					})
				)
			).name
		).toBe('InvalidParameterException');
		expect(
			(
				await awsError(
					set({
						IdentityPoolId: demo.identityPoolId,
						Roles: roles,
						RoleMappings: { k: { Type: 'Magic', AmbiguousRoleResolution: 'Deny' } }
					})
				)
			).message
		).toContain('enum value set');
		expect(
			(
				await awsError(
					set({
						IdentityPoolId: demo.identityPoolId,
						Roles: roles,
						RoleMappings: { k: { Type: 'Token' } }
					})
				)
			).message
		).toBe('AmbiguousRoleResolution must be specified for type Token for provider k');
		const eleven = Object.fromEntries(
			Array.from({ length: 11 }, (_, i) => [
				`p${i}`,
				{ Type: 'Token', AmbiguousRoleResolution: 'Deny' }
			])
		);
		expect(
			(
				await awsError(
					set({ IdentityPoolId: demo.identityPoolId, Roles: roles, RoleMappings: eleven })
				)
			).name
		).toBe('InvalidParameterException');
		expect(
			(
				await awsError(
					set({
						IdentityPoolId: demo.identityPoolId,
						Roles: roles,
						RoleMappings: {
							k: {
								Type: 'Rules',
								AmbiguousRoleResolution: 'Deny',
								RulesConfiguration: {
									Rules: [{ Claim: 'a', MatchType: 'Like', Value: 'b', RoleARN: demo.roles.admin }]
								}
							}
						}
					})
				)
			).message
		).toContain('[Equals, Contains, StartsWith, NotEqual]');
	});
});

describe('undocumented role-selection corners carry an ambiguity note', () => {
	it('a Token mapping and a token with no roles: AmbiguousRoleResolution, flagged as ambiguous', () => {
		for (const resolution of ['AuthenticatedRole', 'Deny'] as const) {
			const r = selectRole({
				authenticated: true,
				roles,
				roleMappings: { k: { Type: 'Token', AmbiguousRoleResolution: resolution } },
				logins: [{ providerName: 'p', mappingKey: 'k', claims: {} }]
			});
			expect(r.ambiguous?.[0]?.note).toMatch(/^AWS documents this ambiguously: .*no roles at all/);
			if (!r.ok) expect(r.error.ambiguous.map((a) => a.note)).toContain(r.ambiguous?.[0]?.note);
		}
	});

	it('several SAML roles without CustomRoleArn: the default role, flagged as ambiguous', () => {
		const r = selectRole({
			authenticated: true,
			roles,
			logins: [
				{
					providerName: demo.samlProviderArn,
					mappingKey: demo.samlProviderArn,
					claims: {},
					tokenRoles: [demo.roles.samlAdmin, demo.roles.samlRead],
					saml: true
				}
			]
		});
		expect(r.ok && r.roleArn).toBe(demo.roles.authenticated);
		expect(r.ambiguous?.[0]?.note).toMatch(/^AWS documents this ambiguously: .*SAML/);
	});

	it('documented paths carry no such note', () => {
		const r = selectRole({
			authenticated: true,
			roles,
			roleMappings: { k: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } },
			logins: [
				{
					providerName: 'p',
					mappingKey: 'k',
					claims: {},
					tokenRoles: [demo.roles.admin, demo.roles.editor],
					preferredRole: demo.roles.admin
				}
			]
		});
		expect(r.ok && r.roleArn).toBe(demo.roles.admin);
		expect(r.ambiguous).toBeUndefined();
	});
});

describe('SAML roles (EXT saml)', () => {
	it('one role in the assertion is used; several need CustomRoleArn, else the default role', async () => {
		const world = await createDemoWorld();
		expect((await enhanced(world, 'saml', { user: 'bob' })).roleArn).toBe(demo.roles.samlRead);
		expect(
			(await enhanced(world, 'saml', { user: 'alice', customRoleArn: demo.roles.samlAdmin }))
				.roleArn
		).toBe(demo.roles.samlAdmin);
		expect((await enhanced(world, 'saml', { user: 'alice' })).roleArn).toBe(
			demo.roles.authenticated
		);
	});
});
