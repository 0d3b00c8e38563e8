import { stepLists } from './step-lists.ts';

/**
 * The flow catalogue: which flows exist, their traits (family and identity), the lanes they use and
 * the identity providers each can run with. Each flow's steps are read from its family's machine
 * at build time (`step-lists.ts`), so listing flows loads no xstate;
 * content links and deep links name steps by those ids, so a step id never changes once published.
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

/** The credentials flow a flow uses, and so the machine that runs it. */
export type FlowFamily = 'enhanced' | 'basic';

/** Who the identity is: a user signed in at an identity provider, a guest, or a user your backend vouches for. */
export type FlowIdentity = 'signed-in' | 'guest' | 'developer';

/** What the catalogue declares about a flow; its steps are read from its family's machine. */
export interface FlowTraits {
	id: FlowId;
	title: string;
	summary: string;
	family: FlowFamily;
	identity: FlowIdentity;
	/** Identity providers the flow can run with; empty for guest and developer flows. */
	providers: readonly ProviderId[];
	lanes: readonly LaneId[];
}

export interface FlowInfo extends FlowTraits {
	/** Step ids in the order the flow runs them on its success path, from its machine. */
	steps: readonly string[];
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

/** Every identity provider a flow can use. */
export const allProviders: readonly ProviderId[] = [
	'userpool',
	'google',
	'facebook',
	'amazon',
	'apple',
	'oidc',
	'saml'
];

const declared: readonly FlowTraits[] = [
	{
		id: 'enhanced-authenticated',
		family: 'enhanced',
		identity: 'signed-in',
		title: 'Enhanced flow, signed in',
		summary: 'GetId, then GetCredentialsForIdentity: Cognito picks the role and calls STS for you.',
		providers: allProviders,
		lanes: ['app', 'idp', 'cognito', 'sts', 'service']
	},
	{
		id: 'enhanced-guest',
		family: 'enhanced',
		identity: 'guest',
		title: 'Enhanced flow, guest',
		summary:
			'No sign-in: guest credentials for the unauthenticated role, cut down by a session policy.',
		providers: [],
		lanes: ['app', 'cognito', 'sts', 'service']
	},
	{
		id: 'basic-authenticated',
		family: 'basic',
		identity: 'signed-in',
		title: 'Basic flow, signed in',
		summary: 'GetId, GetOpenIdToken, then the app itself calls STS with a role it chooses.',
		providers: allProviders.filter((p) => p !== 'saml'),
		lanes: ['app', 'idp', 'cognito', 'sts', 'service']
	},
	{
		id: 'basic-guest',
		family: 'basic',
		identity: 'guest',
		title: 'Basic flow, guest',
		summary:
			'A guest identity, a Cognito token, and the app calls STS for the unauthenticated role.',
		providers: [],
		lanes: ['app', 'cognito', 'sts', 'service']
	},
	{
		id: 'developer-enhanced',
		family: 'enhanced',
		identity: 'developer',
		title: 'Developer-authenticated, enhanced flow',
		summary:
			'Your backend signs the user in and gets a Cognito token; the app trades it for credentials.',
		providers: [],
		lanes: ['app', 'backend', 'cognito', 'sts', 'service']
	},
	{
		id: 'developer-basic',
		family: 'basic',
		identity: 'developer',
		title: 'Developer-authenticated, basic flow',
		summary: 'Your backend gets a Cognito token; the app calls STS itself with a role it chooses.',
		providers: [],
		lanes: ['app', 'backend', 'cognito', 'sts', 'service']
	}
];

export const flows: readonly FlowInfo[] = declared.map((f) => ({
	...f,
	steps: stepLists[f.family][f.identity]
}));

/** The flow with this id, or undefined. */
export function findFlow(id: string): FlowInfo | undefined {
	return flows.find((f) => f.id === id);
}
