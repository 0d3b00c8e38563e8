import { createActor } from 'xstate';
import { createDemoWorld, type DemoWorld } from '../cognito/index.ts';
import { effectiveSettings, providerFor } from './break-options.ts';
import { applyWorldSettings } from './break-world.ts';
import { findFlow, type FlowId, type FlowInfo, type ProviderId } from './catalogue.ts';
import { flowActors, type RunScope } from './flow-actors.ts';
import type { FlowInput, FlowMachine, FlowSnapshot } from './machine-setup.ts';
import { RunSnapshot } from './run-snapshot.ts';
import { familyMachines } from './step-order.ts';
import { Recorder } from './step-recorder.ts';
import type { BreakSettings, FlowRun, ServiceCall } from './types.ts';

/**
 * Runs a flow: its family's machine drives the simulator, one actor per step, and the run is what
 * the machine did, snapshot by snapshot. The demo world is built from the seed and clock, the
 * "break it" settings change it, and every call goes to the simulated AWS. Same options, same run.
 */

export interface RunFlowOptions {
	provider?: ProviderId;
	settings?: Partial<BreakSettings>;
	/** Seed for generated IDs and secrets (default 1). */
	seed?: number;
	/** Simulated start time, epoch ms (default the demo world's clock). */
	now?: number;
	/** Demo user who signs in (default `alice`). */
	user?: string;
	/**
	 * The last step's request: the user's own S3 file (the public file for guests, the default),
	 * another identity's file, or the user's own DynamoDB item (LeadingKeys).
	 */
	serviceCall?: ServiceCall;
	/**
	 * A ready-built simulator world (or a function that builds one) to run in instead of a fresh
	 * demo world; `seed` and `now` are then unused. The "break it" settings still change it.
	 */
	world?: DemoWorld | (() => Promise<DemoWorld>);
}

/** A run with the machine's snapshots: `snapshots[i]` shows `steps[i]`, and the last is the end state. */
export interface RecordedRun extends FlowRun {
	snapshots: readonly RunSnapshot[];
}

/** The demo user who signs in unless the caller names another. */
const defaultUser = 'alice';

async function worldFor(options: RunFlowOptions): Promise<DemoWorld> {
	const given = options.world;
	if (given) return typeof given === 'function' ? given() : given;
	return createDemoWorld({
		seed: options.seed ?? 1,
		...(options.now !== undefined ? { now: options.now } : {})
	});
}

/** Each family's machine with the actors that call the simulator. */
const runnable = {
	enhanced: familyMachines.enhanced.provide({ actors: flowActors }),
	basic: familyMachines.basic.provide({ actors: flowActors })
};

/**
 * Starts the machine and moves it on each time a step is shown, keeping one snapshot per step. The
 * end state shows the same step as the snapshot before it, plus the outcome, so it takes its place.
 * A kept snapshot (`RunSnapshot`) is the machine's state, context without the live simulator, tags
 * and whether it takes `step.next`: plain data the views can ask (`matches`, `hasTag`, `can`)
 * without xstate, and the same run twice is equal.
 */
function record(input: FlowInput, machine: FlowMachine): Promise<RunSnapshot[]> {
	const actor = createActor(machine, { input });
	const keep = (s: FlowSnapshot) =>
		new RunSnapshot({
			value: s.value as RunSnapshot['value'],
			status: s.status === 'done' ? 'done' : 'active',
			context: { ...s.context, scope: null },
			tags: [...s.tags].sort(),
			canNext: s.can({ type: 'step.next' })
		});
	return new Promise((resolve, reject) => {
		const shown: RunSnapshot[] = [];
		actor.subscribe({
			next: (snapshot) => {
				if (snapshot.status === 'done') {
					shown[shown.length - 1] = keep(snapshot);
					resolve(shown);
				} else if (snapshot.hasTag('shown')) {
					shown.push(keep(snapshot));
					queueMicrotask(() => actor.send({ type: 'step.next' }));
				}
			},
			error: reject
		});
		actor.start();
	});
}

/** Runs a flow against a demo world and returns its steps and the machine's snapshots. */
export async function runFlow(flowId: FlowId, options: RunFlowOptions = {}): Promise<RecordedRun> {
	const flow = findFlow(flowId);
	if (!flow) throw new Error(`Unknown flow ${flowId}`);
	return runOn(runnable[flow.family], flow, options);
}

/**
 * Runs a flow on another machine of its family, for instance one with a step added: the machine's
 * named actors get the simulator's implementations, and any actor it brings itself is kept.
 */
export async function runFlowOn(
	machine: FlowMachine,
	flowId: FlowId,
	options: RunFlowOptions = {}
): Promise<RecordedRun> {
	const flow = findFlow(flowId);
	if (!flow) throw new Error(`Unknown flow ${flowId}`);
	return runOn(machine.provide({ actors: flowActors }) as FlowMachine, flow, options);
}

async function runOn(
	machine: FlowMachine,
	flow: FlowInfo,
	options: RunFlowOptions
): Promise<RecordedRun> {
	const flowId = flow.id;
	const provider = providerFor(flowId, options.provider);
	const settings = effectiveSettings(flowId, provider, options.settings ?? {});
	const world = await worldFor(options);
	applyWorldSettings(world, provider, settings);
	const rec = new Recorder(world, flowId, provider, settings);
	rec.serviceCall = options.serviceCall ?? 'own-file';
	const scope: RunScope = { rec, user: options.user ?? defaultUser };
	const snapshots = await record(
		{ flowId, identity: flow.identity, ...(provider ? { provider } : {}), settings, scope },
		machine
	);
	const end = snapshots[snapshots.length - 1];
	return {
		flowId,
		...(provider ? { provider } : {}),
		settings,
		steps: [...(end?.context.steps ?? [])],
		outcome: end?.value === 'credentials' ? 'credentials' : 'error',
		snapshots
	};
}
