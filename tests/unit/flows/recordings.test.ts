import { describe, expect, test } from 'vitest';
import { recordings } from 'virtual:flow-recordings';
import { flows, type FlowId, type ProviderId } from '../../../src/lib/flows/catalogue.ts';
import { recordedRun } from '../../../src/lib/flows/recorded-runs.ts';
import {
	decodeRun,
	demoRunOptions,
	encodeRun,
	runSeed,
	runStart
} from '../../../src/lib/flows/recording.ts';
import { runFlow, type RecordedRun } from '../../../src/lib/flows/run-flow.ts';
import { defaultBreakSettings } from '../../../src/lib/flows/types.ts';

/** Every flow with no provider asked and with each provider it supports. */
const cases: { flowId: FlowId; provider?: ProviderId }[] = flows.flatMap((f) => [
	{ flowId: f.id },
	...f.providers.map((provider) => ({ flowId: f.id, provider }))
]);

const demo = { seed: runSeed, now: runStart };

/** What a view can see of a snapshot: state, status, context, tags and whether it goes on. */
const seen = (run: RecordedRun) =>
	run.snapshots.map((s) => ({
		value: s.value,
		status: s.status,
		context: s.context,
		tags: [...s.tags],
		next: s.can({ type: 'step.next' }),
		credentials: s.matches('credentials'),
		failed: s.matches('failed')
	}));

describe('recorded demo runs', () => {
	test('every flow has a recording with no provider asked and with each of its providers', () => {
		expect(Object.keys(recordings).sort()).toEqual(flows.map((f) => f.id).sort());
		for (const flow of flows) {
			expect(Object.keys(recordings[flow.id] ?? {}).sort()).toEqual(['', ...flow.providers].sort());
		}
	});

	test.each(cases)(
		'$flowId with provider $provider: the recording is the live run, step by step',
		async ({ flowId, provider }) => {
			const options = { ...(provider ? { provider } : {}), ...demo };
			const recorded = await recordedRun(flowId, options);
			const live = await runFlow(flowId, options);
			expect(recorded).toBeDefined();
			const r = recorded!;
			expect(r.steps).toHaveLength(live.steps.length);
			for (const [i, step] of live.steps.entries()) {
				const other = r.steps[i]!;
				expect(other.id).toBe(step.id);
				expect(other.request).toEqual(step.request);
				expect(other.response).toEqual(step.response);
				expect(other.error).toEqual(step.error);
				expect(other).toEqual(step);
			}
			expect(seen(r)).toEqual(seen(live));
			expect(r).toEqual(live);
		}
	);

	test('only the demo seed, clock and default settings are recorded; anything else is run live', async () => {
		const flow = 'enhanced-authenticated';
		expect(await recordedRun(flow, { ...demo, settings: defaultBreakSettings })).toBeDefined();
		const broken = { ...defaultBreakSettings, trust: 'wrong-aud' as const };
		expect(await recordedRun(flow, { ...demo, settings: broken })).toBeUndefined();
		expect(await recordedRun(flow, { seed: 1, now: runStart })).toBeUndefined();
		expect(await recordedRun(flow, { seed: runSeed, now: runStart + 1 })).toBeUndefined();
		expect(await recordedRun('basic-authenticated', { ...demo, provider: 'saml' })).toBeUndefined();
	});

	test("a demo run's options, as a lesson card and the flow page ask for it, open its recording", async () => {
		for (const { flowId, provider } of cases) {
			const run = await recordedRun(flowId, demoRunOptions(provider));
			expect(run, `${flowId} ${provider}`).toBeDefined();
			expect(run).toEqual(
				await recordedRun(flowId, { ...demo, ...(provider ? { provider } : {}) })
			);
		}
		const broken = { ...defaultBreakSettings, trust: 'wrong-aud' as const };
		expect(await recordedRun('basic-guest', demoRunOptions(undefined, broken))).toBeUndefined();
		expect(
			await recordedRun('basic-guest', demoRunOptions(undefined, defaultBreakSettings))
		).toBeDefined();
	});

	test('a run written and read back is equal, objects it shares shared once', async () => {
		const live = await runFlow('basic-guest', demo);
		const encoded = encodeRun(live);
		const back = decodeRun(JSON.parse(JSON.stringify(encoded)));
		expect(back).toEqual(live);
		expect(back.snapshots.at(-1)!.context.steps[0]).toBe(back.snapshots[0]!.context.steps[0]);
	});
});
