import { checkDeck } from './check.ts';
import type { Problem, Question } from './types.ts';

/** What an imported deck may refer to and must not collide with. */
export interface DeckContext {
	lessonSlugs: ReadonlySet<string>;
	/** Ids already in use, each with where (`content/questions/x.md:2` or `deck "name"`). */
	questionIds: ReadonlyMap<string, string>;
}

export type DeckResult = { ok: true; questions: Question[] } | { ok: false; problems: Problem[] };

/**
 * Checks a markdown deck a user picked with the same rules as the built-in bank and, only when it
 * has no problem, renders it; `sanitize` cleans every piece of HTML (DOMPurify in the browser).
 * The markdown renderer is imported here, on demand, so it stays out of the app's first load.
 */
export async function prepareDeck(
	name: string,
	source: string,
	ctx: DeckContext,
	sanitize: (html: string) => string
): Promise<DeckResult> {
	const checked = checkDeck({ path: name, source }, ctx);
	if (checked.problems.length) return { ok: false, problems: checked.problems };
	const { createMarkdown, renderQuestion } = await import('./render.ts');
	const render = createMarkdown();
	return {
		ok: true,
		questions: checked.questions.map((q) => renderQuestion(q, render, sanitize, name))
	};
}
