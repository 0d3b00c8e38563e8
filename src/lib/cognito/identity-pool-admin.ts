import { errors, type AmbiguityNote } from './errors.ts';
import { describeStatement, evaluatePolicies } from './policy-evaluator.ts';
import type {
	CallContext,
	CreateIdentityPoolInput,
	DeleteIdentitiesInput,
	DeleteIdentitiesResponse,
	DeleteIdentityPoolInput,
	DescribeIdentityInput,
	DescribeIdentityPoolInput,
	GetIdentityPoolRolesResponse,
	GetPrincipalTagAttributeMapInput,
	IdentityDescription,
	IdentityPool,
	ListIdentitiesInput,
	ListIdentitiesResponse,
	ListIdentityPoolsInput,
	ListIdentityPoolsResponse,
	PrincipalTagAttributeMap,
	SetIdentityPoolRolesInput,
	SetPrincipalTagAttributeMapInput,
	UnprocessedIdentityId,
	UpdateIdentityPoolInput
} from './types.ts';
import {
	checkBoolean,
	checkId,
	checkIdList,
	checkInteger,
	checkPoolFields,
	checkRolesInput,
	checkString,
	checkStringMap,
	requireObject
} from './validation.ts';
import type { IdentityRecord, World } from './world.ts';

/**
 * The signed administration operations of Cognito Identity: pools, roles, attribute maps and
 * identity listings. CognitoIdentityService exposes them under AWS's operation names.
 */

/** The identity pool ARN a signed call acts on (`*` when the input names none). */
export function poolArn(world: World, input: unknown): string {
	const id =
		input && typeof input === 'object'
			? (input as Record<string, unknown>)['IdentityPoolId']
			: undefined;
	return typeof id === 'string'
		? `arn:aws:cognito-identity:${world.region}:${world.accountId}:identitypool/${id}`
		: '*';
}

/**
 * Whether the signing principal's IAM policies allow an action on a resource (true when IAM does
 * not know the principal); the decision is traced.
 */
export function callerAllowed(
	world: World,
	ctx: CallContext,
	action: string,
	resource: string
): boolean {
	const policies = ctx.principalArn ? world.iam.principalPolicies(ctx.principalArn) : undefined;
	if (!policies || !ctx.principalArn) return true;
	const decision = evaluatePolicies(policies, { action, resource, context: {} });
	world.emit({
		kind: 'authorize',
		operation: action,
		service: 'iam',
		ok: decision.decision === 'allow',
		detail: {
			Principal: ctx.principalArn,
			Action: action,
			Resource: resource,
			Decision: decision.decision,
			DecidedBy: describeStatement(decision.decidedBy)
		},
		factRef: 'SDK-CI; MP-DEV; RBAC'
	});
	return decision.decision === 'allow';
}

/** Checks an IAM action for the signing principal, when IAM knows its policies. */
export function authorizeCaller(
	world: World,
	ctx: CallContext,
	action: string,
	resource: string
): void {
	if (!callerAllowed(world, ctx, action, resource))
		throw errors.callerNotAuthorized(ctx.principalArn ?? '', action, resource);
}

/**
 * Refuses calls that AWS requires to be SigV4-signed (SDK-CI 1.0), and callers whose IAM policies
 * do not allow the operation on the pool.
 */
export function requireSigned(
	world: World,
	operation: string,
	ctx: CallContext | undefined,
	input?: unknown
): void {
	if (!ctx?.signed) throw errors.missingAuthentication(operation);
	authorizeCaller(world, ctx, `cognito-identity:${operation}`, poolArn(world, input));
}

/** The identity record, or ResourceNotFoundException. */
export function identityOf(world: World, id: string): IdentityRecord {
	const record = world.identities.get(id);
	if (!record) throw errors.resourceNotFound('Identity', id);
	return record;
}

/** SetPrincipalTagAttributeMap (signed): which claims become session tags for a provider (ABAC). */
export async function setPrincipalTagAttributeMap(
	world: World,
	input: SetPrincipalTagAttributeMapInput,
	ctx?: CallContext
): Promise<PrincipalTagAttributeMap> {
	return world.run('cognito-identity', 'SetPrincipalTagAttributeMap', input, async () => {
		requireSigned(world, 'SetPrincipalTagAttributeMap', ctx, input);
		const obj = requireObject(input);
		const poolId = checkId(obj, 'IdentityPoolId') ?? '';
		const provider = checkString(obj, 'IdentityProviderName', { required: true, max: 128 }) ?? '';
		const useDefaults = checkBoolean(obj, 'UseDefaults') ?? false;
		const tags =
			checkStringMap(obj, 'PrincipalTags', { maxEntries: 50, keyMax: 128, valueMax: 256 }) ?? {};
		const record = world.poolRecord(poolId);
		const map: PrincipalTagAttributeMap = {
			IdentityPoolId: poolId,
			IdentityProviderName: provider,
			UseDefaults: useDefaults,
			PrincipalTags: { ...tags }
		};
		record.principalTagMaps = { ...(record.principalTagMaps ?? {}), [provider]: map };
		return structuredClone(map);
	});
}

/** GetPrincipalTagAttributeMap (signed). */
export async function getPrincipalTagAttributeMap(
	world: World,
	input: GetPrincipalTagAttributeMapInput,
	ctx?: CallContext
): Promise<PrincipalTagAttributeMap> {
	return world.run('cognito-identity', 'GetPrincipalTagAttributeMap', input, async () => {
		requireSigned(world, 'GetPrincipalTagAttributeMap', ctx, input);
		const obj = requireObject(input);
		const poolId = checkId(obj, 'IdentityPoolId') ?? '';
		const provider = checkString(obj, 'IdentityProviderName', { required: true, max: 128 }) ?? '';
		const record = world.poolRecord(poolId);
		const map = record.principalTagMaps?.[provider];
		return map
			? structuredClone(map)
			: {
					IdentityPoolId: poolId,
					IdentityProviderName: provider,
					UseDefaults: false,
					PrincipalTags: {}
				};
	});
}

/** CreateIdentityPool (signed). */
export async function createIdentityPool(
	world: World,
	input: CreateIdentityPoolInput,
	ctx?: CallContext
): Promise<IdentityPool> {
	return world.run('cognito-identity', 'CreateIdentityPool', input, async () => {
		requireSigned(world, 'CreateIdentityPool', ctx, input);
		const obj = requireObject(input);
		checkPoolFields(obj);
		const pool: IdentityPool = {
			...structuredClone(input),
			IdentityPoolId: `${world.region}:${world.random.uuid()}`
		};
		world.pools.set(pool.IdentityPoolId, { pool, roles: {}, createdAt: world.clock.now() });
		return structuredClone(pool);
	});
}

/** UpdateIdentityPool (signed): replaces the pool's settings; DeveloperProviderName cannot change. */
export async function updateIdentityPool(
	world: World,
	input: UpdateIdentityPoolInput,
	ctx?: CallContext
): Promise<IdentityPool> {
	return world.run('cognito-identity', 'UpdateIdentityPool', input, async () => {
		requireSigned(world, 'UpdateIdentityPool', ctx, input);
		const obj = requireObject(input);
		const poolId = checkId(obj, 'IdentityPoolId') ?? '';
		checkPoolFields(obj);
		const record = world.poolRecord(poolId);
		const oldDev = record.pool.DeveloperProviderName;
		if (oldDev && input.DeveloperProviderName !== oldDev) {
			throw errors.invalidParameter('DeveloperProviderName cannot be changed once set.', {
				explanation:
					'A pool keeps its developer provider name for life, because identities are linked under it.',
				fix: `Keep DeveloperProviderName "${oldDev}" in the update.`,
				factRef: 'SDK-CI; DEV'
			});
		}
		record.pool = structuredClone(input);
		return structuredClone(record.pool);
	});
}

/** DescribeIdentityPool (signed). */
export async function describeIdentityPool(
	world: World,
	input: DescribeIdentityPoolInput,
	ctx?: CallContext
): Promise<IdentityPool> {
	return world.run('cognito-identity', 'DescribeIdentityPool', input, async () => {
		requireSigned(world, 'DescribeIdentityPool', ctx, input);
		const poolId = checkId(requireObject(input), 'IdentityPoolId') ?? '';
		return structuredClone(world.poolRecord(poolId).pool);
	});
}

/** DeleteIdentityPool (signed): deletes the pool and its identities (IDP). */
export async function deleteIdentityPool(
	world: World,
	input: DeleteIdentityPoolInput,
	ctx?: CallContext
): Promise<Record<string, never>> {
	return world.run('cognito-identity', 'DeleteIdentityPool', input, async () => {
		requireSigned(world, 'DeleteIdentityPool', ctx, input);
		const poolId = checkId(requireObject(input), 'IdentityPoolId') ?? '';
		world.poolRecord(poolId);
		world.pools.delete(poolId);
		for (const [id, identity] of world.identities)
			if (identity.IdentityPoolId === poolId) world.identities.delete(id);
		for (const key of world.loginIndex.keys())
			if (key.startsWith(`${poolId}|`)) world.loginIndex.delete(key);
		return {};
	});
}

/** ListIdentityPools (signed). */
export async function listIdentityPools(
	world: World,
	input: ListIdentityPoolsInput,
	ctx?: CallContext
): Promise<ListIdentityPoolsResponse> {
	return world.run('cognito-identity', 'ListIdentityPools', input, async () => {
		requireSigned(world, 'ListIdentityPools', ctx, input);
		const obj = requireObject(input);
		const max = checkInteger(obj, 'MaxResults', 1, 60, true) ?? 60;
		const start = Number(checkString(obj, 'NextToken', { max: 55 }) ?? 0) || 0;
		const all = [...world.pools.values()].map((r) => ({
			IdentityPoolId: r.pool.IdentityPoolId,
			IdentityPoolName: r.pool.IdentityPoolName
		}));
		const page = all.slice(start, start + max);
		return {
			IdentityPools: page,
			...(start + max < all.length ? { NextToken: String(start + max) } : {})
		};
	});
}

/** SetIdentityPoolRoles (signed): default roles and role mappings. */
export async function setIdentityPoolRoles(
	world: World,
	input: SetIdentityPoolRolesInput,
	ctx?: CallContext
): Promise<Record<string, never>> {
	return world.run('cognito-identity', 'SetIdentityPoolRoles', input, async () => {
		requireSigned(world, 'SetIdentityPoolRoles', ctx, input);
		const obj = requireObject(input);
		const poolId = checkId(obj, 'IdentityPoolId') ?? '';
		checkRolesInput(obj);
		// Handing roles to the pool needs iam:PassRole on each of them (RBAC).
		const roleArns = new Set([
			...Object.values(input.Roles),
			...Object.values(input.RoleMappings ?? {}).flatMap((m) =>
				(m.RulesConfiguration?.Rules ?? []).map((r) => r.RoleARN)
			)
		]);
		for (const arn of roleArns) if (ctx) authorizeCaller(world, ctx, 'iam:PassRole', arn);
		const record = world.poolRecord(poolId);
		record.roles = { ...input.Roles };
		record.roleMappings = input.RoleMappings ? structuredClone(input.RoleMappings) : undefined;
		return {};
	});
}

/** GetIdentityPoolRoles (signed). */
export async function getIdentityPoolRoles(
	world: World,
	input: DescribeIdentityPoolInput,
	ctx?: CallContext
): Promise<GetIdentityPoolRolesResponse> {
	return world.run('cognito-identity', 'GetIdentityPoolRoles', input, async () => {
		requireSigned(world, 'GetIdentityPoolRoles', ctx, input);
		const poolId = checkId(requireObject(input), 'IdentityPoolId') ?? '';
		const record = world.poolRecord(poolId);
		return {
			IdentityPoolId: poolId,
			Roles: { ...record.roles },
			...(record.roleMappings ? { RoleMappings: structuredClone(record.roleMappings) } : {})
		};
	});
}

/** An identity as DescribeIdentity and ListIdentities show it. */
export function identityDescription(identity: IdentityRecord): IdentityDescription {
	return {
		IdentityId: identity.IdentityId,
		...(identity.logins.size > 0 ? { Logins: [...identity.logins.keys()] } : {}),
		CreationDate: new Date(identity.CreationDate),
		LastModifiedDate: new Date(identity.LastModifiedDate)
	};
}

/** DescribeIdentity (signed). */
export async function describeIdentity(
	world: World,
	input: DescribeIdentityInput,
	ctx?: CallContext
): Promise<IdentityDescription> {
	return world.run('cognito-identity', 'DescribeIdentity', input, async () => {
		requireSigned(world, 'DescribeIdentity', ctx, input);
		const identityId = checkId(requireObject(input), 'IdentityId') ?? '';
		return identityDescription(identityOf(world, identityId));
	});
}

/** ListIdentities (signed): disabled identities are listed unless HideDisabled (SDK-CI). */
export async function listIdentities(
	world: World,
	input: ListIdentitiesInput,
	ctx?: CallContext
): Promise<ListIdentitiesResponse> {
	return world.run('cognito-identity', 'ListIdentities', input, async () => {
		requireSigned(world, 'ListIdentities', ctx, input);
		const obj = requireObject(input);
		const poolId = checkId(obj, 'IdentityPoolId') ?? '';
		const max = checkInteger(obj, 'MaxResults', 1, 60, true) ?? 60;
		const start = Number(checkString(obj, 'NextToken', { max: 65535 }) ?? 0) || 0;
		world.poolRecord(poolId);
		const all = [...world.identities.values()].filter(
			(i) => i.IdentityPoolId === poolId && !(input.HideDisabled && i.disabled)
		);
		const page = all.slice(start, start + max).map((i) => identityDescription(i));
		return {
			IdentityPoolId: poolId,
			Identities: page,
			...(start + max < all.length ? { NextToken: String(start + max) } : {})
		};
	});
}

export const deleteIdentitiesNote: AmbiguityNote = {
	topic: 'identity-lifecycle',
	note: 'AWS documents this ambiguously: DeleteIdentities lists identities it could not delete with ErrorCode AccessDenied or InternalServerError, but not when each is given, nor what happens to an ID that names no identity; the simulator gives AccessDenied when the caller may not delete in that identity pool, never InternalServerError, and skips unknown IDs. Later calls that name a deleted identity get ResourceNotFoundException, as for an ID that never existed, and credentials already issued to it stay valid until they expire.',
	factRef: 'SDK-CI; BOTO-CI'
};

/**
 * DeleteIdentities (signed): deletes 1 to 60 identities (API_DeleteIdentities). An identity the
 * caller may not delete stays, listed in UnprocessedIdentityIds with ErrorCode AccessDenied.
 */
export async function deleteIdentities(
	world: World,
	input: DeleteIdentitiesInput,
	ctx?: CallContext
): Promise<DeleteIdentitiesResponse> {
	return world.run('cognito-identity', 'DeleteIdentities', input, async () => {
		if (!ctx?.signed) throw errors.missingAuthentication('DeleteIdentities');
		const ids = checkIdList(requireObject(input), 'IdentityIdsToDelete', 60);
		const unprocessed: UnprocessedIdentityId[] = [];
		for (const id of ids) {
			const identity = world.identities.get(id);
			// An ID that names no identity has nothing left to delete (deleteIdentitiesNote).
			if (!identity) continue;
			const resource = poolArn(world, { IdentityPoolId: identity.IdentityPoolId });
			if (!callerAllowed(world, ctx, 'cognito-identity:DeleteIdentities', resource)) {
				unprocessed.push({ IdentityId: id, ErrorCode: 'AccessDenied' });
				continue;
			}
			world.identities.delete(id);
			for (const [key, owner] of world.loginIndex) if (owner === id) world.loginIndex.delete(key);
			world.emit({
				kind: 'delete-identity',
				operation: 'DeleteIdentities',
				service: 'cognito-identity',
				ok: true,
				detail: { IdentityId: id, IdentityPoolId: identity.IdentityPoolId },
				factRef: 'SDK-CI; BOTO-CI'
			});
		}
		return { UnprocessedIdentityIds: unprocessed };
	});
}
