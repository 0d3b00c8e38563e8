import type { AnyStateMachine } from 'xstate';
import { basicMachine } from './basic-machine.ts';
import { enhancedMachine } from './enhanced-machine.ts';
import type { FlowFamily, FlowIdentity } from './catalogue.ts';
import { identityGuards, type FlowMachine } from './machine-setup.ts';

/**
 * A flow's steps in order, read from its family's machine: from the start state, follow the first
 * `step.next` transition whose identity guard holds until an end state. This is the success path;
 * a failing run stops earlier, never elsewhere.
 */

/** The machine of each family. */
export const familyMachines: Record<FlowFamily, FlowMachine> = {
	enhanced: enhancedMachine,
	basic: basicMachine
};

interface TransitionLike {
	target?: readonly { key: string }[];
	guard?: unknown;
}

function holds(t: TransitionLike, identity: FlowIdentity): boolean {
	if (t.guard === undefined) return true;
	const name = typeof t.guard === 'string' ? t.guard : undefined;
	if (name && name in identityGuards) {
		return identityGuards[name as keyof typeof identityGuards](identity);
	}
	throw new Error(`The step order cannot read the guard ${String(t.guard)}`);
}

function follow(transitions: readonly TransitionLike[] | undefined, identity: FlowIdentity) {
	return transitions?.find((t) => holds(t, identity))?.target?.[0]?.key;
}

/** The step ids a machine passes for one kind of identity, in order, on its success path. */
export function stepOrder(machine: AnyStateMachine, identity: FlowIdentity): string[] {
	const states = machine.root.states;
	const order: string[] = [];
	let key = follow(states[machine.root.initial?.target[0]?.key ?? '']?.always, identity);
	while (key && states[key]?.type !== 'final') {
		if (order.includes(key)) throw new Error(`The ${machine.id} machine loops at ${key}`);
		order.push(key);
		key = follow(states[key]?.states.shown?.on['step.next'], identity);
	}
	if (!key) throw new Error(`The ${machine.id} machine has no way to an end state`);
	return order;
}
