import { errors } from './errors.ts';
import { requireSigned, identityOf } from './identity-pool-admin.ts';
import { authLogins, validateAll } from './identity-auth.ts';
import { resolveIdentity, usableIdentity } from './identity-store.ts';
import { issueToken } from './openid-token.ts';
import type {
	CallContext,
	GetOpenIdTokenForDeveloperIdentityInput,
	GetOpenIdTokenForDeveloperIdentityResponse,
	LookupDeveloperIdentityInput,
	LookupDeveloperIdentityResponse,
	MergeDeveloperIdentitiesInput,
	MergeDeveloperIdentitiesResponse
} from './types.ts';
import {
	checkId,
	checkInteger,
	checkLogins,
	checkString,
	checkStringMap,
	requireObject
} from './validation.ts';
import type { IdentityRecord, World } from './world.ts';

/**
 * Developer-authenticated identities: the signed operations a backend calls to vouch for its own
 * users, look them up and merge them (DEV; SDK-CI). CognitoIdentityService exposes them under AWS's
 * operation names.
 */

/** GetOpenIdTokenForDeveloperIdentity: your backend (signed) vouches for a user of its own. */
export async function getOpenIdTokenForDeveloperIdentity(
	world: World,
	input: GetOpenIdTokenForDeveloperIdentityInput,
	ctx?: CallContext
): Promise<GetOpenIdTokenForDeveloperIdentityResponse> {
	const operation = 'GetOpenIdTokenForDeveloperIdentity';
	return world.run('cognito-identity', operation, input, async () => {
		requireSigned(world, operation, ctx, input);
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
		const pool = world.poolRecord(poolId);
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
		const validated = await validateAll(world, operation, pool, others);
		const devLogin = { providerName: devName, subject: devUser };
		const already = world.loginIndex.get(world.loginKey(poolId, devName, devUser));
		let requested: IdentityRecord | undefined;
		if (identityId) {
			requested = usableIdentity(world, identityId);
			if (requested.IdentityPoolId !== poolId)
				throw errors.resourceNotFound('Identity', identityId);
			if (already && already !== identityId) throw errors.developerUserAlreadyRegistered();
		}
		const identity = resolveIdentity(
			world,
			operation,
			pool,
			[devLogin, ...authLogins(validated)],
			requested
		);
		identity.developerUser = devUser;
		const amr = ['authenticated', ...identity.logins.keys()];
		const token = await issueToken(
			world,
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

/** LookupDeveloperIdentity (signed): identity ID and developer user identifiers. */
export async function lookupDeveloperIdentity(
	world: World,
	input: LookupDeveloperIdentityInput,
	ctx?: CallContext
): Promise<LookupDeveloperIdentityResponse> {
	return world.run('cognito-identity', 'LookupDeveloperIdentity', input, async () => {
		requireSigned(world, 'LookupDeveloperIdentity', ctx, input);
		const obj = requireObject(input);
		const poolId = checkId(obj, 'IdentityPoolId') ?? '';
		const identityId = checkId(obj, 'IdentityId', false);
		const devUser = checkString(obj, 'DeveloperUserIdentifier', { max: 1024 });
		checkInteger(obj, 'MaxResults', 1, 60);
		const pool = world.poolRecord(poolId);
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
		const identity = identityOf(world, id);
		const users = [
			...[...identity.logins.entries()].filter(([k]) => k === devName).map(([, v]) => v),
			...(identity.extraDeveloperUsers ?? [])
		];
		return { IdentityId: identity.IdentityId, DeveloperUserIdentifierList: users };
	});
}

/** MergeDeveloperIdentities (signed): merges the source user's identity into the destination's. */
export async function mergeDeveloperIdentities(
	world: World,
	input: MergeDeveloperIdentitiesInput,
	ctx?: CallContext
): Promise<MergeDeveloperIdentitiesResponse> {
	return world.run('cognito-identity', 'MergeDeveloperIdentities', input, async () => {
		requireSigned(world, 'MergeDeveloperIdentities', ctx, input);
		const obj = requireObject(input);
		const poolId = checkId(obj, 'IdentityPoolId') ?? '';
		const source = checkString(obj, 'SourceUserIdentifier', { required: true, max: 1024 }) ?? '';
		const destination =
			checkString(obj, 'DestinationUserIdentifier', { required: true, max: 1024 }) ?? '';
		const devName = checkString(obj, 'DeveloperProviderName', { required: true, max: 128 }) ?? '';
		const pool = world.poolRecord(poolId);
		if (pool.pool.DeveloperProviderName !== devName) {
			throw errors.invalidParameter('DeveloperProviderName does not match the identity pool.');
		}
		const destId = world.loginIndex.get(world.loginKey(poolId, devName, destination));
		const srcId = world.loginIndex.get(world.loginKey(poolId, devName, source));
		if (!destId) throw errors.resourceNotFound('Identity', destination);
		if (!srcId) throw errors.resourceNotFound('Identity', source);
		const dest = usableIdentity(world, destId);
		const src = usableIdentity(world, srcId);
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
