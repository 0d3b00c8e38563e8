import {
	findFlow,
	flows,
	providers as providerTable,
	type FlowId,
	type FlowTraits,
	type ProviderId
} from './catalogue.ts';
import { defaultBreakSettings, type BreakSettings } from './types.ts';

/**
 * The "break it" controls: what each setting is called, what it does to the simulated world, and
 * which flows and providers it makes sense for. The controls panel renders these; the runner and the
 * deep-link codec use the same table to decide which settings apply.
 */

export type BreakKey = keyof BreakSettings | 'provider';

export interface BreakChoice {
	value: string;
	label: string;
	/** What happens in the run with this choice. */
	help: string;
}

export interface BreakOption {
	key: BreakKey;
	/** Query parameter name in deep links. */
	param: string;
	label: string;
	help: string;
	kind: 'toggle' | 'choice';
	/** For toggles: the label of the "on" state (the setting's `true`). */
	onLabel?: string;
	offLabel?: string;
	/** For choices: the values in display order, the first being the default. */
	choices?: readonly BreakChoice[];
	/** Flows the option changes; elsewhere it is hidden and ignored. */
	flows: readonly FlowId[];
	/** When set, the option only applies with these identity providers. */
	providers?: readonly ProviderId[];
}

/** Ids of the flows whose catalogue traits match. */
const flowsWhere = (test: (flow: FlowTraits) => boolean): readonly FlowId[] =>
	flows.filter(test).map((f) => f.id);

const authFlows = flowsWhere((f) => f.identity === 'signed-in');
const guestFlows = flowsWhere((f) => f.identity === 'guest');
const tokenFlows = flowsWhere((f) => f.identity !== 'guest');
const allFlows = flowsWhere(() => true);
/** GetOpenIdToken is only in the basic flow's own start; developer flows get their token otherwise. */
const getOpenIdTokenFlows = flowsWhere((f) => f.family === 'basic' && f.identity !== 'developer');

export const breakOptions: readonly BreakOption[] = [
	{
		key: 'provider',
		param: 'provider',
		label: 'Identity provider',
		help: 'Who signs the user in. The Logins key and the kind of token change with it: an ID token for user pools, Google, Apple and OIDC, an access token for Facebook and Login with Amazon, a SAML assertion for SAML (enhanced flow only).',
		kind: 'choice',
		choices: (Object.keys(providerTable) as ProviderId[]).map((id) => ({
			value: id,
			label: providerTable[id].label,
			help:
				id === 'saml'
					? 'A base64 SAML response under the IAM SAML provider ARN; Cognito supports SAML only in the enhanced flow.'
					: `Signs in with ${providerTable[id].label} and sends its token in Logins.`
		})),
		flows: authFlows
	},
	{
		key: 'guestAccess',
		param: 'guest',
		label: 'Guest access',
		help: 'AllowUnauthenticatedIdentities on the identity pool. Off: a GetId call with no Logins is refused with NotAuthorizedException.',
		kind: 'toggle',
		onLabel: 'On',
		offLabel: 'Off',
		flows: guestFlows
	},
	{
		key: 'classicFlow',
		param: 'classic',
		label: 'Basic (classic) flow',
		help: 'AllowClassicFlow on the identity pool. Off: GetOpenIdToken is refused with InvalidParameterException, and only the enhanced flow works.',
		kind: 'toggle',
		onLabel: 'Allowed',
		offLabel: 'Not allowed',
		flows: getOpenIdTokenFlows
	},
	{
		key: 'roleMapping',
		param: 'mapping',
		label: 'Role selection',
		help: 'How Cognito picks the role for a signed-in user in the enhanced flow: the default authenticated role, the role from the token (user pool groups), or rules that match claims.',
		kind: 'choice',
		choices: [
			{
				value: 'default',
				label: 'Default roles',
				help: "Every signed-in user gets the pool's authenticated role."
			},
			{
				value: 'token',
				label: 'Choose role from token',
				help: "Cognito uses cognito:preferred_role from the user pool ID token: the role of the user's group with the lowest precedence. In this demo, a token without roles (any provider but the user pool) gets the default authenticated role."
			},
			{
				value: 'rules',
				label: 'Rules (a rule matches)',
				help: 'A rule matches a claim of the token, so Cognito uses that rule’s role; rules are tried in order and the first match wins.'
			},
			{
				value: 'rules-no-match-deny',
				label: 'Rules, no match, Deny',
				help: 'No rule matches and AmbiguousRoleResolution is Deny: GetCredentialsForIdentity is refused with NotAuthorizedException.'
			},
			{
				value: 'rules-no-match-default',
				label: 'Rules, no match, AuthenticatedRole',
				help: 'No rule matches and AmbiguousRoleResolution is AuthenticatedRole: Cognito falls back to the default authenticated role.'
			}
		],
		flows: flowsWhere((f) => f.family === 'enhanced' && f.identity === 'signed-in')
	},
	{
		key: 'trust',
		param: 'trust',
		label: 'Role trust policy',
		help: 'The conditions in the trust policy of the role being assumed. STS checks them against the Cognito token: aud must be the pool ID and amr must say authenticated or unauthenticated.',
		kind: 'choice',
		choices: [
			{
				value: 'correct',
				label: 'Correct conditions',
				help: 'StringEquals on aud = this pool ID and ForAnyValue:StringLike on amr for this kind of identity.'
			},
			{
				value: 'wrong-aud',
				label: 'Wrong aud',
				help: "The aud condition names another identity pool, so STS refuses this pool's token."
			},
			{
				value: 'wrong-amr',
				label: 'Wrong amr',
				help: 'The amr condition asks for the other kind of identity (authenticated instead of unauthenticated, or the reverse).'
			},
			{
				value: 'no-conditions',
				label: 'No conditions',
				help: 'A trust policy without aud or amr conditions. IAM does not accept one for the Cognito principal, so here the role ends up with no statement that trusts an identity pool, and STS refuses to assume it.'
			}
		],
		flows: allFlows
	},
	{
		key: 'expireToken',
		param: 'expire',
		label: 'Expire the token',
		help: 'Lets time pass until the token the app sends has expired: the identity provider token, or the Cognito token from your backend in the developer flows.',
		kind: 'toggle',
		onLabel: 'Expired',
		offLabel: 'Fresh',
		flows: tokenFlows
	},
	{
		key: 'tamperClaim',
		param: 'tamper',
		label: 'Tamper with a claim',
		help: 'Edits the token after it was issued: a claim of a JWT or the user in a SAML response, so the signature no longer matches, or the end of an opaque Facebook or Login with Amazon access token, so the provider no longer recognises it.',
		kind: 'toggle',
		onLabel: 'Tampered',
		offLabel: 'Untouched',
		flows: tokenFlows
	},
	{
		key: 'sendAccessToken',
		param: 'access',
		label: 'Send the access token',
		help: 'Puts the user pool access token in Logins instead of the ID token. Access tokens have no aud claim, so Cognito refuses them.',
		kind: 'toggle',
		onLabel: 'Access token',
		offLabel: 'ID token',
		flows: authFlows,
		providers: ['userpool']
	},
	{
		key: 'otherPoolToken',
		param: 'otherpool',
		label: "Another pool's token",
		help: 'Sends an ID token issued by a different user pool under this pool’s Logins key, so the issuer does not match.',
		kind: 'toggle',
		onLabel: 'Other pool',
		offLabel: 'This pool',
		flows: authFlows,
		providers: ['userpool']
	},
	{
		key: 'backendPermission',
		param: 'backendperm',
		label: "Backend's IAM permission",
		help: "Whether the IAM policy of your backend's access key allows cognito-identity:GetOpenIdTokenForDeveloperIdentity. Missing: the call is signed correctly, but IAM refuses it with AccessDeniedException before Cognito looks at the user.",
		kind: 'toggle',
		onLabel: 'Allowed',
		offLabel: 'Missing',
		flows: flowsWhere((f) => f.identity === 'developer')
	},
	{
		key: 'getIdBurst',
		param: 'burst',
		label: 'Busy second on GetId',
		help: "Turns on the identity pools' request-rate quotas, and other users of the account make 25 GetId calls (GetId's default quota per second) just as the app calls it. Cognito refuses the app's call with TooManyRequestsException; the SDK's standard retry strategy waits and tries again, up to 3 attempts in all.",
		kind: 'toggle',
		onLabel: 'Busy',
		offLabel: 'Quiet',
		flows: flowsWhere((f) => f.identity !== 'developer')
	}
];

/** The descriptor for a setting. */
export function breakOption(key: BreakKey): BreakOption {
	const option = breakOptions.find((o) => o.key === key);
	if (!option) throw new Error(`Unknown break option ${key}`);
	return option;
}

/** The provider a flow runs with: the one asked for when the flow supports it, else its default. */
export function providerFor(flowId: FlowId, provider?: ProviderId): ProviderId | undefined {
	const flow = findFlow(flowId);
	if (!flow || flow.providers.length === 0) return undefined;
	return provider && flow.providers.includes(provider) ? provider : 'userpool';
}

/** Whether an option changes anything for this flow and provider. */
export function appliesTo(option: BreakOption, flowId: FlowId, provider?: ProviderId): boolean {
	if (!option.flows.includes(flowId)) return false;
	if (!option.providers) return true;
	const used = providerFor(flowId, provider);
	return used !== undefined && option.providers.includes(used);
}

/** The options the controls show for a flow and provider. */
export function applicableBreakOptions(flowId: FlowId, provider?: ProviderId): BreakOption[] {
	return breakOptions.filter((o) => appliesTo(o, flowId, provider));
}

/** Settings with everything that does not apply to this flow and provider put back to its default. */
export function effectiveSettings(
	flowId: FlowId,
	provider: ProviderId | undefined,
	settings: Partial<BreakSettings>
): BreakSettings {
	const result: BreakSettings = { ...defaultBreakSettings, ...settings };
	const writable = result as unknown as Record<string, unknown>;
	const defaults = defaultBreakSettings as unknown as Record<string, unknown>;
	for (const option of breakOptions) {
		if (option.key === 'provider') continue;
		if (!appliesTo(option, flowId, provider)) writable[option.key] = defaults[option.key];
	}
	return result;
}
