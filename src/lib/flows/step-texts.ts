import {
	findFlow,
	providers as providerTable,
	type FlowId,
	type LaneId,
	type ProviderId
} from './catalogue.ts';
import { steps } from 'virtual:content/steps';
import { stepTextFrom, type StepText, type TextContext } from './step-variant.ts';
import type { StepKind } from './types.ts';

/**
 * Where each step's arrow goes, and what the app says about it. The words live in
 * `content/steps/*.md` (compiled by the content plugin into `virtual:content/steps`);
 * `step-variant.ts` decides which of their variants a run shows. The runner adds the real requests
 * and responses.
 */

export type { StepText, TextContext };

export interface StepLayout {
	kind: StepKind;
	from: LaneId;
	to: LaneId;
	label: string;
	insideAws: boolean;
	signed: boolean;
}

const isEnhanced = (flowId: FlowId) => findFlow(flowId)?.family === 'enhanced';
const isDeveloper = (flowId: FlowId) => findFlow(flowId)?.identity === 'developer';

/** The arrow of a step in a flow. */
export function stepLayout(flowId: FlowId, stepId: string, provider?: ProviderId): StepLayout {
	const enhanced = isEnhanced(flowId);
	const internal = (lane: LaneId, label: string): StepLayout => ({
		kind: 'internal',
		from: lane,
		to: lane,
		label,
		insideAws: true,
		signed: false
	});
	switch (stepId) {
		case 'sign-in':
			return isDeveloper(flowId)
				? {
						kind: 'call',
						from: 'app',
						to: 'backend',
						label: 'Sign in (your auth system)',
						insideAws: false,
						signed: false
					}
				: {
						kind: 'call',
						from: 'app',
						to: 'idp',
						label: `Sign in with ${providerTable[provider ?? 'userpool'].label}`,
						insideAws: false,
						signed: false
					};
		case 'get-id':
			return {
				kind: 'call',
				from: 'app',
				to: 'cognito',
				label: 'GetId',
				insideAws: false,
				signed: false
			};
		case 'validate-login':
			return internal('cognito', 'Validate the login token');
		case 'create-identity':
			return internal('cognito', 'Create a guest identity');
		case 'get-credentials':
			return {
				kind: 'call',
				from: 'app',
				to: 'cognito',
				label: 'GetCredentialsForIdentity',
				insideAws: false,
				signed: false
			};
		case 'choose-role':
			return internal('cognito', 'Choose the role');
		case 'get-open-id-token':
			return {
				kind: 'call',
				from: 'app',
				to: 'cognito',
				label: 'GetOpenIdToken',
				insideAws: false,
				signed: false
			};
		case 'get-open-id-token-for-developer-identity':
			return {
				kind: 'call',
				from: 'backend',
				to: 'cognito',
				label: 'GetOpenIdTokenForDeveloperIdentity',
				insideAws: false,
				signed: true
			};
		case 'return-token':
			return {
				kind: 'return',
				from: 'backend',
				to: 'app',
				label: 'IdentityId and Token',
				insideAws: false,
				signed: false
			};
		case 'assume-role':
			return enhanced
				? {
						kind: 'call',
						from: 'cognito',
						to: 'sts',
						label: 'AssumeRoleWithWebIdentity',
						insideAws: true,
						signed: false
					}
				: {
						kind: 'call',
						from: 'app',
						to: 'sts',
						label: 'AssumeRoleWithWebIdentity',
						insideAws: false,
						signed: false
					};
		case 'check-trust':
			return internal('sts', 'Check the role trust policy');
		case 'return-credentials':
			return enhanced
				? {
						kind: 'return',
						from: 'cognito',
						to: 'app',
						label: 'Credentials (SecretKey)',
						insideAws: false,
						signed: false
					}
				: {
						kind: 'return',
						from: 'sts',
						to: 'app',
						label: 'Credentials (SecretAccessKey)',
						insideAws: false,
						signed: false
					};
		case 'call-service':
			return {
				kind: 'call',
				from: 'app',
				to: 'service',
				label: 'Call the AWS service',
				insideAws: false,
				signed: true
			};
		default:
			throw new Error(`No layout for step ${stepId}`);
	}
}

/** The narration, explanation, fact references and exam tip of a step, from `content/steps`. */
export function stepText(stepId: string, ctx: TextContext): StepText {
	return stepTextFrom(steps, stepId, ctx);
}
