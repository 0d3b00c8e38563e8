/**
 * The flow catalogue: which flows exist, their steps by id, the lanes they use and the identity
 * providers each can run with. Content links, deep links and the flow machines all name steps
 * through this table, so a step id never changes once published.
 */

export type LaneId = 'app' | 'backend' | 'idp' | 'cognito' | 'sts' | 'service';

export type ProviderId = 'userpool' | 'google' | 'facebook' | 'amazon' | 'apple' | 'oidc' | 'saml';

export type FlowId =
	| 'enhanced-authenticated'
	| 'enhanced-guest'
	| 'basic-authenticated'
	| 'basic-guest'
	| 'developer-enhanced'
	| 'developer-basic';

export interface LaneInfo {
	id: LaneId;
	label: string;
}

export interface FlowInfo {
	id: FlowId;
	title: string;
	summary: string;
	/** Step ids in the order the flow runs them on its success path. */
	steps: readonly string[];
	/** Identity providers the flow can run with; empty for guest and developer flows. */
	providers: readonly ProviderId[];
	lanes: readonly LaneId[];
}

export const lanes: Record<LaneId, LaneInfo> = {
	app: { id: 'app', label: 'Your app' },
	backend: { id: 'backend', label: 'Your backend' },
	idp: { id: 'idp', label: 'Identity provider' },
	cognito: { id: 'cognito', label: 'Cognito identity pool' },
	sts: { id: 'sts', label: 'AWS STS' },
	service: { id: 'service', label: 'AWS service' }
};

export const providers: Record<ProviderId, { id: ProviderId; label: string }> = {
	userpool: { id: 'userpool', label: 'Cognito user pool' },
	google: { id: 'google', label: 'Google' },
	facebook: { id: 'facebook', label: 'Facebook' },
	amazon: { id: 'amazon', label: 'Login with Amazon' },
	apple: { id: 'apple', label: 'Sign in with Apple' },
	oidc: { id: 'oidc', label: 'OpenID Connect provider' },
	saml: { id: 'saml', label: 'SAML 2.0 provider' }
};

const allProviders: readonly ProviderId[] = [
	'userpool',
	'google',
	'facebook',
	'amazon',
	'apple',
	'oidc',
	'saml'
];

export const flows: readonly FlowInfo[] = [
	{
		id: 'enhanced-authenticated',
		title: 'Enhanced flow, signed in',
		summary: 'GetId, then GetCredentialsForIdentity: Cognito picks the role and calls STS for you.',
		steps: [
			'sign-in',
			'get-id',
			'validate-login',
			'get-credentials',
			'choose-role',
			'assume-role',
			'check-trust',
			'return-credentials',
			'call-service'
		],
		providers: allProviders,
		lanes: ['app', 'idp', 'cognito', 'sts', 'service']
	},
	{
		id: 'enhanced-guest',
		title: 'Enhanced flow, guest',
		summary:
			'No sign-in: guest credentials for the unauthenticated role, cut down by a session policy.',
		steps: [
			'get-id',
			'create-identity',
			'get-credentials',
			'choose-role',
			'assume-role',
			'check-trust',
			'return-credentials',
			'call-service'
		],
		providers: [],
		lanes: ['app', 'cognito', 'sts', 'service']
	},
	{
		id: 'basic-authenticated',
		title: 'Basic flow, signed in',
		summary: 'GetId, GetOpenIdToken, then the app itself calls STS with a role it chooses.',
		steps: [
			'sign-in',
			'get-id',
			'validate-login',
			'get-open-id-token',
			'assume-role',
			'check-trust',
			'return-credentials',
			'call-service'
		],
		providers: allProviders.filter((p) => p !== 'saml'),
		lanes: ['app', 'idp', 'cognito', 'sts', 'service']
	},
	{
		id: 'basic-guest',
		title: 'Basic flow, guest',
		summary:
			'A guest identity, a Cognito token, and the app calls STS for the unauthenticated role.',
		steps: [
			'get-id',
			'create-identity',
			'get-open-id-token',
			'assume-role',
			'check-trust',
			'return-credentials',
			'call-service'
		],
		providers: [],
		lanes: ['app', 'cognito', 'sts', 'service']
	},
	{
		id: 'developer-enhanced',
		title: 'Developer-authenticated, enhanced flow',
		summary:
			'Your backend signs the user in and gets a Cognito token; the app trades it for credentials.',
		steps: [
			'sign-in',
			'get-open-id-token-for-developer-identity',
			'return-token',
			'get-credentials',
			'choose-role',
			'assume-role',
			'check-trust',
			'return-credentials',
			'call-service'
		],
		providers: [],
		lanes: ['app', 'backend', 'cognito', 'sts', 'service']
	},
	{
		id: 'developer-basic',
		title: 'Developer-authenticated, basic flow',
		summary: 'Your backend gets a Cognito token; the app calls STS itself with a role it chooses.',
		steps: [
			'sign-in',
			'get-open-id-token-for-developer-identity',
			'return-token',
			'assume-role',
			'check-trust',
			'return-credentials',
			'call-service'
		],
		providers: [],
		lanes: ['app', 'backend', 'cognito', 'sts', 'service']
	}
];

/** The flow with this id, or undefined. */
export function findFlow(id: string): FlowInfo | undefined {
	return flows.find((f) => f.id === id);
}

/** Whether a flow has a step with this id. */
export function hasStep(flowId: string, stepId: string): boolean {
	return findFlow(flowId)?.steps.includes(stepId) ?? false;
}
