import { beforeAll, describe, expect, test } from 'vitest';
import { render } from 'svelte/server';
import { fromPromise } from 'xstate';
import { getSimplePaths } from 'xstate/graph';
import { layoutDiagram } from '../../../src/lib/diagram/layout.ts';
import {
	breakOptions,
	applicableBreakOptions,
	providerFor
} from '../../../src/lib/flows/break-options.ts';
import {
	flows,
	type FlowIdentity,
	type FlowInfo,
	type ProviderId
} from '../../../src/lib/flows/catalogue.ts';
import {
	flowSetup,
	stepState,
	StepRefusal,
	type FlowInput,
	type FlowMachine,
	type FlowSnapshot,
	type StepInput,
	type StepOutput
} from '../../../src/lib/flows/machine-setup.ts';
import { runFlow, runFlowOn, type RecordedRun } from '../../../src/lib/flows/run-flow.ts';
import type { RunScope } from '../../../src/lib/flows/flow-actors.ts';
import { callQuestions } from '../../../src/lib/study/generated.ts';
import { createRandom } from '../../../src/lib/study/random.ts';
import SequenceTable from '../../../src/components/diagram/SequenceTable.svelte';
import type { RunStateValue } from '../../../src/lib/flows/run-snapshot.ts';
import { familyMachines, stepOrder } from '../../../src/lib/flows/step-order.ts';
import { stepListsModule } from '../../../src/lib/flows/vite-plugin.ts';
import {
	defaultBreakSettings,
	type BreakSettings,
	type FlowStep
} from '../../../src/lib/flows/types.ts';

/** The state a snapshot is in, without the step's `working`/`shown` substate. */
const stateOf = (snapshot: { value: FlowSnapshot['value'] | RunStateValue }) =>
	typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0]!;

const fakeStep = (id: string): FlowStep => ({
	id,
	index: 0,
	kind: 'call',
	from: 'app',
	to: 'cognito',
	label: id,
	insideAws: false,
	signed: false,
	narration: id,
	why: id,
	factRef: 'AF',
	at: 0
});

const input = (identity: FlowIdentity): FlowInput => ({
	flowId: 'enhanced-authenticated',
	identity,
	settings: defaultBreakSettings,
	scope: null
});

/**
 * Every simple path of a machine when each step's actor may succeed or be refused by AWS. The
 * actors' done and error events are given as events, so xstate/graph walks the machine without
 * the simulator.
 */
function modelPaths(machine: FlowMachine, identity: FlowIdentity) {
	return getSimplePaths(machine, {
		input: input(identity),
		events: (snapshot) => {
			const id = stateOf(snapshot);
			// A shown step waits for `step.next`; a working one for its actor to finish.
			if (snapshot.hasTag('shown')) return [{ type: 'step.next' }];
			return [
				{ type: 'xstate.done.actor.work', output: { steps: [fakeStep(id)] } },
				{
					type: 'xstate.error.actor.work',
					error: new StepRefusal({
						...fakeStep(id),
						error: {
							name: 'NotAuthorizedException',
							message: 'refused',
							httpStatus: 400,
							explanation: '',
							fix: '',
							factRef: 'AF'
						}
					})
				}
			] as never;
		}
	});
}

const identities: FlowIdentity[] = ['signed-in', 'guest', 'developer'];

describe('the machines, walked with xstate/graph', () => {
	for (const [family, machine] of Object.entries(familyMachines)) {
		for (const identity of identities) {
			test(`every ${family} path for a ${identity} identity ends in credentials or failed`, () => {
				const paths = modelPaths(machine, identity);
				const order = stepOrder(machine, identity);
				const ends = paths.filter((p) => p.state.status === 'done');
				expect(ends.length).toBeGreaterThan(0);
				for (const path of ends) {
					const end = path.state as FlowSnapshot;
					const passed = end.context.steps.map((s: FlowStep) => s.id);
					// The steps a path passes are the flow's steps, in order, up to where it ended.
					expect(order.slice(0, passed.length)).toEqual(passed);
					if (stateOf(end) === 'credentials') {
						expect(passed).toEqual(order);
						expect(end.hasTag('success')).toBe(true);
					} else {
						expect(stateOf(end)).toBe('failed');
						expect(end.context.error?.name).toBe('NotAuthorizedException');
						expect(end.context.steps.at(-1)?.error).toEqual(end.context.error);
					}
				}
				// One way to succeed, and one way to fail at each step.
				expect(ends.filter((p) => stateOf(p.state as FlowSnapshot) === 'failed')).toHaveLength(
					order.length
				);
			});
		}

		test(`every state of the ${family} machine is on some path`, () => {
			const reached = new Set(
				identities.flatMap((identity) =>
					modelPaths(machine, identity).map((p) => stateOf(p.state as FlowSnapshot))
				)
			);
			const states = Object.keys(machine.root.states).filter((s) => s !== 'start');
			expect([...reached].sort()).toEqual(states.sort());
		});
	}

	test('a shown step can move on; an end state cannot', () => {
		const paths = modelPaths(familyMachines.basic, 'guest');
		for (const path of paths) {
			const snapshot = path.state as FlowSnapshot;
			if (snapshot.hasTag('shown')) expect(snapshot.can({ type: 'step.next' })).toBe(true);
			if (snapshot.status === 'done') expect(snapshot.can({ type: 'step.next' })).toBe(false);
		}
	});
});

/** Each flow with each provider, and each "break it" choice that applies to it. */
function variants(): { flow: FlowInfo; provider?: ProviderId; settings: Partial<BreakSettings> }[] {
	const out: { flow: FlowInfo; provider?: ProviderId; settings: Partial<BreakSettings> }[] = [];
	for (const flow of flows) {
		const providers = flow.providers.length > 0 ? flow.providers : [undefined];
		for (const provider of providers) {
			out.push({ flow, ...(provider ? { provider } : {}), settings: {} });
		}
		const provider = providerFor(flow.id);
		for (const option of applicableBreakOptions(flow.id, provider)) {
			if (option.key === 'provider') continue;
			const choices =
				option.kind === 'toggle'
					? [!(defaultBreakSettings[option.key] as boolean)]
					: (option.choices ?? []).map((c) => c.value);
			for (const value of choices) {
				if (value === defaultBreakSettings[option.key]) continue;
				out.push({ flow, settings: { [option.key]: value } });
			}
		}
	}
	return out;
}

describe('the machines, driving the simulator', () => {
	const cases = variants();
	const runs: RecordedRun[] = [];

	beforeAll(async () => {
		for (const c of cases) {
			runs.push(await runFlow(c.flow.id, { provider: c.provider, settings: c.settings }));
		}
	});

	test('the variants cover every provider and every "break it" option', () => {
		const providersRun = new Set(cases.map((c) => c.provider).filter(Boolean));
		expect(providersRun.size).toBe(7);
		const keys = new Set(cases.flatMap((c) => Object.keys(c.settings)));
		for (const option of breakOptions)
			if (option.key !== 'provider') expect(keys).toContain(option.key);
	});

	test('every run ends in credentials, or in failed with a named AWS error', () => {
		for (const [i, run] of runs.entries()) {
			const end = run.snapshots.at(-1)!;
			const label = `${run.flowId} ${JSON.stringify(cases[i]?.settings)} ${run.provider ?? ''}`;
			expect(end.status, label).toBe('done');
			if (run.outcome === 'credentials') {
				expect(end.value, label).toBe('credentials');
				expect(end.context.error, label).toBeUndefined();
			} else {
				expect(end.value, label).toBe('failed');
				expect(end.context.error?.name, label).toMatch(/^[A-Z][A-Za-z]+(Exception|Denied)$/);
				expect(end.context.error?.message, label).not.toBe('');
			}
		}
	});

	test('each snapshot shows one step, in the order the diagram draws them', () => {
		for (const run of runs) {
			const flow = flows.find((f) => f.id === run.flowId)!;
			const states = run.snapshots.map((s, i) =>
				i === run.snapshots.length - 1 ? s.context.steps.at(-1)!.id : stateOf(s)
			);
			const drawn = layoutDiagram(flow.lanes, run.steps, { width: 900 }).messages.map(
				(m) => m.stepId
			);
			expect(states).toEqual(drawn);
			expect(drawn).toEqual(flow.steps.slice(0, drawn.length));
			for (const [i, s] of run.snapshots.entries()) expect(s.context.steps).toHaveLength(i + 1);
		}
	});

	test('the tags of each step state agree with the step the run recorded', () => {
		for (const run of runs) {
			for (const s of run.snapshots.slice(0, -1)) {
				const step = s.context.steps.at(-1)!;
				expect(s.hasTag(step.kind), `${run.flowId} ${step.id}`).toBe(true);
				expect(s.hasTag('inside-aws'), `${run.flowId} ${step.id}`).toBe(
					step.insideAws && step.kind !== 'return'
				);
				expect(s.hasTag('signed'), `${run.flowId} ${step.id}`).toBe(step.signed);
				expect(s.hasTag('error')).toBe(step.error !== undefined);
			}
		}
	});
});

describe('a step added to a machine', () => {
	// The enhanced machine with one more call after the login check: the app asks the identity pool
	// to describe the identity. The fixture brings the step's actor; the rest is the machine's.
	const describeIdentity = fromPromise<StepOutput, StepInput>(async ({ input }) => {
		const { rec } = input.scope as RunScope;
		const step: FlowStep = {
			...fakeStep('describe-identity'),
			index: rec.steps.length,
			label: 'DescribeIdentity',
			request: { IdentityId: input.carry.identityId },
			narration: 'The app asks the identity pool what it knows about the identity.',
			at: rec.world.clock.now()
		};
		rec.steps.push(step);
		return { steps: [step] };
	});
	const call = stepState('enhanced', 'getId', ['call'], ['get-credentials']);
	const config = familyMachines.enhanced.config;
	const fixture = flowSetup.createMachine({
		...(config as object),
		id: 'enhanced',
		states: {
			...(config.states as object),
			'validate-login': stepState(
				'enhanced',
				'reveal',
				['internal', 'inside-aws'],
				['describe-identity']
			),
			'describe-identity': { ...call, invoke: { ...call.invoke, src: describeIdentity } }
		}
	} as never) as FlowMachine;

	test('appears in the step order read from the machine, where the machine puts it', () => {
		const order = stepOrder(fixture, 'signed-in');
		expect(order.slice(0, 5)).toEqual([
			'sign-in',
			'get-id',
			'validate-login',
			'describe-identity',
			'get-credentials'
		]);
		// Guests do not pass the login check, so they do not pass the new step either.
		expect(stepOrder(fixture, 'guest')).not.toContain('describe-identity');
	});

	test('runs, and shows in the table view and in the generated call questions', async () => {
		const run = await runFlowOn(fixture, 'enhanced-authenticated');
		expect(run.outcome).toBe('credentials');
		expect(run.steps.map((s) => s.id)).toEqual(stepOrder(fixture, 'signed-in'));

		const { body } = render(SequenceTable, { props: { run, index: 3, caption: 'Steps' } });
		// Each body row's call column: the first code element after the From and To cells.
		const tbody = body.slice(body.indexOf('<tbody'));
		const calls = [...tbody.matchAll(/<tr[^>]*>[\s\S]*?<code>([^<]*)<\/code>/g)].map((m) => m[1]);
		expect(calls).toEqual(run.steps.map((s) => s.label));
		expect(calls[3]).toBe('DescribeIdentity');

		const questions = callQuestions(run, createRandom(1));
		const next = questions.find((q) => q.type === 'single' && q.step === 'describe-identity');
		expect(next?.options.find((o) => o.correct)?.html).toBe('<code>DescribeIdentity</code>');
		const afterIt = questions.find((q) => q.type === 'single' && q.step === 'get-credentials');
		expect(afterIt?.stem).toContain('just called <code>DescribeIdentity</code>');
		const order = questions.find((q) => q.type === 'order');
		expect(order?.options.map((o) => o.html)).toEqual(
			run.steps
				.filter((s) => s.kind === 'call')
				.map((s) => expect.stringContaining(`<code>${s.label}</code>`))
		);
		expect(order?.options.some((o) => o.html.includes('DescribeIdentity'))).toBe(true);
	});

	test('the catalogue lists exactly the steps its machines give', () => {
		for (const flow of flows) {
			expect(flow.steps).toEqual(stepOrder(familyMachines[flow.family], flow.identity));
		}
	});

	test('the build serves the catalogue those steps as plain data, read from the machines', async () => {
		const { code } = await stepListsModule(process.cwd());
		expect(code).not.toMatch(/\bimport\b/);
		const served = JSON.parse(code.replace(/^export const stepLists = /, '').replace(/;\n$/, ''));
		for (const flow of flows) {
			expect(served[flow.family][flow.identity]).toEqual(
				stepOrder(familyMachines[flow.family], flow.identity)
			);
		}
	});
});
