import { errors, type AmbiguityNote } from './errors.ts';
import * as admin from './identity-pool-admin.ts';
import * as developer from './developer-identities.ts';
import { getCredentialsForIdentity } from './enhanced-credentials.ts';
import { authenticate, authLogins, checkGuest, validateAll } from './identity-auth.ts';
import { newIdentity, resolveIdentity, usableIdentity } from './identity-store.ts';
import { issueToken } from './openid-token.ts';
import { principalTagsFor } from './principal-tags.ts';
import type {
	CallContext,
	CreateIdentityPoolInput,
	DeleteIdentitiesInput,
	DeleteIdentitiesResponse,
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
import { checkId, checkLogins, checkString, requireObject } from './validation.ts';
import type { World } from './world.ts';

export { enhancedTrustNote } from './enhanced-credentials.ts';
export { developerTokenLifetimeNote } from './openid-token.ts';

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

export const classicFlowDefaultNote: AmbiguityNote = {
	topic: 'enhanced-vs-basic',
	note: 'AWS documents this ambiguously: a pool created without an AllowClassicFlow value was once reported to allow GetOpenIdToken; the simulator treats a missing value as false, as the CDK default does.',
	factRef: 'GH-CLI7652; CDK'
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

	/** GetId: the identity ID for these logins, or a new guest identity when there are none. */
	async GetId(input: GetIdInput, _ctx?: CallContext): Promise<GetIdResponse> {
		return this.#world.run('cognito-identity', 'GetId', input, async () => {
			const obj = requireObject(input);
			const poolId = checkId(obj, 'IdentityPoolId') ?? '';
			checkString(obj, 'AccountId', { max: 15, pattern: /^\d+$/, patternText: '\\d+' });
			const logins = checkLogins(obj);
			const pool = this.#world.poolRecord(poolId);
			if (!logins || Object.keys(logins).length === 0) {
				checkGuest(pool);
				return { IdentityId: newIdentity(this.#world, 'GetId', pool).IdentityId };
			}
			const validated = await validateAll(this.#world, 'GetId', pool, logins);
			const dev = validated.find((l) => l.kind === 'cognito');
			if (dev?.cognitoToken) {
				return { IdentityId: usableIdentity(this.#world, dev.cognitoToken.identityId).IdentityId };
			}
			const identity = resolveIdentity(this.#world, 'GetId', pool, authLogins(validated));
			return { IdentityId: identity.IdentityId };
		});
	}

	/** GetCredentialsForIdentity (enhanced flow): Cognito picks the role and assumes it for you. */
	async GetCredentialsForIdentity(
		input: GetCredentialsForIdentityInput,
		ctx?: CallContext
	): Promise<GetCredentialsForIdentityResponse> {
		return getCredentialsForIdentity(this.#world, input, ctx);
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
			const { identity, amr, validated } = await authenticate(
				this.#world,
				operation,
				identityId,
				logins
			);
			const mapped = principalTagsFor(validated, pool.principalTagMaps);
			const token = await issueToken(
				this.#world,
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
		return developer.getOpenIdTokenForDeveloperIdentity(this.#world, input, ctx);
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

	/** DeleteIdentities (signed): deletes 1 to 60 identities; ones it keeps come back as unprocessed. */
	async DeleteIdentities(
		input: DeleteIdentitiesInput,
		ctx?: CallContext
	): Promise<DeleteIdentitiesResponse> {
		return admin.deleteIdentities(this.#world, input, ctx);
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
			const validated = await validateAll(this.#world, 'UnlinkIdentity', pool, logins);
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
		return developer.lookupDeveloperIdentity(this.#world, input, ctx);
	}

	/** MergeDeveloperIdentities (signed): merges the source user's identity into the destination's. */
	async MergeDeveloperIdentities(
		input: MergeDeveloperIdentitiesInput,
		ctx?: CallContext
	): Promise<MergeDeveloperIdentitiesResponse> {
		return developer.mergeDeveloperIdentities(this.#world, input, ctx);
	}
}
