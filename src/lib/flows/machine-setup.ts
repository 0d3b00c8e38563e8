import { assign, setup, type SnapshotFrom, type TransitionConfig } from 'xstate';
import type { FlowId } from './catalogue.ts';
import type { FlowRun, FlowStep, StepError } from './types.ts';

/**
 * What every flow machine shares: its context, events, tags, guards and actions. The family files
 * (enhanced, basic, developer) only describe which step may follow which; the run in context decides
 * which of those paths this particular run takes.
 */

export interface FlowContext {
	flowId: FlowId;
	steps: readonly FlowStep[];
	outcome: FlowRun['outcome'];
	/** 0-based position; `steps.length` once the run has reached `credentials` or `failed`. */
	index: number;
	/** The AWS error that ended the run, when it failed. */
	error?: StepError;
}

export type FlowEvent =
	| { type: 'step.next' }
	| { type: 'step.prev' }
	| { type: 'step.goto'; index: number }
	| { type: 'step.restart' };

export type FlowTag =
	| 'step'
	| 'call'
	| 'return'
	| 'internal'
	| 'inside-aws'
	| 'signed'
	| 'error'
	| 'terminal'
	| 'success';

/** Which steps may follow each step in a family; `credentials` marks the end of the success path. */
export type StepGraph = Readonly<Record<string, readonly string[]>>;

/** The two states every flow ends in, after its last step. */
export const terminalStates = ['credentials', 'failed'] as const;
export type TerminalState = (typeof terminalStates)[number];

/** The state a run sits in at `index`: a step id, or a terminal state past the last step. */
export function stateIdAt(context: Pick<FlowContext, 'steps' | 'outcome'>, index: number): string {
	if (index >= context.steps.length) return context.outcome === 'error' ? 'failed' : 'credentials';
	return context.steps[index]?.id ?? 'failed';
}

/** Where a cursor-moving event points, clamped to the run; undefined for events that do not jump. */
function targetIndex(context: FlowContext, event: FlowEvent): number | undefined {
	const last = context.steps.length;
	switch (event.type) {
		case 'step.prev':
			return context.index > 0 ? context.index - 1 : undefined;
		case 'step.restart':
			return 0;
		case 'step.goto':
			if (!Number.isInteger(event.index)) return undefined;
			return Math.min(Math.max(event.index, 0), last);
		default:
			return undefined;
	}
}

export const flowSetup = setup({
	types: {
		context: {} as FlowContext,
		events: {} as FlowEvent,
		tags: {} as FlowTag,
		meta: {} as FlowStep
	},
	guards: {
		/** The current step is where AWS refused, so the next move is into `failed`. */
		failsHere: ({ context }) => context.steps[context.index]?.error !== undefined,
		/** The step after the current one has this id. */
		nextIs: ({ context }, params: { id: string }) =>
			context.steps[context.index]?.error === undefined &&
			context.steps[context.index + 1]?.id === params.id,
		/** The current step is the run's last and the run succeeded. */
		succeedsAfterThis: ({ context }) =>
			context.outcome === 'credentials' && context.index === context.steps.length - 1,
		/** A prev, goto or restart event lands on this state. */
		landsOn: ({ context, event }, params: { id: string }) => {
			const target = targetIndex(context, event);
			return target !== undefined && stateIdAt(context, target) === params.id;
		}
	},
	actions: {
		advance: assign({ index: ({ context }) => context.index + 1 }),
		jump: assign({
			index: ({ context, event }) => targetIndex(context, event) ?? context.index
		})
	}
});

/** The machine type every family produces (they share setup, context, events and tags). */
export type FlowMachine = ReturnType<typeof createStepMachine>;
export type FlowSnapshot = SnapshotFrom<FlowMachine>;

/** Builds a family's machine for a run; the family files call this with their own id and graph. */
export function createStepMachine(id: string, graph: StepGraph, run: FlowRun) {
	return flowSetup.createMachine({
		id,
		context: initialContext(run),
		initial: firstStateOf(graph, run),
		on: cursorTransitions(graph),
		states: stepStates(graph, run)
	});
}

type StepTransition = TransitionConfig<
	FlowContext,
	FlowEvent,
	FlowEvent,
	never,
	never,
	never,
	never,
	never,
	FlowStep
>;

/** The context a machine starts with for a run. */
export function initialContext(run: FlowRun): FlowContext {
	const failing = run.steps.find((s) => s.error !== undefined);
	return {
		flowId: run.flowId,
		steps: run.steps,
		outcome: run.outcome,
		index: 0,
		...(failing?.error ? { error: failing.error } : {})
	};
}

/** `step.next` from a step: into `failed` if AWS refused here, else to whichever successor the run takes. */
export function nextTransitions(successors: readonly string[]) {
	return [
		{ target: 'failed', guard: 'failsHere', actions: 'advance' },
		...successors.map((id) =>
			id === 'credentials'
				? { target: 'credentials', guard: 'succeedsAfterThis', actions: 'advance' }
				: { target: id, guard: { type: 'nextIs', params: { id } }, actions: 'advance' }
		)
	] as const;
}

/** Root transitions for prev, goto and restart: one guarded entry per state, so any position is reachable. */
export function jumpTransitions(stateIds: readonly string[]) {
	return stateIds.map((id) => ({
		target: `.${id}`,
		guard: { type: 'landsOn', params: { id } },
		actions: 'jump'
	})) as unknown as StepTransition[];
}

/** Tags for a step state, from the run's step when the run has it. */
export function tagsFor(step: FlowStep | undefined): FlowTag[] {
	if (!step) return ['step'];
	const tags: FlowTag[] = ['step', step.kind];
	if (step.insideAws) tags.push('inside-aws');
	if (step.signed) tags.push('signed');
	if (step.error) tags.push('error');
	return tags;
}

/** The step shown for a snapshot: the current step, or the last one once the run has ended. */
export function stepOf(snapshot: FlowSnapshot): FlowStep | undefined {
	const { steps, index } = snapshot.context;
	return steps[Math.min(index, steps.length - 1)];
}

/** The 0-based cursor of a snapshot; equals the number of steps once the run has ended. */
export function indexOf(snapshot: FlowSnapshot): number {
	return snapshot.context.index;
}

/** Whether the snapshot is past the last step, in `credentials` or `failed`. */
export function isFinished(snapshot: FlowSnapshot): boolean {
	return snapshot.context.index >= snapshot.context.steps.length;
}

/** State configs for a family's steps plus `credentials` and `failed`, with this run's steps as meta. */
export function stepStates(graph: StepGraph, run: FlowRun) {
	const byId = new Map(run.steps.map((s) => [s.id, s]));
	const last = run.steps[run.steps.length - 1];
	const states: Record<string, { tags: FlowTag[]; meta?: FlowStep; on?: object }> = {};
	for (const [id, successors] of Object.entries(graph)) {
		const step = byId.get(id);
		states[id] = {
			tags: tagsFor(step),
			...(step ? { meta: step } : {}),
			on: { 'step.next': nextTransitions(successors) }
		};
	}
	states.credentials = {
		tags: ['terminal', 'success'],
		...(run.outcome === 'credentials' && last ? { meta: last } : {})
	};
	states.failed = {
		tags: ['terminal', 'error'],
		...(run.outcome === 'error' && last ? { meta: last } : {})
	};
	return states;
}

/** Every state id of a family, terminal states included. */
export function familyStateIds(graph: StepGraph): string[] {
	return [...Object.keys(graph), ...terminalStates];
}

/** The machine-wide transitions: back, jump and restart work the same in every family. */
export function cursorTransitions(graph: StepGraph) {
	const jumps = jumpTransitions(familyStateIds(graph));
	return { 'step.prev': jumps, 'step.goto': jumps, 'step.restart': jumps };
}

/** Checks that a run belongs to a family, so a machine never starts in a state it lacks. */
export function firstStateOf(graph: StepGraph, run: FlowRun): string {
	const unknown = run.steps.find((s) => !(s.id in graph));
	const first = run.steps[0];
	if (!first || unknown) {
		throw new Error(`Run of ${run.flowId} has steps this machine does not know: ${unknown?.id}`);
	}
	return first.id;
}
