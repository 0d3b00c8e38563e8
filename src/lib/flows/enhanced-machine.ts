import { createStepMachine, type FlowMachine, type StepGraph } from './machine-setup.ts';
import type { FlowRun } from './types.ts';

/**
 * The enhanced (simplified) flow family, signed in and guest: the app makes two calls to Cognito,
 * and Cognito chooses the role and calls STS itself. [AF; AF-2023]
 */
export const enhancedGraph: StepGraph = {
	'sign-in': ['get-id'],
	'get-id': ['validate-login', 'create-identity'],
	'validate-login': ['get-credentials'],
	'create-identity': ['get-credentials'],
	'get-credentials': ['choose-role'],
	'choose-role': ['assume-role'],
	'assume-role': ['check-trust'],
	'check-trust': ['return-credentials'],
	'return-credentials': ['call-service'],
	'call-service': ['credentials']
};

/** The machine that steps through one enhanced-flow run. */
export function createEnhancedMachine(run: FlowRun): FlowMachine {
	return createStepMachine('enhanced', enhancedGraph, run);
}
