import { encode } from 'uqr';
import { decodeFlowLink } from '../flows/deep-link.ts';
import { findFlow } from '../flows/catalogue.ts';
import type { QuestionMeta } from '../content/types.ts';
import type { FlowItem } from './plan.ts';

/** Letters that name options aloud in a room: A, B, C... */
export function optionLetter(index: number): string {
	return String.fromCharCode(65 + index);
}

/** Each option's share of the hands, in whole percent; all zero when nobody answered. */
export function handShares(hands: readonly number[]): number[] {
	const total = hands.reduce((a, b) => a + b, 0);
	return hands.map((h) => (total === 0 ? 0 : Math.round((h / total) * 100)));
}

/**
 * The flow item that plays what a question is about: its failure (`replay`) to the end, or the
 * flow up to the step it tests. Undefined when the question names no flow.
 */
export function playItem(q: QuestionMeta): FlowItem | undefined {
	if (!q.flow || !findFlow(q.flow)) return undefined;
	const params = new URLSearchParams(q.replay ?? '');
	if (q.provider) params.set('provider', q.provider);
	const { link } = decodeFlowLink(q.flow, params);
	return {
		kind: 'flow',
		title: q.replay ? 'What happens' : 'The step this is about',
		notes: '',
		line: 0,
		link,
		...(q.step && !q.replay ? { to: q.step } : {})
	};
}

/** The address a learner's phone opens for a question, at the address the app is served from. */
export function questionUrl(base: string, id: string): string {
	return `${base}#/practice?question=${encodeURIComponent(id)}`;
}

/** A QR code for `text` as one SVG path of unit squares, and its size in modules. */
export function qrPath(text: string): { path: string; size: number } {
	const { data, size } = encode(text, { ecc: 'M', border: 2 });
	let path = '';
	data.forEach((row, y) =>
		row.forEach((dark, x) => {
			if (dark) path += `M${x} ${y}h1v1h-1z`;
		})
	);
	return { path, size };
}

/**
 * The order in which a question's options are shown and lettered, as indexes into its options.
 * An order question's options are stored in the right order, so they are mixed by a hash of the
 * question id: the same mix in both windows and on every visit.
 */
export function displayOrder(
	q: Pick<QuestionMeta, 'id' | 'type'> & { options: readonly unknown[] }
): number[] {
	const indexes = q.options.map((_, i) => i);
	if (q.type !== 'order') return indexes;
	const key = (i: number) =>
		[...`${q.id}#${i}`].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);
	const mixed = [...indexes].sort((a, b) => key(a) - key(b));
	// A mix that happens to be the right order would give the answer away.
	return mixed.every((v, i) => v === i) ? [...mixed.slice(1), mixed[0]!] : mixed;
}
