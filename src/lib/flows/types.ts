import type { FlowId, LaneId, ProviderId } from './catalogue.ts';

/**
 * What the diagram, the inspector and the quizzes read about one step of a flow run. Requests and
 * responses come from running the simulator, never from hand-written samples.
 */
export type StepKind = 'call' | 'return' | 'internal';

export interface StepError {
	/** AWS's error name, e.g. `NotAuthorizedException` or STS `AccessDenied`. */
	name: string;
	/** AWS's message, word for word as the simulator raised it. */
	message: string;
	httpStatus: number;
	/** Why it happened, in plain words. */
	explanation: string;
	/** How to fix it. */
	fix: string;
	/** Fact-sheet references, e.g. `IDP; GH-AMP1089`. */
	factRef: string;
}

/** What the app does with its credentials in the last step: its own S3 file (the public file for guests), another identity's file, or its own DynamoDB item. */
export type ServiceCall = 'own-file' | 'other-file' | 'own-item';

export interface ServiceDecision {
	action: string;
	resource: string;
	allowed: boolean;
	/** Which statement decided, e.g. `role policy statement "OwnPrefix"`, or why nothing allowed it. */
	decidedBy: string;
}

/** One event the simulator reported while a step happened (its trace hook), as plain data. */
export interface TraceRecord {
	kind: string;
	operation: string;
	service: string;
	/** Simulated time, epoch ms. */
	at: number;
	ok: boolean;
	detail: Record<string, unknown>;
	factRef: string;
	ambiguous?: { topic: string; note: string; factRef: string }[];
}

export interface FlowStep {
	/** The catalogue step id, or for a failure the step where AWS refused. */
	id: string;
	/** 0-based position in the run. */
	index: number;
	kind: StepKind;
	from: LaneId;
	to: LaneId;
	/** Short label on the arrow: the API name (`GetCredentialsForIdentity`) or what happens. */
	label: string;
	/** True when the message travels inside AWS (Cognito to STS, a service checking a token). */
	insideAws: boolean;
	/** True when the call is SigV4-signed with AWS credentials. */
	signed: boolean;
	request?: unknown;
	response?: unknown;
	/** One sentence for the step list and the live region. */
	narration: string;
	/** A longer explanation of why this step happens. */
	why: string;
	/** Fact-sheet tags that back `why`. */
	factRef: string;
	examTip?: string;
	/** SDK for JavaScript v3 code a developer would write for this step, when the app or backend calls AWS. */
	sdkCode?: string;
	/** Set on the step where the run failed. */
	error?: StepError;
	decision?: ServiceDecision;
	/** Simulated time (epoch ms) when the step happens, for expiry countdowns. */
	at: number;
	/** Notes that AWS documents this point ambiguously. */
	ambiguous?: string[];
	/** What the simulator reported during this step: the real data behind internal steps. */
	trace?: TraceRecord[];
}

export interface FlowRun {
	flowId: FlowId;
	provider?: ProviderId;
	settings: BreakSettings;
	steps: FlowStep[];
	outcome: 'credentials' | 'error';
}

/** Every role-mapping setting "break it" offers. */
export const roleMappings = [
	'default',
	'token',
	'rules',
	'rules-no-match-deny',
	'rules-no-match-default'
] as const;

/** "Break it" settings: each changes the simulator's world before the run. */
export interface BreakSettings {
	guestAccess: boolean;
	classicFlow: boolean;
	roleMapping: (typeof roleMappings)[number];
	trust: 'correct' | 'wrong-aud' | 'wrong-amr' | 'no-conditions';
	expireToken: boolean;
	tamperClaim: boolean;
	sendAccessToken: boolean;
	otherPoolToken: boolean;
	/** Developer flows: the backend's IAM policy allows cognito-identity:GetOpenIdTokenForDeveloperIdentity. */
	backendPermission: boolean;
	/** Other users' GetId calls fill GetId's request-rate quota just as the app calls it. */
	getIdBurst: boolean;
}

export const defaultBreakSettings: BreakSettings = {
	guestAccess: true,
	classicFlow: true,
	roleMapping: 'default',
	trust: 'correct',
	expireToken: false,
	tamperClaim: false,
	sendAccessToken: false,
	otherPoolToken: false,
	backendPermission: true,
	getIdBurst: false
};
