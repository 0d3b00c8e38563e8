import type { PolicyConditionValue, PolicyDocument, PolicyStatement } from './types.ts';

/**
 * A small IAM policy evaluator: Allow/Deny statements with Action/NotAction, Resource/NotResource,
 * Principal, policy variables and the condition operators the Cognito examples use. Explicit deny
 * wins; otherwise an allow is needed; otherwise the request is implicitly denied.
 */

export type ContextValue = string | boolean | number | readonly string[];

export interface PolicyRequest {
	action: string;
	/** Omitted for trust policies, which have no Resource. */
	resource?: string;
	/** For trust policies: who is asking, e.g. `{ Federated: 'cognito-identity.amazonaws.com' }`. */
	principal?: { type: string; id: string };
	/** Condition keys, e.g. `cognito-identity.amazonaws.com:amr` or `s3:prefix`. */
	context: Record<string, ContextValue | undefined>;
	/** Values for `${...}` policy variables, e.g. `cognito-identity.amazonaws.com:sub`. */
	variables?: Record<string, string | undefined>;
}

export interface NamedPolicy {
	/** Where the policy comes from, e.g. `role policy "S3Access"` or `session policy`. */
	name: string;
	document: PolicyDocument;
}

export interface StatementResult {
	policy: string;
	sid?: string;
	index: number;
	effect: 'Allow' | 'Deny';
	/** Whether the statement applied to the request. */
	matched: boolean;
	/** Why it did not apply, when it did not. */
	reason?: string;
}

export interface PolicyDecision {
	decision: 'allow' | 'explicit-deny' | 'implicit-deny';
	/** The statement that decided, if any. */
	decidedBy?: StatementResult;
	statements: StatementResult[];
}

/** The statements of a document as an array. */
export function statementsOf(document: PolicyDocument): PolicyStatement[] {
	return Array.isArray(document.Statement) ? document.Statement : [document.Statement];
}

function asList<T>(value: T | T[] | undefined): T[] {
	return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function globToRegExp(pattern: string, ignoreCase: boolean): RegExp {
	const body = pattern
		.replace(/[.+^${}()|[\]\\]/g, '\\$&')
		.replace(/\*/g, '.*')
		.replace(/\?/g, '.');
	return new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
}

/** IAM-style wildcard match (`*` any run, `?` one character). */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
	if (!pattern.includes('*') && !pattern.includes('?')) {
		return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
	}
	return globToRegExp(pattern, ignoreCase).test(value);
}

function lookup<T>(map: Record<string, T> | undefined, key: string): T | undefined {
	if (!map) return undefined;
	if (key in map) return map[key];
	const lower = key.toLowerCase();
	for (const [k, v] of Object.entries(map)) if (k.toLowerCase() === lower) return v;
	return undefined;
}

/** Replaces `${...}` policy variables; undefined when a variable has no value (the statement then does not apply). */
export function substituteVariables(
	text: string,
	variables: Record<string, string | undefined> | undefined
): string | undefined {
	let missing = false;
	const out = text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
		if (name === '*') return '*';
		if (name === '?') return '?';
		if (name === '$') return '$';
		const value = lookup(variables, name);
		if (value === undefined) {
			missing = true;
			return '';
		}
		return value;
	});
	return missing ? undefined : out;
}

interface ParsedOperator {
	set?: 'ForAnyValue' | 'ForAllValues';
	base: string;
	ifExists: boolean;
}

function parseOperator(op: string): ParsedOperator {
	let rest = op;
	let set: ParsedOperator['set'];
	if (rest.startsWith('ForAnyValue:')) {
		set = 'ForAnyValue';
		rest = rest.slice('ForAnyValue:'.length);
	} else if (rest.startsWith('ForAllValues:')) {
		set = 'ForAllValues';
		rest = rest.slice('ForAllValues:'.length);
	}
	const ifExists = rest.endsWith('IfExists');
	if (ifExists) rest = rest.slice(0, -'IfExists'.length);
	return { set, base: rest, ifExists };
}

const knownOperators = new Set([
	'StringEquals',
	'StringNotEquals',
	'StringEqualsIgnoreCase',
	'StringNotEqualsIgnoreCase',
	'StringLike',
	'StringNotLike',
	'ArnEquals',
	'ArnLike',
	'ArnNotEquals',
	'ArnNotLike',
	'Bool',
	'Null',
	'NumericEquals',
	'NumericNotEquals',
	'NumericLessThan',
	'NumericLessThanEquals',
	'NumericGreaterThan',
	'NumericGreaterThanEquals'
]);

function isNegated(base: string): boolean {
	return base.includes('Not');
}

function positiveMatch(base: string, actual: string, expected: string): boolean {
	switch (base.replace('Not', '')) {
		case 'StringEquals':
			return actual === expected;
		case 'StringEqualsIgnoreCase':
			return actual.toLowerCase() === expected.toLowerCase();
		case 'StringLike':
		case 'ArnLike':
			return wildcardMatch(expected, actual);
		case 'ArnEquals':
			return actual === expected;
		case 'Bool':
			return actual.toLowerCase() === expected.toLowerCase();
		case 'NumericEquals':
			return Number(actual) === Number(expected);
		case 'NumericLessThan':
			return Number(actual) < Number(expected);
		case 'NumericLessThanEquals':
			return Number(actual) <= Number(expected);
		case 'NumericGreaterThan':
			return Number(actual) > Number(expected);
		case 'NumericGreaterThanEquals':
			return Number(actual) >= Number(expected);
		default:
			return false;
	}
}

function evaluateCondition(
	operator: string,
	key: string,
	expectedRaw: PolicyConditionValue,
	request: PolicyRequest
): boolean {
	const op = parseOperator(operator);
	if (!knownOperators.has(op.base)) return false;
	const actualRaw = lookup(request.context, key);
	const expectedList = asList(expectedRaw as string | string[]).map((v) => String(v));
	if (op.base === 'Null') {
		const absent = actualRaw === undefined || (Array.isArray(actualRaw) && actualRaw.length === 0);
		return expectedList.some((v) => (v.toLowerCase() === 'true') === absent);
	}
	const expected: string[] = [];
	for (const v of expectedList) {
		const s = substituteVariables(v, request.variables);
		if (s !== undefined) expected.push(s);
	}
	const actual =
		actualRaw === undefined
			? []
			: Array.isArray(actualRaw)
				? (actualRaw as readonly string[]).map(String)
				: [String(actualRaw)];
	const negated = isNegated(op.base);
	if (actual.length === 0) {
		if (op.ifExists) return true;
		if (op.set === 'ForAllValues') return true;
		if (op.set === 'ForAnyValue') return false;
		return negated;
	}
	const matchesOne = (value: string): boolean => {
		const hit = expected.some((e) => positiveMatch(op.base, value, e));
		return negated ? !hit : hit;
	};
	if (op.set === 'ForAllValues') return actual.every(matchesOne);
	if (op.set === 'ForAnyValue') return actual.some(matchesOne);
	return negated ? actual.every(matchesOne) : actual.some(matchesOne);
}

function principalMatches(statement: PolicyStatement, request: PolicyRequest): boolean {
	if (!request.principal) return true;
	const p = statement.Principal;
	if (p === undefined) return false;
	if (p === '*') return true;
	const ids = asList(lookup(p, request.principal.type));
	return ids.some((id) => id === '*' || id === request.principal?.id);
}

/** Evaluates one statement against a request; returns why it did not apply, or undefined when it did. */
export function statementMismatch(
	statement: PolicyStatement,
	request: PolicyRequest
): string | undefined {
	if (!principalMatches(statement, request)) return 'principal does not match';
	const actions = asList(statement.Action);
	const notActions = asList(statement.NotAction);
	if (actions.length > 0 && !actions.some((a) => wildcardMatch(a, request.action, true))) {
		return 'action does not match';
	}
	if (notActions.length > 0 && notActions.some((a) => wildcardMatch(a, request.action, true))) {
		return 'action is excluded by NotAction';
	}
	if (request.resource !== undefined) {
		const resources = asList(statement.Resource);
		const notResources = asList(statement.NotResource);
		const matchResource = (pattern: string): boolean => {
			const s = substituteVariables(pattern, request.variables);
			return s !== undefined && wildcardMatch(s, request.resource ?? '');
		};
		if (resources.length > 0 && !resources.some(matchResource)) return 'resource does not match';
		if (notResources.length > 0 && notResources.some(matchResource)) {
			return 'resource is excluded by NotResource';
		}
	}
	for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
		for (const [key, expected] of Object.entries(block)) {
			if (!evaluateCondition(operator, key, expected, request)) {
				return `condition ${operator} on ${key} is not met`;
			}
		}
	}
	return undefined;
}

/** Evaluates policies together: an explicit Deny wins, then any Allow, else implicit deny. */
export function evaluatePolicies(
	policies: readonly NamedPolicy[],
	request: PolicyRequest
): PolicyDecision {
	const statements: StatementResult[] = [];
	for (const policy of policies) {
		statementsOf(policy.document).forEach((statement, index) => {
			const reason = statementMismatch(statement, request);
			statements.push({
				policy: policy.name,
				sid: statement.Sid,
				index,
				effect: statement.Effect,
				matched: reason === undefined,
				...(reason ? { reason } : {})
			});
		});
	}
	const deny = statements.find((s) => s.matched && s.effect === 'Deny');
	if (deny) return { decision: 'explicit-deny', decidedBy: deny, statements };
	const allow = statements.find((s) => s.matched && s.effect === 'Allow');
	if (allow) return { decision: 'allow', decidedBy: allow, statements };
	return { decision: 'implicit-deny', statements };
}

/** Why a policy document is malformed, or undefined when it is usable. */
export function policyDocumentProblem(value: unknown): string | undefined {
	if (!value || typeof value !== 'object' || Array.isArray(value))
		return 'Syntax errors in policy.';
	const doc = value as Record<string, unknown>;
	if (doc['Statement'] === undefined) return 'Missing required field Statement';
	const statements = Array.isArray(doc['Statement']) ? doc['Statement'] : [doc['Statement']];
	for (const s of statements as unknown[]) {
		if (!s || typeof s !== 'object') return 'Syntax errors in policy.';
		const st = s as Record<string, unknown>;
		if (st['Effect'] !== 'Allow' && st['Effect'] !== 'Deny')
			return 'Invalid effect: ' + String(st['Effect']);
		if (st['Action'] === undefined && st['NotAction'] === undefined)
			return 'Missing required field Action';
	}
	return undefined;
}

/** Describes which statement decided, using its Sid when it has one. */
export function describeStatement(result: StatementResult | undefined): string {
	if (!result) return 'no statement allows it (implicit deny)';
	const label = result.sid ? `statement "${result.sid}"` : `statement #${result.index + 1}`;
	return `${result.policy} ${label}`;
}
