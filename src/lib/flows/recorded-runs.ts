import type { FlowId } from './catalogue.ts';
import { decodeRun, recordingKey } from './recording.ts';
import { recordingLoader } from './recording-chunks.ts';
import type { RecordedRun, RunFlowOptions } from './run-flow.ts';

/**
 * Runs for the flow page: a demo run comes from its recording, made at build time; any other run
 * (a "break it" setting, a provider the recording has not, another seed) loads the simulator and
 * runs live. Both give the same run for the same options.
 */
export async function openRun(flowId: FlowId, options: RunFlowOptions): Promise<RecordedRun> {
	const recorded = await recordedRun(flowId, options);
	if (recorded) return recorded;
	const { runFlow } = await import('./run-flow.ts');
	return runFlow(flowId, options);
}

/** The recorded run with these options, or undefined when they were not recorded. */
export async function recordedRun(
	flowId: FlowId,
	options: RunFlowOptions
): Promise<RecordedRun | undefined> {
	const load = recordingLoader(flowId, recordingKey(options));
	return load ? decodeRun((await load()).default) : undefined;
}
