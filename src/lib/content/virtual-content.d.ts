declare module 'virtual:content/lessons' {
	import type { Lesson } from './types.ts';
	/** Every lesson, sorted by `order`, with sanitized HTML. */
	export const lessons: Lesson[];
}

declare module 'virtual:content/questions' {
	import type { Question } from './types.ts';
	/** Every question under content/questions, with sanitized HTML. */
	export const questions: Question[];
}

declare module 'virtual:content/steps' {
	import type { StepProse } from './step-prose.ts';
	/** The step texts of content/steps, checked and compiled: each step's sections in file order. */
	export const steps: StepProse;
}
