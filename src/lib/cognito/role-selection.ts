import { errors, type AmbiguityNote, type AwsError } from './errors.ts';
import type { MappingRule, RoleMapping } from './types.ts';

/**
 * Which role the enhanced flow assumes: the pool's default roles, roles from the token
 * (`cognito:roles`, `cognito:preferred_role`, SAML Role attribute), or claim-matching rules, with
 * CustomRoleArn and AmbiguousRoleResolution (RBAC; UPG; SDK-CI; API-RCT).
 */

export const tokenWithoutRolesNote: AmbiguityNote = {
	topic: 'role-mapping',
	note: 'AWS documents this ambiguously: AmbiguousRoleResolution is documented for rules that do not match and for several cognito:roles without cognito:preferred_role; what happens when the token carries no roles at all is not documented, and the simulator applies AmbiguousRoleResolution too.',
	factRef: 'SDK-CI; RBAC'
};

export const samlSeveralRolesNote: AmbiguityNote = {
	topic: 'role-mapping',
	note: "AWS documents this ambiguously: with several roles in the SAML assertion you choose one with CustomRoleArn, but what happens without it is not documented; the simulator falls back to the pool's default authenticated role.",
	factRef: 'EXT saml; API-GCFI'
};

/** Adds an ambiguity note to a selection (and to its error, when it refuses). */
function withNote(selection: RoleSelection, note: AmbiguityNote): RoleSelection {
	if (!selection.ok && !selection.error.ambiguous.includes(note))
		selection.error.ambiguous.push(note);
	return { ...selection, ambiguous: [...(selection.ambiguous ?? []), note] };
}

export interface LoginForRoles {
	/** The Logins key, e.g. `cognito-idp.us-east-1.amazonaws.com/us-east-1_abc`. */
	providerName: string;
	/** The RoleMappings key: user pools add `:<app client id>` (SDK-CI; API-SIPR). */
	mappingKey: string;
	claims: Record<string, unknown>;
	/** Roles the token carries (`cognito:roles` or the SAML Role attribute). */
	tokenRoles?: string[];
	preferredRole?: string;
	/** Developer-authenticated logins always get the default authenticated role (API-GCFI). */
	developer?: boolean;
	saml?: boolean;
}

export interface RoleSelectionInput {
	authenticated: boolean;
	/** The pool's `Roles` map (`authenticated`, `unauthenticated`). */
	roles: Record<string, string>;
	roleMappings?: Record<string, RoleMapping>;
	logins: LoginForRoles[];
	customRoleArn?: string;
}

export type RoleSource =
	| 'unauthenticated-role'
	| 'authenticated-role'
	| 'custom-role-arn'
	| 'preferred-role'
	| 'single-token-role'
	| 'rule'
	| 'ambiguous-authenticated-role';

export type RoleSelection =
	| {
			ok: true;
			roleArn: string;
			source: RoleSource;
			mappingKey?: string;
			/** The rule that matched, with its 0-based position. */
			rule?: { index: number; rule: MappingRule };
			explanation: string;
			/** Points where AWS is ambiguous and the simulator picked a side. */
			ambiguous?: AmbiguityNote[];
	  }
	| {
			ok: false;
			error: AwsError;
			source: 'deny' | 'no-role';
			mappingKey?: string;
			explanation: string;
			ambiguous?: AmbiguityNote[];
	  };

function claimValues(claims: Record<string, unknown>, claim: string): string[] | undefined {
	const value = claims[claim];
	if (value === undefined || value === null) return undefined;
	if (Array.isArray(value)) return value.map(String);
	return [String(value)];
}

/** Whether one rule matches the claims; a NotEqual rule with the claim absent is skipped (RBAC). */
export function ruleMatches(rule: MappingRule, claims: Record<string, unknown>): boolean {
	const values = claimValues(claims, rule.Claim);
	if (values === undefined) return false;
	switch (rule.MatchType) {
		case 'Equals':
			return values.some((v) => v === rule.Value);
		case 'Contains':
			return values.some((v) => v.includes(rule.Value));
		case 'StartsWith':
			return values.some((v) => v.startsWith(rule.Value));
		case 'NotEqual':
			return values.every((v) => v !== rule.Value);
		default:
			return false;
	}
}

function fallback(
	input: RoleSelectionInput,
	mapping: RoleMapping,
	mappingKey: string,
	why: string
): RoleSelection {
	if (mapping.AmbiguousRoleResolution === 'AuthenticatedRole') {
		const arn = input.roles['authenticated'];
		if (!arn) {
			return {
				ok: false,
				source: 'no-role',
				mappingKey,
				error: errors.invalidConfiguration(
					'AmbiguousRoleResolution fell back to the authenticated role, but the pool has none.'
				),
				explanation: `${why}; AmbiguousRoleResolution is AuthenticatedRole but no authenticated role is set.`
			};
		}
		return {
			ok: true,
			roleArn: arn,
			source: 'ambiguous-authenticated-role',
			mappingKey,
			explanation: `${why}, so AmbiguousRoleResolution = AuthenticatedRole gives the pool's default authenticated role.`
		};
	}
	const provider = mappingKey;
	return {
		ok: false,
		source: 'deny',
		mappingKey,
		error: errors.ambiguousDeny(provider),
		explanation: `${why}, and AmbiguousRoleResolution = Deny refuses the request.`
	};
}

function defaultRole(input: RoleSelectionInput, why: string): RoleSelection {
	const key = input.authenticated ? 'authenticated' : 'unauthenticated';
	const arn = input.roles[key];
	if (!arn) {
		return {
			ok: false,
			source: 'no-role',
			error: errors.invalidConfiguration(
				`The pool has no ${key} role, so Cognito has no role to assume for this identity.`,
				'SDK-CI; AF-2023; BLOG4'
			),
			explanation: `${why}, but the pool has no ${key} role.`
		};
	}
	return {
		ok: true,
		roleArn: arn,
		source: input.authenticated ? 'authenticated-role' : 'unauthenticated-role',
		explanation: `${why}: the pool's default ${key} role.`
	};
}

function fromTokenRoles(
	input: RoleSelectionInput,
	login: LoginForRoles,
	mapping: RoleMapping | undefined,
	mappingKey: string
): RoleSelection {
	const roles = login.tokenRoles ?? [];
	if (input.customRoleArn) {
		if (roles.includes(input.customRoleArn)) {
			return {
				ok: true,
				roleArn: input.customRoleArn,
				source: 'custom-role-arn',
				mappingKey,
				explanation: 'CustomRoleArn is one of the roles in the token, so Cognito uses it.'
			};
		}
		return {
			ok: false,
			source: 'deny',
			mappingKey,
			error: errors.customRoleNotInToken(input.customRoleArn),
			explanation: 'CustomRoleArn is not among the roles in the token, so the request is denied.'
		};
	}
	const preferred = login.preferredRole ?? (roles.length === 1 ? roles[0] : undefined);
	if (preferred) {
		return {
			ok: true,
			roleArn: preferred,
			source: login.preferredRole ? 'preferred-role' : 'single-token-role',
			mappingKey,
			explanation: login.preferredRole
				? 'The token names a preferred role (the group with the lowest precedence), so Cognito uses it.'
				: 'The token carries exactly one role, so Cognito uses it.'
		};
	}
	const why =
		roles.length === 0
			? 'The token carries no roles'
			: 'The token carries several roles and no preferred role, and no CustomRoleArn was sent';
	if (!mapping) return withNote(defaultRole(input, why), samlSeveralRolesNote);
	const resolved = fallback(input, mapping, mappingKey, why);
	return roles.length === 0 ? withNote(resolved, tokenWithoutRolesNote) : resolved;
}

/** Picks the role for a GetCredentialsForIdentity call, or the AWS error that refuses it. */
export function selectRole(input: RoleSelectionInput): RoleSelection {
	if (!input.authenticated) return defaultRole(input, 'Guest identity');
	if (input.logins.some((l) => l.developer)) {
		return defaultRole(input, 'Developer-authenticated identity');
	}
	for (const login of input.logins) {
		const mapping = input.roleMappings?.[login.mappingKey];
		if (!mapping) continue;
		if (mapping.Type === 'Token') return fromTokenRoles(input, login, mapping, login.mappingKey);
		const rules = mapping.RulesConfiguration?.Rules ?? [];
		const matching = rules
			.map((rule, index) => ({ rule, index }))
			.filter(({ rule }) => ruleMatches(rule, login.claims));
		const custom = input.customRoleArn
			? matching.find(({ rule }) => rule.RoleARN === input.customRoleArn)
			: undefined;
		const chosen = custom ?? matching[0];
		if (chosen) {
			return {
				ok: true,
				roleArn: chosen.rule.RoleARN,
				source: 'rule',
				mappingKey: login.mappingKey,
				rule: chosen,
				explanation: custom
					? `CustomRoleArn picks matching rule ${chosen.index + 1} (${chosen.rule.Claim} ${chosen.rule.MatchType} "${chosen.rule.Value}").`
					: `Rule ${chosen.index + 1} is the first that matches (${chosen.rule.Claim} ${chosen.rule.MatchType} "${chosen.rule.Value}"); rules run in order and the first match wins.`
			};
		}
		return fallback(input, mapping, login.mappingKey, 'No rule matched the claims');
	}
	const saml = input.logins.find((l) => l.saml && (l.tokenRoles?.length ?? 0) > 0);
	if (saml) return fromTokenRoles(input, saml, undefined, saml.mappingKey);
	return defaultRole(input, 'No role mapping for this provider');
}
