import {
	isAwsError,
	type AwsError,
	type DemoWorld,
	type TraceEvent,
	type TraceKind
} from '../cognito/index.ts';
import type { FlowId, ProviderId } from './catalogue.ts';
import { stepLayout, stepText } from './step-texts.ts';
import type {
	BreakSettings,
	FlowStep,
	ServiceCall,
	ServiceDecision,
	StepError,
	TraceRecord
} from './types.ts';

/**
 * Records a run as catalogue steps while it talks to the simulator: each call becomes its arrow,
 * the internal steps its trace events show, and its answer; a refusal ends the run at the step
 * where AWS refused.
 */

export interface StepExtras {
	request?: unknown;
	response?: unknown;
	trace?: TraceRecord[];
	decision?: ServiceDecision;
	sdkCode?: string;
	at?: number;
	ambiguous?: string[];
	narrationSuffix?: string;
	label?: string;
	/** Replaces the stock narration, e.g. with the simulator's own account of a role choice. */
	narration?: string;
}

/** Signals that the run ended at a step where AWS refused. */
export class RunStopped {}

/** The steps of one run so far, and the simulator events seen while making them. */
export class Recorder {
	readonly events: TraceEvent[] = [];
	readonly steps: FlowStep[] = [];
	readonly flowId: FlowId;
	readonly provider: ProviderId | undefined;
	readonly settings: BreakSettings;
	readonly world: DemoWorld;
	loginKey: string | undefined;
	service: { label: string; allowed: boolean } | undefined;
	serviceCall: ServiceCall = 'own-file';

	constructor(
		world: DemoWorld,
		flowId: FlowId,
		provider: ProviderId | undefined,
		settings: BreakSettings
	) {
		this.world = world;
		this.flowId = flowId;
		this.provider = provider;
		this.settings = settings;
		world.observe((e) => this.events.push(e));
	}

	/** Appends the catalogue step `id` with its layout and texts and what the run observed. */
	add(id: string, extras: StepExtras = {}): FlowStep {
		const layout = stepLayout(this.flowId, id, this.provider);
		const text = stepText(id, {
			flowId: this.flowId,
			provider: this.provider,
			loginKey: this.loginKey,
			settings: this.settings,
			service: this.service
		});
		const ambiguous = [...(text.ambiguous ?? []), ...(extras.ambiguous ?? [])];
		const step: FlowStep = {
			id,
			index: this.steps.length,
			...layout,
			...(extras.label ? { label: extras.label } : {}),
			...(extras.request !== undefined ? { request: extras.request } : {}),
			...(extras.response !== undefined ? { response: extras.response } : {}),
			narration: extras.narrationSuffix
				? `${extras.narration ?? text.narration} ${extras.narrationSuffix}`
				: (extras.narration ?? text.narration),
			why: text.why,
			factRef: text.factRef,
			...(text.examTip ? { examTip: text.examTip } : {}),
			...(extras.sdkCode ? { sdkCode: extras.sdkCode } : {}),
			...(extras.decision ? { decision: extras.decision } : {}),
			...(extras.trace && extras.trace.length > 0 ? { trace: extras.trace } : {}),
			at: extras.at ?? this.world.clock.now(),
			...(ambiguous.length > 0 ? { ambiguous: [...new Set(ambiguous)] } : {})
		};
		this.steps.push(step);
		return step;
	}
}

export interface InternalStep {
	id: string;
	kind: TraceKind;
	/** Other trace events shown with this step, e.g. the scope-down policy with the STS call. */
	with?: readonly TraceKind[];
	/** Where the event detail goes: `request` for a message sent on (Cognito calling STS). */
	as?: 'request' | 'response';
	/** A detail field that already says, in one sentence, what happened. */
	narrateFrom?: string;
}

/** The internal step a GetId call shows: the guest identity created, or the login checked. */
export const getIdInternal = (guest: boolean): InternalStep =>
	guest
		? { id: 'create-identity', kind: 'create-identity' }
		: {
				id: 'validate-login',
				kind: 'validate-login',
				with: ['create-identity', 'link-login', 'merge-identities']
			};

/** What happens inside AWS during GetCredentialsForIdentity. */
export const credentialsInternal: readonly InternalStep[] = [
	{ id: 'choose-role', kind: 'choose-role', narrateFrom: 'Explanation' },
	{ id: 'assume-role', kind: 'assume-role', with: ['scope-down'], as: 'request' },
	{ id: 'check-trust', kind: 'check-trust' }
];

/** How one API call appears in the flow: its arrow, the internal steps it causes, where its answer goes. */
export interface CallPlan<T> {
	call: string;
	request: unknown;
	sdkCode?: string;
	/** Internal steps, in order, each shown from the first trace event of that kind. */
	internal: readonly InternalStep[];
	/** A separate return arrow for the response; otherwise the response sits on the call step. */
	returnStep?: string;
	invoke: () => Promise<T>;
}

/** A trace event as plain step data. */
export const toRecord = (e: TraceEvent): TraceRecord => structuredClone(e) as TraceRecord;

function stepError(err: AwsError): StepError {
	return {
		name: err.name,
		message: err.message,
		httpStatus: err.httpStatus,
		explanation: err.explanation,
		fix: err.fix,
		factRef: err.factRef
	};
}

const ambiguityTexts = (err: AwsError | undefined, events: readonly TraceEvent[]): string[] => [
	...events.flatMap((e) => (e.ambiguous ?? []).map((a) => a.note)),
	...(err?.ambiguous ?? []).map((a) => a.note)
];

/**
 * The AWS SDK for JavaScript v3's standard retry strategy, as it treats a throttling error: at most
 * 3 attempts in all, and before retry n (from 0) a wait of a random share of 1 s × 2^n (full jitter).
 */
export const sdkRetry = { maxAttempts: 3, throttlingBaseMs: 1000 } as const;

/**
 * Calls `invoke` as the SDK would: a throttling error is retried after the SDK's wait, on the
 * simulator's clock, with a jitter from the world's seeded random. Returns the outcome and one
 * sentence per retry for the narration.
 */
async function withSdkRetries<T>(
	rec: Recorder,
	invoke: () => Promise<T>
): Promise<{ result?: T; failure?: AwsError; retries: string[] }> {
	const retries: string[] = [];
	for (let attempt = 1; ; attempt++) {
		try {
			return { result: await invoke(), retries };
		} catch (err) {
			if (!isAwsError(err)) throw err;
			if (err.name !== 'TooManyRequestsException' || attempt >= sdkRetry.maxAttempts)
				return { failure: err, retries };
			const cap = sdkRetry.throttlingBaseMs * 2 ** (attempt - 1);
			const wait = Math.floor((rec.world.random.nextUint32() / 2 ** 32) * cap);
			rec.world.clock.advance(wait);
			retries.push(
				`Attempt ${attempt} was refused with ${err.name} (HTTP ${err.httpStatus}); the SDK waited ${wait} ms (a random share of ${cap} ms) and tried again.`
			);
		}
	}
}

/** Makes one call and records its steps; throws RunStopped after recording the step where AWS refused. */
export async function perform<T>(rec: Recorder, plan: CallPlan<T>): Promise<T> {
	const mark = rec.events.length;
	const at = rec.world.clock.now();
	const { result, failure, retries } = await withSdkRetries(rec, plan.invoke);
	const events = rec.events.slice(mark);
	const fail = (step: FlowStep, err: AwsError, seen: readonly TraceEvent[]): never => {
		step.error = stepError(err);
		const notes = [...(step.ambiguous ?? []), ...ambiguityTexts(err, seen)];
		if (notes.length > 0) step.ambiguous = [...new Set(notes)];
		throw new RunStopped();
	};
	const callStep = rec.add(plan.call, {
		request: plan.request,
		...(plan.returnStep === undefined && !failure ? { response: result } : {}),
		sdkCode: plan.sdkCode,
		trace: events.filter((e) => e.kind === 'check-signature' || e.kind === 'request').map(toRecord),
		at,
		...(retries.length > 0 ? { narrationSuffix: retries.join(' ') } : {})
	});
	let last = callStep;
	let allInternal = true;
	for (const p of plan.internal) {
		const event = events.find((e) => e.kind === p.kind);
		if (!event) {
			allInternal = false;
			break;
		}
		const related = events.filter((e) => e === event || (p.with ?? []).includes(e.kind));
		const told = p.narrateFrom ? event.detail[p.narrateFrom] : undefined;
		last = rec.add(p.id, {
			[p.as ?? 'response']: structuredClone(event.detail),
			...(typeof told === 'string' ? { narration: told } : {}),
			trace: related.map(toRecord),
			at: event.at,
			ambiguous: (event.ambiguous ?? []).map((a) => a.note)
		});
		if (!event.ok && failure) fail(last, failure, [event]);
	}
	const returnTrace = events
		.filter((e) => e.kind === 'response' || e.kind === 'error' || e.kind === 'issue-credentials')
		.map(toRecord);
	if (failure) {
		// AWS refused after the internal steps shown so far passed: the refusal is the call's answer.
		if (allInternal && plan.returnStep) last = rec.add(plan.returnStep, { trace: returnTrace });
		fail(last, failure, []);
	}
	if (plan.returnStep) rec.add(plan.returnStep, { response: result, trace: returnTrace });
	return result as T;
}
