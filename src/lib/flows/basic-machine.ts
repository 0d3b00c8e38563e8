import { createStepMachine, type FlowMachine, type StepGraph } from './machine-setup.ts';
import type { FlowRun } from './types.ts';

/**
 * The basic (classic) flow family, signed in and guest: the app asks Cognito for an OpenID token,
 * then calls STS itself with a role ARN it chooses. [AF; AF-2023]
 */
export const basicGraph: StepGraph = {
	'sign-in': ['get-id'],
	'get-id': ['validate-login', 'create-identity'],
	'validate-login': ['get-open-id-token'],
	'create-identity': ['get-open-id-token'],
	'get-open-id-token': ['assume-role'],
	'assume-role': ['check-trust'],
	'check-trust': ['return-credentials'],
	'return-credentials': ['call-service'],
	'call-service': ['credentials']
};

/** The machine that steps through one basic-flow run. */
export function createBasicMachine(run: FlowRun): FlowMachine {
	return createStepMachine('basic', basicGraph, run);
}
