import type { FlowInfo, FlowId, ProviderId } from './catalogue.ts';
import type { RecordedRun, RunFlowOptions } from './run-flow.ts';
import { RunSnapshot, type RunSnapshotData } from './run-snapshot.ts';
import { defaultBreakSettings, type BreakSettings } from './types.ts';

/**
 * Recordings of the demo runs: every flow with each of its providers and the default settings,
 * run once at build time by `flowModelPlugin` with the same simulator, machines, seed and clock
 * as the flow page, so a page can open a flow from its recording without loading the simulator.
 * A recording is the run as JSON in which an object that occurs more than once (a step in every
 * later snapshot's context) is written once and referred to by number, and a date is its time.
 */

/** The same seed and start time on every run, so a deep link replays exactly the same run. */
export const runSeed = 20260115;
export const runStart = Date.UTC(2026, 0, 15, 12, 0, 0);

/**
 * The options of a flow's demo run: its seed and clock, with a provider and "break it" settings
 * when given. With no settings, or the default ones, it is a recorded run.
 */
export function demoRunOptions(
	provider?: ProviderId,
	settings?: Partial<BreakSettings>
): RunFlowOptions {
	return {
		...(provider ? { provider } : {}),
		...(settings ? { settings } : {}),
		seed: runSeed,
		now: runStart
	};
}

/** A run as plain data, with shared objects written once. */
export interface EncodedRun {
	refs: unknown[];
	root: unknown;
}

/** One flow's recordings by provider ('' for no provider asked); a string names another entry with the same run. */
export interface FlowRecording {
	flowId: FlowId;
	runs: Record<string, EncodedRun | string>;
}

const refKey = '$ref';
const dateKey = '$date';

function checkPlain(value: object): void {
	const proto = Object.getPrototypeOf(value) as unknown;
	if (Array.isArray(value) || proto === Object.prototype || proto === null) return;
	throw new Error(`A run cannot hold a ${value.constructor.name}`);
}

/** A run as JSON-ready data; `decodeRun` gives back an equal run. */
export function encodeRun(run: RecordedRun): EncodedRun {
	const plain = { ...run, snapshots: run.snapshots.map((s) => s.toJSON()) };
	const seen = new Map<object, number>();
	const count = (value: unknown): void => {
		if (value === null || typeof value !== 'object' || value instanceof Date) return;
		checkPlain(value);
		const n = seen.get(value) ?? 0;
		seen.set(value, n + 1);
		if (n > 0) return;
		if (!Array.isArray(value) && (Object.hasOwn(value, refKey) || Object.hasOwn(value, dateKey)))
			throw new Error(`A run cannot hold a field named ${refKey} or ${dateKey}`);
		for (const v of Object.values(value)) count(v);
	};
	count(plain);
	const refs: unknown[] = [];
	const ids = new Map<object, number>();
	const write = (value: unknown): unknown => {
		if (value === null || typeof value !== 'object') return value;
		if (value instanceof Date) return { [dateKey]: value.getTime() };
		if ((seen.get(value) ?? 0) > 1) {
			let id = ids.get(value);
			if (id === undefined) {
				id = refs.length;
				ids.set(value, id);
				refs.push(null);
				refs[id] = body(value);
			}
			return { [refKey]: id };
		}
		return body(value);
	};
	const body = (value: object): unknown =>
		Array.isArray(value)
			? value.map(write)
			: Object.fromEntries(
					Object.entries(value)
						.filter(([, v]) => v !== undefined)
						.map(([k, v]) => [k, write(v)])
				);
	return { root: write(plain), refs };
}

/** The run an `encodeRun` result holds, with its snapshots ready for the views. */
export function decodeRun(encoded: EncodedRun): RecordedRun {
	const made = new Map<number, unknown>();
	const read = (value: unknown): unknown => {
		if (value === null || typeof value !== 'object') return value;
		if (Array.isArray(value)) return value.map(read);
		const date = (value as Record<string, unknown>)[dateKey];
		if (typeof date === 'number') return new Date(date);
		const ref = (value as Record<string, unknown>)[refKey];
		if (typeof ref === 'number') {
			if (!made.has(ref)) made.set(ref, read(encoded.refs[ref]));
			return made.get(ref);
		}
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, read(v)]));
	};
	const plain = read(encoded.root) as Omit<RecordedRun, 'snapshots'> & {
		snapshots: RunSnapshotData[];
	};
	return { ...plain, snapshots: plain.snapshots.map((s) => new RunSnapshot(s)) };
}

/** Records a flow's demo run with each of its providers, using the `runFlow` given. */
export async function recordFlow(
	flow: FlowInfo,
	run: (flowId: FlowId, options: RunFlowOptions) => Promise<RecordedRun>
): Promise<FlowRecording> {
	const base = { seed: runSeed, now: runStart };
	const asDefault = await run(flow.id, base);
	const runs: Record<string, EncodedRun | string> = { '': encodeRun(asDefault) };
	for (const provider of flow.providers) {
		if (provider === asDefault.provider) runs[provider] = '';
		else runs[provider] = encodeRun(await run(flow.id, { ...base, provider }));
	}
	return { flowId: flow.id, runs };
}

function defaultSettings(settings: Partial<BreakSettings> | undefined): boolean {
	if (!settings) return true;
	const keys = new Set([...Object.keys(settings), ...Object.keys(defaultBreakSettings)]);
	return [...keys].every(
		(k) =>
			(settings as Record<string, unknown>)[k] ===
			(defaultBreakSettings as unknown as Record<string, unknown>)[k]
	);
}

/**
 * Which recorded run has these options, by provider ('' for none asked): only the demo seed and
 * clock with default settings are recorded. Anything else (undefined) is run live.
 */
export function recordingKey(options: {
	provider?: ProviderId;
	settings?: Partial<BreakSettings>;
	seed?: number;
	now?: number;
}): string | undefined {
	if (options.seed !== runSeed || options.now !== runStart) return undefined;
	if (!defaultSettings(options.settings)) return undefined;
	return options.provider ?? '';
}
