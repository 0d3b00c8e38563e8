import { describe, expect, it } from 'vitest';
import { FlowSession, type FlowRunner } from '../../../src/state/flow-session.svelte.ts';
import { runSeed, runStart } from '../../../src/lib/flows/recording.ts';
import { ManualClock } from '../../../src/lib/player/clock.ts';
import { defaultBreakSettings } from '../../../src/lib/flows/types.ts';
import { runFlow } from '../../../src/lib/flows/run-flow.ts';
import { openRun, recordedRun } from '../../../src/lib/flows/recorded-runs.ts';

function setup() {
	const calls: Parameters<FlowRunner>[] = [];
	const runner: FlowRunner = (flowId, options) => {
		calls.push([flowId, options]);
		return runFlow(flowId, options);
	};
	const session = new FlowSession(runner, { clock: new ManualClock(), reducedMotion: () => true });
	return { session, calls };
}

describe('FlowSession', () => {
	it('opens a deep link at its step, running with a fixed seed and clock', async () => {
		const { session, calls } = setup();
		await session.open('enhanced-authenticated', new URLSearchParams('step=4'));
		expect(session.player?.index).toBe(3);
		expect(calls).toEqual([
			['enhanced-authenticated', { settings: defaultBreakSettings, seed: runSeed, now: runStart }]
		]);
		expect(session.player?.run.provider).toBe('userpool');
	});

	it('leaves the provider and settings to the runner, and the link names the provider the run used', async () => {
		const { session, calls } = setup();
		await session.open('basic-authenticated', new URLSearchParams('step=2&guest=off'));
		// SAML is not a provider of the basic flow, and guest access does not change a signed-in flow.
		await session.configure('saml', { ...defaultBreakSettings, guestAccess: false });
		expect(calls[1]).toEqual([
			'basic-authenticated',
			{
				provider: 'saml',
				settings: { ...defaultBreakSettings, guestAccess: false },
				seed: runSeed,
				now: runStart
			}
		]);
		const run = session.player?.run;
		expect(run?.provider).toBe('userpool');
		expect(run?.settings).toEqual(defaultBreakSettings);
		// The setting stays in the link for flows it does apply to; the provider the run did not use does not.
		expect(session.query().toString()).toBe('step=2&guest=off');
		expect(session.link?.provider).toBeUndefined();
	});

	it('encodes the current step back into the query', async () => {
		const { session } = setup();
		await session.open('enhanced-authenticated', new URLSearchParams());
		session.player?.next();
		session.player?.next();
		expect(session.query().toString()).toBe('step=3');
	});

	it('moves to another step of the same run without running the flow again', async () => {
		const { session, calls } = setup();
		await session.open('enhanced-authenticated', new URLSearchParams('step=2'));
		const player = session.player;
		await session.open('enhanced-authenticated', new URLSearchParams('step=7'));
		expect(session.player).toBe(player);
		expect(session.player?.index).toBe(6);
		expect(calls).toHaveLength(1);
	});

	it('runs again at the same step when a setting changes, and the link carries it', async () => {
		const { session, calls } = setup();
		await session.open('enhanced-authenticated', new URLSearchParams('step=3'));
		await session.configure('google', { ...defaultBreakSettings, expireToken: true });
		expect(calls).toHaveLength(2);
		expect(calls[1]?.[1]).toMatchObject({ provider: 'google', settings: { expireToken: true } });
		expect(session.player?.index).toBe(2);
		expect(session.query().toString()).toBe('step=3&provider=google&expire=1');
	});

	it('opens the demo run from its recording, and a setting changed afterwards gives the live run', async () => {
		const session = new FlowSession(openRun, {
			clock: new ManualClock(),
			reducedMotion: () => true
		});
		const demo = { seed: runSeed, now: runStart };
		await session.open('basic-authenticated', new URLSearchParams('step=3&provider=google'));
		const recorded = await recordedRun('basic-authenticated', { ...demo, provider: 'google' });
		expect(recorded).toBeDefined();
		expect(session.player?.run).toEqual(recorded);
		expect(session.player?.run).toEqual(
			await runFlow('basic-authenticated', { ...demo, provider: 'google' })
		);

		const broken = { ...defaultBreakSettings, trust: 'wrong-aud' as const };
		await session.configure('google', broken);
		expect(
			await recordedRun('basic-authenticated', { ...demo, provider: 'google', settings: broken })
		).toBeUndefined();
		expect(session.player?.run).toEqual(
			await runFlow('basic-authenticated', { ...demo, provider: 'google', settings: broken })
		);
		expect(session.player?.run.outcome).toBe('error');
		expect(session.player?.index).toBe(2);
		expect(session.query().toString()).toBe('step=3&provider=google&trust=wrong-aud');
	});

	it('lists what a link got wrong', async () => {
		const { session } = setup();
		await session.open('enhanced-authenticated', new URLSearchParams('step=99&colour=blue'));
		expect(session.problems).toEqual([
			'Unknown parameter "colour" was ignored.',
			'Step 99 is outside 1-9; showing step 1.'
		]);
	});

	it('compares with a partner on one cursor and marks the differences', async () => {
		const { session } = setup();
		await session.open('enhanced-authenticated', new URLSearchParams('step=2'));
		await session.compareWith('basic-authenticated');
		expect(session.partner?.flowId).toBe('basic-authenticated');
		expect(session.query().toString()).toBe('step=2&compare=basic-authenticated');
		expect(session.partnerIndex).toBe(1);
		session.player?.goto(4);
		expect(session.partnerIndex).toBe(2);
		session.player?.goto(5);
		expect(session.partnerIndex).toBe(4);
		const roleChooser = session.comparison?.differences.find((d) => d.key === 'role-chooser');
		expect(roleChooser?.same).toBe(false);
		expect(session.marks.a.has(4)).toBe(true);
		expect(session.marks.b.has(6)).toBe(true);
		await session.compareWith(undefined);
		expect(session.partner).toBeNull();
		expect(session.query().get('compare')).toBeNull();
	});

	it('keeps only the latest run when settings change quickly', async () => {
		const { session } = setup();
		await session.open('enhanced-authenticated', new URLSearchParams());
		const first = session.configure(undefined, { ...defaultBreakSettings, tamperClaim: true });
		const second = session.configure(undefined, { ...defaultBreakSettings, expireToken: true });
		await Promise.all([first, second]);
		expect(session.link?.settings.expireToken).toBe(true);
		expect(session.link?.settings.tamperClaim).toBe(false);
	});
});
