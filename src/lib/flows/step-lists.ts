import type { FlowFamily, FlowIdentity } from './catalogue.ts';
import { familyMachines, stepOrder } from './step-order.ts';

/**
 * Each family machine's step order for each kind of identity. As written, this reads the machines;
 * the app's build (and dev server and tests) replace this module with the lists it computes, read
 * from the same machines through `flowModelPlugin` (`vite-plugin.ts`), so pages that only list flows
 * load no xstate.
 */

const identities: readonly FlowIdentity[] = ['signed-in', 'guest', 'developer'];

function listsOf(family: FlowFamily): Record<FlowIdentity, readonly string[]> {
	const machine = familyMachines[family];
	const lists = {} as Record<FlowIdentity, readonly string[]>;
	for (const identity of identities) lists[identity] = stepOrder(machine, identity);
	return lists;
}

export const stepLists: Record<FlowFamily, Record<FlowIdentity, readonly string[]>> = {
	enhanced: listsOf('enhanced'),
	basic: listsOf('basic')
};
