declare module 'virtual:flow-recordings' {
	import type { FlowId } from './catalogue.ts';
	import type { EncodedRun } from './recording.ts';
	/**
	 * Each flow's recorded demo runs by provider ('' for none asked), one chunk per run, loaded on
	 * demand.
	 */
	export const recordings: Record<FlowId, Record<string, () => Promise<{ default: EncodedRun }>>>;
}
