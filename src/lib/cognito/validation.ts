import { errors } from './errors.ts';
import type { LoginsMap, RoleMapping } from './types.ts';

/**
 * Input checks with the constraints of the Cognito Identity model (BOTO-CI; SDK-CI): required
 * fields, lengths and patterns, failing with InvalidParameterException.
 */

export const identityIdPattern = /^[\w-]+:[0-9a-f-]+$/;
const poolNamePattern = /^[\w\s+=,.@-]+$/;
const developerProviderPattern = /^[\w._-]+$/;
const arnPattern = /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/;

function camel(field: string): string {
	return field.charAt(0).toLowerCase() + field.slice(1);
}

/** Checks that the input is a plain object. */
export function requireObject(input: unknown): Record<string, unknown> {
	if (!input || typeof input !== 'object' || Array.isArray(input)) {
		throw errors.invalidParameter('The request body must be a JSON object.');
	}
	return input as Record<string, unknown>;
}

/** A required or optional string with length bounds and an optional pattern. */
export function checkString(
	input: Record<string, unknown>,
	field: string,
	options: {
		required?: boolean;
		min?: number;
		max?: number;
		pattern?: RegExp;
		patternText?: string;
	}
): string | undefined {
	const value = input[field];
	if (value === undefined || value === null) {
		if (options.required) throw errors.required(camel(field));
		return undefined;
	}
	if (typeof value !== 'string') {
		throw errors.validation(camel(field), value, 'Member must be a string');
	}
	const min = options.min ?? 1;
	if (value.length < min || (options.max !== undefined && value.length > options.max)) {
		throw errors.validation(
			camel(field),
			value,
			`Member must have length between ${min} and ${options.max ?? 'unbounded'}`
		);
	}
	if (options.pattern && !options.pattern.test(value)) {
		throw errors.validation(
			camel(field),
			value,
			`Member must satisfy regular expression pattern: ${options.patternText ?? options.pattern.source}`
		);
	}
	return value;
}

/** An identity pool or identity ID: `REGION:GUID`, 1 to 55 characters (SDK-CI; BOTO-CI). */
export function checkId(
	input: Record<string, unknown>,
	field: string,
	required = true
): string | undefined {
	return checkString(input, field, {
		required,
		max: 55,
		pattern: identityIdPattern,
		patternText: '[\\w-]+:[0-9a-f-]+'
	});
}

/** A required list of 1 to `maxItems` identity IDs (DeleteIdentities: 1 to 60; SDK-CI; BOTO-CI). */
export function checkIdList(
	input: Record<string, unknown>,
	field: string,
	maxItems: number
): string[] {
	const value = input[field];
	if (value === undefined || value === null) throw errors.required(camel(field));
	if (!Array.isArray(value) || value.length < 1 || value.length > maxItems) {
		throw errors.validation(
			camel(field),
			value,
			`Member must have length between 1 and ${maxItems}`
		);
	}
	for (const id of value) {
		if (typeof id !== 'string' || id.length < 1 || id.length > 55 || !identityIdPattern.test(id)) {
			throw errors.validation(
				camel(field),
				value,
				'Member must satisfy constraint: [Member must have length between 1 and 55, Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+]'
			);
		}
	}
	return value as string[];
}

/** A boolean field. */
export function checkBoolean(
	input: Record<string, unknown>,
	field: string,
	required = false
): boolean | undefined {
	const value = input[field];
	if (value === undefined || value === null) {
		if (required) throw errors.required(camel(field));
		return undefined;
	}
	if (typeof value !== 'boolean')
		throw errors.validation(camel(field), value, 'Member must be a boolean');
	return value;
}

/** An integer in a range. */
export function checkInteger(
	input: Record<string, unknown>,
	field: string,
	min: number,
	max: number,
	required = false
): number | undefined {
	const value = input[field];
	if (value === undefined || value === null) {
		if (required) throw errors.required(camel(field));
		return undefined;
	}
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw errors.validation(
			camel(field),
			value,
			`Member must have value between ${min} and ${max}`
		);
	}
	return value;
}

/** A string-to-string map with entry count and key/value length limits. */
export function checkStringMap(
	input: Record<string, unknown>,
	field: string,
	limits: { maxEntries: number; keyMax: number; valueMax: number; required?: boolean }
): Record<string, string> | undefined {
	const value = input[field];
	if (value === undefined || value === null) {
		if (limits.required) throw errors.required(camel(field));
		return undefined;
	}
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw errors.validation(camel(field), value, 'Member must be a map');
	}
	const entries = Object.entries(value as Record<string, unknown>);
	if (entries.length > limits.maxEntries) {
		throw errors.validation(
			camel(field),
			value,
			`Member must have length less than or equal to ${limits.maxEntries}`
		);
	}
	for (const [k, v] of entries) {
		if (k.length < 1 || k.length > limits.keyMax) {
			throw errors.validation(
				`${camel(field)}.key`,
				k,
				`Member must have length between 1 and ${limits.keyMax}`
			);
		}
		if (typeof v !== 'string' || v.length < 1 || v.length > limits.valueMax) {
			throw errors.validation(
				`${camel(field)}.${k}`,
				typeof v === 'string' ? v.slice(0, 40) : v,
				`Member must have length between 1 and ${limits.valueMax}`
			);
		}
	}
	return value as Record<string, string>;
}

/** The Logins map: at most 10 entries, key 1-128, token 1-50,000 characters (BOTO-CI). */
export function checkLogins(
	input: Record<string, unknown>,
	required = false
): LoginsMap | undefined {
	return checkStringMap(input, 'Logins', {
		maxEntries: 10,
		keyMax: 128,
		valueMax: 50000,
		required
	});
}

/** A string list with an item limit. */
export function checkStringList(
	input: Record<string, unknown>,
	field: string,
	maxItems: number,
	itemMax = 2048
): string[] | undefined {
	const value = input[field];
	if (value === undefined || value === null) return undefined;
	if (
		!Array.isArray(value) ||
		value.length > maxItems ||
		value.some((v) => typeof v !== 'string' || v.length < 1 || v.length > itemMax)
	) {
		throw errors.validation(
			camel(field),
			value,
			`Member must be a list of at most ${maxItems} strings`
		);
	}
	return value as string[];
}

/** Pool fields shared by CreateIdentityPool and UpdateIdentityPool (SDK-CI; BOTO-CI). */
export function checkPoolFields(input: Record<string, unknown>): void {
	checkString(input, 'IdentityPoolName', {
		required: true,
		max: 128,
		pattern: poolNamePattern,
		patternText: '[\\w\\s+=,.@-]+'
	});
	checkBoolean(input, 'AllowUnauthenticatedIdentities', true);
	checkBoolean(input, 'AllowClassicFlow');
	checkStringMap(input, 'SupportedLoginProviders', { maxEntries: 10, keyMax: 128, valueMax: 128 });
	checkString(input, 'DeveloperProviderName', {
		max: 128,
		pattern: developerProviderPattern,
		patternText: '[\\w._-]+'
	});
	checkStringList(input, 'OpenIdConnectProviderARNs', 50);
	checkStringList(input, 'SamlProviderARNs', 50);
	checkStringMap(input, 'IdentityPoolTags', { maxEntries: 50, keyMax: 128, valueMax: 256 });
	const providers = input['CognitoIdentityProviders'];
	if (providers !== undefined && providers !== null) {
		if (!Array.isArray(providers))
			throw errors.validation('cognitoIdentityProviders', providers, 'Member must be a list');
		for (const p of providers as unknown[]) {
			const obj = requireObject(p);
			checkString(obj, 'ProviderName', {
				max: 128,
				pattern: /^[\w._:/-]+$/,
				patternText: '[\\w._:/-]+'
			});
			checkString(obj, 'ClientId', { max: 128, pattern: /^[\w_]+$/, patternText: '[\\w_]+' });
			checkBoolean(obj, 'ServerSideTokenCheck');
		}
	}
}

/** A role ARN (20 to 2,048 characters). */
export function checkRoleArn(
	input: Record<string, unknown>,
	field: string,
	required = false
): string | undefined {
	return checkString(input, field, {
		required,
		min: 20,
		max: 2048,
		pattern: arnPattern,
		patternText: 'arn:aws:iam::\\d{12}:role/.+'
	});
}

/** SetIdentityPoolRoles: at most 2 roles, at most 10 mappings, 1 to 25 rules each (SDK-CI; API-RCT). */
export function checkRolesInput(input: Record<string, unknown>): void {
	const roles =
		checkStringMap(input, 'Roles', {
			maxEntries: 2,
			keyMax: 128,
			valueMax: 2048,
			required: true
		}) ?? {};
	for (const [k, v] of Object.entries(roles)) {
		if (k !== 'authenticated' && k !== 'unauthenticated') {
			throw errors.invalidParameter(
				`Invalid role type ${k}; use authenticated or unauthenticated.`
			);
		}
		checkRoleArn({ Role: v }, 'Role');
	}
	const mappings = input['RoleMappings'];
	if (mappings === undefined || mappings === null) return;
	if (typeof mappings !== 'object' || Array.isArray(mappings)) {
		throw errors.validation('roleMappings', mappings, 'Member must be a map');
	}
	const entries = Object.entries(mappings as Record<string, unknown>);
	if (entries.length > 10) {
		throw errors.validation(
			'roleMappings',
			'...',
			'Member must have length less than or equal to 10'
		);
	}
	for (const [key, raw] of entries) {
		const mapping = requireObject(raw) as unknown as RoleMapping;
		if (mapping.Type !== 'Token' && mapping.Type !== 'Rules') {
			throw errors.validation(
				`roleMappings.${key}.member.type`,
				mapping.Type,
				'Member must satisfy enum value set: [Token, Rules]'
			);
		}
		if (
			mapping.AmbiguousRoleResolution !== 'AuthenticatedRole' &&
			mapping.AmbiguousRoleResolution !== 'Deny'
		) {
			throw errors.invalidParameter(
				`AmbiguousRoleResolution must be specified for type ${mapping.Type} for provider ${key}`
			);
		}
		if (mapping.Type === 'Rules') {
			const rules = mapping.RulesConfiguration?.Rules;
			if (!Array.isArray(rules) || rules.length < 1 || rules.length > 25) {
				throw errors.invalidParameter(
					`RulesConfiguration for provider ${key} must have between 1 and 25 rules.`
				);
			}
			for (const rule of rules) {
				const r = requireObject(rule);
				checkString(r, 'Claim', {
					required: true,
					max: 64,
					pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u
				});
				checkString(r, 'Value', { required: true, max: 128 });
				checkRoleArn(r, 'RoleARN', true);
				if (!['Equals', 'Contains', 'StartsWith', 'NotEqual'].includes(String(r['MatchType']))) {
					throw errors.validation(
						'matchType',
						r['MatchType'],
						'Member must satisfy enum value set: [Equals, Contains, StartsWith, NotEqual]'
					);
				}
			}
		}
	}
}
