import type {
	CognitoIdentityProvider,
	IdentityPool,
	MappingRule,
	PolicyDocument,
	PolicyStatement,
	RoleMapping
} from '../cognito/index.ts';
import { Checker, childPath, isObject, patterns, type JsonObject } from './checker.ts';

/**
 * The shapes AWS prints for an identity pool, its roles and role mappings, and IAM roles and
 * policies, checked field by field against the API's rules (SDK-CI; BOTO-CI; API-RCT). A check
 * returns the value in AWS's own shape, or undefined after recording every problem found.
 */

/** Logins keys of the public providers an identity pool supports (SDK-CI; EXT apple). */
export const publicProviders = [
	'graph.facebook.com',
	'accounts.google.com',
	'www.amazon.com',
	'appleid.apple.com',
	'api.twitter.com',
	'www.digits.com'
] as const;

export const matchTypes = ['Equals', 'Contains', 'StartsWith', 'NotEqual'] as const;
export const mappingTypes = ['Token', 'Rules'] as const;
export const resolutions = ['AuthenticatedRole', 'Deny'] as const;

/** One part of a configuration, whichever input it came from. */
export type ConfigPart =
	| { kind: 'pool'; pool: IdentityPool; idFromInput: boolean }
	| {
			kind: 'roles';
			identityPoolId?: string;
			roles: Record<string, string>;
			roleMappings?: Record<string, RoleMapping>;
	  }
	| {
			kind: 'role';
			roleName: string;
			arn: string;
			trust: PolicyDocument;
			maxSessionDuration?: number;
	  }
	| { kind: 'role-policy'; roleName: string; policyName: string; document: PolicyDocument }
	| { kind: 'managed-policy'; policyName: string; document: PolicyDocument; roleNames: string[] }
	| { kind: 'oidc-provider'; arn: string; clientIds: string[] };

function stringMap(c: Checker, value: unknown, path: string): Record<string, string> | undefined {
	const obj = c.object(value, path);
	if (!obj) return undefined;
	const out: Record<string, string> = {};
	let ok = true;
	for (const [k, v] of Object.entries(obj)) {
		const s = c.string(v, childPath(path, k));
		if (s === undefined) ok = false;
		else out[k] = s;
	}
	return ok ? out : undefined;
}

function stringList(
	c: Checker,
	value: unknown,
	path: string,
	rule: { pattern: RegExp; what: string }
): string[] | undefined {
	const list = c.list(value, path);
	if (!list) return undefined;
	const out = list.map((v, i) => c.string(v, childPath(path, i), rule));
	return out.every((v) => v !== undefined) ? (out as string[]) : undefined;
}

/** An identity pool as describe-identity-pool prints it, or as CloudFormation's properties give it. */
export function checkPool(
	c: Checker,
	obj: JsonObject,
	path: string,
	options: { idRequired: boolean }
): IdentityPool | undefined {
	const before = c.problems.length;
	const pool: Partial<IdentityPool> = {};
	const id = options.idRequired
		? c.required(obj, 'IdentityPoolId', path)
		: (obj['IdentityPoolId'] ?? undefined);
	if (id !== undefined)
		pool.IdentityPoolId = c.string(id, childPath(path, 'IdentityPoolId'), {
			pattern: patterns.identityPoolId,
			what: 'REGION:GUID, e.g. us-east-1:0b7a3c5e-1d2f-4a6b-8c9d-0e1f2a3b4c5d',
			max: 55
		});
	const name = obj['IdentityPoolName'];
	if (name !== undefined)
		pool.IdentityPoolName = c.string(name, childPath(path, 'IdentityPoolName'), {
			pattern: patterns.poolName,
			what: 'letters, digits, spaces and + = , . @ -',
			min: 1,
			max: 128
		});
	else if (options.idRequired) c.required(obj, 'IdentityPoolName', path);
	const guests = c.required(obj, 'AllowUnauthenticatedIdentities', path);
	if (guests !== undefined)
		pool.AllowUnauthenticatedIdentities = c.boolean(
			guests,
			childPath(path, 'AllowUnauthenticatedIdentities')
		);
	if (obj['AllowClassicFlow'] !== undefined)
		pool.AllowClassicFlow = c.boolean(obj['AllowClassicFlow'], childPath(path, 'AllowClassicFlow'));
	if (obj['SupportedLoginProviders'] !== undefined) {
		const p = childPath(path, 'SupportedLoginProviders');
		const map = stringMap(c, obj['SupportedLoginProviders'], p);
		if (map) {
			const keys = Object.keys(map);
			if (keys.length > 10) c.fail(p, `has ${keys.length} providers; at most 10 are allowed`);
			for (const key of keys) {
				if (!(publicProviders as readonly string[]).includes(key))
					c.fail(
						childPath(p, key),
						`is not a public provider; must be one of ${publicProviders.join(', ')}`
					);
				if (map[key] === '')
					c.fail(childPath(p, key), 'must be the app ID at that provider, not empty');
			}
			pool.SupportedLoginProviders = map;
		}
	}
	if (obj['DeveloperProviderName'] !== undefined)
		pool.DeveloperProviderName = c.string(
			obj['DeveloperProviderName'],
			childPath(path, 'DeveloperProviderName'),
			{ pattern: patterns.developerProvider, what: 'letters, digits, . _ and -', min: 1, max: 128 }
		);
	if (obj['OpenIdConnectProviderARNs'] !== undefined)
		pool.OpenIdConnectProviderARNs = stringList(
			c,
			obj['OpenIdConnectProviderARNs'],
			childPath(path, 'OpenIdConnectProviderARNs'),
			{
				pattern: patterns.oidcArn,
				what: 'an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer>)'
			}
		);
	if (obj['SamlProviderARNs'] !== undefined)
		pool.SamlProviderARNs = stringList(
			c,
			obj['SamlProviderARNs'],
			childPath(path, 'SamlProviderARNs'),
			{
				pattern: patterns.samlArn,
				what: 'an IAM SAML provider ARN (arn:aws:iam::<account>:saml-provider/<name>)'
			}
		);
	if (obj['CognitoIdentityProviders'] !== undefined) {
		const p = childPath(path, 'CognitoIdentityProviders');
		const list = c.list(obj['CognitoIdentityProviders'], p);
		if (list) {
			pool.CognitoIdentityProviders = list.map((item, i) => {
				const ip = childPath(p, i);
				const o = c.object(item, ip);
				if (!o) return {};
				const out: CognitoIdentityProvider = {};
				const pn = c.required(o, 'ProviderName', ip);
				if (pn !== undefined)
					out.ProviderName = c.string(pn, childPath(ip, 'ProviderName'), {
						pattern: patterns.userPoolProvider,
						what: 'cognito-idp.<region>.amazonaws.com/<user pool ID>'
					});
				const ci = c.required(o, 'ClientId', ip);
				if (ci !== undefined)
					out.ClientId = c.string(ci, childPath(ip, 'ClientId'), {
						pattern: /^[\w]+$/,
						what: 'an app client ID (letters and digits)',
						min: 1,
						max: 128
					});
				if (o['ServerSideTokenCheck'] !== undefined)
					out.ServerSideTokenCheck = c.boolean(
						o['ServerSideTokenCheck'],
						childPath(ip, 'ServerSideTokenCheck')
					);
				return out;
			});
		}
	}
	if (obj['IdentityPoolTags'] !== undefined)
		pool.IdentityPoolTags = stringMap(
			c,
			obj['IdentityPoolTags'],
			childPath(path, 'IdentityPoolTags')
		);
	return c.problems.length === before ? (pool as IdentityPool) : undefined;
}

function checkRule(c: Checker, value: unknown, path: string): MappingRule | undefined {
	const o = c.object(value, path);
	if (!o) return undefined;
	const claim = c.required(o, 'Claim', path);
	const match = c.required(o, 'MatchType', path);
	const val = c.required(o, 'Value', path);
	const arn = c.required(o, 'RoleARN', path);
	const rule = {
		Claim:
			claim === undefined
				? undefined
				: c.string(claim, childPath(path, 'Claim'), { min: 1, max: 64 }),
		MatchType:
			match === undefined ? undefined : c.oneOf(match, childPath(path, 'MatchType'), matchTypes),
		Value:
			val === undefined ? undefined : c.string(val, childPath(path, 'Value'), { min: 1, max: 128 }),
		RoleARN:
			arn === undefined
				? undefined
				: c.string(arn, childPath(path, 'RoleARN'), {
						pattern: patterns.roleArn,
						what: 'an IAM role ARN'
					})
	};
	return Object.values(rule).every((v) => v !== undefined) ? (rule as MappingRule) : undefined;
}

/** One RoleMappings entry (SDK-CI RoleMapping; API-RCT: 1 to 25 rules). */
export function checkRoleMapping(
	c: Checker,
	value: unknown,
	path: string
): RoleMapping | undefined {
	const before = c.problems.length;
	const o = c.object(value, path);
	if (!o) return undefined;
	const typeValue = c.required(o, 'Type', path);
	const type =
		typeValue === undefined ? undefined : c.oneOf(typeValue, childPath(path, 'Type'), mappingTypes);
	const mapping: Partial<RoleMapping> = { Type: type };
	const resolution = o['AmbiguousRoleResolution'];
	if (resolution === undefined)
		c.fail(childPath(path, 'AmbiguousRoleResolution'), 'is required when Type is Token or Rules');
	else
		mapping.AmbiguousRoleResolution = c.oneOf(
			resolution,
			childPath(path, 'AmbiguousRoleResolution'),
			resolutions
		);
	if (type === 'Rules') {
		const rc = c.required(o, 'RulesConfiguration', path);
		const rcPath = childPath(path, 'RulesConfiguration');
		const rco = rc === undefined ? undefined : c.object(rc, rcPath);
		const rulesValue = rco ? c.required(rco, 'Rules', rcPath) : undefined;
		const rulesPath = childPath(rcPath, 'Rules');
		const list = rulesValue === undefined ? undefined : c.list(rulesValue, rulesPath, 1, 25);
		if (list) {
			const rules = list.map((r, i) => checkRule(c, r, childPath(rulesPath, i)));
			if (rules.every((r) => r !== undefined))
				mapping.RulesConfiguration = { Rules: rules as MappingRule[] };
		}
	}
	return c.problems.length === before ? (mapping as RoleMapping) : undefined;
}

/** Roles and RoleMappings as get-identity-pool-roles prints them. */
export function checkRoles(
	c: Checker,
	obj: JsonObject,
	path: string,
	rolesKey = 'Roles'
): { roles: Record<string, string>; roleMappings?: Record<string, RoleMapping> } | undefined {
	const before = c.problems.length;
	const roles: Record<string, string> = {};
	const rp = childPath(path, rolesKey);
	const ro = obj[rolesKey] === undefined ? {} : c.object(obj[rolesKey], rp);
	for (const [k, v] of Object.entries(ro ?? {})) {
		if (k !== 'authenticated' && k !== 'unauthenticated') {
			c.fail(childPath(rp, k), 'is not a role kind; must be one of authenticated, unauthenticated');
			continue;
		}
		const arn = c.string(v, childPath(rp, k), {
			pattern: patterns.roleArn,
			what: 'an IAM role ARN'
		});
		if (arn) roles[k] = arn;
	}
	let roleMappings: Record<string, RoleMapping> | undefined;
	if (obj['RoleMappings'] !== undefined) {
		const mp = childPath(path, 'RoleMappings');
		const mo = c.object(obj['RoleMappings'], mp);
		if (mo) {
			const keys = Object.keys(mo);
			if (keys.length > 10) c.fail(mp, `has ${keys.length} providers; at most 10 are allowed`);
			roleMappings = {};
			for (const key of keys) {
				const m = checkRoleMapping(c, mo[key], childPath(mp, key));
				if (m) roleMappings[key] = m;
			}
		}
	}
	if (c.problems.length > before) return undefined;
	return { roles, ...(roleMappings ? { roleMappings } : {}) };
}

/** A trust or permission policy: Version, Statement with Effect, Action and (for permissions) Resource. */
export function checkPolicy(
	c: Checker,
	value: unknown,
	path: string,
	kind: 'trust' | 'permissions'
): PolicyDocument | undefined {
	let doc = value;
	if (typeof doc === 'string') {
		// The IAM API (and boto3) returns documents URL-encoded; the AWS CLI decodes them.
		try {
			doc = JSON.parse(doc.trim().startsWith('{') ? doc : decodeURIComponent(doc));
		} catch {
			return c.fail(path, 'is a string that is not a JSON policy document');
		}
	}
	const before = c.problems.length;
	const o = c.object(doc, path);
	if (!o) return undefined;
	const st = c.required(o, 'Statement', path);
	if (st === undefined) return undefined;
	const sp = childPath(path, 'Statement');
	const list = Array.isArray(st) ? st : [st];
	list.forEach((s, i) => {
		const p = Array.isArray(st) ? childPath(sp, i) : sp;
		const so = c.object(s, p);
		if (!so) return;
		const effect = c.required(so, 'Effect', p);
		if (effect !== undefined) c.oneOf(effect, childPath(p, 'Effect'), ['Allow', 'Deny'] as const);
		if (so['Action'] === undefined && so['NotAction'] === undefined)
			c.fail(childPath(p, 'Action'), 'is required (or NotAction)');
		for (const key of ['Action', 'NotAction', 'Resource', 'NotResource']) {
			const v = so[key];
			if (v === undefined) continue;
			const ok =
				typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
			if (!ok) c.fail(childPath(p, key), 'must be a string or a list of strings');
		}
		if (kind === 'permissions' && so['Resource'] === undefined && so['NotResource'] === undefined)
			c.fail(childPath(p, 'Resource'), 'is required in a permission policy (or NotResource)');
		if (kind === 'trust' && so['Principal'] === undefined)
			c.fail(childPath(p, 'Principal'), 'is required in a trust policy');
		if (so['Condition'] !== undefined) {
			const cp = childPath(p, 'Condition');
			const co = c.object(so['Condition'], cp);
			for (const [op, block] of Object.entries(co ?? {})) c.object(block, childPath(cp, op));
		}
	});
	if (c.problems.length > before) return undefined;
	return {
		...(typeof o['Version'] === 'string' ? { Version: o['Version'] } : {}),
		Statement: st as PolicyStatement[]
	};
}

/** The role name at the end of a role ARN (after any path). */
export function roleNameOf(arn: string): string {
	return arn.slice(arn.lastIndexOf('/') + 1);
}

/** Recognises one JSON value the AWS CLI printed and checks it; undefined when it is no known shape. */
export function readCliOutput(
	c: Checker,
	doc: unknown,
	attachTo: string | undefined
): { command: string; parts: ConfigPart[] } | undefined {
	if (!isObject(doc)) return undefined;
	if (
		'AllowUnauthenticatedIdentities' in doc ||
		('IdentityPoolName' in doc && 'IdentityPoolId' in doc)
	) {
		const pool = checkPool(c, doc, '', { idRequired: true });
		return {
			command: 'aws cognito-identity describe-identity-pool',
			parts: pool ? [{ kind: 'pool', pool, idFromInput: true }] : []
		};
	}
	if ('Roles' in doc || 'RoleMappings' in doc) {
		const id = doc['IdentityPoolId'];
		const identityPoolId =
			id === undefined
				? undefined
				: c.string(id, 'IdentityPoolId', { pattern: patterns.identityPoolId, what: 'REGION:GUID' });
		const roles = checkRoles(c, doc, '');
		return {
			command: 'aws cognito-identity get-identity-pool-roles',
			parts: roles
				? [{ kind: 'roles', ...(identityPoolId ? { identityPoolId } : {}), ...roles }]
				: []
		};
	}
	if ('Role' in doc && isObject(doc['Role'])) {
		const r = doc['Role'];
		const arn = c.requiredString(r, 'Arn', 'Role', {
			pattern: patterns.roleArn,
			what: 'an IAM role ARN'
		});
		const trustValue = c.required(r, 'AssumeRolePolicyDocument', 'Role');
		const trust =
			trustValue === undefined
				? undefined
				: checkPolicy(c, trustValue, 'Role.AssumeRolePolicyDocument', 'trust');
		const max =
			r['MaxSessionDuration'] === undefined
				? undefined
				: c.integer(r['MaxSessionDuration'], 'Role.MaxSessionDuration', 3600, 43200);
		const parts: ConfigPart[] =
			arn && trust
				? [
						{
							kind: 'role',
							roleName: roleNameOf(arn),
							arn,
							trust,
							...(max ? { maxSessionDuration: max } : {})
						}
					]
				: [];
		return { command: 'aws iam get-role', parts };
	}
	if ('PolicyDocument' in doc && ('RoleName' in doc || 'PolicyName' in doc)) {
		const roleName = c.requiredString(doc, 'RoleName', '', {
			pattern: patterns.roleName,
			what: 'an IAM role name'
		});
		const policyName = c.requiredString(doc, 'PolicyName', '', { min: 1, max: 128 });
		const document = checkPolicy(c, doc['PolicyDocument'], 'PolicyDocument', 'permissions');
		return {
			command: 'aws iam get-role-policy',
			parts:
				roleName && policyName && document
					? [{ kind: 'role-policy', roleName, policyName, document }]
					: []
		};
	}
	if ('PolicyVersion' in doc && isObject(doc['PolicyVersion'])) {
		const v = doc['PolicyVersion'];
		const raw = c.required(v, 'Document', 'PolicyVersion');
		const document =
			raw === undefined ? undefined : checkPolicy(c, raw, 'PolicyVersion.Document', 'permissions');
		const version = typeof v['VersionId'] === 'string' ? v['VersionId'] : 'v1';
		return {
			command: 'aws iam get-policy-version',
			parts: document
				? [
						{
							kind: 'managed-policy',
							policyName: `managed policy (${version})`,
							document,
							roleNames: attachTo ? [attachTo] : []
						}
					]
				: []
		};
	}
	return undefined;
}
