import { findFlow, providers } from './catalogue.ts';
import type { FlowRun } from './types.ts';

/** A run's title, naming its provider when it has one, so two runs of one flow can be told apart. */
export function runTitle(run: Pick<FlowRun, 'flowId' | 'provider'>): string {
	const title = findFlow(run.flowId)?.title ?? run.flowId;
	return run.provider ? `${title} (${providers[run.provider].label})` : title;
}
