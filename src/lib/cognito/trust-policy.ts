import { describeStatement, evaluatePolicies, type PolicyDecision } from './policy-evaluator.ts';
import type { IamRole, PolicyDocument } from './types.ts';

/**
 * Role trust evaluation for AssumeRoleWithWebIdentity: the federated principal must be allowed
 * `sts:AssumeRoleWithWebIdentity`, with conditions on the token's `aud`, `sub` and, for Cognito,
 * the multi-valued `amr` (RTP; IAMR-2023).
 */

export interface WebIdentityClaims {
	/** The federated principal, e.g. `cognito-identity.amazonaws.com` or an OIDC issuer host. */
	provider: string;
	aud: string;
	sub: string;
	/** Cognito only: `authenticated` or `unauthenticated`, plus the login providers used. */
	amr?: readonly string[];
	/** Session tags from the token, which need `sts:TagSession` too (ABAC). */
	principalTags?: Record<string, string>;
}

export interface TrustCheck {
	allowed: boolean;
	/** The condition keys the trust policy was evaluated with. */
	context: Record<string, string | readonly string[]>;
	decision: PolicyDecision;
	tagSessionDecision?: PolicyDecision;
	/** Which statement decided, in words. */
	decidedBy: string;
}

/** The condition keys STS puts in the request context for a web identity token. */
export function trustContext(
	claims: WebIdentityClaims
): Record<string, string | readonly string[]> {
	const context: Record<string, string | readonly string[]> = {
		[`${claims.provider}:aud`]: claims.aud,
		[`${claims.provider}:sub`]: claims.sub
	};
	if (claims.amr) context[`${claims.provider}:amr`] = claims.amr;
	for (const [k, v] of Object.entries(claims.principalTags ?? {}))
		context[`aws:RequestTag/${k}`] = v;
	return context;
}

/** Decides whether a role's trust policy admits a web identity token. */
export function checkTrust(
	role: Pick<IamRole, 'AssumeRolePolicyDocument'>,
	claims: WebIdentityClaims
): TrustCheck {
	return checkTrustDocument(role.AssumeRolePolicyDocument, claims);
}

/** Same as checkTrust, for a bare trust policy document. */
export function checkTrustDocument(
	document: PolicyDocument,
	claims: WebIdentityClaims
): TrustCheck {
	const context = trustContext(claims);
	const request = {
		action: 'sts:AssumeRoleWithWebIdentity',
		principal: { type: 'Federated', id: claims.provider },
		context
	};
	const policies = [{ name: 'trust policy', document }];
	const decision = evaluatePolicies(policies, request);
	let allowed = decision.decision === 'allow';
	let tagSessionDecision: PolicyDecision | undefined;
	if (allowed && claims.principalTags && Object.keys(claims.principalTags).length > 0) {
		tagSessionDecision = evaluatePolicies(policies, { ...request, action: 'sts:TagSession' });
		allowed = tagSessionDecision.decision === 'allow';
	}
	const decidedBy =
		tagSessionDecision && !allowed
			? 'trust policy does not allow sts:TagSession for the session tags'
			: describeStatement(decision.decidedBy);
	return { allowed, context, decision, tagSessionDecision, decidedBy };
}

/** The documented trust policy for identity pool roles (RTP), for one pool and one `amr` value. */
export function cognitoTrustPolicy(
	identityPoolId: string | string[],
	amr: 'authenticated' | 'unauthenticated' | string
): PolicyDocument {
	return {
		Version: '2012-10-17',
		Statement: [
			{
				Sid: 'TrustCognitoIdentityPool',
				Effect: 'Allow',
				Principal: { Federated: 'cognito-identity.amazonaws.com' },
				Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
				Condition: {
					StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPoolId },
					'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr }
				}
			}
		]
	};
}
