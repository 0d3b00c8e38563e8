import { beforeAll, describe, expect, test } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { flows, type FlowId, type ProviderId } from '../../../src/lib/flows/catalogue.ts';
import {
	createFlowMachine,
	familyOf,
	graphOf,
	type FlowFamily
} from '../../../src/lib/flows/create-flow-machine.ts';
import {
	familyStateIds,
	indexOf,
	isFinished,
	stepOf,
	type FlowEvent,
	type FlowMachine,
	type FlowSnapshot
} from '../../../src/lib/flows/machine-setup.ts';
import { runFlow } from '../../../src/lib/flows/run-flow.ts';
import type { BreakSettings, FlowRun } from '../../../src/lib/flows/types.ts';

/** Success runs of every flow plus the failures the "break it" settings cause. */
const variants: { flowId: FlowId; provider?: ProviderId; settings?: Partial<BreakSettings> }[] = [
	...flows.map((f) => ({ flowId: f.id })),
	{ flowId: 'enhanced-authenticated', settings: { expireToken: true } },
	{ flowId: 'enhanced-authenticated', settings: { roleMapping: 'rules-no-match-deny' } },
	{ flowId: 'enhanced-authenticated', settings: { trust: 'wrong-aud' } },
	{ flowId: 'enhanced-guest', settings: { guestAccess: false } },
	{ flowId: 'enhanced-guest', settings: { trust: 'wrong-amr' } },
	{ flowId: 'basic-authenticated', settings: { classicFlow: false } },
	{ flowId: 'basic-authenticated', settings: { sendAccessToken: true } },
	{ flowId: 'basic-guest', settings: { trust: 'no-conditions' } },
	{ flowId: 'developer-enhanced', settings: { tamperClaim: true } },
	{ flowId: 'developer-basic', settings: { expireToken: true } },
	{ flowId: 'developer-basic', settings: { trust: 'wrong-aud' } }
];

let runs: FlowRun[] = [];

beforeAll(async () => {
	runs = await Promise.all(
		variants.map((v) => runFlow(v.flowId, { provider: v.provider, settings: v.settings }))
	);
});

const stateOf = (snapshot: FlowSnapshot) => snapshot.value as string;

/** Every event a view can send, with goto covering each position and one past the end. */
function allEvents(run: FlowRun): FlowEvent[] {
	return [
		{ type: 'step.next' },
		{ type: 'step.prev' },
		{ type: 'step.restart' },
		...Array.from({ length: run.steps.length + 1 }, (_, index) => ({
			type: 'step.goto' as const,
			index
		}))
	];
}

const expectedStates = (run: FlowRun) => [
	...run.steps.map((s) => s.id),
	run.outcome === 'credentials' ? 'credentials' : 'failed'
];

describe('reachability with xstate/graph', () => {
	test('every step of each run, and its end state, is reachable', () => {
		for (const run of runs) {
			const machine = createFlowMachine(run);
			const reached = getShortestPaths(machine, { events: allEvents(run) }).map((p) =>
				stateOf(p.state)
			);
			expect(new Set(reached), run.flowId).toEqual(new Set(expectedStates(run)));
		}
	});

	test('stepping forward, every path ends in credentials or in failed with a named AWS error', () => {
		for (const run of runs) {
			const machine = createFlowMachine(run);
			const paths = getSimplePaths(machine, { events: [{ type: 'step.next' }] });
			const ends = paths.filter((p) => !p.state.can({ type: 'step.next' }));
			expect(ends.length, run.flowId).toBe(1);
			const end = ends[0]?.state as FlowSnapshot;
			if (run.outcome === 'credentials') {
				expect(stateOf(end)).toBe('credentials');
				expect(end.hasTag('success')).toBe(true);
				expect(end.context.error).toBeUndefined();
			} else {
				expect(stateOf(end)).toBe('failed');
				expect(end.context.error?.name).toMatch(/Exception$|^AccessDenied$/);
				expect(end.context.error).toEqual(run.steps[run.steps.length - 1]?.error);
			}
			const moves = ends[0]?.steps.filter((s) => s.event.type === 'step.next') ?? [];
			expect(moves.length).toBe(run.steps.length);
		}
	});

	test('across runs, every state of every family is reachable', () => {
		const reached = new Map<FlowFamily, Set<string>>();
		for (const run of runs) {
			const family = familyOf(run.flowId);
			const set = reached.get(family) ?? new Set<string>();
			for (const p of getShortestPaths(createFlowMachine(run), { events: allEvents(run) })) {
				set.add(stateOf(p.state));
			}
			reached.set(family, set);
		}
		for (const family of ['enhanced', 'basic', 'developer'] as const) {
			expect(reached.get(family), family).toEqual(new Set(familyStateIds(graphOf(family))));
		}
	});
});

describe('stepping', () => {
	const find = (flowId: FlowId, failed = false) => {
		const run = runs.find((r) => r.flowId === flowId && (r.outcome === 'error') === failed);
		if (!run) throw new Error(`no run of ${flowId}`);
		return run;
	};

	const walk = (machine: FlowMachine, count: number) => {
		let [snapshot] = initialTransition(machine);
		const seen = [snapshot];
		for (let i = 0; i < count; i++) {
			[snapshot] = transition(machine, snapshot, { type: 'step.next' });
			seen.push(snapshot);
		}
		return seen;
	};

	test('starts at the first step with that step as meta', () => {
		const run = find('enhanced-authenticated');
		const [snapshot] = initialTransition(createFlowMachine(run));
		expect(stateOf(snapshot)).toBe('sign-in');
		expect(indexOf(snapshot)).toBe(0);
		expect(stepOf(snapshot)).toBe(run.steps[0]);
		expect(snapshot.getMeta()['enhanced.sign-in']).toBe(run.steps[0]);
		expect(snapshot.can({ type: 'step.prev' })).toBe(false);
	});

	test('step.next visits the run steps in order and stops in credentials', () => {
		const run = find('developer-basic');
		const seen = walk(createFlowMachine(run), run.steps.length + 1);
		expect(seen.map(stateOf)).toEqual([
			...run.steps.map((s) => s.id),
			'credentials',
			'credentials'
		]);
		const end = seen[run.steps.length] as FlowSnapshot;
		expect(isFinished(end)).toBe(true);
		expect(end.status).toBe('active');
		expect(stepOf(end)?.id).toBe('call-service');
	});

	test('stepping back restores exactly the earlier snapshot', () => {
		const run = find('basic-guest');
		const machine = createFlowMachine(run);
		const seen = walk(machine, run.steps.length);
		let snapshot = seen[seen.length - 1] as FlowSnapshot;
		for (let i = seen.length - 2; i >= 0; i--) {
			[snapshot] = transition(machine, snapshot, { type: 'step.prev' });
			const earlier = seen[i] as FlowSnapshot;
			expect(stateOf(snapshot)).toBe(stateOf(earlier));
			expect(snapshot.context).toEqual(earlier.context);
			expect(snapshot.getMeta()).toEqual(earlier.getMeta());
			expect([...snapshot.tags].sort()).toEqual([...earlier.tags].sort());
		}
	});

	test('step.goto jumps anywhere, clamps out-of-range indices and ignores fractions', () => {
		const run = find('enhanced-guest');
		const machine = createFlowMachine(run);
		const [start] = initialTransition(machine);
		const [at4] = transition(machine, start, { type: 'step.goto', index: 4 });
		expect(stateOf(at4)).toBe(run.steps[4]?.id);
		const [past] = transition(machine, at4, { type: 'step.goto', index: 99 });
		expect(stateOf(past)).toBe('credentials');
		expect(indexOf(past)).toBe(run.steps.length);
		const [before] = transition(machine, at4, { type: 'step.goto', index: -3 });
		expect(stateOf(before)).toBe('get-id');
		const [same] = transition(machine, at4, { type: 'step.goto', index: 1.5 });
		expect(indexOf(same)).toBe(4);
		const [restarted] = transition(machine, past, { type: 'step.restart' });
		expect(restarted.context).toEqual(start.context);
		expect(stateOf(restarted)).toBe('get-id');
	});

	test('a failed run stops at the refusing step, then ends in failed with the AWS error', () => {
		const run = find('enhanced-guest', true);
		const actor = createActor(createFlowMachine(run)).start();
		expect(actor.getSnapshot().hasTag('error')).toBe(true);
		expect(actor.getSnapshot().matches('get-id')).toBe(true);
		actor.send({ type: 'step.next' });
		const failed = actor.getSnapshot();
		expect(failed.matches('failed')).toBe(true);
		expect(failed.hasTag('terminal')).toBe(true);
		expect(failed.context.error?.message).toBe(
			'Unauthenticated access is not supported for this identity pool.'
		);
		expect(failed.can({ type: 'step.next' })).toBe(false);
		expect(stepOf(failed)?.error?.name).toBe('NotAuthorizedException');
		actor.send({ type: 'step.prev' });
		expect(actor.getSnapshot().matches('get-id')).toBe(true);
		actor.stop();
	});

	test('tags follow the step: kind, inside AWS, signed', () => {
		const run = find('developer-enhanced');
		const machine = createFlowMachine(run);
		const seen = walk(machine, run.steps.length - 1);
		for (const [i, snapshot] of seen.entries()) {
			const s = run.steps[i];
			if (!s) throw new Error('missing step');
			expect(snapshot.hasTag(s.kind), s.id).toBe(true);
			expect(snapshot.hasTag('inside-aws'), s.id).toBe(s.insideAws);
			expect(snapshot.hasTag('signed'), s.id).toBe(s.signed);
		}
		expect(seen[1]?.hasTag('signed')).toBe(true);
		expect(seen[5]?.hasTag('inside-aws')).toBe(true);
	});

	test('a machine refuses a run from another family', () => {
		const run = find('basic-authenticated');
		expect(() => createFlowMachine({ ...run, flowId: 'enhanced-authenticated' })).toThrow(
			/get-open-id-token/
		);
	});
});
