import type { BreakSettings, FlowId, ProviderId } from '../flows/index.ts';

/**
 * The identity-pool errors the explainer knows: AWS's error name, the message pattern as AWS words
 * it (with IDs, ARNs, times and tokens standing in as `<id>`, `<arn>`, `<n>`), the operations that
 * return it, and its likely causes in order, each with a fix and, where a "break it" setting
 * reproduces it, a replay. Every entry comes from the fact sheet's table of errors (2.7).
 */

export interface Replay {
	flowId: FlowId;
	provider?: ProviderId;
	settings: Partial<BreakSettings>;
	/** The catalogue step where AWS refuses. */
	step: string;
}

export interface KnownCause {
	id: string;
	cause: string;
	fix: string;
	replay?: Replay;
	/** Raises this cause when the operation is one of these. */
	likelierIn?: readonly string[];
}

export interface KnownError {
	id: string;
	/** AWS's error name; STS codes without `Exception` are matched with or without it. */
	name: string;
	/** The message, normalised (see normaliseMessage); undefined when AWS's wording is not documented. */
	message?: RegExp;
	/** The message as AWS prints it, for display. */
	shown: string;
	operations: readonly string[];
	service: 'cognito-identity' | 'sts';
	causes: readonly KnownCause[];
	factRef: string;
}

export const knownErrors: readonly KnownError[] = [
	{
		id: 'unauthenticated-not-supported',
		name: 'NotAuthorizedException',
		message: /^unauthenticated access is not supported for this identity pool\.?$/,
		shown: 'Unauthenticated access is not supported for this identity pool.',
		operations: ['GetId', 'GetCredentialsForIdentity'],
		service: 'cognito-identity',
		factRef: 'IDP; GH-AMP1089',
		causes: [
			{
				id: 'guest-access-off',
				cause:
					'The call had no Logins, so it asked for a guest identity, and the pool has guest access (AllowUnauthenticatedIdentities) off.',
				fix: 'If the user is meant to be signed in, send their token in Logins. If guests are meant to get credentials, turn guest access on and keep the unauthenticated role minimal.',
				replay: { flowId: 'enhanced-guest', settings: { guestAccess: false }, step: 'get-id' }
			},
			{
				id: 'logins-not-passed',
				cause:
					'The user signed in, but the app built its credentials provider (or the GetId call) without the Logins map, for example before the sign-in finished.',
				fix: 'Pass logins with the provider key and the ID or access token to fromCognitoIdentityPool (or to GetId and GetCredentialsForIdentity) after sign-in.'
			}
		]
	},
	{
		id: 'token-expired',
		name: 'NotAuthorizedException',
		message: /^invalid login token\. token expired: <n> >= <n>$/,
		shown: 'Invalid login token. Token expired: <now> >= <exp>',
		operations: ['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken'],
		service: 'cognito-identity',
		factRef: 'GH-IOS2570; AF-2023',
		causes: [
			{
				id: 'idp-token-expired',
				cause:
					"The identity provider's token in Logins is past its exp time: the app cached it and did not refresh it. The first number is Cognito's time, the second the token's exp (epoch seconds).",
				fix: 'Refresh the token with the provider (for a user pool, with the refresh token) before calling Cognito, and give the SDK a function that returns a fresh token.',
				replay: {
					flowId: 'enhanced-authenticated',
					settings: { expireToken: true },
					step: 'validate-login'
				}
			},
			{
				id: 'developer-token-expired',
				cause:
					'The Cognito token your backend got from GetOpenIdTokenForDeveloperIdentity has expired (15 minutes by default).',
				fix: 'Ask your backend for a new token, or set TokenDuration longer (at most 24 hours) if that risk is acceptable.',
				replay: {
					flowId: 'developer-enhanced',
					settings: { expireToken: true },
					step: 'get-credentials'
				},
				likelierIn: ['GetCredentialsForIdentity']
			}
		]
	},
	{
		id: 'issuer-mismatch',
		name: 'NotAuthorizedException',
		message: /^invalid login token\. issuer doesn'?t match providername\.?$/,
		shown: "Invalid login token. Issuer doesn't match providerName",
		operations: ['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken'],
		service: 'cognito-identity',
		factRef: 'GH-CIJS40; EXT',
		causes: [
			{
				id: 'other-user-pool',
				cause:
					'The token was issued by another user pool (or another provider) than the one its Logins key names: its iss claim does not match the key.',
				fix: 'Use the Logins key cognito-idp.<region>.amazonaws.com/<user pool ID> of the pool that issued the token, and configure that pool on the identity pool.',
				replay: {
					flowId: 'enhanced-authenticated',
					provider: 'userpool',
					settings: { otherPoolToken: true },
					step: 'validate-login'
				}
			},
			{
				id: 'wrong-login-key',
				cause:
					'The Logins key has a typo: a wrong Region or user pool ID, or for OIDC an issuer that differs from the provider name (scheme, path or trailing slash).',
				fix: "Copy the key from the token's iss claim without https://, and check it matches the provider configured on the pool."
			}
		]
	},
	{
		id: 'missing-aud',
		name: 'NotAuthorizedException',
		message: /^invalid login token\. missing a required claim: aud$/,
		shown: 'Invalid login token. Missing a required claim: aud',
		operations: ['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken'],
		service: 'cognito-identity',
		factRef: 'REPOST-AUD; UPIP',
		causes: [
			{
				id: 'access-token-sent',
				cause:
					'The app sent the user pool access token. Access tokens carry client_id, not aud; identity pools need the ID token.',
				fix: 'Put the ID token (idToken), not the access token, in Logins.',
				replay: {
					flowId: 'enhanced-authenticated',
					provider: 'userpool',
					settings: { sendAccessToken: true },
					step: 'validate-login'
				}
			}
		]
	},
	{
		id: 'bad-signature',
		name: 'NotAuthorizedException',
		message: /^invalid login token\. couldn'?t verify signed token\.?$/,
		shown: "Invalid login token. Couldn't verify signed token.",
		operations: ['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken'],
		service: 'cognito-identity',
		factRef: 'AF-2023',
		causes: [
			{
				id: 'token-edited',
				cause: 'The token was changed after the provider signed it, or was cut off on the way.',
				fix: 'Send the token exactly as the provider returned it; never edit or rebuild tokens.',
				replay: {
					flowId: 'enhanced-authenticated',
					settings: { tamperClaim: true },
					step: 'validate-login'
				}
			}
		]
	},
	{
		id: 'logins-dont-match',
		name: 'NotAuthorizedException',
		message:
			/^logins don'?t match\. please include at least one valid login for this identity or identity pool\.?$/,
		shown:
			"Logins don't match. Please include at least one valid login for this identity or identity pool",
		operations: ['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken'],
		service: 'cognito-identity',
		factRef: 'GH-CIJS68',
		causes: [
			{
				id: 'provider-not-configured',
				cause:
					'The Logins key names a provider the identity pool does not have (not in its user pools, social providers, OIDC or SAML providers).',
				fix: 'Add the provider to the identity pool, or correct the key to one the pool has.',
				likelierIn: ['GetId']
			},
			{
				id: 'cached-identity-other-user',
				cause:
					"The app sent an identity ID cached for another user (or a guest) with a login that isn't linked to it.",
				fix: 'Clear the cached identity ID when the user changes and call GetId again.',
				likelierIn: ['GetCredentialsForIdentity', 'GetOpenIdToken']
			}
		]
	},
	{
		id: 'ambiguous-deny',
		name: 'NotAuthorizedException',
		message: /^the ambiguous role mapping rules for: .+ denied this request\.?$/,
		shown: 'The ambiguous role mapping rules for: <provider> denied this request.',
		operations: ['GetCredentialsForIdentity'],
		service: 'cognito-identity',
		factRef: 'GH-AMP3621; RBAC; SDK-CI',
		causes: [
			{
				id: 'no-rule-matched',
				cause:
					"No rule of the provider's role mapping matched the token's claims, and AmbiguousRoleResolution is Deny.",
				fix: 'Check the claim names (custom attributes need the custom: prefix) and values against a decoded token, add a rule that matches, or set AmbiguousRoleResolution to AuthenticatedRole.',
				replay: {
					flowId: 'enhanced-authenticated',
					settings: { roleMapping: 'rules-no-match-deny' },
					step: 'choose-role'
				}
			},
			{
				id: 'token-no-preferred-role',
				cause:
					'The mapping is "Choose role from token" and the token has no single cognito:preferred_role: the user is in no group with a role, or in groups of equal precedence with different roles.',
				fix: 'Give the groups distinct precedences, or send CustomRoleArn with one of the roles in cognito:roles.'
			}
		]
	},
	{
		id: 'invalid-configuration',
		name: 'InvalidIdentityPoolConfigurationException',
		message: /^invalid identity pool configuration\. check assigned iam roles for this pool\.?$/,
		shown: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
		operations: ['GetCredentialsForIdentity'],
		service: 'cognito-identity',
		factRef: 'SDK-CI; GH-AUTH196',
		causes: [
			{
				id: 'trust-wrong-aud',
				cause:
					"The role's trust policy does not accept this pool: its cognito-identity.amazonaws.com:aud condition names another identity pool ID.",
				fix: "Set the aud condition to this pool's ID (REGION:GUID).",
				replay: {
					flowId: 'enhanced-authenticated',
					settings: { trust: 'wrong-aud' },
					step: 'check-trust'
				}
			},
			{
				id: 'trust-wrong-amr',
				cause:
					'The amr condition asks for the other kind of identity: "authenticated" on the guest role, or "unauthenticated" on the signed-in role.',
				fix: 'Use amr "unauthenticated" on the guest role and "authenticated" on roles for signed-in users.',
				replay: {
					flowId: 'enhanced-authenticated',
					settings: { trust: 'wrong-amr' },
					step: 'check-trust'
				}
			},
			{
				id: 'no-role',
				cause:
					'The pool has no role for this kind of identity (no unauthenticated role for guests, or no authenticated role), or the role was deleted.',
				fix: 'Attach both roles with SetIdentityPoolRoles (or in the console), and check the role still exists.'
			},
			{
				id: 'trust-not-cognito',
				cause:
					'The trust policy does not trust cognito-identity.amazonaws.com with sts:AssumeRoleWithWebIdentity at all (for example it was written for another service).',
				fix: 'Use the documented trust policy: Federated cognito-identity.amazonaws.com, sts:AssumeRoleWithWebIdentity, with aud and amr conditions.',
				replay: {
					flowId: 'enhanced-authenticated',
					settings: { trust: 'no-conditions' },
					step: 'check-trust'
				}
			}
		]
	},
	{
		id: 'classic-flow-disabled',
		name: 'InvalidParameterException',
		message: /^basic \(classic\) flow is not enabled, please use enhanced flow\.?$/,
		shown: 'Basic (classic) flow is not enabled, please use enhanced flow.',
		operations: ['GetOpenIdToken'],
		service: 'cognito-identity',
		factRef: 'GH-CLI7652; GH-AMP9704',
		causes: [
			{
				id: 'classic-off',
				cause:
					'The app uses the basic flow (GetOpenIdToken, then STS), and the pool has AllowClassicFlow off.',
				fix: 'Use the enhanced flow (GetCredentialsForIdentity; the SDK credential providers already do), or turn AllowClassicFlow on if the app must choose roles itself.',
				replay: {
					flowId: 'basic-authenticated',
					settings: { classicFlow: false },
					step: 'get-open-id-token'
				}
			}
		]
	},
	{
		id: 'classic-with-role-mappings',
		name: 'InvalidParameterException',
		message:
			/^basic \(classic\) flow is not supported with rolemappings, please use enhanced flow\.?$/,
		shown: 'Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.',
		operations: ['GetOpenIdToken'],
		service: 'cognito-identity',
		factRef: 'GH-RUM172; GH-QS12',
		causes: [
			{
				id: 'mappings-and-basic',
				cause:
					'The pool has role mappings, which Cognito applies only in the enhanced flow, and the app called GetOpenIdToken.',
				fix: 'Use the enhanced flow, or remove the role mappings if the app must choose roles itself.'
			}
		]
	},
	{
		id: 'sts-access-denied',
		name: 'AccessDenied',
		message: /^not authorized to perform sts:assumerolewithwebidentity\.?$/,
		shown: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
		operations: ['AssumeRoleWithWebIdentity'],
		service: 'sts',
		factRef: 'RTP',
		causes: [
			{
				id: 'basic-trust-wrong-aud',
				cause:
					"Basic flow: the role's trust policy does not accept tokens from this pool (its aud condition names another pool ID).",
				fix: "Set the aud condition to this pool's ID.",
				replay: {
					flowId: 'basic-authenticated',
					settings: { trust: 'wrong-aud' },
					step: 'check-trust'
				}
			},
			{
				id: 'basic-trust-wrong-amr',
				cause:
					'Basic flow: the amr condition does not fit the token, for example a guest token for a role that requires "authenticated".',
				fix: 'Ask STS for the role meant for this kind of identity, or fix the amr condition.',
				replay: {
					flowId: 'basic-authenticated',
					settings: { trust: 'wrong-amr' },
					step: 'check-trust'
				}
			},
			{
				id: 'wrong-role-arn',
				cause:
					'The app asked STS for a role whose trust policy is not written for this identity pool at all (a typo in RoleArn, or a role of another app).',
				fix: 'Check the RoleArn the app sends.'
			}
		]
	},
	{
		id: 'identity-forbidden',
		name: 'NotAuthorizedException',
		message: /^access to identity '?<id>'? is forbidden\.?$/,
		shown: "Access to identity '<identity ID>' is forbidden.",
		operations: ['GetCredentialsForIdentity', 'GetOpenIdToken', 'GetId'],
		service: 'cognito-identity',
		factRef: 'GH-AMP6616; AF-2023',
		causes: [
			{
				id: 'merged-identity',
				cause:
					'The app used a cached identity ID that was disabled, for example when a guest identity was merged into a signed-in one.',
				fix: 'Drop the cached identity ID and call GetId again to get the current one.'
			}
		]
	},
	{
		id: 'sts-expired-token',
		name: 'ExpiredTokenException',
		shown: '(STS) the web identity token has expired',
		operations: ['AssumeRoleWithWebIdentity'],
		service: 'sts',
		factRef: 'SDK-STS',
		causes: [
			{
				id: 'cognito-token-expired',
				cause:
					'Basic flow: the Cognito token passed to STS is past its lifetime (10 minutes from GetOpenIdToken; 15 minutes by default from GetOpenIdTokenForDeveloperIdentity).',
				fix: 'Get a new token right before calling STS.',
				replay: { flowId: 'developer-basic', settings: { expireToken: true }, step: 'assume-role' }
			}
		]
	},
	{
		id: 'sts-invalid-token',
		name: 'InvalidIdentityTokenException',
		shown: '(STS) the web identity token could not be validated',
		operations: ['AssumeRoleWithWebIdentity'],
		service: 'sts',
		factRef: 'SDK-STS; GH-AMP9704',
		causes: [
			{
				id: 'token-not-valid',
				cause:
					'The WebIdentityToken is not a token STS can validate: edited, cut off, or not a JWT at all (for example an identity ID passed instead of the token).',
				fix: 'Pass the Token from GetOpenIdToken (or your backend) unchanged.',
				replay: { flowId: 'developer-basic', settings: { tamperClaim: true }, step: 'assume-role' }
			}
		]
	},
	{
		id: 'resource-not-found',
		name: 'ResourceNotFoundException',
		shown: '(the identity pool or identity does not exist)',
		operations: [
			'GetId',
			'GetCredentialsForIdentity',
			'GetOpenIdToken',
			'GetOpenIdTokenForDeveloperIdentity'
		],
		service: 'cognito-identity',
		factRef: 'SDK-CI',
		causes: [
			{
				id: 'wrong-pool-or-region',
				cause:
					'The identity pool ID or identity ID does not exist in the Region the client calls: a typo, a deleted pool, or a client configured for another Region.',
				fix: "Check the pool ID and set the client's Region to the one in the pool ID (the part before the colon)."
			}
		]
	},
	{
		id: 'too-many-requests',
		name: 'TooManyRequestsException',
		shown: '(the request rate is above the quota)',
		operations: [
			'GetId',
			'GetCredentialsForIdentity',
			'GetOpenIdToken',
			'GetOpenIdTokenForDeveloperIdentity'
		],
		service: 'cognito-identity',
		factRef: 'SDK-CI; QUOTA-2023',
		causes: [
			{
				id: 'throttled',
				cause:
					'Calls exceed the per-account request rate for this operation (GetId has the lowest quota).',
				fix: 'Cache the identity ID instead of calling GetId on every start, retry with backoff, or ask for a quota increase.'
			}
		]
	},
	{
		id: 'external-service',
		name: 'ExternalServiceException',
		shown: '(an identity provider did not respond)',
		operations: ['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken'],
		service: 'cognito-identity',
		factRef: 'SDK-CI',
		causes: [
			{
				id: 'idp-down',
				cause:
					'Cognito had to ask the identity provider (for example Facebook) about the token, and it did not answer.',
				fix: 'Retry later with backoff.'
			}
		]
	}
];
