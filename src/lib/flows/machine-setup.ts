import { assign, fromPromise, setup, type SnapshotFrom } from 'xstate';
import type { FlowId, FlowIdentity, ProviderId } from './catalogue.ts';
import type { BreakSettings, FlowStep, StepError } from './types.ts';

/**
 * What both flow machines share: their input, context, events, tags, guards, actions and the names
 * of the actors that do each step's work. The actors here only name the work; `runFlow` provides
 * the implementations that call the simulator, so the machines (and the step order read from them)
 * load without the simulator.
 */

/** What the steps of one run hand on to later steps: logins, the identity, tokens, credentials. */
export interface Carry {
	logins?: Record<string, string>;
	identityId?: string;
	token?: string;
	credentials?: { AccessKeyId: string };
}

/** The run a machine makes: which flow, for whom, under which "break it" settings, and the scope its actors record into. */
export interface FlowInput {
	flowId: FlowId;
	identity: FlowIdentity;
	provider?: ProviderId;
	settings: BreakSettings;
	/** The simulator and recorder the provided actors work with; opaque to the machine. */
	scope: unknown;
}

export interface FlowContext extends FlowInput {
	/** The steps done so far; the last is the one shown. */
	steps: readonly FlowStep[];
	/** Steps the last API call already caused inside AWS, shown one by one by the `reveal` actor. */
	pending: readonly FlowStep[];
	carry: Carry;
	/** The AWS error that ended the run, once it failed. */
	error?: StepError;
}

/** What a step's actor gets: the run so far. */
export type StepInput = FlowContext;

/** What a step's actor resolves with: its step first, then any steps its call caused and not yet shown. */
export interface StepOutput {
	steps: readonly FlowStep[];
	carry?: Carry;
}

/** Rejection of a step's actor when AWS refused at that step: the step, with its `error`. */
export class StepRefusal {
	readonly step: FlowStep & { error: StepError };
	constructor(step: FlowStep & { error: StepError }) {
		this.step = step;
	}
}

export type FlowEvent = { type: 'step.next' };

export type FlowTag =
	| 'call'
	| 'return'
	| 'internal'
	| 'inside-aws'
	| 'signed'
	| 'shown'
	| 'error'
	| 'terminal'
	| 'success';

/** The identity guards, as plain predicates, so the step order can be read without running a machine. */
export const identityGuards = {
	signedIn: (identity: FlowIdentity) => identity === 'signed-in',
	guest: (identity: FlowIdentity) => identity === 'guest',
	developer: (identity: FlowIdentity) => identity === 'developer'
} as const;

export type IdentityGuard = keyof typeof identityGuards;

function notProvided(name: string) {
	return fromPromise<StepOutput, StepInput>(() =>
		Promise.reject(new Error(`The ${name} actor runs only inside runFlow`))
	);
}

export const flowSetup = setup({
	types: {
		input: {} as FlowInput,
		context: {} as FlowContext,
		events: {} as FlowEvent,
		tags: {} as FlowTag
	},
	actors: {
		/** The user signs in at the identity provider, or at your backend. */
		signIn: notProvided('signIn'),
		/** `GetId`. */
		getId: notProvided('getId'),
		/** `GetCredentialsForIdentity`. */
		getCredentials: notProvided('getCredentials'),
		/** `GetOpenIdToken`. */
		getOpenIdToken: notProvided('getOpenIdToken'),
		/** The app's own STS `AssumeRoleWithWebIdentity`. */
		assumeRole: notProvided('assumeRole'),
		/** Your backend's `GetOpenIdTokenForDeveloperIdentity`. */
		getDeveloperToken: notProvided('getDeveloperToken'),
		/** Your backend hands the identity ID and token to the app. */
		returnToken: notProvided('returnToken'),
		/** The app calls S3 or DynamoDB with its credentials. */
		callService: notProvided('callService'),
		/** Shows the next thing the last call did inside AWS, from the simulator's trace. */
		reveal: notProvided('reveal')
	},
	guards: {
		signedIn: ({ context }) => identityGuards.signedIn(context.identity),
		guest: ({ context }) => identityGuards.guest(context.identity),
		developer: ({ context }) => identityGuards.developer(context.identity),
		/** The actor's rejection is AWS refusing, not a fault in the app. */
		refused: (_, params: { error: unknown }) => params.error instanceof StepRefusal
	},
	actions: {
		record: assign(({ context }, output: StepOutput) => {
			const [step, ...pending] = output.steps;
			return {
				steps: step ? [...context.steps, step] : context.steps,
				pending,
				carry: output.carry ? { ...context.carry, ...output.carry } : context.carry
			};
		}),
		refuse: assign(({ context }, refusal: StepRefusal) => ({
			steps: [...context.steps, refusal.step],
			pending: [],
			error: refusal.step.error
		})),
		crash: (_, params: { error: unknown }) => {
			throw params.error;
		}
	}
});

/** One step state: its actor does the work, then it waits, shown, for `step.next`. */
export type StepActor =
	| 'signIn'
	| 'getId'
	| 'getCredentials'
	| 'getOpenIdToken'
	| 'assumeRole'
	| 'getDeveloperToken'
	| 'returnToken'
	| 'callService'
	| 'reveal';

/** A successor: a state id, taken only when its identity guard (if any) holds. */
export type Successor = string | { target: string; guard: IdentityGuard };

/**
 * The config of one step state: it invokes `src`; on success it is `shown` and `step.next` moves on
 * to the first successor whose guard holds; when AWS refuses it is `refused` and `step.next` ends
 * in `failed`.
 */
export function stepState(machineId: string, src: StepActor, tags: FlowTag[], next: Successor[]) {
	return {
		tags,
		initial: 'working' as const,
		invoke: {
			// One id for every step's actor, so its done and error events read the same in each state.
			id: 'work',
			src,
			input: ({ context }: { context: FlowContext }) => context,
			onDone: {
				target: '.shown',
				actions: {
					type: 'record' as const,
					params: ({ event }: { event: { output: StepOutput } }) => event.output
				}
			},
			onError: [
				{
					target: '.refused',
					guard: {
						type: 'refused' as const,
						params: ({ event }: { event: { error: unknown } }) => ({ error: event.error })
					},
					actions: {
						type: 'refuse' as const,
						params: ({ event }: { event: { error: unknown } }) => event.error as StepRefusal
					}
				},
				{
					actions: {
						type: 'crash' as const,
						params: ({ event }: { event: { error: unknown } }) => ({ error: event.error })
					}
				}
			]
		},
		states: {
			working: {},
			shown: {
				tags: ['shown' as const],
				on: {
					'step.next': next.map((s) =>
						typeof s === 'string'
							? { target: `#${machineId}.${s}` }
							: { target: `#${machineId}.${s.target}`, guard: s.guard }
					)
				}
			},
			refused: {
				tags: ['shown' as const, 'error' as const],
				on: { 'step.next': { target: `#${machineId}.failed` } }
			}
		}
	};
}

/** The two states every run ends in. */
export const endStates = {
	credentials: { type: 'final' as const, tags: ['terminal' as const, 'success' as const] },
	failed: { type: 'final' as const, tags: ['terminal' as const, 'error' as const] }
};

/** The context a machine starts with. */
export function initialContext({ input }: { input: FlowInput }): FlowContext {
	return { ...input, steps: [], pending: [], carry: {} };
}

/** The machine type both families produce (they share setup, context, events and tags). */
export type FlowMachine = ReturnType<typeof flowSetup.createMachine>;
export type FlowSnapshot = SnapshotFrom<FlowMachine>;
