import { checkContent, type ContentFile } from './check.ts';
import { createMarkdown, renderLesson, renderQuestion } from './render.ts';
import { sanitizeHtml } from './node-sanitizer.ts';
import type { ContentBundle, Problem } from './types.ts';

/** Checks every content file and, when there are no problems, renders the bundle the app ships. */
export function buildBundle(files: readonly ContentFile[]): {
	bundle: ContentBundle;
	problems: Problem[];
} {
	const checked = checkContent(files);
	const render = createMarkdown();
	return {
		problems: checked.problems,
		bundle: {
			lessons: checked.lessons.map((l) => renderLesson(l, render, sanitizeHtml)),
			questions: checked.questions.map((q) => renderQuestion(q, render, sanitizeHtml, 'bundled'))
		}
	};
}
