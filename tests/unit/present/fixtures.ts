import type { Plan } from '../../../src/lib/present/plan.ts';
import { defaultBreakSettings } from '../../../src/lib/flows/types.ts';

/** A plan of three items: a lesson, a flow and a question. */
export const threeItemPlan: Plan = {
	id: 'p',
	title: 'P',
	minutes: 10,
	items: [
		{ kind: 'lesson', title: 'L', notes: '', line: 1, lesson: 'x' },
		{
			kind: 'flow',
			title: 'F',
			notes: '',
			line: 2,
			link: { flowId: 'enhanced-guest', step: 0, settings: defaultBreakSettings }
		},
		{ kind: 'question', title: 'Q', notes: '', line: 3, question: 'q' }
	]
};
