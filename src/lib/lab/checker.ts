import type { LabProblem } from './types.ts';

/**
 * Field-by-field checks that record a problem with its path instead of throwing, so one pass over
 * an input lists everything wrong with it at once.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a.b`, `a[2]` or `a["key.with.dots"]`. */
export function childPath(path: string, key: string | number): string {
	if (typeof key === 'number') return `${path}[${key}]`;
	if (/^[A-Za-z_][\w]*$/.test(key)) return path ? `${path}.${key}` : key;
	return `${path}[${JSON.stringify(key)}]`;
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string')
		return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
	return String(value);
}

export class Checker {
	readonly problems: LabProblem[] = [];
	readonly source: string;

	constructor(source: string) {
		this.source = source;
	}

	fail(path: string, message: string): undefined {
		this.problems.push({ source: this.source, path, message });
		return undefined;
	}

	object(value: unknown, path: string): JsonObject | undefined {
		if (isObject(value)) return value;
		return this.fail(path, `must be an object, not ${describe(value)}`);
	}

	list(value: unknown, path: string, min = 0, max = Infinity): unknown[] | undefined {
		if (!Array.isArray(value)) return this.fail(path, `must be a list, not ${describe(value)}`);
		if (value.length < min) return this.fail(path, `must have at least ${min} item(s)`);
		if (value.length > max)
			return this.fail(path, `has ${value.length} items; at most ${max} are allowed`);
		return value;
	}

	string(
		value: unknown,
		path: string,
		rule?: { pattern?: RegExp; what?: string; min?: number; max?: number }
	): string | undefined {
		if (typeof value !== 'string')
			return this.fail(path, `must be a string, not ${describe(value)}`);
		const min = rule?.min ?? 0;
		if (value.length < min)
			return this.fail(
				path,
				min === 1 ? 'must not be empty' : `must be at least ${min} characters`
			);
		if (rule?.max !== undefined && value.length > rule.max)
			return this.fail(path, `is ${value.length} characters long; at most ${rule.max} are allowed`);
		if (rule?.pattern && !rule.pattern.test(value))
			return this.fail(
				path,
				`must be ${rule.what ?? `a value matching ${rule.pattern.source}`}, not ${describe(value)}`
			);
		return value;
	}

	boolean(value: unknown, path: string): boolean | undefined {
		if (typeof value === 'boolean') return value;
		return this.fail(path, `must be true or false, not ${describe(value)}`);
	}

	integer(value: unknown, path: string, min: number, max: number): number | undefined {
		if (typeof value !== 'number' || !Number.isInteger(value))
			return this.fail(path, `must be a whole number, not ${describe(value)}`);
		if (value < min || value > max) return this.fail(path, `must be between ${min} and ${max}`);
		return value;
	}

	oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
		if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
			return value as T;
		return this.fail(path, `must be one of ${allowed.join(', ')}, not ${describe(value)}`);
	}

	/** A required string field: one problem if it is missing, else the string checks. */
	requiredString(
		obj: JsonObject,
		key: string,
		path: string,
		rule?: { pattern?: RegExp; what?: string; min?: number; max?: number }
	): string | undefined {
		const value = this.required(obj, key, path);
		return value === undefined ? undefined : this.string(value, childPath(path, key), rule);
	}

	/** A required field: present, or one problem saying it is missing. */
	required(obj: JsonObject, key: string, path: string): unknown {
		if (Object.hasOwn(obj, key) && obj[key] !== undefined) return obj[key];
		return this.fail(childPath(path, key), 'is required');
	}
}

export const patterns = {
	identityPoolId: /^[\w-]+:[0-9a-f-]+$/,
	roleArn: /^arn:aws[\w-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
	oidcArn: /^arn:aws[\w-]*:iam::\d{12}:oidc-provider\/.+$/,
	samlArn: /^arn:aws[\w-]*:iam::\d{12}:saml-provider\/[\w.-]+$/,
	userPoolProvider: /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/[\w-]+_[0-9a-zA-Z]+$/,
	poolName: /^[\w\s+=,.@-]+$/,
	developerProvider: /^[\w._-]+$/,
	roleName: /^[\w+=,.@-]{1,64}$/
};
