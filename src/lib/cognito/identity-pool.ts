import { errors, type AmbiguityNote } from './errors.ts';
import * as admin from './identity-pool-admin.ts';
import { newIdentity, resolveIdentity, usableIdentity } from './identity-store.ts';
import { signJwt } from './jwt.ts';
import {
	cognitoIdentityIssuer,
	cognitoIdentityProvider,
	validateLogin,
	type ValidatedLogin
} from './login-validation.ts';
import { principalTagsFor } from './principal-tags.ts';
import { selectRole } from './role-selection.ts';
import {
	guestScopeDownNote,
	inlineGuestSessionPolicy,
	managedGuestSessionPolicy,
	managedGuestSessionPolicyArn
} from './scope-down.ts';
import { assumeRole } from './sts.ts';
import type {
	CallContext,
	CreateIdentityPoolInput,
	DeleteIdentityPoolInput,
	DescribeIdentityInput,
	DescribeIdentityPoolInput,
	GetCredentialsForIdentityInput,
	GetCredentialsForIdentityResponse,
	GetIdentityPoolRolesResponse,
	GetIdInput,
	GetIdResponse,
	GetOpenIdTokenForDeveloperIdentityInput,
	GetOpenIdTokenForDeveloperIdentityResponse,
	GetOpenIdTokenInput,
	GetPrincipalTagAttributeMapInput,
	GetOpenIdTokenResponse,
	IdentityDescription,
	IdentityPool,
	ListIdentitiesInput,
	ListIdentitiesResponse,
	ListIdentityPoolsInput,
	ListIdentityPoolsResponse,
	LookupDeveloperIdentityInput,
	LookupDeveloperIdentityResponse,
	MergeDeveloperIdentitiesInput,
	MergeDeveloperIdentitiesResponse,
	PrincipalTagAttributeMap,
	SetPrincipalTagAttributeMapInput,
	SetIdentityPoolRolesInput,
	UnlinkIdentityInput,
	UpdateIdentityPoolInput
} from './types.ts';
import {
	checkId,
	checkInteger,
	checkLogins,
	checkRoleArn,
	checkString,
	checkStringMap,
	requireObject
} from './validation.ts';
import type { IdentityRecord, PoolRecord, World } from './world.ts';

/**
 * Amazon Cognito Identity (identity pools): the operations with AWS's names, inputs, outputs and
 * errors. Public operations (GetId, GetOpenIdToken, GetCredentialsForIdentity, UnlinkIdentity) need
 * no signature; every other one refuses unsigned calls (SDK-CI 1.0).
 */

export const samlBasicFlowNote: AmbiguityNote = {
	topic: 'federation',
	note: 'AWS documents this ambiguously: SAML works only in the enhanced flow, but the error for trying the basic flow is not documented; the simulator uses InvalidParameterException.',
	factRef: 'EXT saml'
};

export const enhancedTrustNote: AmbiguityNote = {
	topic: 'trust-policies',
	note: "AWS documents this ambiguously: in the enhanced flow the role's trust policy must accept Cognito, but whether Cognito adds checks of its own is not documented; the simulator evaluates the same trust policy as STS does in the basic flow.",
	factRef: 'SDK-CI; RTP'
};

export const classicFlowDefaultNote: AmbiguityNote = {
	topic: 'enhanced-vs-basic',
	note: 'AWS documents this ambiguously: a pool created without an AllowClassicFlow value was once reported to allow GetOpenIdToken; the simulator treats a missing value as false, as the CDK default does.',
	factRef: 'GH-CLI7652; CDK'
};

export const developerTokenLifetimeNote: AmbiguityNote = {
	topic: 'lifetimes',
	note: 'AWS documents this ambiguously: the TokenDuration reference says STS credentials from a developer token last at most one hour, which conflicts with the STS 1-12 hour rule; the simulator follows STS.',
	factRef: 'SDK-CI; SDK-STS'
};

const publicOperations = new Set([
	'GetId',
	'GetOpenIdToken',
	'GetCredentialsForIdentity',
	'UnlinkIdentity'
]);

/** Whether an operation is public (no SigV4) in the Cognito Identity model (SDK-CI). */
export function isPublicOperation(operation: string): boolean {
	return publicOperations.has(operation);
}

/** The Cognito Identity API of one world, operation by operation. */
export class CognitoIdentityService {
	readonly #world: World;

	constructor(world: World) {
		this.#world = world;
	}

	async #validateAll(
		operation: string,
		pool: PoolRecord,
		logins: Record<string, string>
	): Promise<ValidatedLogin[]> {
		const out: ValidatedLogin[] = [];
		for (const [providerName, token] of Object.entries(logins)) {
			try {
				const login = await validateLogin(this.#world, pool.pool, providerName, token);
				this.#world.emit({
					kind: 'validate-login',
					operation,
					service: 'cognito-identity',
					ok: true,
					detail: {
						ProviderName: providerName,
						Kind: login.kind,
						Subject: login.subject,
						Claims: login.claims
					},
					factRef: 'AF-2023; AF'
				});
				out.push(login);
			} catch (err) {
				const e = err as { name?: string; message?: string };
				this.#world.emit({
					kind: 'validate-login',
					operation,
					service: 'cognito-identity',
					ok: false,
					detail: { ProviderName: providerName, Error: { name: e.name, message: e.message } },
					factRef: 'AF-2023'
				});
				throw err;
			}
		}
		return out;
	}

	#authLogins(validated: ValidatedLogin[]): { providerName: string; subject: string }[] {
		return validated
			.filter((l) => l.kind !== 'cognito')
			.map((l) => ({ providerName: l.providerName, subject: l.subject }));
	}

	#checkGuest(pool: PoolRecord): void {
		if (!pool.pool.AllowUnauthenticatedIdentities) throw errors.unauthenticatedNotSupported();
	}

	/** GetId: the identity ID for these logins, or a new guest identity when there are none. */
	async GetId(input: GetIdInput, _ctx?: CallContext): Promise<GetIdResponse> {
		return this.#world.run('cognito-identity', 'GetId', input, async () => {
			const obj = requireObject(input);
			const poolId = checkId(obj, 'IdentityPoolId') ?? '';
			checkString(obj, 'AccountId', { max: 15, pattern: /^\d+$/, patternText: '\\d+' });
			const logins = checkLogins(obj);
			const pool = this.#world.poolRecord(poolId);
			if (!logins || Object.keys(logins).length === 0) {
				this.#checkGuest(pool);
				return { IdentityId: newIdentity(this.#world, 'GetId', pool).IdentityId };
			}
			const validated = await this.#validateAll('GetId', pool, logins);
			const dev = validated.find((l) => l.kind === 'cognito');
			if (dev?.cognitoToken) {
				return { IdentityId: usableIdentity(this.#world, dev.cognitoToken.identityId).IdentityId };
			}
			const identity = resolveIdentity(this.#world, 'GetId', pool, this.#authLogins(validated));
			return { IdentityId: identity.IdentityId };
		});
	}

	/** Shared by GetCredentialsForIdentity and GetOpenIdToken: checks logins against the identity. */
	async #authenticate(
		operation: string,
		identityId: string,
		logins: Record<string, string> | undefined
	): Promise<{
		pool: PoolRecord;
		identity: IdentityRecord;
		validated: ValidatedLogin[];
		amr: string[];
	}> {
		const identity = usableIdentity(this.#world, identityId);
		const pool = this.#world.poolRecord(identity.IdentityPoolId);
		if (!logins || Object.keys(logins).length === 0) {
			if (identity.logins.size > 0) throw errors.loginsDontMatch();
			this.#checkGuest(pool);
			return { pool, identity, validated: [], amr: ['unauthenticated'] };
		}
		const validated = await this.#validateAll(operation, pool, logins);
		const dev = validated.find((l) => l.cognitoToken);
		if (dev?.cognitoToken) {
			if (dev.cognitoToken.identityId !== identity.IdentityId) throw errors.loginsDontMatch();
			return { pool, identity, validated, amr: dev.cognitoToken.amr };
		}
		const resolved = resolveIdentity(
			this.#world,
			operation,
			pool,
			this.#authLogins(validated),
			identity
		);
		return {
			pool,
			identity: resolved,
			validated,
			amr: ['authenticated', ...[...resolved.logins.keys()].filter((k) => k in logins)]
		};
	}

	/** GetCredentialsForIdentity (enhanced flow): Cognito picks the role and assumes it for you. */
	async GetCredentialsForIdentity(
		input: GetCredentialsForIdentityInput,
		_ctx?: CallContext
	): Promise<GetCredentialsForIdentityResponse> {
		const world = this.#world;
		const operation = 'GetCredentialsForIdentity';
		return world.run('cognito-identity', operation, input, async () => {
			const obj = requireObject(input);
			const identityId = checkId(obj, 'IdentityId') ?? '';
			const logins = checkLogins(obj);
			const customRoleArn = checkRoleArn(obj, 'CustomRoleArn');
			const { pool, identity, validated, amr } = await this.#authenticate(
				operation,
				identityId,
				logins
			);
			const authenticated = amr.includes('authenticated');
			const selection = selectRole({
				authenticated,
				roles: pool.roles,
				roleMappings: pool.roleMappings,
				customRoleArn,
				logins: validated.map((l) => ({
					providerName: l.providerName,
					mappingKey: l.mappingKey,
					claims: l.claims,
					tokenRoles: l.tokenRoles,
					preferredRole: l.preferredRole,
					developer: l.kind === 'cognito',
					saml: l.kind === 'saml'
				}))
			});
			world.emit({
				kind: 'choose-role',
				operation,
				service: 'cognito-identity',
				ok: selection.ok,
				detail: {
					Authenticated: authenticated,
					Roles: pool.roles,
					RoleMappings: pool.roleMappings ?? {},
					CustomRoleArn: customRoleArn,
					Source: selection.source,
					RoleArn: selection.ok ? selection.roleArn : undefined,
					Rule: selection.ok ? selection.rule : undefined,
					MappingKey: selection.mappingKey,
					Explanation: selection.explanation
				},
				factRef: 'RBAC; UPG; API-GCFI',
				...(selection.ambiguous ? { ambiguous: selection.ambiguous } : {})
			});
			if (!selection.ok) throw selection.error;
			const role = world.iam.roleByArn(selection.roleArn);
			if (!role) {
				throw errors.invalidConfiguration(
					`The role ${selection.roleArn} does not exist, so Cognito cannot assume it.`
				);
			}
			const sessionPolicies = authenticated
				? []
				: [
						{ name: 'Cognito guest scope-down policy', document: inlineGuestSessionPolicy },
						{
							name: 'managed session policy AmazonCognitoUnAuthedIdentitiesSessionPolicy',
							document: managedGuestSessionPolicy
						}
					];
			const ambiguous: AmbiguityNote[] = authenticated ? [] : [guestScopeDownNote];
			if (!authenticated) {
				world.emit({
					kind: 'scope-down',
					operation,
					service: 'cognito-identity',
					ok: true,
					detail: {
						Policy: inlineGuestSessionPolicy,
						PolicyArns: [{ arn: managedGuestSessionPolicyArn }],
						Note: 'Guest credentials in the enhanced flow get only what both the role and this allow-list allow.'
					},
					factRef: 'IAMR-2023; MP-NEW',
					ambiguous
				});
			}
			const mapped = principalTagsFor(validated, pool.principalTagMaps);
			const principalTags =
				validated.find((l) => l.cognitoToken)?.cognitoToken?.principalTags ??
				(Object.keys(mapped.tags).length > 0 ? mapped.tags : undefined);
			ambiguous.push(...mapped.ambiguous);
			world.emit({
				kind: 'assume-role',
				operation,
				service: 'sts',
				ok: true,
				detail: {
					Caller: 'Amazon Cognito (inside AWS)',
					RoleArn: role.Arn,
					RoleSessionName: 'CognitoIdentityCredentials',
					WebIdentityClaims: {
						iss: cognitoIdentityIssuer,
						aud: pool.pool.IdentityPoolId,
						sub: identity.IdentityId,
						amr
					},
					DurationSeconds: 3600,
					...(authenticated
						? {}
						: {
								PolicyArns: [{ arn: managedGuestSessionPolicyArn }],
								Policy: '(inline scope-down policy)'
							})
				},
				factRef: 'AF; AF-2023; BLOG4; IAMR-2023'
			});
			const { session } = assumeRole(world, {
				operation,
				role,
				roleSessionName: 'CognitoIdentityCredentials',
				claims: {
					provider: cognitoIdentityProvider,
					aud: pool.pool.IdentityPoolId,
					sub: identity.IdentityId,
					amr,
					principalTags
				},
				durationSeconds: 3600,
				sessionPolicies,
				flow: 'enhanced',
				identityPoolId: pool.pool.IdentityPoolId,
				onDenied: () => {
					const err = errors.invalidConfiguration(
						`The trust policy of ${role.RoleName} does not let cognito-identity.amazonaws.com assume it for this identity (check the aud and amr conditions).`
					);
					err.ambiguous.push(enhancedTrustNote);
					return err;
				},
				ambiguous
			});
			const response: GetCredentialsForIdentityResponse = {
				IdentityId: identity.IdentityId,
				Credentials: {
					AccessKeyId: session.accessKeyId,
					SecretKey: session.secretAccessKey,
					SessionToken: session.sessionToken,
					Expiration: new Date(session.expiration)
				}
			};
			world.emit({
				kind: 'issue-credentials',
				operation,
				service: 'cognito-identity',
				ok: true,
				detail: {
					IdentityId: identity.IdentityId,
					RoleArn: role.Arn,
					AccessKeyId: session.accessKeyId,
					Expiration: response.Credentials.Expiration.toISOString(),
					LifetimeSeconds: 3600
				},
				factRef: 'AF; SDK-CI',
				ambiguous
			});
			return response;
		});
	}

	async #issueToken(
		operation: string,
		poolId: string,
		identityId: string,
		amr: string[],
		seconds: number,
		principalTags?: Record<string, string>
	): Promise<string> {
		const world = this.#world;
		const iat = world.clock.seconds();
		const payload: Record<string, unknown> = {
			iss: cognitoIdentityIssuer,
			sub: identityId,
			aud: poolId,
			amr,
			iat,
			exp: iat + seconds
		};
		if (principalTags && Object.keys(principalTags).length > 0) {
			payload['https://aws.amazon.com/tags'] = {
				principal_tags: Object.fromEntries(Object.entries(principalTags).map(([k, v]) => [k, [v]]))
			};
		}
		const token = await signJwt(payload, world.keys.cognitoIdentity);
		world.emit({
			kind: 'issue-token',
			operation,
			service: 'cognito-identity',
			ok: true,
			detail: { Claims: payload, LifetimeSeconds: seconds },
			factRef: operation === 'GetOpenIdToken' ? 'AF; SDK-CI' : 'DEV; SDK-CI',
			ambiguous: operation === 'GetOpenIdToken' ? undefined : [developerTokenLifetimeNote]
		});
		return token;
	}

	/** GetOpenIdToken (basic flow): a 10-minute Cognito token for the app to give STS. */
	async GetOpenIdToken(
		input: GetOpenIdTokenInput,
		_ctx?: CallContext
	): Promise<GetOpenIdTokenResponse> {
		const operation = 'GetOpenIdToken';
		return this.#world.run('cognito-identity', operation, input, async () => {
			const obj = requireObject(input);
			const identityId = checkId(obj, 'IdentityId') ?? '';
			const logins = checkLogins(obj);
			const existing = usableIdentity(this.#world, identityId);
			const pool = this.#world.poolRecord(existing.IdentityPoolId);
			if (pool.pool.AllowClassicFlow !== true) {
				const err = errors.classicFlowDisabled();
				if (pool.pool.AllowClassicFlow === undefined) err.ambiguous.push(classicFlowDefaultNote);
				throw err;
			}
			if (pool.roleMappings && Object.keys(pool.roleMappings).length > 0)
				throw errors.classicFlowWithRoleMappings();
			if (Object.keys(logins ?? {}).some((k) => pool.pool.SamlProviderARNs?.includes(k))) {
				throw errors.invalidParameter(
					'SAML identity providers are supported only in the enhanced flow.',
					{
						explanation:
							'For SAML 2.0 identity providers Cognito supports only the enhanced flow (GetCredentialsForIdentity).',
						fix: 'Use GetCredentialsForIdentity, choosing among the SAML roles with CustomRoleArn.',
						factRef: 'EXT saml',
						ambiguous: [samlBasicFlowNote]
					}
				);
			}
			const { identity, amr, validated } = await this.#authenticate(operation, identityId, logins);
			const mapped = principalTagsFor(validated, pool.principalTagMaps);
			const token = await this.#issueToken(
				operation,
				pool.pool.IdentityPoolId,
				identity.IdentityId,
				amr,
				600,
				mapped.tags
			);
			return { IdentityId: identity.IdentityId, Token: token };
		});
	}

	/** GetOpenIdTokenForDeveloperIdentity: your backend (signed) vouches for a user of its own. */
	async GetOpenIdTokenForDeveloperIdentity(
		input: GetOpenIdTokenForDeveloperIdentityInput,
		ctx?: CallContext
	): Promise<GetOpenIdTokenForDeveloperIdentityResponse> {
		const world = this.#world;
		const operation = 'GetOpenIdTokenForDeveloperIdentity';
		return world.run('cognito-identity', operation, input, async () => {
			admin.requireSigned(this.#world, operation, ctx, input);
			const obj = requireObject(input);
			const poolId = checkId(obj, 'IdentityPoolId') ?? '';
			const identityId = checkId(obj, 'IdentityId', false);
			const logins = checkLogins(obj, true) ?? {};
			const tags = checkStringMap(obj, 'PrincipalTags', {
				maxEntries: 50,
				keyMax: 128,
				valueMax: 256
			});
			const duration = checkInteger(obj, 'TokenDuration', 1, 86400) ?? 900;
			const pool = this.#world.poolRecord(poolId);
			const devName = pool.pool.DeveloperProviderName;
			if (!devName) {
				throw errors.invalidParameter(
					'This identity pool has no developer provider name (DeveloperProviderName).',
					{
						explanation:
							'Developer-authenticated identities need a DeveloperProviderName on the pool.',
						fix: 'Set DeveloperProviderName on the pool (it cannot be changed later).',
						factRef: 'DEV; SDK-CI'
					}
				);
			}
			const devUser = logins[devName];
			if (devUser === undefined) {
				throw errors.invalidParameter(`Logins must contain the developer provider ${devName}.`, {
					explanation:
						'The Logins map must name your DeveloperProviderName, with your user identifier as the value.',
					fix: `Send Logins: { "${devName}": "<your user id>" }.`,
					factRef: 'DEV; SDK-CI'
				});
			}
			const others = Object.fromEntries(Object.entries(logins).filter(([k]) => k !== devName));
			const validated = await this.#validateAll(operation, pool, others);
			const devLogin = { providerName: devName, subject: devUser };
			const already = world.loginIndex.get(world.loginKey(poolId, devName, devUser));
			let requested: IdentityRecord | undefined;
			if (identityId) {
				requested = usableIdentity(this.#world, identityId);
				if (requested.IdentityPoolId !== poolId)
					throw errors.resourceNotFound('Identity', identityId);
				if (already && already !== identityId) throw errors.developerUserAlreadyRegistered();
			}
			const identity = resolveIdentity(
				this.#world,
				operation,
				pool,
				[devLogin, ...this.#authLogins(validated)],
				requested
			);
			identity.developerUser = devUser;
			const amr = ['authenticated', ...identity.logins.keys()];
			const token = await this.#issueToken(
				operation,
				poolId,
				identity.IdentityId,
				amr,
				duration,
				tags
			);
			return { IdentityId: identity.IdentityId, Token: token };
		});
	}

	/** SetPrincipalTagAttributeMap (signed): which claims become session tags for a provider (ABAC). */
	async SetPrincipalTagAttributeMap(
		input: SetPrincipalTagAttributeMapInput,
		ctx?: CallContext
	): Promise<PrincipalTagAttributeMap> {
		return admin.setPrincipalTagAttributeMap(this.#world, input, ctx);
	}

	/** GetPrincipalTagAttributeMap (signed). */
	async GetPrincipalTagAttributeMap(
		input: GetPrincipalTagAttributeMapInput,
		ctx?: CallContext
	): Promise<PrincipalTagAttributeMap> {
		return admin.getPrincipalTagAttributeMap(this.#world, input, ctx);
	}

	/** CreateIdentityPool (signed). */
	async CreateIdentityPool(
		input: CreateIdentityPoolInput,
		ctx?: CallContext
	): Promise<IdentityPool> {
		return admin.createIdentityPool(this.#world, input, ctx);
	}

	/** UpdateIdentityPool (signed): replaces the pool's settings; DeveloperProviderName cannot change. */
	async UpdateIdentityPool(
		input: UpdateIdentityPoolInput,
		ctx?: CallContext
	): Promise<IdentityPool> {
		return admin.updateIdentityPool(this.#world, input, ctx);
	}

	/** DescribeIdentityPool (signed). */
	async DescribeIdentityPool(
		input: DescribeIdentityPoolInput,
		ctx?: CallContext
	): Promise<IdentityPool> {
		return admin.describeIdentityPool(this.#world, input, ctx);
	}

	/** DeleteIdentityPool (signed): deletes the pool and its identities (IDP). */
	async DeleteIdentityPool(
		input: DeleteIdentityPoolInput,
		ctx?: CallContext
	): Promise<Record<string, never>> {
		return admin.deleteIdentityPool(this.#world, input, ctx);
	}

	/** ListIdentityPools (signed). */
	async ListIdentityPools(
		input: ListIdentityPoolsInput,
		ctx?: CallContext
	): Promise<ListIdentityPoolsResponse> {
		return admin.listIdentityPools(this.#world, input, ctx);
	}

	/** SetIdentityPoolRoles (signed): default roles and role mappings. */
	async SetIdentityPoolRoles(
		input: SetIdentityPoolRolesInput,
		ctx?: CallContext
	): Promise<Record<string, never>> {
		return admin.setIdentityPoolRoles(this.#world, input, ctx);
	}

	/** GetIdentityPoolRoles (signed). */
	async GetIdentityPoolRoles(
		input: DescribeIdentityPoolInput,
		ctx?: CallContext
	): Promise<GetIdentityPoolRolesResponse> {
		return admin.getIdentityPoolRoles(this.#world, input, ctx);
	}

	/** DescribeIdentity (signed). */
	async DescribeIdentity(
		input: DescribeIdentityInput,
		ctx?: CallContext
	): Promise<IdentityDescription> {
		return admin.describeIdentity(this.#world, input, ctx);
	}

	/** ListIdentities (signed): disabled identities are listed unless HideDisabled (SDK-CI). */
	async ListIdentities(
		input: ListIdentitiesInput,
		ctx?: CallContext
	): Promise<ListIdentitiesResponse> {
		return admin.listIdentities(this.#world, input, ctx);
	}

	/** UnlinkIdentity (public): removes federated logins from an identity (SDK-CI 8.4). */
	async UnlinkIdentity(
		input: UnlinkIdentityInput,
		_ctx?: CallContext
	): Promise<Record<string, never>> {
		const world = this.#world;
		return world.run('cognito-identity', 'UnlinkIdentity', input, async () => {
			const obj = requireObject(input);
			const identityId = checkId(obj, 'IdentityId') ?? '';
			const logins = checkLogins(obj, true) ?? {};
			const toRemove = input.LoginsToRemove;
			if (!Array.isArray(toRemove)) throw errors.required('loginsToRemove');
			const identity = usableIdentity(this.#world, identityId);
			const pool = this.#world.poolRecord(identity.IdentityPoolId);
			const validated = await this.#validateAll('UnlinkIdentity', pool, logins);
			if (!validated.some((l) => identity.logins.get(l.providerName) === l.subject))
				throw errors.loginsDontMatch();
			for (const provider of toRemove) {
				const subject = identity.logins.get(provider);
				if (subject === undefined) continue;
				identity.logins.delete(provider);
				world.loginIndex.delete(world.loginKey(identity.IdentityPoolId, provider, subject));
			}
			// Removing the last login leaves nothing to prove ownership with (SDK-CI 8.4).
			if (identity.logins.size === 0) identity.disabled = true;
			identity.LastModifiedDate = world.clock.now();
			return {};
		});
	}

	/** LookupDeveloperIdentity (signed): identity ID and developer user identifiers. */
	async LookupDeveloperIdentity(
		input: LookupDeveloperIdentityInput,
		ctx?: CallContext
	): Promise<LookupDeveloperIdentityResponse> {
		const world = this.#world;
		return world.run('cognito-identity', 'LookupDeveloperIdentity', input, async () => {
			admin.requireSigned(world, 'LookupDeveloperIdentity', ctx, input);
			const obj = requireObject(input);
			const poolId = checkId(obj, 'IdentityPoolId') ?? '';
			const identityId = checkId(obj, 'IdentityId', false);
			const devUser = checkString(obj, 'DeveloperUserIdentifier', { max: 1024 });
			checkInteger(obj, 'MaxResults', 1, 60);
			const pool = this.#world.poolRecord(poolId);
			const devName = pool.pool.DeveloperProviderName ?? '';
			const byUser =
				devUser !== undefined
					? world.loginIndex.get(world.loginKey(poolId, devName, devUser))
					: undefined;
			if (devUser !== undefined && !byUser) throw errors.resourceNotFound('Identity', devUser);
			if (identityId && byUser && identityId !== byUser) {
				throw errors.resourceConflict(
					'The IdentityId and DeveloperUserIdentifier do not belong to the same identity.',
					'LookupDeveloperIdentity was given an identity ID and a developer user identifier that are linked to different identities.'
				);
			}
			const id = identityId ?? byUser ?? '';
			const identity = admin.identityOf(this.#world, id);
			const users = [
				...[...identity.logins.entries()].filter(([k]) => k === devName).map(([, v]) => v),
				...(identity.extraDeveloperUsers ?? [])
			];
			return { IdentityId: identity.IdentityId, DeveloperUserIdentifierList: users };
		});
	}

	/** MergeDeveloperIdentities (signed): merges the source user's identity into the destination's. */
	async MergeDeveloperIdentities(
		input: MergeDeveloperIdentitiesInput,
		ctx?: CallContext
	): Promise<MergeDeveloperIdentitiesResponse> {
		const world = this.#world;
		return world.run('cognito-identity', 'MergeDeveloperIdentities', input, async () => {
			admin.requireSigned(world, 'MergeDeveloperIdentities', ctx, input);
			const obj = requireObject(input);
			const poolId = checkId(obj, 'IdentityPoolId') ?? '';
			const source = checkString(obj, 'SourceUserIdentifier', { required: true, max: 1024 }) ?? '';
			const destination =
				checkString(obj, 'DestinationUserIdentifier', { required: true, max: 1024 }) ?? '';
			const devName = checkString(obj, 'DeveloperProviderName', { required: true, max: 128 }) ?? '';
			const pool = this.#world.poolRecord(poolId);
			if (pool.pool.DeveloperProviderName !== devName) {
				throw errors.invalidParameter('DeveloperProviderName does not match the identity pool.');
			}
			const destId = world.loginIndex.get(world.loginKey(poolId, devName, destination));
			const srcId = world.loginIndex.get(world.loginKey(poolId, devName, source));
			if (!destId) throw errors.resourceNotFound('Identity', destination);
			if (!srcId) throw errors.resourceNotFound('Identity', source);
			const dest = usableIdentity(this.#world, destId);
			const src = usableIdentity(this.#world, srcId);
			if (src === dest) return { IdentityId: dest.IdentityId };
			if (src.logins.size + dest.logins.size > 20) {
				throw errors.invalidParameter('The merged identity would have more than 20 linked logins.');
			}
			// Both carry the same developer provider, so move the source's logins over by hand.
			for (const [provider, subject] of src.logins) {
				if (
					provider !== devName &&
					dest.logins.has(provider) &&
					dest.logins.get(provider) !== subject
				) {
					throw errors.resourceConflict(
						`Identity ${dest.IdentityId} is already linked to another ${provider} login.`,
						'Both identities hold a different user from the same provider.'
					);
				}
			}
			for (const [provider, subject] of src.logins) {
				if (provider === devName)
					dest.extraDeveloperUsers = [...(dest.extraDeveloperUsers ?? []), subject];
				else dest.logins.set(provider, subject);
				world.loginIndex.set(world.loginKey(poolId, provider, subject), dest.IdentityId);
			}
			src.disabled = true;
			src.mergedInto = dest.IdentityId;
			world.emit({
				kind: 'merge-identities',
				operation: 'MergeDeveloperIdentities',
				service: 'cognito-identity',
				ok: true,
				detail: { ParentIdentityId: dest.IdentityId, DisabledIdentityId: src.IdentityId },
				factRef: 'AF-2023; SDK-CI'
			});
			return { IdentityId: dest.IdentityId };
		});
	}
}
