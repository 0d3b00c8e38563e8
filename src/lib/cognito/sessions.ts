import type { AmbiguityNote } from './errors.ts';
import {
	describeStatement,
	evaluatePolicies,
	type ContextValue,
	type NamedPolicy,
	type PolicyDecision,
	type StatementResult
} from './policy-evaluator.ts';
import type { SeededRandom } from './random.ts';
import type { IamRole } from './types.ts';

/**
 * Temporary credentials the simulator has handed out, and what each may do: the role's policies
 * intersected with any session policy, with Cognito's policy variables filled in.
 */

export interface Session {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken: string;
	/** Epoch ms. */
	expiration: number;
	role: IamRole;
	assumedRoleArn: string;
	/** `enhanced` when Cognito assumed the role, `basic` when the app called STS. */
	flow: 'enhanced' | 'basic';
	identityId?: string;
	identityPoolId?: string;
	amr: string[];
	sessionPolicies: NamedPolicy[];
	principalTags: Record<string, string>;
	/** Values for `${...}` policy variables. */
	variables: Record<string, string>;
	ambiguous: AmbiguityNote[];
}

/** Issues credential strings shaped like AWS's: `ASIA` access keys, 40-character secrets. */
export function newCredentialStrings(random: SeededRandom): {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken: string;
} {
	const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
	return {
		accessKeyId: `ASIA${random.string(16, upper)}`,
		secretAccessKey: random.string(40, b64),
		sessionToken: `IQoJb3JpZ2luX2Vj${random.string(240, b64)}`
	};
}

export interface AuthorizationRequest {
	action: string;
	resource: string;
	/** Request condition keys such as `s3:prefix` or `dynamodb:LeadingKeys`. */
	context?: Record<string, ContextValue>;
}

export interface AuthorizationDecision {
	action: string;
	resource: string;
	allowed: boolean;
	decision: 'allow' | 'explicit-deny' | 'implicit-deny' | 'expired' | 'unknown-credentials';
	/** Which statement decided (by Sid), or why nothing allowed it. */
	decidedBy: string;
	statement?: StatementResult;
	roleDecision?: PolicyDecision;
	sessionDecision?: PolicyDecision;
	ambiguous: AmbiguityNote[];
}

/** Evaluates what a session may do: explicit deny wins; the role and the session policies must both allow. */
export function authorizeSession(
	session: Session,
	request: AuthorizationRequest,
	now: number
): AuthorizationDecision {
	const base = { action: request.action, resource: request.resource, ambiguous: session.ambiguous };
	if (now >= session.expiration) {
		return {
			...base,
			allowed: false,
			decision: 'expired',
			decidedBy: 'the credentials have expired'
		};
	}
	const context: Record<string, ContextValue | undefined> = { ...request.context };
	for (const [k, v] of Object.entries(session.principalTags)) context[`aws:PrincipalTag/${k}`] = v;
	for (const [k, v] of Object.entries(session.variables))
		if (k.startsWith('cognito-identity')) context[k] = v;
	const variables: Record<string, string> = { ...session.variables };
	for (const [k, v] of Object.entries(session.principalTags))
		variables[`aws:PrincipalTag/${k}`] = v;
	const evalRequest = { action: request.action, resource: request.resource, context, variables };
	const rolePolicies = Object.entries(session.role.Policies).map(([name, document]) => ({
		name: `role policy "${name}"`,
		document
	}));
	const roleDecision = evaluatePolicies(rolePolicies, evalRequest);
	const sessionDecision =
		session.sessionPolicies.length > 0
			? evaluatePolicies(session.sessionPolicies, evalRequest)
			: undefined;
	const deny =
		roleDecision.decision === 'explicit-deny'
			? roleDecision
			: sessionDecision?.decision === 'explicit-deny'
				? sessionDecision
				: undefined;
	if (deny) {
		return {
			...base,
			allowed: false,
			decision: 'explicit-deny',
			decidedBy: `explicit deny: ${describeStatement(deny.decidedBy)}`,
			statement: deny.decidedBy,
			roleDecision,
			sessionDecision
		};
	}
	if (roleDecision.decision !== 'allow') {
		return {
			...base,
			allowed: false,
			decision: 'implicit-deny',
			decidedBy: `no statement in the role's policies allows ${request.action} on ${request.resource} (implicit deny)`,
			roleDecision,
			sessionDecision
		};
	}
	if (sessionDecision && sessionDecision.decision !== 'allow') {
		return {
			...base,
			allowed: false,
			decision: 'implicit-deny',
			decidedBy: `the role allows it (${describeStatement(roleDecision.decidedBy)}) but the session policy does not`,
			roleDecision,
			sessionDecision
		};
	}
	return {
		...base,
		allowed: true,
		decision: 'allow',
		decidedBy: describeStatement(roleDecision.decidedBy),
		statement: roleDecision.decidedBy,
		roleDecision,
		sessionDecision
	};
}
