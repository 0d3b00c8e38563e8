import type { FlowContext, FlowTag } from './machine-setup.ts';
import type { FlowStep } from './types.ts';

/**
 * What a run keeps of each of its machine's snapshots: the state, the context (without the live
 * simulator), the tags and whether `step.next` may be sent. It answers what views ask a snapshot
 * (`matches`, `hasTag`, `can`) without xstate, and it is plain data, so a run recorded at build
 * time and a run made in the page are the same thing.
 */

export type RunStateValue = string | { readonly [state: string]: string };

export interface RunSnapshotData {
	value: RunStateValue;
	status: 'active' | 'done';
	context: FlowContext;
	tags: readonly FlowTag[];
	/** Whether the machine takes `step.next` in this snapshot. */
	canNext: boolean;
}

export class RunSnapshot implements RunSnapshotData {
	readonly value: RunStateValue;
	readonly status: 'active' | 'done';
	readonly context: FlowContext;
	readonly tags: readonly FlowTag[];
	readonly canNext: boolean;

	constructor(data: RunSnapshotData) {
		this.value = data.value;
		this.status = data.status;
		this.context = data.context;
		this.tags = data.tags;
		this.canNext = data.canNext;
	}

	/** Whether the snapshot is in this state: a step id or end state, or `step.substate`. */
	matches(state: string): boolean {
		const [top, sub] = state.split('.');
		const value = this.value;
		if (typeof value === 'string') return sub === undefined && value === top;
		if (top === undefined || !Object.hasOwn(value, top)) return false;
		return sub === undefined || value[top] === sub;
	}

	hasTag(tag: FlowTag): boolean {
		return this.tags.includes(tag);
	}

	can(event: { type: 'step.next' }): boolean {
		return event.type === 'step.next' && this.canNext;
	}

	toJSON(): RunSnapshotData {
		const { value, status, context, tags, canNext } = this;
		return { value, status, context, tags, canNext };
	}
}

/** The step a snapshot shows: the last one done. */
export function stepOf(snapshot: RunSnapshotData): FlowStep | undefined {
	const { steps } = snapshot.context;
	return steps[steps.length - 1];
}

/** Whether a snapshot is one of the end states, `credentials` or `failed`. */
export function isFinished(snapshot: RunSnapshotData): boolean {
	return snapshot.status === 'done';
}
