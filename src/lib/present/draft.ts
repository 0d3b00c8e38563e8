import type { FlowId } from '../flows/catalogue.ts';
import { encodeFlowLink } from '../flows/deep-link.ts';
import { cleanLine, cleanNotes } from './parse-plan.ts';
import type { Plan } from './plan.ts';

/** One item as the plan builder edits it: a kind and the fields that kind uses. */
export interface DraftItem {
	title: string;
	notes: string;
	kind: 'flow' | 'compare' | 'lesson' | 'question';
	flow: FlowId;
	partner: FlowId;
	/** Extra flow settings as `key=value` words, e.g. `provider=google guest=off to=get-id`. */
	settings: string;
	lesson: string;
	section: string;
	question: string;
}

export interface Draft {
	title: string;
	minutes: number;
	items: DraftItem[];
}

export const blankItem: DraftItem = {
	title: 'New item',
	notes: '',
	kind: 'flow',
	flow: 'enhanced-authenticated',
	partner: 'basic-authenticated',
	settings: '',
	lesson: '',
	section: '',
	question: ''
};

/** A plan as the builder edits it. */
export function toDraft(plan: Plan): Draft {
	return {
		title: plan.title,
		minutes: plan.minutes,
		items: plan.items.map((item): DraftItem => {
			const base = { ...blankItem, title: item.title, notes: item.notes };
			if (item.kind === 'lesson')
				return { ...base, kind: 'lesson', lesson: item.lesson, section: item.section ?? '' };
			if (item.kind === 'question') return { ...base, kind: 'question', question: item.question };
			const { compare, compareProvider, ...own } = item.link;
			const params = encodeFlowLink({ ...own, step: 0 });
			if (compareProvider) params.set('compareProvider', compareProvider);
			const words = [
				...(item.from ? [`from=${item.from}`] : []),
				...(item.to ? [`to=${item.to}`] : []),
				...[...params].map(([k, v]) => `${k}=${v}`)
			];
			return {
				...base,
				kind: compare ? 'compare' : 'flow',
				flow: item.link.flowId,
				partner: compare ?? blankItem.partner,
				settings: words.join(' ')
			};
		})
	};
}

function directive(d: DraftItem): string {
	const settings = d.settings.replace(/\s+/g, ' ').trim();
	switch (d.kind) {
		case 'lesson':
			return `::lesson ${d.lesson}${d.section ? ` section=${d.section}` : ''}`;
		case 'question':
			return `::question ${d.question}`;
		case 'flow':
			return `::flow ${d.flow}${settings ? ` ${settings}` : ''}`;
		case 'compare':
			return `::compare ${d.flow} ${d.partner}${settings ? ` ${settings}` : ''}`;
	}
}

/** The draft as plan markdown, which the plan parser then checks like any file. */
export function draftToMarkdown(draft: Draft): string {
	const out = [
		'---',
		`title: ${cleanLine(draft.title) || 'Untitled plan'}`,
		`minutes: ${draft.minutes}`,
		'---',
		''
	];
	for (const d of draft.items) {
		out.push(`## ${cleanLine(d.title) || 'Untitled item'}`, '', directive(d), '');
		const notes = cleanNotes(d.notes);
		if (notes) out.push(notes, '');
	}
	return out.join('\n');
}

/** Moves an item by `by` places, keeping it inside the list. */
export function moveItem<T>(items: readonly T[], index: number, by: number): T[] {
	const to = Math.min(Math.max(index + by, 0), items.length - 1);
	if (to === index) return [...items];
	const out = [...items];
	const [moved] = out.splice(index, 1);
	out.splice(to, 0, moved!);
	return out;
}
