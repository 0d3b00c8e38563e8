import {
	decodeJwt,
	isAwsError,
	type AuthorizationDecision,
	type AwsError,
	type TraceEvent,
	type TraceKind
} from '../cognito/index.ts';
import {
	defaultBreakSettings,
	stepLayout,
	stepText,
	type BreakSettings,
	type FlowId,
	type FlowRun,
	type FlowStep,
	type TraceRecord
} from '../flows/index.ts';
import { buildLabWorld, issueToken, type LabWorld } from './build-world.ts';
import { defaultClaims, labStart, labUser, type LabProvider } from './providers.ts';
import type { LabConfig } from './types.ts';

/**
 * Runs one flow against the world built from the user's configuration and records it as the same
 * steps the demo flows have, so the sequence diagram and the inspector show it unchanged. The
 * requests, responses, internal checks and errors are the simulator's own.
 */

export interface LabRunOptions {
	flowId: FlowId;
	/** A LabProvider id; signed-in flows need one. */
	providerId?: string;
	/** The claims of the provider's token (SAML: attributes); the defaults when left out. */
	claims?: Record<string, unknown>;
	/** Basic flows: the role the app asks STS for (default: the pool's default role for the kind of identity). */
	roleArn?: string;
	/** "What may these credentials do": an action and resource checked with the credentials at the end. */
	action?: string;
	resource?: string;
	seed?: number;
	now?: number;
}

export interface LabRun extends FlowRun {
	/** The lab provider the run signed in with. */
	labProvider?: LabProvider;
	/** The decision for the action and resource asked about, when the run got credentials. */
	decision?: AuthorizationDecision;
}

class LabStop {}

const toRecord = (e: TraceEvent): TraceRecord => structuredClone(e) as TraceRecord;

class LabRecorder {
	readonly steps: FlowStep[] = [];
	readonly events: TraceEvent[] = [];
	readonly lab: LabWorld;
	readonly flowId: FlowId;
	readonly provider: LabProvider | undefined;
	readonly settings: BreakSettings;
	service: { label: string; allowed: boolean } | undefined;

	constructor(
		lab: LabWorld,
		flowId: FlowId,
		provider: LabProvider | undefined,
		settings: BreakSettings
	) {
		this.lab = lab;
		this.flowId = flowId;
		this.provider = provider;
		this.settings = settings;
		lab.world.observe((e) => this.events.push(e));
	}

	add(id: string, extras: Partial<FlowStep> & { narration?: string } = {}): FlowStep {
		const kind = this.provider?.kind;
		const layout = stepLayout(this.flowId, id, kind);
		const text = stepText(id, {
			flowId: this.flowId,
			...(kind ? { provider: kind } : {}),
			...(this.provider ? { loginKey: this.provider.loginKey } : {}),
			settings: this.settings,
			...(this.service ? { service: this.service } : {})
		});
		const step: FlowStep = {
			id,
			index: this.steps.length,
			...layout,
			narration: text.narration,
			why: text.why,
			factRef: text.factRef,
			...(text.examTip ? { examTip: text.examTip } : {}),
			...(text.ambiguous?.length ? { ambiguous: text.ambiguous } : {}),
			at: this.lab.world.clock.now(),
			...extras
		};
		this.steps.push(step);
		return step;
	}
}

interface Internal {
	id: string;
	kind: TraceKind;
	with?: readonly TraceKind[];
	as?: 'request' | 'response';
}

const credentialsInternal: readonly Internal[] = [
	{ id: 'choose-role', kind: 'choose-role' },
	{ id: 'assume-role', kind: 'assume-role', with: ['scope-down'], as: 'request' },
	{ id: 'check-trust', kind: 'check-trust' }
];

function stepError(err: AwsError): FlowStep['error'] {
	return {
		name: err.name,
		message: err.message,
		httpStatus: err.httpStatus,
		explanation: err.explanation,
		fix: err.fix,
		factRef: err.factRef
	};
}

/** One call: its arrow, the internal steps its trace shows, its answer; a refusal ends the run there. */
async function perform<T>(
	rec: LabRecorder,
	plan: {
		call: string;
		request: unknown;
		internal: readonly Internal[];
		returnStep?: string;
		invoke: () => Promise<T>;
	}
): Promise<T> {
	const mark = rec.events.length;
	const at = rec.lab.world.clock.now();
	let result: T | undefined;
	let failure: AwsError | undefined;
	try {
		result = await plan.invoke();
	} catch (err) {
		if (!isAwsError(err)) throw err;
		failure = err;
	}
	const events = rec.events.slice(mark);
	const stop = (step: FlowStep, err: AwsError): never => {
		step.error = stepError(err);
		const notes = [...(step.ambiguous ?? []), ...err.ambiguous.map((a) => a.note)];
		if (notes.length > 0) step.ambiguous = [...new Set(notes)];
		throw new LabStop();
	};
	let last = rec.add(plan.call, {
		request: plan.request,
		...(plan.returnStep === undefined && !failure ? { response: result } : {}),
		trace: events.filter((e) => e.kind === 'request').map(toRecord),
		at
	});
	let allInternal = true;
	for (const p of plan.internal) {
		const event = events.find((e) => e.kind === p.kind);
		if (!event) {
			allInternal = false;
			break;
		}
		const told = event.detail['Explanation'];
		last = rec.add(p.id, {
			[p.as ?? 'response']: structuredClone(event.detail),
			...(p.kind === 'choose-role' && typeof told === 'string' ? { narration: told } : {}),
			trace: events.filter((e) => e === event || (p.with ?? []).includes(e.kind)).map(toRecord),
			at: event.at
		});
		if (!event.ok && failure) stop(last, failure);
	}
	const returnTrace = events
		.filter((e) => e.kind === 'response' || e.kind === 'error' || e.kind === 'issue-credentials')
		.map(toRecord);
	if (failure) {
		if (allInternal && plan.returnStep) last = rec.add(plan.returnStep, { trace: returnTrace });
		stop(last, failure);
	}
	if (plan.returnStep) rec.add(plan.returnStep, { response: result, trace: returnTrace });
	return result as T;
}

async function signInStep(
	rec: LabRecorder,
	provider: LabProvider,
	given: Record<string, unknown> | undefined
): Promise<Record<string, string>> {
	const claims = given ?? defaultClaims(rec.lab.config, provider, rec.lab.world.clock.seconds());
	const token = await issueToken(rec.lab, provider, claims);
	const decoded =
		provider.kind === 'saml' || provider.kind === 'facebook' || provider.kind === 'amazon'
			? undefined
			: decodeJwt(token).payload;
	rec.add('sign-in', {
		request: { Provider: provider.label, Username: labUser },
		response: {
			loginKey: provider.loginKey,
			token,
			...(decoded ? { claims: decoded } : { claims })
		}
	});
	return { [provider.loginKey]: token };
}

function serviceStep(
	rec: LabRecorder,
	accessKeyId: string,
	options: LabRunOptions
): AuthorizationDecision | undefined {
	if (!options.action) return undefined;
	const resource = options.resource?.trim() || '*';
	const mark = rec.events.length;
	const decision = rec.lab.world.authorize(accessKeyId, options.action.trim(), resource);
	rec.service = { label: options.action.trim(), allowed: decision.allowed };
	rec.add('call-service', {
		label: options.action.trim(),
		request: { Action: options.action.trim(), Resource: resource, AccessKeyId: accessKeyId },
		response: structuredClone(decision),
		decision: {
			action: decision.action,
			resource: decision.resource,
			allowed: decision.allowed,
			decidedBy: decision.decidedBy
		},
		trace: rec.events.slice(mark).map(toRecord)
	});
	return decision;
}

async function assumeRole(
	rec: LabRecorder,
	token: string,
	roleArn: string,
	options: LabRunOptions
): Promise<AuthorizationDecision | undefined> {
	const request = { RoleArn: roleArn, RoleSessionName: 'lab-session', WebIdentityToken: token };
	const response = await perform(rec, {
		call: 'assume-role',
		request,
		internal: [{ id: 'check-trust', kind: 'check-trust' }],
		returnStep: 'return-credentials',
		invoke: () => rec.lab.world.sts.AssumeRoleWithWebIdentity(request)
	});
	return serviceStep(rec, response.Credentials.AccessKeyId, options);
}

async function credentials(
	rec: LabRecorder,
	request: { IdentityId: string; Logins?: Record<string, string> },
	options: LabRunOptions
): Promise<AuthorizationDecision | undefined> {
	const response = await perform(rec, {
		call: 'get-credentials',
		request,
		internal: credentialsInternal,
		returnStep: 'return-credentials',
		invoke: () => rec.lab.world.cognitoIdentity.GetCredentialsForIdentity(request)
	});
	return serviceStep(rec, response.Credentials.AccessKeyId, options);
}

/** Runs a flow on a fresh world built from the configuration. */
export async function runLabFlow(config: LabConfig, options: LabRunOptions): Promise<LabRun> {
	const lab = await buildLabWorld(config, {
		seed: options.seed ?? 1,
		now: options.now ?? labStart
	});
	return runOnWorld(lab, options);
}

/** Runs a flow on a world already built (the checkup builds one per run as well). */
export async function runOnWorld(lab: LabWorld, options: LabRunOptions): Promise<LabRun> {
	const { flowId } = options;
	const { world, config } = lab;
	const poolId = config.pool.IdentityPoolId;
	const signedIn = flowId === 'enhanced-authenticated' || flowId === 'basic-authenticated';
	const provider = signedIn
		? (lab.providers.find((p) => p.id === options.providerId) ?? lab.providers[0])
		: undefined;
	const settings: BreakSettings = {
		...defaultBreakSettings,
		guestAccess: config.pool.AllowUnauthenticatedIdentities,
		classicFlow: config.pool.AllowClassicFlow === true
	};
	const rec = new LabRecorder(lab, flowId, provider, settings);
	let decision: AuthorizationDecision | undefined;
	let outcome: FlowRun['outcome'] = 'credentials';
	try {
		if (signedIn && !provider)
			throw new Error('This pool has no identity provider the lab can sign in with.');
		if (flowId.startsWith('developer-')) {
			const dev = config.pool.DeveloperProviderName;
			if (!dev) throw new Error('This pool has no developer provider name.');
			rec.add('sign-in', {
				request: { Username: labUser, Password: '********' },
				response: { UserId: labUser }
			});
			const devRequest = { IdentityPoolId: poolId, Logins: { [dev]: labUser } };
			const issued = await perform(rec, {
				call: 'get-open-id-token-for-developer-identity',
				request: devRequest,
				internal: [],
				invoke: () =>
					world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(devRequest, { signed: true })
			});
			rec.add('return-token', { response: issued });
			if (flowId === 'developer-basic')
				decision = await assumeRole(
					rec,
					issued.Token,
					options.roleArn ?? config.roles['authenticated'] ?? '',
					options
				);
			else
				decision = await credentials(
					rec,
					{
						IdentityId: issued.IdentityId,
						Logins: { 'cognito-identity.amazonaws.com': issued.Token }
					},
					options
				);
		} else {
			const logins =
				provider && signedIn ? await signInStep(rec, provider, options.claims) : undefined;
			const getIdRequest = { IdentityPoolId: poolId, ...(logins ? { Logins: logins } : {}) };
			const { IdentityId } = await perform(rec, {
				call: 'get-id',
				request: getIdRequest,
				internal: [
					logins
						? {
								id: 'validate-login',
								kind: 'validate-login',
								with: ['create-identity', 'link-login']
							}
						: { id: 'create-identity', kind: 'create-identity' }
				],
				invoke: () => world.cognitoIdentity.GetId(getIdRequest)
			});
			const next = { IdentityId, ...(logins ? { Logins: logins } : {}) };
			if (flowId.startsWith('enhanced-')) decision = await credentials(rec, next, options);
			else {
				const { Token } = await perform(rec, {
					call: 'get-open-id-token',
					request: next,
					internal: [],
					invoke: () => world.cognitoIdentity.GetOpenIdToken(next)
				});
				const role =
					options.roleArn ?? config.roles[logins ? 'authenticated' : 'unauthenticated'] ?? '';
				decision = await assumeRole(rec, Token, role, options);
			}
		}
	} catch (err) {
		if (!(err instanceof LabStop)) throw err;
		outcome = 'error';
	}
	return {
		flowId,
		...(provider ? { provider: provider.kind, labProvider: provider } : {}),
		settings,
		steps: rec.steps,
		outcome,
		...(decision ? { decision } : {})
	};
}
