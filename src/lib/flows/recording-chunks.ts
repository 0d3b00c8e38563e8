import { recordings } from 'virtual:flow-recordings';
import type { EncodedRun } from './recording.ts';

/** Loads one recorded run's chunk. */
export type RecordingLoader = () => Promise<{ default: EncodedRun }>;

/** The loader of a flow's recorded run under a recording key ('' for no provider asked), if recorded. */
export function recordingLoader(
	flowId: string,
	key: string | undefined
): RecordingLoader | undefined {
	const runs = Object.hasOwn(recordings, flowId)
		? recordings[flowId as keyof typeof recordings]
		: undefined;
	return runs && key !== undefined && Object.hasOwn(runs, key) ? runs[key] : undefined;
}

/**
 * Starts loading the recording a flow link opens with, when the link names nothing but a step
 * and a provider (any other setting runs live), so the recording arrives together with the flow
 * screen's chunks rather than after them. The page's own load of it gets the same module.
 * Resolves once it is loaded (at once when there is nothing to load), whether or not it loaded.
 */
export async function preloadRecording(flowId: string, query: URLSearchParams): Promise<void> {
	for (const name of query.keys()) if (name !== 'step' && name !== 'provider') return;
	await recordingLoader(flowId, query.get('provider') ?? '')?.().catch(() => undefined);
}
