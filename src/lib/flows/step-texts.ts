import {
	findFlow,
	providers as providerTable,
	type FlowId,
	type LaneId,
	type ProviderId
} from './catalogue.ts';
import type { BreakSettings, StepKind } from './types.ts';

/**
 * Where each step's arrow goes and what the app says about it. Every statement here comes from the
 * fact sheet, with its tags in `factRef`; the runner adds the real requests and responses.
 */

export interface StepLayout {
	kind: StepKind;
	from: LaneId;
	to: LaneId;
	label: string;
	insideAws: boolean;
	signed: boolean;
}

export interface StepText {
	narration: string;
	why: string;
	factRef: string;
	examTip?: string;
	ambiguous?: string[];
}

export interface TextContext {
	flowId: FlowId;
	provider?: ProviderId;
	/** The Logins key the app uses, when it sends one. */
	loginKey?: string;
	settings: BreakSettings;
	/** For call-service: what was called and whether the policy allowed it. */
	service?: { label: string; allowed: boolean };
}

const isEnhanced = (flowId: FlowId) => findFlow(flowId)?.family === 'enhanced';
const isGuest = (flowId: FlowId) => findFlow(flowId)?.identity === 'guest';
const isDeveloper = (flowId: FlowId) => findFlow(flowId)?.identity === 'developer';

/** What the identity provider hands the app, as the fact sheet names it (1.0). */
function proofArtifact(provider: ProviderId | undefined): string {
	switch (provider) {
		case 'facebook':
		case 'amazon':
			return 'an access token';
		case 'saml':
			return 'a SAML assertion (a base64-encoded SAML response)';
		case 'userpool':
			return 'an ID token (and an access token, which Cognito Identity does not accept)';
		default:
			return 'an ID token';
	}
}

/** The arrow of a step in a flow. */
export function stepLayout(flowId: FlowId, stepId: string, provider?: ProviderId): StepLayout {
	const enhanced = isEnhanced(flowId);
	const internal = (lane: LaneId, label: string): StepLayout => ({
		kind: 'internal',
		from: lane,
		to: lane,
		label,
		insideAws: true,
		signed: false
	});
	switch (stepId) {
		case 'sign-in':
			return isDeveloper(flowId)
				? {
						kind: 'call',
						from: 'app',
						to: 'backend',
						label: 'Sign in (your auth system)',
						insideAws: false,
						signed: false
					}
				: {
						kind: 'call',
						from: 'app',
						to: 'idp',
						label: `Sign in with ${providerTable[provider ?? 'userpool'].label}`,
						insideAws: false,
						signed: false
					};
		case 'get-id':
			return {
				kind: 'call',
				from: 'app',
				to: 'cognito',
				label: 'GetId',
				insideAws: false,
				signed: false
			};
		case 'validate-login':
			return internal('cognito', 'Validate the login token');
		case 'create-identity':
			return internal('cognito', 'Create a guest identity');
		case 'get-credentials':
			return {
				kind: 'call',
				from: 'app',
				to: 'cognito',
				label: 'GetCredentialsForIdentity',
				insideAws: false,
				signed: false
			};
		case 'choose-role':
			return internal('cognito', 'Choose the role');
		case 'get-open-id-token':
			return {
				kind: 'call',
				from: 'app',
				to: 'cognito',
				label: 'GetOpenIdToken',
				insideAws: false,
				signed: false
			};
		case 'get-open-id-token-for-developer-identity':
			return {
				kind: 'call',
				from: 'backend',
				to: 'cognito',
				label: 'GetOpenIdTokenForDeveloperIdentity',
				insideAws: false,
				signed: true
			};
		case 'return-token':
			return {
				kind: 'return',
				from: 'backend',
				to: 'app',
				label: 'IdentityId and Token',
				insideAws: false,
				signed: false
			};
		case 'assume-role':
			return enhanced
				? {
						kind: 'call',
						from: 'cognito',
						to: 'sts',
						label: 'AssumeRoleWithWebIdentity',
						insideAws: true,
						signed: false
					}
				: {
						kind: 'call',
						from: 'app',
						to: 'sts',
						label: 'AssumeRoleWithWebIdentity',
						insideAws: false,
						signed: false
					};
		case 'check-trust':
			return internal('sts', 'Check the role trust policy');
		case 'return-credentials':
			return enhanced
				? {
						kind: 'return',
						from: 'cognito',
						to: 'app',
						label: 'Credentials (SecretKey)',
						insideAws: false,
						signed: false
					}
				: {
						kind: 'return',
						from: 'sts',
						to: 'app',
						label: 'Credentials (SecretAccessKey)',
						insideAws: false,
						signed: false
					};
		case 'call-service':
			return {
				kind: 'call',
				from: 'app',
				to: 'service',
				label: 'Call the AWS service',
				insideAws: false,
				signed: true
			};
		default:
			throw new Error(`No layout for step ${stepId}`);
	}
}

const guestScopeDownNote =
	'AWS documents this ambiguously: which services the guest scope-down policy allows today (the 2023 inline list, the newer managed policy, or both) is not confirmed; the simulator treats it as an AWS-defined allow-list.';

/** The narration, explanation, fact references and exam tip of a step. */
export function stepText(stepId: string, ctx: TextContext): StepText {
	const { flowId, provider, settings } = ctx;
	const guest = isGuest(flowId);
	const enhanced = isEnhanced(flowId);
	const providerLabel = providerTable[provider ?? 'userpool'].label;
	const key = ctx.loginKey ? `\`${ctx.loginKey}\`` : 'the provider’s key';
	switch (stepId) {
		case 'sign-in':
			if (isDeveloper(flowId)) {
				return {
					narration: 'The user signs in to your own authentication system, through your backend.',
					why: 'With developer-authenticated identities there is no identity-provider token for Cognito to check: your backend signs the user in and vouches for them, outside Cognito.',
					factRef: 'AF; DEV',
					examTip:
						'Your own user directory and no IdP tokens: use developer-authenticated identities.'
				};
			}
			return {
				narration: `The user signs in with ${providerLabel}, and the app receives ${proofArtifact(provider)}.`,
				why: 'An identity pool does not sign users in: it trusts a token that an identity provider issued. Signing in happens outside Cognito Identity, and the app keeps the token for the Logins map of its next calls.',
				factRef: 'AF; SDK-CI',
				examTip:
					provider === 'facebook' || provider === 'amazon'
						? 'Facebook and Login with Amazon give an access token; Google, Apple, user pools and OIDC providers give an ID token.'
						: provider === 'saml'
							? 'SAML providers work only with the enhanced flow.'
							: provider === 'userpool' || provider === undefined
								? 'Put the user pool ID token (not the access token) under cognito-idp.<region>.amazonaws.com/<userPoolId>.'
								: 'Google, Apple and OIDC providers give an ID token; Facebook and Login with Amazon an access token.'
			};
		case 'get-id':
			if (guest) {
				return {
					narration:
						'The app calls GetId with only the identity pool ID: no Logins means a guest identity.',
					why: 'A GetId call without Logins asks for an unauthenticated identity, which the pool allows only when AllowUnauthenticatedIdentities is true. The app should cache the identity ID and reuse it next time.',
					factRef: 'AF-2023; IDP; GH-AMP1089',
					examTip:
						'Guest access off: NotAuthorizedException "Unauthenticated access is not supported for this identity pool."'
				};
			}
			return {
				narration: `The app calls GetId with the pool ID and the ${providerLabel} token under ${key}, without AWS credentials.`,
				why: 'GetId is a public, unsigned API: the token is the proof. Cognito returns the identity ID already linked to this login, or creates an authenticated identity the first time it sees the login.',
				factRef: 'AF; AF-2023; SDK-CI',
				examTip:
					'GetId, GetOpenIdToken, GetCredentialsForIdentity and STS AssumeRoleWithWebIdentity need no AWS credentials.'
			};
		case 'validate-login':
			return {
				narration:
					provider === 'facebook' || provider === 'amazon'
						? `Cognito checks the ${providerLabel} access token: that it is valid, was issued for the configured app and has not expired.`
						: provider === 'saml'
							? 'Cognito checks the SAML assertion: its signature, its issuer and its expiry.'
							: `Cognito checks the ${providerLabel} token: signature, issuer, audience and expiry.`,
				why: 'Before it returns an identity, Cognito checks that the token is valid and comes from the configured provider, is not expired, was issued for the configured app or client ID, and belongs to the user.',
				factRef: provider === 'saml' ? 'AF-2023; EXT saml' : 'AF-2023; SDK-CI',
				examTip:
					provider === 'userpool' || provider === undefined
						? 'The access token instead of the ID token fails with "Invalid login token. Missing a required claim: aud".'
						: provider === 'saml'
							? 'SAML works only in the enhanced flow; when the assertion carries several roles, pick one with CustomRoleArn.'
							: provider === 'facebook' || provider === 'amazon'
								? 'Cognito has to ask the provider about its access token; if the provider does not answer, the call fails with ExternalServiceException.'
								: 'An expired token fails with NotAuthorizedException "Invalid login token. Token expired: …".'
			};
		case 'create-identity':
			return {
				narration: 'Cognito creates a new guest identity and returns its identity ID.',
				why: 'A guest identity is an identity ID in REGION:GUID form with no linked logins. A pool can hold any number of identities, so the unauthenticated role must grant very little.',
				factRef: 'SDK-CI; QUOTA-2023; AF-2023',
				examTip:
					'Cache the guest identity ID. When the user later signs in, the identity is kept or merged into the authenticated one.'
			};
		case 'get-credentials':
			if (isDeveloper(flowId)) {
				return {
					narration:
						'The app calls GetCredentialsForIdentity with the identity ID and the backend’s token under the Logins key `cognito-identity.amazonaws.com`.',
					why: 'The token from GetOpenIdTokenForDeveloperIdentity is Cognito’s own, so the app sends it under Cognito’s key. This call is unsigned, like the rest of the app’s calls.',
					factRef: 'DEV; AF; SDK-CI',
					examTip:
						'The developer token goes under `cognito-identity.amazonaws.com`, not under your developer provider name.'
				};
			}
			return {
				narration: guest
					? 'The app calls GetCredentialsForIdentity with the identity ID and no Logins.'
					: 'The app calls GetCredentialsForIdentity with the identity ID and the same Logins.',
				why: guest
					? 'For a guest identity the app sends no Logins at all. In the enhanced flow this one unsigned call returns AWS credentials: Cognito picks the role and calls STS itself.'
					: 'In the enhanced flow this one unsigned call returns AWS credentials: Cognito picks the role and calls STS itself, so no role ARN is in the app and every call goes to Cognito.',
				factRef: guest ? 'SDK-CI; AF' : 'AF; AF-2023; BLOG4',
				examTip: 'Enhanced flow: GetId, then GetCredentialsForIdentity. Cognito calls STS for you.'
			};
		case 'choose-role':
			return chooseRoleText(flowId, settings);
		case 'assume-role':
			if (enhanced) {
				return {
					narration: guest
						? 'Cognito calls STS AssumeRoleWithWebIdentity for the unauthenticated role, adding its scope-down session policy.'
						: 'Inside AWS, Cognito calls STS AssumeRoleWithWebIdentity with its own token for the identity.',
					why: guest
						? 'For guests in the enhanced flow Cognito passes session policies on its STS call, so the guest gets only what both the role and that AWS-defined allow-list permit.'
						: 'The enhanced flow does the equivalent of GetOpenIdToken and AssumeRoleWithWebIdentity on the app’s behalf; the app never talks to STS.',
					factRef: guest ? 'IAMR-2023; MP-NEW; AF' : 'AF; AF-2023; BLOG4',
					examTip: guest
						? 'Enhanced-flow guest credentials are cut down by an AWS session policy; the basic flow applies none.'
						: 'In the enhanced flow Cognito, not the app, calls STS.',
					...(guest ? { ambiguous: [guestScopeDownNote] } : {})
				};
			}
			return {
				narration:
					'The app calls STS AssumeRoleWithWebIdentity itself, with the Cognito token and a role ARN it chose.',
				why: 'In the basic flow the app picks the role: any role whose trust policy accepts the Cognito token. The call is unsigned; the web identity token is the proof. No guest scope-down policy is added.',
				factRef: 'AF; AF-2023; SDK-STS; IAMR-2023',
				examTip:
					'Basic flow: the app chooses the role ARN and calls STS; Cognito adds no session policy.'
			};
		case 'check-trust':
			return {
				narration: `STS checks the role’s trust policy: principal cognito-identity.amazonaws.com, aud equal to the pool ID, amr containing ${guest ? 'unauthenticated' : 'authenticated'}.`,
				why: 'Cognito’s token carries aud = the identity pool ID and an amr list (authenticated or unauthenticated, plus the provider used). The trust policy of the role must allow sts:AssumeRoleWithWebIdentity for that principal, and its aud and amr conditions must match.',
				factRef: 'RTP; IAMR-2023; SECBP',
				examTip: enhanced
					? 'In the enhanced flow a trust failure reaches the app as InvalidIdentityPoolConfigurationException.'
					: 'In the basic flow a trust failure is STS AccessDenied "Not authorized to perform sts:AssumeRoleWithWebIdentity".'
			};
		case 'return-credentials':
			if (enhanced) {
				return {
					narration:
						'Cognito returns the identity ID and credentials: AccessKeyId, SecretKey, SessionToken and Expiration, valid for 1 hour.',
					why: 'Enhanced-flow credentials last one hour, and GetCredentialsForIdentity has no parameter to change that. Cognito names the secret SecretKey; the SDK’s credential provider maps it to secretAccessKey.',
					factRef: 'AF; SDK-CI; CRED-JS',
					examTip: 'Cognito returns SecretKey; STS returns SecretAccessKey.'
				};
			}
			return {
				narration:
					'STS returns credentials (AccessKeyId, SecretAccessKey, SessionToken, Expiration) straight to the app.',
				why: 'STS credentials last DurationSeconds: 900 seconds up to the role’s maximum session duration, 1 hour by default. With a Cognito token, SubjectFromWebIdentityToken is the identity ID and Audience the pool ID.',
				factRef: 'SDK-STS; STS-API; RTP; IAMR-2023',
				examTip: 'STS returns SecretAccessKey; Cognito returns SecretKey.'
			};
		case 'call-service': {
			const service = ctx.service;
			const verdict = service
				? service.allowed
					? ' Its policies allow it.'
					: ' Its policies deny it.'
				: '';
			return {
				narration: `The app calls ${service?.label ?? 'an AWS service'}, signing the request with the temporary credentials.${verdict}`,
				why: 'Temporary credentials sign requests like any AWS credentials. The assumed role’s permission policies decide, with ${cognito-identity.amazonaws.com:sub} standing for the identity ID so each user reaches only their own data.',
				factRef: 'AF; IAMR-2023',
				examTip:
					'Per-user isolation: ${cognito-identity.amazonaws.com:sub} in an S3 prefix or in DynamoDB dynamodb:LeadingKeys.'
			};
		}
		case 'get-open-id-token':
			return {
				narration: guest
					? 'The app calls GetOpenIdToken with only the identity ID and gets a Cognito OpenID token, valid 10 minutes.'
					: 'The app calls GetOpenIdToken with the identity ID and the Logins and gets a Cognito OpenID token, valid 10 minutes.',
				why: 'GetOpenIdToken is the basic flow’s second call and works only when the pool allows the classic flow. The OpenID Connect token it returns is issued by the identity pool; the app hands it to STS.',
				factRef: guest ? 'AF-2023; SDK-CI; GH-CLI7652' : 'AF; SDK-CI; GH-CLI7652',
				examTip:
					'Classic flow off: InvalidParameterException "Basic (classic) flow is not enabled, please use enhanced flow."'
			};
		case 'get-open-id-token-for-developer-identity':
			return {
				narration:
					'Your backend calls GetOpenIdTokenForDeveloperIdentity, signed with its IAM credentials, with your user ID under the developer provider name.',
				why: 'Because the call is signed with developer credentials, Cognito trusts the user identifier instead of checking an IdP token. It returns the identity ID (created the first time) and an OpenID token valid for 15 minutes by default, 24 hours at most.',
				factRef: 'AF; AF-2023; DEV; SDK-CI',
				examTip:
					'Only your backend calls GetOpenIdTokenForDeveloperIdentity: it needs developer IAM credentials.'
			};
		case 'return-token':
			return {
				narration: 'Your backend returns the identity ID and the Cognito token to the app.',
				why: 'This replaces the app’s GetId and GetOpenIdToken calls: the app now holds an identity ID and a token Cognito issued.',
				factRef: 'DEV; AF-2023'
			};
		default:
			throw new Error(`No text for step ${stepId}`);
	}
}

function chooseRoleText(flowId: FlowId, settings: BreakSettings): StepText {
	if (isGuest(flowId)) {
		return {
			narration: 'Cognito picks the pool’s unauthenticated role for the guest.',
			why: 'Guests always get the pool’s unauthenticated role. With no unauthenticated role attached, GetCredentialsForIdentity fails with InvalidIdentityPoolConfigurationException.',
			factRef: 'IAMR-2023; SDK-CI'
		};
	}
	if (isDeveloper(flowId)) {
		return {
			narration: 'Cognito picks the pool’s default authenticated role.',
			why: 'For developer-authenticated identities, GetCredentialsForIdentity issues credentials for the pool’s default authenticated role.',
			factRef: 'API-GCFI'
		};
	}
	const base =
		'In the enhanced flow the pool chooses the role: its default authenticated role, a role claim from the token, or the first rule that matches a claim.';
	switch (settings.roleMapping) {
		case 'token':
			return {
				narration: 'Cognito takes the role from the token’s cognito:preferred_role claim.',
				why: `${base} With "Choose role from token", cognito:preferred_role is the role of the user’s group with the lowest precedence.`,
				factRef: 'RBAC; UPG; API-GCFI',
				examTip:
					'Group roles need the pool’s role selection set to "Choose role from token"; the lowest precedence wins.'
			};
		case 'rules':
			return {
				narration:
					'Cognito tries the role-mapping rules in order and uses the role of the first rule that matches.',
				why: `${base} Rules compare a claim with Equals, Contains, StartsWith or NotEqual; up to 25 per provider, first match wins.`,
				factRef: 'RBAC; API-RCT; SDK-CI',
				examTip: 'Rules are evaluated in order and the first match wins.'
			};
		case 'rules-no-match-deny':
			return {
				narration: 'No role-mapping rule matches, and AmbiguousRoleResolution is Deny.',
				why: `${base} When no rule matches, AmbiguousRoleResolution decides: AuthenticatedRole falls back to the default role, Deny refuses the request.`,
				factRef: 'RBAC; SDK-CI; GH-AMP3621',
				examTip: 'No match with Deny: NotAuthorizedException.'
			};
		case 'rules-no-match-default':
			return {
				narration:
					'No role-mapping rule matches, so AmbiguousRoleResolution falls back to the default authenticated role.',
				why: `${base} When no rule matches, AmbiguousRoleResolution decides: AuthenticatedRole falls back to the default role, Deny refuses the request.`,
				factRef: 'RBAC; SDK-CI',
				examTip: 'No match with AuthenticatedRole: the pool’s default authenticated role.'
			};
		default:
			return {
				narration: 'Cognito picks the pool’s default authenticated role.',
				why: base,
				factRef: 'AF; API-GCFI',
				examTip:
					'Role mapping types are Token and Rules; without them, everyone signed in gets the authenticated role.'
			};
	}
}
