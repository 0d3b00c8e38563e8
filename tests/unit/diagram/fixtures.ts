import type { FlowRun, FlowStep } from '../../../src/lib/flows/types.ts';
import { defaultBreakSettings } from '../../../src/lib/flows/types.ts';

/** Base64url of a string, as a JWT part. */
export function b64url(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64url');
}

/** A JWT with the given payload; the signature is a fixed stand-in, since nothing verifies it. */
export function makeJwt(
	payload: Record<string, unknown>,
	header = { alg: 'RS256', kid: 'k1' }
): string {
	return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.c2ln`;
}

export const t0 = Date.UTC(2026, 0, 15, 12, 0, 0);

export const idToken = makeJwt({
	sub: 'a1b2c3',
	iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1',
	aud: 'example-client-id',
	token_use: 'id',
	'cognito:groups': ['editors'],
	iat: t0 / 1000 - 60,
	exp: t0 / 1000 + 3540
});

function step(
	partial: Partial<FlowStep> & Pick<FlowStep, 'id' | 'from' | 'to' | 'label'>,
	index: number
): FlowStep {
	return {
		index,
		kind: 'call',
		insideAws: false,
		signed: false,
		narration: `Narration for ${partial.id}.`,
		why: 'Because.',
		factRef: 'AF',
		at: t0 + index * 1000,
		...partial
	};
}

/** An enhanced-flow run with calls, notes inside AWS, an internal AWS call and a return. */
export function sampleRun(): FlowRun {
	return {
		flowId: 'enhanced-authenticated',
		provider: 'userpool',
		settings: defaultBreakSettings,
		outcome: 'credentials',
		steps: [
			step({ id: 'sign-in', from: 'app', to: 'idp', label: 'Sign in' }, 0),
			step(
				{
					id: 'get-id',
					from: 'app',
					to: 'cognito',
					label: 'GetId',
					request: {
						IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000001',
						Logins: { 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1': idToken }
					},
					response: { IdentityId: 'us-east-1:00000000-0000-4000-8000-0000000000aa' },
					sdkCode: 'await client.send(new GetIdCommand({ IdentityPoolId, Logins }));'
				},
				1
			),
			step(
				{
					id: 'validate-login',
					kind: 'internal',
					from: 'cognito',
					to: 'cognito',
					label: 'Check the ID token',
					insideAws: true
				},
				2
			),
			step(
				{ id: 'get-credentials', from: 'app', to: 'cognito', label: 'GetCredentialsForIdentity' },
				3
			),
			step(
				{
					id: 'choose-role',
					kind: 'internal',
					from: 'cognito',
					to: 'cognito',
					label: 'Choose the role',
					insideAws: true
				},
				4
			),
			step(
				{
					id: 'assume-role',
					kind: 'internal',
					from: 'cognito',
					to: 'sts',
					label: 'AssumeRoleWithWebIdentity',
					insideAws: true
				},
				5
			),
			step(
				{
					id: 'check-trust',
					kind: 'internal',
					from: 'sts',
					to: 'sts',
					label: 'Check the trust policy',
					insideAws: true
				},
				6
			),
			step(
				{
					id: 'return-credentials',
					kind: 'return',
					from: 'cognito',
					to: 'app',
					label: 'Credentials',
					response: {
						IdentityId: 'us-east-1:00000000-0000-4000-8000-0000000000aa',
						Credentials: {
							AccessKeyId: 'ASIAEXAMPLE',
							SecretKey: 'secret',
							SessionToken: 'session',
							Expiration: (t0 + 7000 + 3600_000) / 1000
						}
					}
				},
				7
			),
			step({ id: 'call-service', from: 'app', to: 'service', label: 'PutObject', signed: true }, 8)
		]
	};
}

/** A basic-flow run for compare tests: the app calls STS itself and STS returns SecretAccessKey. */
export function sampleBasicRun(): FlowRun {
	const enhanced = sampleRun();
	const byId = (id: string) => enhanced.steps.find((s) => s.id === id)!;
	const base: FlowStep[] = [
		byId('sign-in'),
		byId('get-id'),
		byId('validate-login'),
		{ ...byId('get-credentials'), id: 'get-open-id-token', label: 'GetOpenIdToken' },
		{ ...byId('assume-role'), from: 'app', kind: 'call', insideAws: false },
		byId('check-trust'),
		{
			...byId('return-credentials'),
			from: 'sts',
			response: {
				Credentials: {
					AccessKeyId: 'ASIABASIC',
					SecretAccessKey: 'secret',
					SessionToken: 'session',
					Expiration: new Date(t0 + 7000 + 3_600_000).toISOString()
				}
			}
		},
		byId('call-service')
	];
	const steps = base.map((s, i) => ({ ...s, index: i, at: t0 + i * 1000 }));
	return { ...enhanced, flowId: 'basic-authenticated', steps };
}
