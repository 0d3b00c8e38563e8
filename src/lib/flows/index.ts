/**
 * The flows' public surface: the catalogue, running a flow against the simulator, the step machines
 * the diagram drives, "break it" options, deep links and run comparison.
 */

export * from './catalogue.ts';
export * from './types.ts';
export { runFlow } from './run-flow.ts';
export type { RunFlowOptions } from './run-flow.ts';
export { createFlowMachine, familyOf, graphOf } from './create-flow-machine.ts';
export type { FlowFamily } from './create-flow-machine.ts';
export { stepOf, indexOf, isFinished, stateIdAt, terminalStates } from './machine-setup.ts';
export type {
	FlowContext,
	FlowEvent,
	FlowMachine,
	FlowSnapshot,
	FlowTag,
	StepGraph,
	TerminalState
} from './machine-setup.ts';
export {
	breakOptions,
	breakOption,
	applicableBreakOptions,
	appliesTo,
	effectiveSettings,
	providerFor
} from './break-options.ts';
export type { BreakChoice, BreakKey, BreakOption } from './break-options.ts';
export { decodeFlowLink, encodeFlowLink, flowLinkHash } from './deep-link.ts';
export type { DecodedFlowLink, FlowLink } from './deep-link.ts';
export { compareRuns, alignSteps, cursorAt, formatDuration } from './compare.ts';
export type { AlignedRow, Difference, DifferenceKey, RunComparison } from './compare.ts';
export { stepLayout, stepText, proofArtifact } from './step-texts.ts';
export type { StepLayout, StepText } from './step-texts.ts';
