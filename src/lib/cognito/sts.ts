import { errors, type AmbiguityNote } from './errors.ts';
import { decodeJwt, verifyJwt, type JwtPayload } from './jwt.ts';
import { cognitoIdentityIssuer, cognitoIdentityProvider } from './login-validation.ts';
import { policyDocumentProblem, type NamedPolicy } from './policy-evaluator.ts';
import { managedGuestSessionPolicy, managedGuestSessionPolicyArn } from './scope-down.ts';
import { newCredentialStrings, type Session } from './sessions.ts';
import { checkTrust, type TrustCheck, type WebIdentityClaims } from './trust-policy.ts';
import type {
	AssumeRoleWithWebIdentityRequest,
	AssumeRoleWithWebIdentityResponse,
	IamRole,
	PolicyDocument
} from './types.ts';
import type { World } from './world.ts';

/**
 * AWS STS AssumeRoleWithWebIdentity, used by the app in the basic flow and by Cognito itself in the
 * enhanced flow. Needs no AWS credentials: the token is the proof (STS-API; SDK-STS).
 */

export const providerNote: AmbiguityNote = {
	topic: 'enhanced-vs-basic',
	note: "AWS documents this ambiguously: the Provider string STS returns for a Cognito token is not confirmed; the simulator returns the token's iss, as STS documents for OIDC tokens.",
	factRef: 'SDK-STS; SLIDE'
};

export const stsSignatureNote: AmbiguityNote = {
	topic: 'enhanced-vs-basic',
	note: 'AWS documents this ambiguously: STS refuses a web identity token whose signature does not verify with InvalidIdentityToken, but the message wording is not in the sources.',
	factRef: 'SDK-STS'
};

export const durationNote: AmbiguityNote = {
	topic: 'lifetimes',
	note: 'AWS documents this ambiguously: a DurationSeconds above the role maximum fails, but the error code is not in the sources; the simulator uses ValidationError.',
	factRef: 'SDK-STS'
};

export interface AssumeInternalInput {
	operation: string;
	role: IamRole;
	roleSessionName: string;
	claims: WebIdentityClaims;
	durationSeconds: number;
	sessionPolicies: NamedPolicy[];
	flow: 'enhanced' | 'basic';
	identityPoolId?: string;
	/** What to throw if the trust policy refuses: STS AccessDenied, or Cognito's configuration error. */
	onDenied: () => Error;
	ambiguous?: AmbiguityNote[];
}

/** Checks trust and creates a session; shared by STS and Cognito's internal call. */
export function assumeRole(
	world: World,
	input: AssumeInternalInput
): { session: Session; trust: TrustCheck } {
	const trust = checkTrust(input.role, input.claims);
	world.emit({
		kind: 'check-trust',
		operation: input.operation,
		service: 'sts',
		ok: trust.allowed,
		detail: {
			RoleArn: input.role.Arn,
			TrustPolicy: input.role.AssumeRolePolicyDocument,
			RequestContext: trust.context,
			Principal: { Federated: input.claims.provider },
			DecidedBy: trust.decidedBy,
			Statements: trust.decision.statements
		},
		factRef: 'RTP; IAMR-2023; SECBP'
	});
	if (!trust.allowed) throw input.onDenied();
	const strings = newCredentialStrings(world.random);
	const expiration = world.clock.now() + input.durationSeconds * 1000;
	const session: Session = {
		...strings,
		expiration,
		role: input.role,
		assumedRoleArn: `arn:aws:sts::${world.accountId}:assumed-role/${input.role.RoleName}/${input.roleSessionName}`,
		flow: input.flow,
		identityId: input.claims.provider === cognitoIdentityProvider ? input.claims.sub : undefined,
		identityPoolId: input.identityPoolId,
		amr: [...(input.claims.amr ?? [])],
		sessionPolicies: input.sessionPolicies,
		principalTags: { ...(input.claims.principalTags ?? {}) },
		variables: {
			[`${input.claims.provider}:sub`]: input.claims.sub,
			[`${input.claims.provider}:aud`]: input.claims.aud,
			...(input.claims.amr ? { [`${input.claims.provider}:amr`]: input.claims.amr.join(',') } : {})
		},
		ambiguous: input.ambiguous ?? []
	};
	world.sessions.set(session.accessKeyId, session);
	return { session, trust };
}

const sessionNamePattern = /^[\w+=,.@-]*$/;

function validateRequest(input: AssumeRoleWithWebIdentityRequest): void {
	if (!input || typeof input !== 'object')
		throw errors.stsValidation('The request must be an object.');
	const str = (field: keyof AssumeRoleWithWebIdentityRequest, min: number, max: number): void => {
		const value = input[field];
		if (value === undefined || value === null) {
			throw errors.stsValidation(
				`1 validation error detected: Value null at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must not be null`
			);
		}
		if (typeof value !== 'string' || value.length < min || value.length > max) {
			throw errors.stsValidation(
				`1 validation error detected: Value at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must have length between ${min} and ${max}`
			);
		}
	};
	str('RoleArn', 20, 2048);
	str('RoleSessionName', 2, 64);
	str('WebIdentityToken', 4, 20000);
	if (!sessionNamePattern.test(input.RoleSessionName)) {
		throw errors.stsValidation(
			"1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
		);
	}
	if (input.DurationSeconds !== undefined) {
		const d = input.DurationSeconds;
		if (typeof d !== 'number' || !Number.isInteger(d) || d < 900 || d > 43200) {
			throw errors.stsValidation(
				`1 validation error detected: Value '${String(d)}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`
			);
		}
	}
	if (
		input.PolicyArns !== undefined &&
		(!Array.isArray(input.PolicyArns) || input.PolicyArns.length > 10)
	) {
		throw errors.stsValidation(
			"1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10"
		);
	}
}

/** The STS API of one world (AssumeRoleWithWebIdentity). */
export class StsService {
	readonly #world: World;

	constructor(world: World) {
		this.#world = world;
	}

	/** AssumeRoleWithWebIdentity: trade a web identity token for role credentials (basic flow). */
	async AssumeRoleWithWebIdentity(
		input: AssumeRoleWithWebIdentityRequest
	): Promise<AssumeRoleWithWebIdentityResponse> {
		const world = this.#world;
		const operation = 'AssumeRoleWithWebIdentity';
		return world.run('sts', operation, input, async () => {
			validateRequest(input);
			const decoded = decodeJwt(input.WebIdentityToken);
			if (!decoded.payload || !decoded.header || decoded.errors.length > 0) {
				throw errors.stsInvalidIdentityToken(
					'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
					'STS accepts only a signed JSON Web Token here; this value does not decode as one.'
				);
			}
			const iss = String(decoded.payload['iss'] ?? '');
			let provider: string;
			let keys;
			const ambiguous: AmbiguityNote[] = [providerNote];
			if (iss === cognitoIdentityIssuer) {
				provider = cognitoIdentityProvider;
				keys = [world.keys.cognitoIdentity];
			} else {
				const oidc = world.iam.oidcProviderFor(iss);
				const issuer = world.oidcIssuerByLoginKey(iss.replace(/^https:\/\//, ''));
				if (!oidc || !issuer) {
					throw errors.stsInvalidIdentityToken(
						`No OpenIDConnect provider found in your account for ${iss}`,
						'STS trusts web identity tokens only from Cognito or from an OIDC provider registered in IAM.'
					);
				}
				provider = oidc.Url;
				keys = [issuer.key];
			}
			const verified = await verifyJwt(input.WebIdentityToken, keys);
			world.emit({
				kind: 'validate-login',
				operation,
				service: 'sts',
				ok: verified.ok,
				detail: {
					Issuer: iss,
					Header: decoded.header,
					Claims: decoded.payload,
					Signature: verified.ok ? 'valid' : verified.reason
				},
				factRef: 'SDK-STS'
			});
			if (!verified.ok) {
				const err = errors.stsInvalidIdentityToken(
					'Incorrect token signature.',
					"The token's signature does not verify against the issuer's keys: it was edited or forged."
				);
				err.ambiguous.push(stsSignatureNote);
				throw err;
			}
			const payload: JwtPayload = verified.payload;
			const now = world.clock.seconds();
			const exp = Number(payload['exp']);
			if (!(now < exp)) throw errors.stsExpiredToken(exp, now);
			const aud = String(payload['aud'] ?? '');
			const oidc = world.iam.oidcProviderFor(iss);
			if (oidc && !oidc.ClientIDList.includes(aud)) {
				throw errors.stsInvalidIdentityToken(
					'Incorrect token audience.',
					"The token's aud is not one of the client IDs registered for this OIDC provider in IAM."
				);
			}
			let policyDoc: PolicyDocument | undefined;
			if (input.Policy !== undefined) {
				// The plaintext limit is a model length constraint (sessionPolicyDocumentType, 1 to
				// 2,048 characters); PackedPolicyTooLarge is about the packed session token (SDK-STS).
				if (input.Policy.length > 2048) {
					throw errors.stsValidation(
						"1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048",
						{
							explanation:
								'The inline session policy is longer than 2,048 characters, the plaintext limit for session policies.',
							fix: 'Shorten the session policy to 2,048 characters or fewer.'
						}
					);
				}
				let parsed: unknown;
				try {
					parsed = JSON.parse(input.Policy);
				} catch {
					throw errors.stsMalformedPolicy('Syntax errors in policy.');
				}
				const problem = policyDocumentProblem(parsed);
				if (problem) throw errors.stsMalformedPolicy(problem);
				policyDoc = parsed as PolicyDocument;
			}
			const sessionPolicies: NamedPolicy[] = [];
			if (policyDoc) sessionPolicies.push({ name: 'session policy', document: policyDoc });
			for (const p of input.PolicyArns ?? []) {
				if (p.arn === managedGuestSessionPolicyArn) {
					sessionPolicies.push({
						name: 'managed session policy',
						document: managedGuestSessionPolicy
					});
				} else {
					throw errors.stsMalformedPolicy(
						`Policy ${String(p.arn)} does not exist or is not attachable.`
					);
				}
			}
			const role = world.iam.roleByArn(input.RoleArn);
			const amr = Array.isArray(payload['amr']) ? payload['amr'].map(String) : undefined;
			const tagClaim = payload['https://aws.amazon.com/tags'] as
				{ principal_tags?: Record<string, string[]> } | undefined;
			const principalTags = tagClaim?.principal_tags
				? Object.fromEntries(
						Object.entries(tagClaim.principal_tags).map(([k, v]) => [k, v[0] ?? ''])
					)
				: undefined;
			const claims: WebIdentityClaims = {
				provider,
				aud,
				sub: String(payload['sub'] ?? ''),
				amr,
				principalTags
			};
			if (!role) {
				world.emit({
					kind: 'check-trust',
					operation,
					service: 'sts',
					ok: false,
					detail: { RoleArn: input.RoleArn, DecidedBy: 'the role does not exist' },
					factRef: 'RTP'
				});
				throw errors.stsAccessDenied();
			}
			const duration = input.DurationSeconds ?? 3600;
			world.emit({
				kind: 'assume-role',
				operation,
				service: 'sts',
				ok: true,
				detail: {
					Caller: 'your app (no AWS credentials: the token is the proof)',
					RoleArn: role.Arn,
					RoleSessionName: input.RoleSessionName,
					WebIdentityClaims: claims,
					DurationSeconds: duration,
					SessionPolicies: sessionPolicies.map((p) => p.name)
				},
				factRef: 'AF; SDK-STS; STS-API'
			});
			const { session } = assumeRole(world, {
				operation,
				role,
				roleSessionName: input.RoleSessionName,
				claims,
				durationSeconds: duration,
				sessionPolicies,
				flow: 'basic',
				identityPoolId: provider === cognitoIdentityProvider ? aud : undefined,
				onDenied: () => errors.stsAccessDenied(),
				ambiguous
			});
			if (duration > role.MaxSessionDuration) {
				world.sessions.delete(session.accessKeyId);
				throw errors.stsValidation(
					'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
					{
						explanation: `The role allows sessions of at most ${role.MaxSessionDuration} seconds.`,
						fix: "Ask for a shorter DurationSeconds, or raise the role's maximum session duration (up to 12 hours).",
						factRef: 'SDK-STS; STS-API',
						ambiguous: [durationNote]
					}
				);
			}
			const response: AssumeRoleWithWebIdentityResponse = {
				Credentials: {
					AccessKeyId: session.accessKeyId,
					SecretAccessKey: session.secretAccessKey,
					SessionToken: session.sessionToken,
					Expiration: new Date(session.expiration)
				},
				SubjectFromWebIdentityToken: claims.sub,
				AssumedRoleUser: {
					AssumedRoleId: `${role.RoleId}:${input.RoleSessionName}`,
					Arn: session.assumedRoleArn
				},
				Provider: iss,
				Audience: aud
			};
			if (sessionPolicies.length > 0)
				response.PackedPolicySize = Math.min(100, Math.ceil((input.Policy?.length ?? 0) / 20) + 6);
			world.emit({
				kind: 'issue-credentials',
				operation,
				service: 'sts',
				ok: true,
				detail: {
					RoleArn: role.Arn,
					DurationSeconds: duration,
					Expiration: response.Credentials.Expiration.toISOString(),
					SessionPolicies: sessionPolicies.map((p) => p.name)
				},
				factRef: 'SDK-STS; AF',
				ambiguous
			});
			return response;
		});
	}
}
