import { createStepMachine, type FlowMachine, type StepGraph } from './machine-setup.ts';
import type { FlowRun } from './types.ts';

/**
 * The developer-authenticated family: your backend signs the user in and calls
 * GetOpenIdTokenForDeveloperIdentity; the app then uses the enhanced flow (Cognito calls STS) or the
 * basic flow (the app calls STS). [AF; DEV]
 */
export const developerGraph: StepGraph = {
	'sign-in': ['get-open-id-token-for-developer-identity'],
	'get-open-id-token-for-developer-identity': ['return-token'],
	'return-token': ['get-credentials', 'assume-role'],
	'get-credentials': ['choose-role'],
	'choose-role': ['assume-role'],
	'assume-role': ['check-trust'],
	'check-trust': ['return-credentials'],
	'return-credentials': ['call-service'],
	'call-service': ['credentials']
};

/** The machine that steps through one developer-authenticated run. */
export function createDeveloperMachine(run: FlowRun): FlowMachine {
	return createStepMachine('developer', developerGraph, run);
}
