import {
	CognitoIdentityClient,
	UnlinkIdentityCommand,
	GetIdCommand
} from '@aws-sdk/client-cognito-identity';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import {
	createDemoWorld,
	demo,
	isPublicOperation,
	managedGuestSessionPolicyArn,
	parseRoleArn,
	preferredRole,
	signIn,
	SimClock,
	SimulatorRequestHandler,
	type TraceEvent
} from '../../../src/lib/cognito/index.ts';
import { awsError } from './helpers.ts';

describe('clock and world settings', () => {
	it('the clock only moves when told to', () => {
		const clock = new SimClock(new Date('2026-02-01T00:00:00Z'));
		expect(clock.seconds()).toBe(Date.UTC(2026, 1, 1) / 1000);
		clock.advance(1500);
		expect(clock.now()).toBe(Date.UTC(2026, 1, 1) + 1500);
		clock.set(new Date('2026-03-01T00:00:00Z'));
		expect(clock.now()).toBe(Date.UTC(2026, 2, 1));
		clock.set(5);
		expect(clock.now()).toBe(5);
		expect(new SimClock().now()).toBe(Date.UTC(2026, 0, 15, 9));
	});

	it('IAM role settings: max session 1-12 h, policies can be replaced and removed', async () => {
		const world = await createDemoWorld();
		expect(() => world.iam.setMaxSessionDuration('PoolLabAuthRole', 43201)).toThrow(
			'Member must have value between 3600 and 43200'
		);
		expect(() =>
			world.iam.createRole({
				RoleName: 'X',
				AssumeRolePolicyDocument: { Statement: [] },
				MaxSessionDuration: 60
			})
		).toThrow('between 3600 and 43200');
		world.iam.setMaxSessionDuration('PoolLabAuthRole', 7200);
		expect(world.iam.getRole('PoolLabAuthRole')?.MaxSessionDuration).toBe(7200);
		world.iam.deleteRolePolicy('PoolLabAuthRole', 'PerIdentityData');
		expect(Object.keys(world.iam.getRole('PoolLabAuthRole')?.Policies ?? {})).toEqual([
			'DepartmentFiles'
		]);
		expect(() => world.iam.putRolePolicy('Nope', 'p', { Statement: [] })).toThrow(
			'The role with name Nope cannot be found.'
		);
		expect(world.iam.roleByArn('arn:aws:iam::999999999999:role/PoolLabAuthRole')).toBeUndefined();
		expect(parseRoleArn('arn:aws:iam::111122223333:role/path/Name')).toEqual({
			accountId: '111122223333',
			roleName: 'Name'
		});
		expect(parseRoleArn('nope')).toBeUndefined();
		expect(() => world.poolRecord('us-east-1:0')).toThrow("IdentityPool 'us-east-1:0' not found.");
	});

	it('users can join groups later; preferred role follows precedence', async () => {
		const world = await createDemoWorld();
		world.userPool.addUserToGroup('carol', 'editors');
		world.userPool.addUserToGroup('carol', 'editors');
		const carol = await signIn(world, 'userpool', { user: 'carol' });
		expect(carol.claims?.['cognito:groups']).toEqual(['editors']);
		expect(preferredRole([])).toBeUndefined();
		expect(
			preferredRole([
				{ GroupName: 'a', RoleArn: 'r1' },
				{ GroupName: 'b', RoleArn: 'r2', Precedence: 0 }
			])
		).toBe('r2');
		expect(
			preferredRole([
				{ GroupName: 'a', RoleArn: 'r1', Precedence: 2 },
				{ GroupName: 'b', RoleArn: 'r1', Precedence: 2 }
			])
		).toBe('r1');
	});

	it('knows which operations are public (SDK-CI 1.0)', () => {
		expect(
			['GetId', 'GetOpenIdToken', 'GetCredentialsForIdentity', 'UnlinkIdentity'].every(
				isPublicOperation
			)
		).toBe(true);
		expect(isPublicOperation('GetOpenIdTokenForDeveloperIdentity')).toBe(false);
	});

	it('observers can unsubscribe; trace events carry the simulated time', async () => {
		const world = await createDemoWorld();
		const seen: TraceEvent[] = [];
		const stop = world.observe((e) => seen.push(e));
		await world.cognitoIdentity.GetId({ IdentityPoolId: demo.identityPoolId });
		stop();
		await world.cognitoIdentity.GetId({ IdentityPoolId: demo.identityPoolId });
		expect(seen.map((e) => e.kind)).toEqual(['request', 'create-identity', 'response']);
		expect(seen.every((e) => e.at === world.clock.now())).toBe(true);
	});

	it('the guest enhanced flow traces the scope-down session policy (IAMR-2023)', async () => {
		const world = await createDemoWorld();
		const seen: TraceEvent[] = [];
		world.observe((e) => seen.push(e));
		const { IdentityId } = await world.cognitoIdentity.GetId({
			IdentityPoolId: demo.identityPoolId
		});
		await world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId });
		const scope = seen.find((e) => e.kind === 'scope-down');
		expect(scope?.detail['PolicyArns']).toEqual([{ arn: managedGuestSessionPolicyArn }]);
		// The managed policy's ARN as AWS publishes it (MP-NEW): no service-role/ path.
		expect(managedGuestSessionPolicyArn).toBe(
			'arn:aws:iam::aws:policy/AmazonCognitoUnAuthedIdentitiesSessionPolicy'
		);
		expect(scope?.ambiguous?.[0]?.topic).toBe('guest-access');
		const trust = seen.find((e) => e.kind === 'check-trust');
		expect(trust?.detail['RequestContext']).toEqual({
			'cognito-identity.amazonaws.com:aud': demo.identityPoolId,
			'cognito-identity.amazonaws.com:sub': IdentityId,
			'cognito-identity.amazonaws.com:amr': ['unauthenticated']
		});
	});

	it('errors are traced with their explanation', async () => {
		const world = await createDemoWorld();
		const seen: TraceEvent[] = [];
		world.observe((e) => seen.push(e));
		world.updatePool(demo.identityPoolId, { AllowUnauthenticatedIdentities: false });
		await awsError(world.cognitoIdentity.GetId({ IdentityPoolId: demo.identityPoolId }));
		const last = seen.at(-1);
		expect(last?.kind).toBe('error');
		expect(last?.detail['error']).toMatchObject({
			name: 'NotAuthorizedException',
			factRef: 'IDP; GH-AMP1089'
		});
	});
});

describe('public helpers never throw bare errors', () => {
	it('signIn with an unknown provider and authorize with missing arguments', async () => {
		const world = await createDemoWorld();
		expect((await awsError(signIn(world, 'myspace' as never))).name).toBe(
			'InvalidParameterException'
		);
		const d = world.authorize('ASIAX', undefined as never, undefined as never);
		expect(d).toMatchObject({
			allowed: false,
			action: '',
			resource: '',
			decision: 'unknown-credentials'
		});
	});
});

describe('SDK adapter details', () => {
	it('unknown operations, bad JSON and unknown STS actions come back as AWS errors', async () => {
		const world = await createDemoWorld();
		const exchanges: string[] = [];
		const handler = new SimulatorRequestHandler(world, {
			onExchange: (x) => exchanges.push(x.bodyText)
		});
		expect(handler.httpHandlerConfigs()).toEqual({});
		handler.updateHttpClientConfig();
		handler.destroy();
		const unknown = await handler.handle({
			method: 'POST',
			headers: { 'x-amz-target': 'AWSCognitoIdentityService.TagResource' },
			body: '{}'
		});
		expect(JSON.parse(new TextDecoder().decode(unknown.response.body))).toMatchObject({
			__type: 'UnknownOperationException'
		});
		const badJson = await handler.handle({
			method: 'POST',
			headers: { 'x-amz-target': 'AWSCognitoIdentityService.GetId' },
			body: '{'
		});
		expect(JSON.parse(new TextDecoder().decode(badJson.response.body))).toMatchObject({
			__type: 'SerializationException'
		});
		const bytes = await handler.handle({
			method: 'POST',
			headers: { 'x-amz-target': 'AWSCognitoIdentityService.GetId' },
			body: new TextEncoder().encode(JSON.stringify({ IdentityPoolId: demo.identityPoolId }))
		});
		expect(bytes.response.statusCode).toBe(200);
		const empty = await handler.handle({
			method: 'POST',
			headers: { 'x-amz-target': 'AWSCognitoIdentityService.GetId' }
		});
		expect(empty.response.statusCode).toBe(400);
		const sts = await handler.handle({
			method: 'POST',
			headers: {},
			body: 'Action=GetSessionToken&Version=2011-06-15'
		});
		expect(new TextDecoder().decode(sts.response.body)).toContain('<Code>InvalidAction</Code>');
		expect(exchanges).toHaveLength(5);
	});

	it('passes PolicyArns, Policy and DurationSeconds from the STS query protocol', async () => {
		const world = await createDemoWorld();
		const requestHandler = new SimulatorRequestHandler(world);
		const cognito = new CognitoIdentityClient({
			region: 'us-east-1',
			requestHandler,
			maxAttempts: 1
		});
		const sts = new STSClient({ region: 'us-east-1', requestHandler, maxAttempts: 1 });
		const { IdentityId } = await cognito.send(
			new GetIdCommand({ IdentityPoolId: demo.identityPoolId })
		);
		const { Token } = await world.cognitoIdentity.GetOpenIdToken({ IdentityId: IdentityId ?? '' });
		const out = await sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: demo.roles.unauthenticated,
				RoleSessionName: 'query',
				WebIdentityToken: Token,
				DurationSeconds: 900,
				PolicyArns: [{ arn: managedGuestSessionPolicyArn }],
				Policy: JSON.stringify({
					Statement: [{ Effect: 'Allow', Action: 'polly:*', Resource: '*' }]
				})
			})
		);
		expect(out.PackedPolicySize).toBeGreaterThan(0);
		const session = world.sessions.get(out.Credentials?.AccessKeyId ?? '');
		expect(session?.sessionPolicies.map((p) => p.name)).toEqual([
			'session policy',
			'managed session policy'
		]);
		expect((session?.expiration ?? 0) - world.clock.now()).toBe(900_000);
		const g = await signIn(world, 'google');
		const Logins = { [g.loginKey]: g.token };
		const gid = await cognito.send(
			new GetIdCommand({ IdentityPoolId: demo.identityPoolId, Logins })
		);
		await cognito.send(
			new UnlinkIdentityCommand({
				IdentityId: gid.IdentityId,
				Logins,
				LoginsToRemove: [g.loginKey]
			})
		);
		expect(world.identities.get(gid.IdentityId ?? '')?.logins.size).toBe(0);
	});
});
