import type { FlowId, ProviderId } from '../flows/catalogue.ts';

export type QuestionType = 'single' | 'multiple' | 'order';
export type Domain = 'development' | 'security' | 'deployment' | 'troubleshooting';
export type Difficulty = 'easy' | 'medium' | 'hard';

/** One problem in a content file, pointing at the line and column a writer should fix. */
export interface Problem {
	file: string;
	/** 1-based. */
	line: number;
	/** 1-based. */
	column: number;
	message: string;
	/** What to do about it. */
	hint?: string;
}

/** Fields shared by a question as written and as rendered. */
export interface QuestionMeta {
	id: string;
	type: QuestionType;
	topic: string;
	domain: Domain;
	difficulty: Difficulty;
	concepts: string[];
	flow?: FlowId;
	step?: string;
	provider?: ProviderId;
	/**
	 * A flow-explorer query (e.g. `guest=off`) that plays the failure this question is about, so a
	 * wrong answer can be replayed on the diagram.
	 */
	replay?: string;
	/**
	 * True for a question that asks the candidate to recall a fact (a field, an order, a list of
	 * true statements) rather than to decide in a situation; the bank keeps these few.
	 */
	recall?: boolean;
	references: string[];
	/** Where the question came from, for error messages and the editor link. */
	file: string;
	line: number;
}

/** A question as parsed from markdown: text is still markdown. */
export interface QuestionSource extends QuestionMeta {
	stem: string;
	options: { text: string; correct: boolean; explanation?: string; line: number }[];
	hint?: string;
	explanation?: string;
}

/** A question ready to show: every text is sanitized HTML. */
export interface Question extends QuestionMeta {
	stem: string;
	/** For `order` questions, the options in their correct order. */
	options: { html: string; correct: boolean; explanation?: string }[];
	hint?: string;
	explanation?: string;
	/** `bundled`, `generated`, or the name of an imported deck. */
	origin: string;
}

/** A `::flow` directive: a diagram of one flow opened at one step. */
export interface FlowEmbed {
	flow: FlowId;
	step: string;
	provider?: ProviderId;
}

export interface LessonMeta {
	slug: string;
	title: string;
	summary: string;
	topics: string[];
	order: number;
	file: string;
}

/** A lesson body as blocks, so a flow embed can be a component rather than HTML. */
export type LessonBlock = { kind: 'html'; html: string } | ({ kind: 'flow' } & FlowEmbed);

export interface LessonSource extends LessonMeta {
	/** Markdown pieces and flow embeds, in order. */
	blocks: ({ kind: 'markdown'; text: string } | ({ kind: 'flow' } & FlowEmbed))[];
}

export interface Lesson extends LessonMeta {
	blocks: LessonBlock[];
}

/** What the app bundles: every lesson in order and every question, rendered and sanitized. */
export interface ContentBundle {
	lessons: Lesson[];
	questions: Question[];
}
