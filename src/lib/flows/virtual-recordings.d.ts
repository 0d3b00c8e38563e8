declare module 'virtual:flow-recordings' {
	import type { FlowId } from './catalogue.ts';
	import type { FlowRecording } from './recording.ts';
	/** Each flow's recorded demo runs, one chunk per flow, loaded on demand. */
	export const recordings: Record<FlowId, () => Promise<{ default: FlowRecording }>>;
}
