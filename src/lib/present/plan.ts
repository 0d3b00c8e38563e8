import { findFlow, type FlowId } from '../flows/catalogue.ts';
import { encodeFlowLink, type FlowLink } from '../flows/deep-link.ts';

/**
 * A session plan: what a teacher shows, in order, with speaker notes under each item. Plans are
 * markdown files (content/plans, or made and imported in the app); see content/README.md.
 */

interface ItemBase {
	/** The item's heading, shown on both windows. */
	title: string;
	/** Speaker notes, plain text; paragraphs are separated by blank lines. */
	notes: string;
	/** 1-based line of the item's heading in its file, for problem reports. */
	line: number;
}

/** A flow walkthrough, or a compare view when the link names a partner flow. */
export interface FlowItem extends ItemBase {
	kind: 'flow';
	/** Flow, provider, "break it" settings and compare partner; `link.step` is unused (0). */
	link: FlowLink;
	/** Catalogue step ids where the walkthrough starts and ends; undefined means the run's own ends. */
	from?: string;
	to?: string;
}

/** One section of a lesson (a `##` heading and what follows it), or the whole lesson. */
export interface LessonItem extends ItemBase {
	kind: 'lesson';
	lesson: string;
	/** The heading's slug, e.g. `the-short-version`. */
	section?: string;
}

/** A question from the bank, asked to the room. */
export interface QuestionItem extends ItemBase {
	kind: 'question';
	question: string;
}

export type PlanItem = FlowItem | LessonItem | QuestionItem;

export interface Plan {
	/** The file name without `.md` for bundled plans; a slug of the title for plans made here. */
	id: string;
	title: string;
	/** Planned length in minutes. */
	minutes: number;
	summary?: string;
	items: PlanItem[];
}

/** Lowercase words joined by `-`: the id form of a title or heading. */
export function slugify(text: string): string {
	return text
		.toLowerCase()
		.replace(/[`*_~[\]()]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80);
}

/** The directive line that stands for an item, e.g. `::flow basic-guest to=get-id guest=off`. */
export function itemDirective(item: PlanItem): string {
	switch (item.kind) {
		case 'lesson':
			return `::lesson ${item.lesson}${item.section ? ` section=${item.section}` : ''}`;
		case 'question':
			return `::question ${item.question}`;
		case 'flow': {
			const { compare, compareProvider, ...own } = item.link;
			const params = encodeFlowLink({ ...own, step: 0 });
			const parts: string[] = [];
			if (compare) {
				parts.push(`::compare ${item.link.flowId} ${compare}`);
				if (compareProvider) params.set('compareProvider', compareProvider);
			} else parts.push(`::flow ${item.link.flowId}`);
			if (item.from) parts.push(`from=${item.from}`);
			if (item.to) parts.push(`to=${item.to}`);
			for (const [k, v] of params) parts.push(`${k}=${v}`);
			return parts.join(' ');
		}
	}
}

/** Writes a plan back as markdown in the documented format; parsing it gives the same plan. */
export function planToMarkdown(plan: Plan): string {
	const out = ['---', `title: ${plan.title}`, `minutes: ${plan.minutes}`];
	if (plan.summary) out.push(`summary: ${plan.summary}`);
	out.push('---', '');
	for (const item of plan.items) {
		out.push(`## ${item.title}`, '', itemDirective(item), '');
		if (item.notes) out.push(item.notes, '');
	}
	return out.join('\n');
}

/** A short description of an item for lists: its kind and what it shows. */
export function describeItem(item: PlanItem): string {
	switch (item.kind) {
		case 'lesson':
			return `Lesson: ${item.lesson}${item.section ? `, ${item.section.replace(/-/g, ' ')}` : ''}`;
		case 'question':
			return `Question: ${item.question}`;
		case 'flow': {
			const title = (id: FlowId) => findFlow(id)?.title ?? id;
			return item.link.compare
				? `Compare: ${title(item.link.flowId)} and ${title(item.link.compare)}`
				: `Flow: ${title(item.link.flowId)}`;
		}
	}
}
