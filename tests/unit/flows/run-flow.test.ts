import { describe, expect, test } from 'vitest';
import { demo } from '../../../src/lib/cognito/index.ts';
import { flows, type FlowId, type ProviderId } from '../../../src/lib/flows/catalogue.ts';
import { runFlow } from '../../../src/lib/flows/run-flow.ts';
import { defaultBreakSettings, type FlowRun, type FlowStep } from '../../../src/lib/flows/types.ts';

/** Every flow with each provider it supports (guest and developer flows have none). */
const cases: { flowId: FlowId; provider?: ProviderId }[] = flows.flatMap((f) =>
	f.providers.length === 0
		? [{ flowId: f.id }]
		: f.providers.map((provider) => ({ flowId: f.id, provider }))
);

interface CallSummary {
	clientToCognito: string[];
	backendToCognito: string[];
	clientToSts: string[];
	cognitoToSts: string[];
}

/** The AWS calls of a run, grouped the way the fact sheet's flow summary table (1.7) groups them. */
function summarize(run: FlowRun): CallSummary {
	const calls = (from: string, to: string) =>
		run.steps
			.filter((s) => s.kind === 'call' && s.from === from && s.to === to)
			.map((s) => s.label);
	return {
		clientToCognito: calls('app', 'cognito'),
		backendToCognito: calls('backend', 'cognito'),
		clientToSts: calls('app', 'sts'),
		cognitoToSts: calls('cognito', 'sts')
	};
}

/** Fact sheet 1.7, column by column. */
const summaryTable: Record<FlowId, CallSummary> = {
	'enhanced-authenticated': {
		clientToCognito: ['GetId', 'GetCredentialsForIdentity'],
		backendToCognito: [],
		clientToSts: [],
		cognitoToSts: ['AssumeRoleWithWebIdentity']
	},
	'enhanced-guest': {
		clientToCognito: ['GetId', 'GetCredentialsForIdentity'],
		backendToCognito: [],
		clientToSts: [],
		cognitoToSts: ['AssumeRoleWithWebIdentity']
	},
	'basic-authenticated': {
		clientToCognito: ['GetId', 'GetOpenIdToken'],
		backendToCognito: [],
		clientToSts: ['AssumeRoleWithWebIdentity'],
		cognitoToSts: []
	},
	'basic-guest': {
		clientToCognito: ['GetId', 'GetOpenIdToken'],
		backendToCognito: [],
		clientToSts: ['AssumeRoleWithWebIdentity'],
		cognitoToSts: []
	},
	'developer-enhanced': {
		clientToCognito: ['GetCredentialsForIdentity'],
		backendToCognito: ['GetOpenIdTokenForDeveloperIdentity'],
		clientToSts: [],
		cognitoToSts: ['AssumeRoleWithWebIdentity']
	},
	'developer-basic': {
		clientToCognito: [],
		backendToCognito: ['GetOpenIdTokenForDeveloperIdentity'],
		clientToSts: ['AssumeRoleWithWebIdentity'],
		cognitoToSts: []
	}
};

/** Logins keys from fact sheet 2.1, for the demo world's providers. */
const loginKeys: Record<ProviderId, string> = {
	userpool: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Lab4Demo1',
	google: 'accounts.google.com',
	facebook: 'graph.facebook.com',
	amazon: 'www.amazon.com',
	apple: 'appleid.apple.com',
	oidc: 'login.example.com',
	saml: 'arn:aws:iam::111122223333:saml-provider/ExampleIdP'
};

const step = (run: FlowRun, id: string): FlowStep => {
	const found = run.steps.find((s) => s.id === id);
	if (!found) throw new Error(`${run.flowId} has no step ${id}`);
	return found;
};

const requestOf = (run: FlowRun, id: string) => step(run, id).request as Record<string, unknown>;
const responseOf = (run: FlowRun, id: string) => step(run, id).response as Record<string, unknown>;

describe.each(cases)('$flowId $provider', (c) => {
	test('runs to credentials through exactly the catalogue steps', async () => {
		const run = await runFlow(c.flowId, { provider: c.provider });
		expect(run.outcome).toBe('credentials');
		expect(run.steps.map((s) => s.id)).toEqual(flows.find((f) => f.id === c.flowId)?.steps);
		expect(run.steps.map((s) => s.index)).toEqual(run.steps.map((_, i) => i));
		expect(run.steps.every((s) => s.error === undefined)).toBe(true);
	});

	test('makes the calls of the fact sheet flow summary table (1.7)', async () => {
		const run = await runFlow(c.flowId, { provider: c.provider });
		expect(summarize(run)).toEqual(summaryTable[c.flowId]);
	});

	test('only the backend call and the service call are signed (1.0)', async () => {
		const run = await runFlow(c.flowId, { provider: c.provider });
		const signed = run.steps.filter((s) => s.signed).map((s) => s.id);
		expect(signed).toEqual(
			c.flowId.startsWith('developer-')
				? ['get-open-id-token-for-developer-identity', 'call-service']
				: ['call-service']
		);
	});

	test('ends with an S3 call the role policy allows, naming the deciding statement', async () => {
		const run = await runFlow(c.flowId, { provider: c.provider });
		const last = run.steps[run.steps.length - 1];
		expect(last?.id).toBe('call-service');
		expect(last?.decision?.allowed).toBe(true);
		expect(last?.decision?.action).toBe('s3:GetObject');
		expect(last?.decision?.decidedBy).toMatch(/statement "\w+"/);
	});

	test('every step has narration, an explanation and fact tags', async () => {
		const run = await runFlow(c.flowId, { provider: c.provider });
		for (const s of run.steps) {
			expect(s.narration, s.id).toMatch(/\.$/);
			expect(s.why.length, s.id).toBeGreaterThan(40);
			expect(s.factRef, s.id).toMatch(/^[A-Z][\w-]*( [a-z-]+)?(; [A-Z][\w-]*( [a-z-]+)?)*$/);
		}
	});

	test('the same options give deep-equal runs', async () => {
		const options = { provider: c.provider, seed: 7, now: Date.UTC(2026, 5, 1, 12, 0, 0) };
		expect(await runFlow(c.flowId, options)).toEqual(await runFlow(c.flowId, options));
	});
});

describe('what a flow runs with', () => {
	test('a provider the flow does not support runs as the user pool, and settings that do not apply are ignored', async () => {
		const asked = await runFlow('basic-authenticated', {
			provider: 'saml',
			settings: { guestAccess: false, roleMapping: 'rules-no-match-deny' }
		});
		expect(asked.provider).toBe('userpool');
		expect(asked.settings).toEqual(defaultBreakSettings);
		expect(asked).toEqual(await runFlow('basic-authenticated'));
	});
});

describe('requests and responses use AWS field names', () => {
	test.each(cases.filter((c) => c.provider))(
		'$flowId sends the $provider token under its Logins key (2.1)',
		async (c) => {
			const run = await runFlow(c.flowId, { provider: c.provider });
			const provider = c.provider as ProviderId;
			expect(Object.keys(requestOf(run, 'get-id').Logins as object)).toEqual([loginKeys[provider]]);
			const second = c.flowId.startsWith('enhanced') ? 'get-credentials' : 'get-open-id-token';
			expect(requestOf(run, second).Logins).toEqual(requestOf(run, 'get-id').Logins);
		}
	);

	test('guests send no Logins, and basic guests send only the identity ID (1.2, 1.4)', async () => {
		const enhanced = await runFlow('enhanced-guest');
		expect(requestOf(enhanced, 'get-id')).toEqual({ IdentityPoolId: demo.identityPoolId });
		expect(Object.keys(requestOf(enhanced, 'get-credentials'))).toEqual(['IdentityId']);
		const basic = await runFlow('basic-guest');
		expect(Object.keys(requestOf(basic, 'get-open-id-token'))).toEqual(['IdentityId']);
	});

	test('enhanced-flow credentials say SecretKey and last one hour (2.3, 6)', async () => {
		const run = await runFlow('enhanced-authenticated');
		const response = responseOf(run, 'return-credentials');
		const creds = response.Credentials as Record<string, unknown>;
		expect(Object.keys(creds)).toEqual(['AccessKeyId', 'SecretKey', 'SessionToken', 'Expiration']);
		const at = step(run, 'return-credentials').at;
		expect((creds.Expiration as Date).getTime() - at).toBe(3600 * 1000);
		expect(response.IdentityId).toBe(responseOf(run, 'get-id').IdentityId);
	});

	test('STS credentials say SecretAccessKey, with the identity ID as subject and the pool as audience (2.6)', async () => {
		const run = await runFlow('basic-authenticated');
		const response = responseOf(run, 'return-credentials');
		expect(Object.keys(response.Credentials as object)).toEqual([
			'AccessKeyId',
			'SecretAccessKey',
			'SessionToken',
			'Expiration'
		]);
		expect(response.SubjectFromWebIdentityToken).toBe(responseOf(run, 'get-id').IdentityId);
		expect(response.Audience).toBe(demo.identityPoolId);
	});

	test('in the basic flow the app names the role and passes the Cognito token to STS (1.3)', async () => {
		const run = await runFlow('basic-authenticated');
		const request = requestOf(run, 'assume-role');
		expect(request.RoleArn).toBe(demo.roles.authenticated);
		expect(request.WebIdentityToken).toBe(responseOf(run, 'get-open-id-token').Token);
	});

	test('the developer flow uses the cognito-identity.amazonaws.com key with the backend token (1.5)', async () => {
		const run = await runFlow('developer-enhanced');
		expect(requestOf(run, 'get-open-id-token-for-developer-identity').Logins).toEqual({
			[demo.developerProviderName]: 'user-alice'
		});
		const returned = responseOf(run, 'return-token');
		expect(requestOf(run, 'get-credentials')).toEqual({
			IdentityId: returned.IdentityId,
			Logins: { 'cognito-identity.amazonaws.com': returned.Token }
		});
	});

	test('in the enhanced guest flow Cognito adds the scope-down session policy to its STS call (1.2, 5)', async () => {
		const guest = await runFlow('enhanced-guest');
		const request = requestOf(guest, 'assume-role');
		expect(request.RoleArn).toBe(demo.roles.unauthenticated);
		expect(request.PolicyArns).toBeDefined();
		expect(step(guest, 'assume-role').ambiguous?.[0]).toMatch(/^AWS documents this ambiguously/);
		const signedIn = await runFlow('enhanced-authenticated');
		expect(requestOf(signedIn, 'assume-role').PolicyArns).toBeUndefined();
	});

	test('internal steps show the simulator trace of what happened inside AWS', async () => {
		const run = await runFlow('enhanced-authenticated', { settings: { roleMapping: 'token' } });
		expect(step(run, 'validate-login').trace?.[0]?.kind).toBe('validate-login');
		const chosen = responseOf(run, 'choose-role');
		expect(chosen.Source).toBe('preferred-role');
		expect(chosen.RoleArn).toBe(demo.roles.admin);
		const trust = responseOf(run, 'check-trust');
		expect(trust.RoleArn).toBe(demo.roles.admin);
		expect(trust.DecidedBy).toBe('trust policy statement "TrustCognitoIdentityPool"');
		expect(step(run, 'call-service').decision?.decidedBy).toBe(
			'role policy "Admin" statement "ManageUserFiles"'
		);
	});

	test('SDK code names the v3 commands the app or backend would send', async () => {
		const enhanced = await runFlow('enhanced-authenticated', { provider: 'google' });
		expect(step(enhanced, 'get-id').sdkCode).toContain('new GetIdCommand(');
		expect(step(enhanced, 'get-id').sdkCode).toContain("'accounts.google.com': idToken");
		expect(step(enhanced, 'get-credentials').sdkCode).toContain('CognitoIdentityClient');
		expect(step(enhanced, 'call-service').sdkCode).toContain('Credentials.SecretKey');
		expect(step(enhanced, 'assume-role').sdkCode).toBeUndefined();
		const basic = await runFlow('basic-authenticated', { provider: 'facebook' });
		expect(step(basic, 'get-id').sdkCode).toContain("'graph.facebook.com': accessToken");
		expect(step(basic, 'assume-role').sdkCode).toContain('new AssumeRoleWithWebIdentityCommand(');
		expect(step(basic, 'call-service').sdkCode).toContain('Credentials.SecretAccessKey');
		const userPool = await runFlow('enhanced-authenticated');
		expect(step(userPool, 'sign-in').sdkCode).toContain('new InitiateAuthCommand(');
		expect(step(userPool, 'sign-in').sdkCode).toContain('AuthenticationResult.IdToken');
		// The request shown is the one the code sends: InitiateAuth with the app client's ID.
		expect(step(userPool, 'sign-in').request).toMatchObject({
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: expect.any(String),
			AuthParameters: { USERNAME: 'alice' }
		});
		expect(step(enhanced, 'sign-in').sdkCode).toBeUndefined();
		const developer = await runFlow('developer-basic');
		expect(step(developer, 'get-open-id-token-for-developer-identity').sdkCode).toContain(
			'new GetOpenIdTokenForDeveloperIdentityCommand('
		);
	});

	test('a different seed gives different identities; the clock sets step times', async () => {
		const now = Date.UTC(2026, 2, 3, 4, 5, 6);
		const a = await runFlow('enhanced-guest', { seed: 1, now });
		const b = await runFlow('enhanced-guest', { seed: 2, now });
		expect(responseOf(a, 'get-id').IdentityId).not.toBe(responseOf(b, 'get-id').IdentityId);
		expect(a.steps[0]?.at).toBe(now);
	});

	test('settings that do not apply to a flow are dropped from the run', async () => {
		const run = await runFlow('enhanced-guest', {
			settings: { classicFlow: false, sendAccessToken: true, roleMapping: 'rules-no-match-deny' }
		});
		expect(run.outcome).toBe('credentials');
		expect(run.settings.classicFlow).toBe(true);
		expect(run.settings.roleMapping).toBe('default');
	});

	test('SAML falls back to the user pool outside the enhanced signed-in flow', async () => {
		const run = await runFlow('basic-authenticated', { provider: 'saml' });
		expect(run.provider).toBe('userpool');
	});
});

describe('the service call at the end', () => {
	test('another identity’s S3 prefix is denied: ${cognito-identity.amazonaws.com:sub} isolates users (7)', async () => {
		const run = await runFlow('enhanced-authenticated', { serviceCall: 'other-file' });
		expect(run.outcome).toBe('credentials');
		const last = step(run, 'call-service');
		expect(last.decision?.allowed).toBe(false);
		expect(last.decision?.decidedBy).toMatch(/implicit deny/);
		expect(last.narration).toContain('Its policies deny it.');
	});

	test('an admin role from the token may read any prefix', async () => {
		const run = await runFlow('enhanced-authenticated', {
			serviceCall: 'other-file',
			settings: { roleMapping: 'token' }
		});
		expect(step(run, 'call-service').decision?.allowed).toBe(true);
	});

	test('DynamoDB GetItem on the user’s own leading key is allowed, and not for guests (7)', async () => {
		const own = await runFlow('developer-basic', { serviceCall: 'own-item' });
		const last = step(own, 'call-service');
		expect(last.label).toBe('DynamoDB GetItem');
		expect(last.decision).toEqual({
			action: 'dynamodb:GetItem',
			resource: demo.tableArn,
			allowed: true,
			decidedBy: 'role policy "PerIdentityData" statement "OwnItemsOnly"'
		});
		expect(last.sdkCode).toContain('new GetItemCommand(');
		const guest = await runFlow('basic-guest', { serviceCall: 'own-item' });
		expect(step(guest, 'call-service').decision?.allowed).toBe(false);
	});
});

/** The tags of the fact sheet's Sources table: every reference the app shows must resolve to one. */
const sourceTags = new Set(
	'AF AF-2023 IAMR IAMR-2023 RTP RBAC SECBP DEV IDP SWITCH EXT UPIP UPG SCEN ABAC QUOTA-2023 API-GCFI API-GETID API-SIPR API-RCT SDK-CI BOTO-CI SDK-STS STS-API CRED-JS MP-NEW MP-OLD MP-DEV BLOG4 CDK GH-CLI7652 GH-RUM172 GH-QS12 GH-AMP9704 GH-AMP3621 GH-AMP1089 GH-AMP6616 GH-IOS2570 GH-CIJS40 GH-CIJS68 GH-AUTH196 REPOST-AUD MOTO SLIDE DD'.split(
		' '
	)
);

const unknownTags = (factRef: string) =>
	factRef
		.split(';')
		.map((part) => part.trim().split(' ')[0] ?? '')
		.filter((tag) => !sourceTags.has(tag));

test('every fact reference on steps and errors names a fact-sheet source', async () => {
	const runs = await Promise.all([
		...cases.map((c) => runFlow(c.flowId, { provider: c.provider })),
		runFlow('enhanced-authenticated', { settings: { roleMapping: 'token' } }),
		runFlow('enhanced-authenticated', { settings: { roleMapping: 'rules' } }),
		runFlow('enhanced-authenticated', { settings: { roleMapping: 'rules-no-match-deny' } }),
		runFlow('enhanced-guest', { settings: { guestAccess: false } }),
		runFlow('basic-guest', { settings: { classicFlow: false } }),
		runFlow('basic-authenticated', { settings: { trust: 'wrong-aud' } }),
		runFlow('developer-basic', { settings: { expireToken: true } })
	]);
	for (const run of runs) {
		for (const s of run.steps) {
			expect(unknownTags(s.factRef), `${run.flowId} ${s.id}`).toEqual([]);
			if (s.error) expect(unknownTags(s.error.factRef), `${run.flowId} ${s.id}`).toEqual([]);
		}
	}
});
