import { describe, expect, it } from 'vitest';
import { createDemoWorld } from '../../../src/lib/cognito/index.ts';
import { runFlow } from '../../../src/lib/flows/run-flow.ts';
import { sdkRetry } from '../../../src/lib/flows/step-recorder.ts';
import { runSeed, runStart } from '../../../src/lib/flows/recording.ts';

describe("the SDK's retries, shown in the flow", () => {
	it('a busy second on GetId: the app is throttled, the SDK waits and retries, and the flow goes on', async () => {
		const quiet = await runFlow('enhanced-authenticated', { seed: runSeed, now: runStart });
		const busy = await runFlow('enhanced-authenticated', {
			seed: runSeed,
			now: runStart,
			settings: { getIdBurst: true }
		});
		expect(busy.outcome).toBe('credentials');
		const getId = busy.steps.find((s) => s.id === 'get-id')!;
		expect(getId.narration).toMatch(
			/Attempt 1 was refused with TooManyRequestsException \(HTTP 400\); the SDK waited \d+ ms \(a random share of 1000 ms\) and tried again\./
		);
		const requests = getId.trace?.filter((t) => t.kind === 'request') ?? [];
		expect(requests.length).toBeGreaterThan(1);
		expect(requests.length).toBeLessThanOrEqual(sdkRetry.maxAttempts);
		// The waits happen on the simulator's clock: the call after the retries is later than in a quiet run.
		const at = (run: typeof busy, id: string) => run.steps.find((s) => s.id === id)!.at ?? 0;
		expect(at(busy, 'get-credentials')).toBeGreaterThan(at(quiet, 'get-credentials'));
		expect(quiet.steps.find((s) => s.id === 'get-id')!.narration).not.toMatch(/Attempt/);
	});

	it('gives up after three attempts and ends the flow with TooManyRequestsException', async () => {
		const world = await createDemoWorld({ seed: runSeed, now: runStart });
		world.throttling.enable({ GetId: 0 });
		const run = await runFlow('basic-guest', { world });
		expect(run.outcome).toBe('error');
		const last = run.steps.at(-1)!;
		expect(last.id).toBe('get-id');
		expect(last.error).toMatchObject({ name: 'TooManyRequestsException', httpStatus: 400 });
		expect(last.narration.match(/was refused with TooManyRequestsException/g)).toHaveLength(
			sdkRetry.maxAttempts - 1
		);
		expect(last.narration).toMatch(/a random share of 2000 ms/);
	});

	it('other refusals are not retried', async () => {
		const run = await runFlow('enhanced-guest', { settings: { guestAccess: false } });
		const last = run.steps.at(-1)!;
		expect(last.error?.name).toBe('NotAuthorizedException');
		expect(last.narration).not.toMatch(/Attempt/);
		expect(last.trace?.filter((t) => t.kind === 'request')).toHaveLength(1);
	});
});
