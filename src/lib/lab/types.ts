import type { IdentityPool, PolicyDocument, RoleMapping } from '../cognito/index.ts';

/**
 * What the lab reads from a developer's own configuration: one identity pool, its roles and
 * mappings, and the IAM roles behind them, as the AWS CLI or CloudFormation describes them.
 */

/** One thing that was pasted or dropped: its name (a file name or "Paste 1") and text. */
export interface LabInput {
	name: string;
	text: string;
	/** For `aws iam get-policy-version` output: the role the managed policy is attached to. */
	attachTo?: string;
}

/** A problem in what was pasted, with the field path that has it. */
export interface LabProblem {
	/** The input's name. */
	source: string;
	/** Field path, e.g. `RoleMappings["graph.facebook.com"].RulesConfiguration.Rules[2].MatchType`. */
	path: string;
	message: string;
}

/** A value the lab could not read from the input and filled in: shown, and answerable. */
export interface Placeholder {
	/** What the user answers to replace it, e.g. `Ref UserPool` or `AWS::AccountId`. */
	key: string;
	/** Where it was used. */
	path: string;
	/** The value the lab uses until the user gives one. */
	value: string;
	why: string;
}

/** An IAM role as far as the input describes it. */
export interface LabRole {
	RoleName: string;
	Arn: string;
	/** Missing when only the role's ARN was seen (the lab then says what it assumed). */
	AssumeRolePolicyDocument?: PolicyDocument;
	MaxSessionDuration?: number;
	/** Permission policies by name (inline and managed alike). */
	Policies: Record<string, PolicyDocument>;
}

export interface LabConfig {
	region: string;
	accountId: string;
	pool: IdentityPool;
	/** Default roles: `authenticated` and `unauthenticated` to role ARNs. */
	roles: Record<string, string>;
	roleMappings?: Record<string, RoleMapping>;
	/** IAM roles by role name. */
	iamRoles: Record<string, LabRole>;
	/** Client IDs registered on IAM OIDC providers, by provider ARN (from CloudFormation or answers). */
	oidcClientIds: Record<string, string[]>;
	placeholders: Placeholder[];
	/** What was read, one line per input part, e.g. `Paste 1: aws cognito-identity describe-identity-pool`. */
	read: string[];
	/** Things the lab assumed, said plainly. */
	notes: string[];
}

export type LabParseResult =
	{ ok: true; config: LabConfig } | { ok: false; problems: LabProblem[]; read: string[] };

/** A problem as one line: `Paste 1: Roles.authenticated: must be a role ARN`. */
export function formatProblem(p: LabProblem): string {
	return `${p.source}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** Pasted text larger than this is refused before it is parsed. */
export const maxInputChars = 1_000_000;

/** What the lab reads, as problems say it. */
export const expectedInput =
	'expected the JSON that aws cognito-identity describe-identity-pool, aws cognito-identity get-identity-pool-roles, aws iam get-role, aws iam get-role-policy or aws iam get-policy-version prints, or a CloudFormation template with Resources';

/** The result for no inputs at all: known without loading the parser. */
export function nothingGiven(): LabParseResult {
	return {
		ok: false,
		problems: [{ source: 'Input', path: '', message: `Nothing was given; ${expectedInput}.` }],
		read: []
	};
}
