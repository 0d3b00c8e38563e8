import {
	CognitoIdentityClient,
	GetCredentialsForIdentityCommand,
	GetIdCommand,
	TooManyRequestsException
} from '@aws-sdk/client-cognito-identity';
import { StandardRetryStrategy } from '@smithy/core/retry';
import { describe, expect, it } from 'vitest';
import {
	createDemoWorld,
	demo,
	identityPoolRateQuotas,
	SimulatorRequestHandler,
	type DemoWorld
} from '../../../src/lib/cognito/index.ts';
import { awsError } from './helpers.ts';

const guestGetId = { IdentityPoolId: demo.identityPoolId };

/** Calls GetId `n` times at the current simulated instant. */
async function getIds(world: DemoWorld, n: number): Promise<void> {
	for (let i = 0; i < n; i++) await world.cognitoIdentity.GetId(guestGetId);
}

describe('request-rate quotas (QUOTA-2023)', () => {
	it('are off by default: a burst of GetId calls all succeed', async () => {
		const world = await createDemoWorld();
		expect(world.throttling.enabled).toBe(false);
		await expect(getIds(world, 60)).resolves.toBeUndefined();
	});

	it('use the default quotas: GetId 25 and GetCredentialsForIdentity 200 requests per second', () => {
		expect(identityPoolRateQuotas).toEqual({ GetId: 25, GetCredentialsForIdentity: 200 });
	});

	it('refuse the 26th GetId within one second with TooManyRequestsException, HTTP 400', async () => {
		const world = await createDemoWorld();
		world.throttling.enable();
		await getIds(world, 25);
		const err = await awsError(world.cognitoIdentity.GetId(guestGetId));
		expect(err.name).toBe('TooManyRequestsException');
		expect(err.httpStatus).toBe(400);
		expect(err.$fault).toBe('client');
		expect(err.message).toBe('Rate exceeded');
		expect(err.ambiguous).toHaveLength(1);
	});

	it('admit calls again once a second of simulated time has passed', async () => {
		const world = await createDemoWorld();
		world.throttling.enable();
		await getIds(world, 25);
		world.clock.advance(999);
		await expect(world.cognitoIdentity.GetId(guestGetId)).rejects.toMatchObject({
			name: 'TooManyRequestsException'
		});
		world.clock.advance(1);
		await expect(world.cognitoIdentity.GetId(guestGetId)).resolves.toHaveProperty('IdentityId');
	});

	it('count each operation on its own, and leave other operations alone', async () => {
		const world = await createDemoWorld();
		world.throttling.enable({ GetId: 1, GetCredentialsForIdentity: 2 });
		const { IdentityId } = await world.cognitoIdentity.GetId(guestGetId);
		await world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId });
		await world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId });
		await expect(
			world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId })
		).rejects.toMatchObject({ name: 'TooManyRequestsException' });
		await expect(world.cognitoIdentity.GetOpenIdToken({ IdentityId })).resolves.toHaveProperty(
			'Token'
		);
	});

	it('can be turned off again', async () => {
		const world = await createDemoWorld();
		world.throttling.enable({ GetId: 1 });
		await getIds(world, 1);
		world.throttling.disable();
		await expect(getIds(world, 5)).resolves.toBeUndefined();
	});
});

/**
 * The SDK's standard retry strategy with a backoff that lets the computed delay pass on the
 * simulated clock instead of sleeping. The base the strategy hands to the backoff tells which kind
 * of error it saw: in this SDK version 1,000 ms for throttling errors, 50 ms for other retryable ones.
 */
function simulatedBackoff(world: DemoWorld): {
	backoff: { setDelayBase(ms: number): void; computeNextBackoffDelay(retries: number): number };
	delays: number[];
	bases: number[];
} {
	const delays: number[] = [];
	const bases: number[] = [];
	let base = 0;
	return {
		delays,
		bases,
		backoff: {
			setDelayBase(ms) {
				base = ms;
				bases.push(ms);
			},
			computeNextBackoffDelay(retries) {
				const delay = base * 2 ** retries;
				delays.push(delay);
				world.clock.advance(delay);
				return 0;
			}
		}
	};
}

function throttledClient(world: DemoWorld, maxAttempts: number) {
	const attempts: { operation: string; status: number }[] = [];
	const requestHandler = new SimulatorRequestHandler(world, {
		onExchange: ({ request, response }) =>
			attempts.push({
				operation: String(request.headers['x-amz-target']).split('.')[1] ?? '',
				status: response.statusCode
			})
	});
	const sim = simulatedBackoff(world);
	const client = new CognitoIdentityClient({
		region: 'us-east-1',
		requestHandler,
		retryStrategy: new StandardRetryStrategy({ maxAttempts, backoff: sim.backoff })
	});
	return { client, attempts, ...sim };
}

describe('TooManyRequestsException through the AWS SDK v3', () => {
	it('arrives as the modelled exception, with __type, message and HTTP 400 on the wire', async () => {
		const world = await createDemoWorld();
		world.throttling.enable({ GetId: 1 });
		const { client } = throttledClient(world, 1);
		await client.send(new GetIdCommand(guestGetId));
		const raw = await new SimulatorRequestHandler(world).handle({
			method: 'POST',
			headers: {
				'x-amz-target': 'AWSCognitoIdentityService.GetId',
				'content-type': 'application/x-amz-json-1.1'
			},
			body: JSON.stringify(guestGetId)
		});
		expect(raw.response.statusCode).toBe(400);
		expect(raw.response.headers['x-amzn-errortype']).toBe('TooManyRequestsException:');
		expect(JSON.parse(new TextDecoder().decode(raw.response.body))).toEqual({
			__type: 'TooManyRequestsException',
			message: 'Rate exceeded'
		});
		const err = await client.send(new GetIdCommand(guestGetId)).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(TooManyRequestsException);
		expect((err as TooManyRequestsException).$metadata.httpStatusCode).toBe(400);
		expect((err as TooManyRequestsException).message).toBe('Rate exceeded');
	});

	it('the standard retry strategy retries it as a throttling error and gives up after maxAttempts', async () => {
		const world = await createDemoWorld();
		world.throttling.enable({ GetId: 1 });
		await world.cognitoIdentity.GetId(guestGetId);
		const { client, attempts, bases, delays } = throttledClient(world, 3);
		// The backoff moves the clock; a quota of 0 keeps every attempt throttled.
		world.throttling.enable({ GetId: 0 });
		const err = await client.send(new GetIdCommand(guestGetId)).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(TooManyRequestsException);
		expect((err as TooManyRequestsException).$metadata.attempts).toBe(3);
		expect(attempts).toEqual([
			{ operation: 'GetId', status: 400 },
			{ operation: 'GetId', status: 400 },
			{ operation: 'GetId', status: 400 }
		]);
		expect(bases).toEqual([1000, 1000]);
		expect(delays).toEqual([1000, 2000]);
	});

	it('a retry after the backoff gets through once the quota has room again', async () => {
		const world = await createDemoWorld();
		world.throttling.enable();
		await getIds(world, 25);
		const { client, attempts, delays } = throttledClient(world, 3);
		const out = await client.send(new GetIdCommand(guestGetId));
		expect(out.IdentityId).toMatch(/^us-east-1:/);
		// The first backoff (1,000 ms) moves past the second of the burst.
		expect(out.$metadata.attempts).toBe(2);
		expect(delays).toEqual([1000]);
		expect(attempts.map((a) => a.status)).toEqual([400, 200]);
	});

	it('GetCredentialsForIdentity is throttled and retried the same way', async () => {
		const world = await createDemoWorld();
		const { IdentityId } = await world.cognitoIdentity.GetId(guestGetId);
		world.throttling.enable({ GetCredentialsForIdentity: 1 });
		await world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId });
		const { client, attempts } = throttledClient(world, 2);
		const out = await client.send(new GetCredentialsForIdentityCommand({ IdentityId }));
		expect(out.Credentials?.AccessKeyId).toBeTruthy();
		expect(attempts.map((a) => a.status)).toEqual([400, 200]);
	});
});
