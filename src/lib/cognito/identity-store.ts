import { errors } from './errors.ts';
import { identityOf } from './identity-pool-admin.ts';
import type { IdentityRecord, PoolRecord, World } from './world.ts';

/**
 * How logins map to identities: one identity per login, new logins linked to the identity they
 * arrive with, and identities merged when one call brings logins of two (AF-2023 8.2, 8.3).
 */

/** The identity, refusing one that a merge or unlink disabled (GH-AMP6616). */
export function usableIdentity(world: World, id: string): IdentityRecord {
	const record = identityOf(world, id);
	if (record.disabled) throw errors.identityForbidden(id);
	return record;
}

/** Creates an identity with a `REGION:GUID` ID from the seeded source. */
export function newIdentity(world: World, operation: string, pool: PoolRecord): IdentityRecord {
	const now = world.clock.now();
	const record: IdentityRecord = {
		IdentityId: `${world.region}:${world.random.uuid()}`,
		IdentityPoolId: pool.pool.IdentityPoolId,
		logins: new Map(),
		CreationDate: now,
		LastModifiedDate: now,
		disabled: false
	};
	world.identities.set(record.IdentityId, record);
	world.emit({
		kind: 'create-identity',
		operation,
		service: 'cognito-identity',
		ok: true,
		detail: { IdentityId: record.IdentityId, IdentityPoolId: record.IdentityPoolId },
		factRef: 'AF-2023; SDK-CI'
	});
	return record;
}

/** Links a login to an identity; a second user of the same provider is a conflict. */
export function linkLogin(
	world: World,
	operation: string,
	identity: IdentityRecord,
	login: { providerName: string; subject: string }
): void {
	const existing = identity.logins.get(login.providerName);
	if (existing === login.subject) return;
	if (existing !== undefined) {
		throw errors.resourceConflict(
			`Identity ${identity.IdentityId} is already linked to another ${login.providerName} login.`,
			'An identity can hold only one login per provider; this one already has a different user from that provider.'
		);
	}
	identity.logins.set(login.providerName, login.subject);
	identity.LastModifiedDate = world.clock.now();
	world.loginIndex.set(
		world.loginKey(identity.IdentityPoolId, login.providerName, login.subject),
		identity.IdentityId
	);
	world.emit({
		kind: 'link-login',
		operation,
		service: 'cognito-identity',
		ok: true,
		detail: {
			IdentityId: identity.IdentityId,
			ProviderName: login.providerName,
			Subject: login.subject
		},
		factRef: 'AF-2023; SDK-CI'
	});
}

/** Finds or creates the identity for these logins, linking and merging as AWS does (AF-2023 8.2, 8.3). */
export function resolveIdentity(
	world: World,
	operation: string,
	pool: PoolRecord,
	logins: { providerName: string; subject: string }[],
	requested?: IdentityRecord
): IdentityRecord {
	const poolId = pool.pool.IdentityPoolId;
	const linkedIds = [
		...new Set(
			logins
				.map((l) => world.loginIndex.get(world.loginKey(poolId, l.providerName, l.subject)))
				.filter((id): id is string => id !== undefined)
		)
	];
	let parent: IdentityRecord;
	if (linkedIds.length > 0) parent = usableIdentity(world, linkedIds[0] ?? '');
	else parent = requested ?? newIdentity(world, operation, pool);
	const children = linkedIds
		.slice(1)
		.map((id) => identityOf(world, id))
		.concat(requested && requested !== parent ? [requested] : []);
	for (const child of children) {
		if (child === parent || child.disabled) continue;
		for (const [providerName, subject] of child.logins) {
			const existing = parent.logins.get(providerName);
			if (existing !== undefined && existing !== subject) {
				throw errors.resourceConflict(
					`Identity ${parent.IdentityId} is already linked to another ${providerName} login.`,
					'These identities cannot be merged: both hold a different user from the same provider.'
				);
			}
		}
		for (const [providerName, subject] of child.logins)
			linkLogin(world, operation, parent, { providerName, subject });
		child.disabled = true;
		child.mergedInto = parent.IdentityId;
		child.LastModifiedDate = world.clock.now();
		world.emit({
			kind: 'merge-identities',
			operation,
			service: 'cognito-identity',
			ok: true,
			detail: { ParentIdentityId: parent.IdentityId, DisabledIdentityId: child.IdentityId },
			factRef: 'AF-2023; SWITCH'
		});
	}
	for (const login of logins) linkLogin(world, operation, parent, login);
	return parent;
}
