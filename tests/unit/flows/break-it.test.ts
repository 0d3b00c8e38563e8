import { describe, expect, test } from 'vitest';
import { applicableBreakOptions } from '../../../src/lib/flows/break-options.ts';
import { flows, type FlowId, type ProviderId } from '../../../src/lib/flows/catalogue.ts';
import { runFlow } from '../../../src/lib/flows/run-flow.ts';
import { defaultBreakSettings, type BreakSettings } from '../../../src/lib/flows/types.ts';

/**
 * Each "break it" setting makes the flow fail at the step where AWS refuses, with AWS's error name
 * and message (fact sheet 2.7), and nothing runs after that step.
 */

interface Case {
	flowId: FlowId;
	provider?: ProviderId;
	settings: Partial<BreakSettings>;
	step: string;
	name: string;
	message: string | RegExp;
	httpStatus?: number;
}

const guestOff = 'Unauthenticated access is not supported for this identity pool.';
const classicOff = 'Basic (classic) flow is not enabled, please use enhanced flow.';
const badConfig = 'Invalid identity pool configuration. Check assigned IAM roles for this pool.';
const stsDenied = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';
const expired = /^Invalid login token\. Token expired: \d+ >= \d+$/;

const trustCases = (['wrong-aud', 'wrong-amr', 'no-conditions'] as const).flatMap(
	(trust): Case[] => [
		...(['enhanced-authenticated', 'enhanced-guest', 'developer-enhanced'] as const).map(
			(flowId) => ({
				flowId,
				settings: { trust },
				step: 'check-trust',
				name: 'InvalidIdentityPoolConfigurationException',
				message: badConfig
			})
		),
		...(['basic-authenticated', 'basic-guest', 'developer-basic'] as const).map((flowId) => ({
			flowId,
			settings: { trust },
			step: 'check-trust',
			name: 'AccessDenied',
			message: stsDenied,
			httpStatus: 403
		}))
	]
);

const cases: Case[] = [
	...(['enhanced-guest', 'basic-guest'] as const).map((flowId) => ({
		flowId,
		settings: { guestAccess: false },
		step: 'get-id',
		name: 'NotAuthorizedException',
		message: guestOff
	})),
	...(['basic-authenticated', 'basic-guest'] as const).map((flowId) => ({
		flowId,
		settings: { classicFlow: false },
		step: 'get-open-id-token',
		name: 'InvalidParameterException',
		message: classicOff
	})),
	{
		flowId: 'enhanced-authenticated',
		settings: { roleMapping: 'rules-no-match-deny' },
		step: 'choose-role',
		name: 'NotAuthorizedException',
		message:
			'The ambiguous role mapping rules for: cognito-idp.us-east-1.amazonaws.com/us-east-1_Lab4Demo1:webclient0poollab0demo0001 denied this request.'
	},
	{
		flowId: 'enhanced-authenticated',
		provider: 'google',
		settings: { roleMapping: 'rules-no-match-deny' },
		step: 'choose-role',
		name: 'NotAuthorizedException',
		message: 'The ambiguous role mapping rules for: accounts.google.com denied this request.'
	},
	...trustCases,
	...(['enhanced-authenticated', 'basic-authenticated'] as const).flatMap((flowId): Case[] => [
		{
			flowId,
			settings: { expireToken: true },
			step: 'validate-login',
			name: 'NotAuthorizedException',
			message: expired
		},
		{
			flowId,
			provider: 'facebook',
			settings: { expireToken: true },
			step: 'validate-login',
			name: 'NotAuthorizedException',
			message: expired
		},
		{
			flowId,
			settings: { sendAccessToken: true },
			step: 'validate-login',
			name: 'NotAuthorizedException',
			message: 'Invalid login token. Missing a required claim: aud'
		},
		{
			flowId,
			settings: { otherPoolToken: true },
			step: 'validate-login',
			name: 'NotAuthorizedException',
			message: "Invalid login token. Issuer doesn't match providerName"
		},
		{
			flowId,
			provider: 'google',
			settings: { tamperClaim: true },
			step: 'validate-login',
			name: 'NotAuthorizedException',
			message: /^Invalid login token\./
		}
	]),
	{
		flowId: 'developer-enhanced',
		settings: { expireToken: true },
		step: 'get-credentials',
		name: 'NotAuthorizedException',
		message: expired
	},
	{
		flowId: 'developer-enhanced',
		settings: { tamperClaim: true },
		step: 'get-credentials',
		name: 'NotAuthorizedException',
		message: /^Invalid login token\./
	},
	{
		flowId: 'developer-basic',
		settings: { expireToken: true },
		step: 'assume-role',
		name: 'ExpiredTokenException',
		message: /^Token expired: /
	},
	{
		flowId: 'developer-basic',
		settings: { tamperClaim: true },
		step: 'assume-role',
		name: 'InvalidIdentityTokenException',
		message: /\S/
	}
];

describe.each(cases)('$flowId $provider $settings', (c) => {
	test(`fails at ${c.step} with ${c.name}`, async () => {
		const run = await runFlow(c.flowId, { provider: c.provider, settings: c.settings });
		expect(run.outcome).toBe('error');
		const last = run.steps[run.steps.length - 1];
		expect(last?.id).toBe(c.step);
		expect(last?.error?.name).toBe(c.name);
		if (typeof c.message === 'string') expect(last?.error?.message).toBe(c.message);
		else expect(last?.error?.message).toMatch(c.message);
		expect(last?.error?.httpStatus).toBe(c.httpStatus ?? 400);
		expect(last?.error?.explanation.length).toBeGreaterThan(20);
		expect(last?.error?.fix.length).toBeGreaterThan(10);
		expect(last?.error?.factRef).toMatch(/^[A-Z]/);
		expect(run.steps.slice(0, -1).every((s) => s.error === undefined)).toBe(true);
		expect(run.steps.some((s) => s.id === 'call-service')).toBe(false);
	});
});

describe('what a break changes before the failure', () => {
	test('the wrong-aud trust policy is what STS evaluates at check-trust', async () => {
		const run = await runFlow('basic-authenticated', { settings: { trust: 'wrong-aud' } });
		const trust = run.steps.find((s) => s.id === 'check-trust')?.response as {
			TrustPolicy: { Statement: { Condition: Record<string, Record<string, string>> }[] };
			RequestContext: Record<string, string>;
		};
		const aud =
			trust.TrustPolicy.Statement[0]?.Condition.StringEquals?.[
				'cognito-identity.amazonaws.com:aud'
			];
		expect(aud).not.toBe(trust.RequestContext['cognito-identity.amazonaws.com:aud']);
	});

	test('sending the access token puts it in Logins and says so', async () => {
		const run = await runFlow('enhanced-authenticated', { settings: { sendAccessToken: true } });
		const signIn = run.steps[0];
		const response = signIn?.response as { accessToken: string; token: string };
		expect(response.token).toBe(response.accessToken);
		expect(signIn?.narration).toContain('access token instead of the ID token');
		expect(run.steps[1]?.sdkCode).toContain(': accessToken');
	});

	test('a tampered token shows the edited claim it was sent with', async () => {
		const run = await runFlow('enhanced-authenticated', {
			provider: 'google',
			settings: { tamperClaim: true }
		});
		const response = run.steps[0]?.response as { claims: { sub: string } };
		expect(response.claims.sub).toBe('mallory');
		expect(run.steps[0]?.narration).toContain('edits the token after it was signed');
	});

	test('rules that fall back with AuthenticatedRole give the default role', async () => {
		const run = await runFlow('enhanced-authenticated', {
			settings: { roleMapping: 'rules-no-match-default' }
		});
		expect(run.outcome).toBe('credentials');
		const chosen = run.steps.find((s) => s.id === 'choose-role')?.response as {
			Source: string;
			RoleArn: string;
		};
		expect(chosen.Source).toBe('ambiguous-authenticated-role');
		expect(chosen.RoleArn).toBe('arn:aws:iam::111122223333:role/PoolLabAuthRole');
	});

	test('a rule that matches picks its role', async () => {
		for (const provider of ['userpool', 'google', 'facebook', 'saml'] as const) {
			const run = await runFlow('enhanced-authenticated', {
				provider,
				settings: { roleMapping: 'rules' }
			});
			const chosen = run.steps.find((s) => s.id === 'choose-role')?.response as {
				Source: string;
				RoleArn: string;
			};
			expect(chosen.Source, provider).toBe('rule');
			expect(chosen.RoleArn, provider).toBe('arn:aws:iam::111122223333:role/PoolLabEditorRole');
		}
	});
});

describe('every applicable setting, for every flow and provider', () => {
	const matrix = flows.flatMap((f) =>
		(f.providers.length > 0 ? f.providers : [undefined]).flatMap((provider) =>
			applicableBreakOptions(f.id, provider)
				.filter((o) => o.key !== 'provider')
				.flatMap((o) => {
					const key = o.key as keyof BreakSettings;
					const values =
						o.kind === 'toggle'
							? [!defaultBreakSettings[key]]
							: (o.choices ?? []).slice(1).map((c) => c.value);
					return values.map((value) => ({ flowId: f.id, provider, key, value }));
				})
		)
	);

	const succeeds = new Set(['token', 'rules', 'rules-no-match-default']);

	test.each(matrix)('$flowId $provider $key=$value', async ({ flowId, provider, key, value }) => {
		const run = await runFlow(flowId, { provider, settings: { [key]: value } });
		if (key === 'getIdBurst') {
			// Throttled, then retried by the SDK: the other callers' second is over once the waits
			// add up to 1 s, and then the call goes through; otherwise the third refusal ends the run.
			const getId = run.steps.find((s) => s.id === 'get-id')!;
			const waits = [...getId.narration.matchAll(/the SDK waited (\d+) ms/g)].map((m) =>
				Number(m[1])
			);
			expect(waits.length).toBeGreaterThan(0);
			const waited = waits.reduce((x, y) => x + y, 0);
			if (waited >= 1000) {
				expect(run.outcome).toBe('credentials');
			} else {
				expect(waits).toHaveLength(2);
				expect(run.outcome).toBe('error');
				expect(run.steps.at(-1)).toMatchObject({
					id: 'get-id',
					error: { name: 'TooManyRequestsException' }
				});
			}
			return;
		}
		if (succeeds.has(String(value))) {
			expect(run.outcome).toBe('credentials');
			return;
		}
		expect(run.outcome).toBe('error');
		const last = run.steps[run.steps.length - 1];
		expect(flows.find((f) => f.id === flowId)?.steps).toContain(last?.id);
		expect(last?.error?.name).toMatch(/Exception$|^AccessDenied$/);
		expect(last?.error?.message.length).toBeGreaterThan(10);
	});

	test('a refusal AWS words ambiguously carries the note', async () => {
		const run = await runFlow('enhanced-authenticated', {
			provider: 'facebook',
			settings: { tamperClaim: true }
		});
		const last = run.steps[run.steps.length - 1];
		expect(last?.error?.message).toBe('Invalid login token. Invalid access token.');
		expect(last?.ambiguous?.some((n) => n.startsWith('AWS documents this ambiguously'))).toBe(true);
	});
});

test('tampering fails for whichever demo user signs in', async () => {
	for (const provider of ['saml', 'google', 'amazon'] as const) {
		const run = await runFlow('enhanced-authenticated', {
			provider,
			user: 'bob',
			settings: { tamperClaim: true }
		});
		expect(run.outcome, provider).toBe('error');
		expect(run.steps[run.steps.length - 1]?.id, provider).toBe('validate-login');
	}
});
