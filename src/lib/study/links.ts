import type { QuestionMeta } from '../content/types.ts';
import { decodeFlowLink, flowLinkHash } from '../flows/deep-link.ts';

/** Where a question or an embed points in the flow explorer. */
export type FlowTarget = Pick<QuestionMeta, 'flow' | 'step' | 'provider' | 'replay'>;

function flowHref(q: FlowTarget, extra: string): string | undefined {
	if (!q.flow || !q.step) return undefined;
	const params = new URLSearchParams(extra);
	params.set('step', q.step);
	if (q.provider) params.set('provider', q.provider);
	return flowLinkHash(decodeFlowLink(q.flow, params).link);
}

/** "Show me": the flow explorer at the question's step, e.g. `#/flows/enhanced-guest?step=1`. */
export function showMeHref(q: FlowTarget): string | undefined {
	return flowHref(q, '');
}

/** The flow explorer at the question's step with its failure switched on (e.g. `&guest=off`). */
export function replayHref(q: FlowTarget): string | undefined {
	return q.replay ? flowHref(q, q.replay) : undefined;
}
