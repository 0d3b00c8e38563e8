/**
 * Layout features of the correct options in a multiple-answer question, and how likely each is
 * when the correct options are placed at random. A bank whose questions all share (or all avoid)
 * a feature that chance would break teaches its layout instead of its subject.
 */

export interface LayoutFeature {
	/** Short name for messages, e.g. "two correct options side by side". */
	name: string;
	/** Whether the feature holds for a layout: `correct[k]` is true when option k is correct. */
	holds: (correct: readonly boolean[]) => boolean;
}

export const layoutFeatures: readonly LayoutFeature[] = [
	{
		name: 'two correct options side by side',
		holds: (c) => c.some((x, k) => x && c[k + 1] === true)
	},
	{ name: 'a correct option in place A or B', holds: (c) => c[0] === true || c[1] === true },
	{
		name: 'a correct option in one of the last two places',
		holds: (c) => c[c.length - 1] === true || c[c.length - 2] === true
	},
	{ name: 'option A correct', holds: (c) => c[0] === true },
	{ name: 'the last option correct', holds: (c) => c[c.length - 1] === true }
];

/** The share of all placements of `k` correct options among `n` for which `holds` is true. */
export function chanceOf(holds: LayoutFeature['holds'], n: number, k: number): number {
	let all = 0;
	let hits = 0;
	const walk = (layout: boolean[], left: number): void => {
		if (layout.length === n) {
			if (left === 0) {
				all++;
				if (holds(layout)) hits++;
			}
			return;
		}
		if (left > 0) walk([...layout, true], left - 1);
		if (n - layout.length > left) walk([...layout, false], left);
	};
	walk([], k);
	return all === 0 ? 0 : hits / all;
}
