/**
 * AWS errors as the simulator raises them: AWS's error name and message, the HTTP status and fault
 * AWS uses, and a plain-language explanation, fix and fact-sheet reference for the app to show.
 */

export type AwsService = 'cognito-identity' | 'sts' | 'iam';

export interface AmbiguityNote {
	/** Content topic id the note belongs to, e.g. `guest-access`. */
	topic: string;
	note: string;
	factRef: string;
}

export interface AwsErrorInit {
	service: AwsService;
	httpStatus?: number;
	fault?: 'client' | 'server';
	explanation: string;
	fix: string;
	factRef: string;
	ambiguous?: AmbiguityNote[];
	/** STS wire codes drop the `Exception` suffix; Cognito uses the name as is. */
	code?: string;
}

/** An AWS service error; every public simulator function throws only this. */
export class AwsError extends Error {
	override readonly name: string;
	readonly service: AwsService;
	/** The code on the wire (`__type` for Cognito, `<Code>` for STS). */
	readonly code: string;
	readonly httpStatus: number;
	readonly $fault: 'client' | 'server';
	readonly explanation: string;
	readonly fix: string;
	readonly factRef: string;
	readonly ambiguous: AmbiguityNote[];

	constructor(name: string, message: string, init: AwsErrorInit) {
		super(message);
		this.name = name;
		this.service = init.service;
		this.code = init.code ?? name;
		this.httpStatus = init.httpStatus ?? 400;
		this.$fault = init.fault ?? (this.httpStatus >= 500 ? 'server' : 'client');
		this.explanation = init.explanation;
		this.fix = init.fix;
		this.factRef = init.factRef;
		this.ambiguous = [...(init.ambiguous ?? [])];
	}

	/** A plain object for the inspector and for step records. */
	toJSON(): Record<string, unknown> {
		return {
			name: this.name,
			code: this.code,
			message: this.message,
			httpStatus: this.httpStatus,
			$fault: this.$fault,
			explanation: this.explanation,
			fix: this.fix,
			factRef: this.factRef,
			ambiguous: this.ambiguous
		};
	}
}

/** True for errors raised by the simulator (as opposed to bugs). */
export function isAwsError(value: unknown): value is AwsError {
	return value instanceof AwsError;
}

type Detail = Omit<AwsErrorInit, 'service'>;

function cognito(name: string, message: string, detail: Detail): AwsError {
	return new AwsError(name, message, { service: 'cognito-identity', ...detail });
}

/** STS errors: the SDK names most of them `<Code>Exception`, while the wire code may drop the suffix. */
function sts(code: string, message: string, detail: Detail): AwsError {
	const name =
		code.endsWith('Exception') || code === 'AccessDenied' || code === 'ValidationError'
			? code
			: `${code}Exception`;
	return new AwsError(name, message, { service: 'sts', code, ...detail });
}

/** Cognito Identity and STS errors, named and worded as AWS does (fact sheet 2.7). */
export const errors = {
	invalidParameter(message: string, extra: Partial<Detail> = {}): AwsError {
		return cognito('InvalidParameterException', message, {
			explanation: 'A request parameter is missing, malformed or not allowed in this call.',
			fix: 'Check the parameter against the API reference: required fields, lengths and patterns.',
			factRef: 'SDK-CI; BOTO-CI',
			...extra
		});
	},
	validation(field: string, value: unknown, constraint: string): AwsError {
		const shown = typeof value === 'string' ? value : JSON.stringify(value);
		return errors.invalidParameter(
			`1 validation error detected: Value '${shown ?? 'null'}' at '${field}' failed to satisfy constraint: ${constraint}`
		);
	},
	required(field: string): AwsError {
		return errors.validation(field, null, 'Member must not be null');
	},
	classicFlowDisabled(): AwsError {
		return errors.invalidParameter(
			'Basic (classic) flow is not enabled, please use enhanced flow.',
			{
				explanation:
					'GetOpenIdToken belongs to the basic (classic) flow, and this identity pool has AllowClassicFlow turned off.',
				fix: 'Use the enhanced flow (GetCredentialsForIdentity), or set AllowClassicFlow to true on the pool.',
				factRef: 'GH-CLI7652; GH-AMP9704'
			}
		);
	},
	classicFlowWithRoleMappings(): AwsError {
		return errors.invalidParameter(
			'Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.',
			{
				explanation:
					'Role mappings are applied by Cognito in the enhanced flow; reports show GetOpenIdToken refusing pools that have them.',
				fix: 'Remove the role mappings or use the enhanced flow.',
				factRef: 'GH-RUM172; GH-QS12',
				ambiguous: [
					{
						topic: 'enhanced-vs-basic',
						note: 'AWS documents this ambiguously: the error type for basic flow with role mappings is not documented; the simulator uses InvalidParameterException.',
						factRef: 'GH-RUM172; GH-QS12'
					}
				]
			}
		);
	},
	unauthenticatedNotSupported(): AwsError {
		return cognito(
			'NotAuthorizedException',
			'Unauthenticated access is not supported for this identity pool.',
			{
				explanation:
					'The call had no Logins, so it asked for a guest identity, and the pool has AllowUnauthenticatedIdentities turned off.',
				fix: 'Send a valid login token, or turn on guest access (AllowUnauthenticatedIdentities) and give the unauthenticated role minimal permissions.',
				factRef: 'IDP; GH-AMP1089'
			}
		);
	},
	notAuthorized(message: string, detail: Detail): AwsError {
		return cognito('NotAuthorizedException', message, detail);
	},
	tokenExpired(exp: number, now: number): AwsError {
		// The current time comes first: reports such as GH-IOS2570 show the larger number first.
		return cognito(
			'NotAuthorizedException',
			`Invalid login token. Token expired: ${now} >= ${exp}`,
			{
				explanation:
					'The token in Logins has passed its exp time: an identity provider token, or the Cognito token your backend got from GetOpenIdTokenForDeveloperIdentity.',
				fix: 'Get a fresh token (from the identity provider, or from your backend for developer-authenticated identities) and call again.',
				factRef: 'GH-IOS2570; AF-2023'
			}
		);
	},
	issuerMismatch(): AwsError {
		return cognito(
			'NotAuthorizedException',
			"Invalid login token. Issuer doesn't match providerName",
			{
				explanation:
					"The token's iss claim does not belong to the provider named by its Logins key (for example a token from another user pool).",
				fix: 'Put the token under the Logins key of the provider that issued it, and configure that provider on the pool.',
				factRef: 'GH-CIJS40; EXT'
			}
		);
	},
	missingAud(): AwsError {
		return cognito('NotAuthorizedException', 'Invalid login token. Missing a required claim: aud', {
			explanation:
				'User pool access tokens carry client_id, not aud; identity pools need the ID token, which has aud.',
			fix: 'Send the user pool ID token, not the access token.',
			factRef: 'REPOST-AUD; UPIP'
		});
	},
	loginsDontMatch(): AwsError {
		return cognito(
			'NotAuthorizedException',
			"Logins don't match. Please include at least one valid login for this identity or identity pool",
			{
				explanation:
					'The Logins map names a provider this pool does not have, or none of its logins belongs to this identity.',
				fix: 'Configure the provider on the identity pool, and send a login that is linked to the identity.',
				factRef: 'GH-CIJS68'
			}
		);
	},
	ambiguousDeny(provider: string): AwsError {
		return cognito(
			'NotAuthorizedException',
			`The ambiguous role mapping rules for: ${provider} denied this request.`,
			{
				explanation:
					'Role mapping found no single role (no rule matched, or several roles and no preferred role) and AmbiguousRoleResolution is Deny.',
				fix: 'Add a rule that matches, fix the claim values, or set AmbiguousRoleResolution to AuthenticatedRole.',
				factRef: 'GH-AMP3621; RBAC; SDK-CI'
			}
		);
	},
	invalidConfiguration(explanation: string, factRef = 'SDK-CI; GH-AUTH196'): AwsError {
		return cognito(
			'InvalidIdentityPoolConfigurationException',
			'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
			{
				explanation,
				fix: "Attach a role for this kind of identity with SetIdentityPoolRoles, and make its trust policy allow cognito-identity.amazonaws.com with this pool's aud and the right amr.",
				factRef
			}
		);
	},
	resourceNotFound(kind: 'IdentityPool' | 'Identity', id: string): AwsError {
		return cognito('ResourceNotFoundException', `${kind} '${id}' not found.`, {
			explanation: `No ${kind === 'Identity' ? 'identity' : 'identity pool'} with this ID exists in this account and Region.`,
			fix: 'Check the ID and the Region it was created in.',
			factRef: 'SDK-CI',
			ambiguous: [
				{
					topic: 'identity-lifecycle',
					note: 'AWS documents this ambiguously: the model names ResourceNotFoundException, but its exact wording is not documented.',
					factRef: 'SDK-CI'
				}
			]
		});
	},
	resourceConflict(message: string, explanation: string): AwsError {
		return cognito('ResourceConflictException', message, {
			explanation,
			fix: 'Sign in with the login that is already linked, or unlink it first.',
			factRef: 'SDK-CI; AF-2023'
		});
	},
	developerUserAlreadyRegistered(): AwsError {
		return cognito(
			'DeveloperUserAlreadyRegisteredException',
			'The developer user identifier is already registered with a different identity ID.',
			{
				explanation:
					'This developer user identifier is already linked to another identity, so it cannot be attached to the identity you passed.',
				fix: 'Leave IdentityId empty to get the existing identity, or merge the identities with MergeDeveloperIdentities.',
				factRef: 'SDK-CI'
			}
		);
	},
	identityForbidden(identityId: string): AwsError {
		return cognito('NotAuthorizedException', `Access to identity '${identityId}' is forbidden.`, {
			explanation:
				'This identity was disabled, for example when it was merged into another identity.',
			fix: 'Drop the cached identity ID and call GetId again to get the current one.',
			factRef: 'GH-AMP6616; AF-2023',
			ambiguous: [
				{
					topic: 'identity-lifecycle',
					note: 'AWS documents this ambiguously: the error type for a disabled identity is not documented; the simulator uses NotAuthorizedException.',
					factRef: 'GH-AMP6616'
				}
			]
		});
	},
	customRoleNotInToken(roleArn: string): AwsError {
		return cognito(
			'NotAuthorizedException',
			`The role ${roleArn} is not one of the roles in the token.`,
			{
				explanation:
					'CustomRoleArn must be one of the roles in the cognito:roles claim of the user pool token.',
				fix: "Ask for a role of one of the user's groups, or leave CustomRoleArn out to get the preferred role.",
				factRef: 'RBAC',
				ambiguous: [
					{
						topic: 'role-mapping',
						note: 'AWS documents this ambiguously: the request is denied, but the error type and wording are not documented.',
						factRef: 'RBAC'
					}
				]
			}
		);
	},
	missingAuthentication(operation: string): AwsError {
		return cognito('MissingAuthenticationTokenException', 'Missing Authentication Token', {
			httpStatus: 403,
			explanation: `${operation} must be signed (SigV4) with AWS credentials of a developer or administrator; it is not a public API.`,
			fix: 'Call it from your backend with IAM credentials, never from the app.',
			factRef: 'SDK-CI; DEV',
			ambiguous: [
				{
					topic: 'developer-auth',
					note: 'AWS documents this ambiguously: the exact error returned for an unsigned call is not in the sources; the simulator uses the generic AWS MissingAuthenticationTokenException.',
					factRef: 'SDK-CI'
				}
			]
		});
	},
	callerNotAuthorized(principalArn: string, action: string, resource: string): AwsError {
		const message = `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource}`;
		const fix = `Allow ${action} for the caller (for a backend: the AWS managed policy AmazonCognitoDeveloperAuthenticatedIdentities).`;
		if (action.startsWith('cognito-identity:')) {
			// IAM refusing the caller is AWS's common AccessDeniedException (COMMON-ERRORS).
			return cognito('AccessDeniedException', message, {
				explanation:
					'The call was signed, but the IAM policies of the signing principal do not allow this action on this identity pool.',
				fix,
				factRef: 'MP-DEV; SDK-CI',
				ambiguous: [
					{
						topic: 'developer-auth',
						note: 'AWS documents this ambiguously: AccessDeniedException is one of the errors common to all AWS APIs, but the Cognito Identity reference does not say it is the one returned when IAM refuses the caller, nor its HTTP status (400 in the older common-error lists, 403 in newer ones) or message; the simulator uses it with HTTP 400 and the usual IAM wording.',
						factRef: 'SDK-CI'
					}
				]
			});
		}
		return cognito('NotAuthorizedException', message, {
			explanation:
				'The call was signed, but the IAM policies of the signing principal do not allow an action this call needs, such as passing a role to the pool.',
			fix,
			factRef: 'SDK-CI; MP-DEV; RBAC',
			ambiguous: [
				{
					topic: 'best-practices',
					note: 'AWS documents this ambiguously: NotAuthorizedException is the modelled error for callers without permission, but the message wording is not in the sources.',
					factRef: 'SDK-CI'
				}
			]
		});
	},
	tooManyRequests(operation: string, limit: number): AwsError {
		return cognito('TooManyRequestsException', 'Rate exceeded', {
			explanation: `${operation} was called more than ${limit} times in one second in this account and Region, its request-rate quota.`,
			fix: 'Retry with backoff (the AWS SDKs do this for you), cache the identity ID instead of calling GetId again, or ask for a quota increase in Service Quotas.',
			factRef: 'QUOTA-2023; SDK-CI',
			ambiguous: [
				{
					topic: 'best-practices',
					note: 'AWS documents this ambiguously: the quotas are in requests per second, but how AWS counts a second and the exact message are not documented; the simulator counts the last 1,000 ms of its clock and answers "Rate exceeded", the wording seen in reports.',
					factRef: 'QUOTA-2023'
				}
			]
		});
	},
	notImplemented(operation: string): AwsError {
		return cognito('InternalErrorException', `${operation} is not available in this simulator.`, {
			httpStatus: 500,
			explanation: 'The simulator does not model this operation.',
			fix: 'Use one of the modelled operations.',
			factRef: 'SDK-CI'
		});
	},
	iamNoSuchEntity(roleName: string): AwsError {
		return new AwsError(
			'NoSuchEntityException',
			`The role with name ${roleName} cannot be found.`,
			{
				service: 'iam',
				code: 'NoSuchEntity',
				httpStatus: 404,
				explanation: 'There is no IAM role with this name in the account.',
				fix: 'Check the role name.',
				factRef: 'RTP'
			}
		);
	},
	iamValidation(message: string): AwsError {
		return new AwsError('ValidationError', message, {
			service: 'iam',
			explanation: 'An IAM parameter is outside its allowed range.',
			fix: 'Role maximum session duration is between 1 and 12 hours (3,600 to 43,200 seconds).',
			factRef: 'SDK-STS; STS-API'
		});
	},
	iamOpenCognitoTrust(): AwsError {
		return new AwsError(
			'MalformedPolicyDocumentException',
			'Trust policy for the cognito-identity.amazonaws.com principal must restrict cognito-identity.amazonaws.com:aud to your identity pools.',
			{
				service: 'iam',
				code: 'MalformedPolicyDocument',
				explanation:
					'IAM does not let a role trust cognito-identity.amazonaws.com without conditions, because any identity pool in any account could then assume it.',
				fix: 'Add StringEquals on cognito-identity.amazonaws.com:aud (your pool ID) and ForAnyValue:StringLike on cognito-identity.amazonaws.com:amr.',
				factRef: 'IAMR; SECBP',
				ambiguous: [
					{
						topic: 'trust-policies',
						note: 'AWS documents this ambiguously: IAM refuses trust policies that let any identity pool assume the role, but the exact check and the error wording are not documented; the simulator requires an aud condition and words the refusal itself.',
						factRef: 'IAMR; SECBP'
					}
				]
			}
		);
	},
	stsAccessDenied(): AwsError {
		return sts('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', {
			httpStatus: 403,
			explanation:
				"The role's trust policy does not admit this token: the principal, the aud (pool ID) or the amr condition does not match.",
			fix: 'Trust cognito-identity.amazonaws.com with StringEquals on aud = your pool ID and ForAnyValue:StringLike on amr = authenticated or unauthenticated.',
			factRef: 'RTP; IAMR-2023'
		});
	},
	stsInvalidIdentityToken(message: string, explanation: string): AwsError {
		return sts('InvalidIdentityToken', message, {
			explanation,
			fix: 'Pass the token exactly as Cognito (or your OIDC provider) issued it.',
			factRef: 'SDK-STS; GH-AMP9704'
		});
	},
	stsExpiredToken(exp: number, now: number): AwsError {
		return sts(
			'ExpiredTokenException',
			// STS reports both times as epoch seconds (e.g. aws/aws-sdk-java-v2#5709).
			`Token expired: current date/time ${now} must be before the expiration date/time ${exp}`,
			{
				explanation:
					'The web identity token is past its exp: a GetOpenIdToken token lasts 10 minutes, a developer token its TokenDuration.',
				fix: 'Get a fresh token from Cognito and call STS right away.',
				factRef: 'SDK-STS; SDK-CI'
			}
		);
	},
	stsMalformedPolicy(message: string): AwsError {
		return sts('MalformedPolicyDocument', message, {
			explanation: 'The inline session policy is not a valid IAM policy document.',
			fix: 'Pass a JSON policy with Version and Statement, or leave Policy out.',
			factRef: 'SDK-STS'
		});
	},
	stsPackedPolicyTooLarge(): AwsError {
		return sts(
			'PackedPolicyTooLarge',
			'Packed policy consumes more than 100 percent of allotted space',
			{
				explanation:
					'The session policies and session tags, in the packed form STS stores in the session token, take more space than STS allows, even if each one is within its own plaintext limit.',
				fix: 'Pass fewer or shorter session policies or session tags.',
				factRef: 'SDK-STS',
				ambiguous: [
					{
						topic: 'enhanced-vs-basic',
						note: 'AWS documents this ambiguously: STS says the PackedPolicyTooLarge message reports the session token size and the allowed size, but its exact wording is not in the sources.',
						factRef: 'SDK-STS'
					}
				]
			}
		);
	},
	stsValidation(message: string, extra: Partial<Detail> = {}): AwsError {
		return sts('ValidationError', message, {
			explanation: 'A request parameter is missing or outside the allowed range.',
			fix: 'Check the parameter against the AssumeRoleWithWebIdentity reference.',
			factRef: 'SDK-STS; STS-API',
			...extra
		});
	}
};

/** Wraps any thrown value so callers only ever see an AwsError. */
export function toAwsError(err: unknown): AwsError {
	if (err instanceof AwsError) return err;
	const message = err instanceof Error ? err.message : String(err);
	return new AwsError('InternalErrorException', message, {
		service: 'cognito-identity',
		httpStatus: 500,
		explanation: 'The service failed while handling the request.',
		fix: 'Retry the request.',
		factRef: 'SDK-CI'
	});
}
