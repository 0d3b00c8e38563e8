import type { FlowId } from './catalogue.ts';
import { basicGraph, createBasicMachine } from './basic-machine.ts';
import { createDeveloperMachine, developerGraph } from './developer-machine.ts';
import { createEnhancedMachine, enhancedGraph } from './enhanced-machine.ts';
import type { FlowMachine, StepGraph } from './machine-setup.ts';
import type { FlowRun } from './types.ts';

export type FlowFamily = 'enhanced' | 'basic' | 'developer';

/** The machine family a flow belongs to. */
export function familyOf(flowId: FlowId): FlowFamily {
	if (flowId.startsWith('developer-')) return 'developer';
	return flowId.startsWith('basic-') ? 'basic' : 'enhanced';
}

/** The step graph of a family, for views and tests that list every state a family can be in. */
export function graphOf(family: FlowFamily): StepGraph {
	return family === 'enhanced' ? enhancedGraph : family === 'basic' ? basicGraph : developerGraph;
}

/** The machine for a run: its family's states, the run's steps in context and as state meta. */
export function createFlowMachine(run: FlowRun): FlowMachine {
	const family = familyOf(run.flowId);
	if (family === 'enhanced') return createEnhancedMachine(run);
	return family === 'basic' ? createBasicMachine(run) : createDeveloperMachine(run);
}
