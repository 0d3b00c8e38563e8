/**
 * The flows' public surface: the catalogue, running a flow against the simulator, the step machines
 * the diagram drives, "break it" options, deep links and run comparison.
 */

export * from './catalogue.ts';
export * from './types.ts';
export { runFlow } from './run-flow.ts';
export type { RecordedRun, RunFlowOptions } from './run-flow.ts';
export { familyMachines, stepOrder } from './step-order.ts';
export { stepOf, isFinished, RunSnapshot } from './run-snapshot.ts';
export type {
	FlowContext,
	FlowEvent,
	FlowInput,
	FlowMachine,
	FlowSnapshot,
	FlowTag
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
export { stepLayout, stepText } from './step-texts.ts';
export type { StepLayout, StepText } from './step-texts.ts';
