import { checkDeck } from './check.ts';
import type { Problem, Question } from './types.ts';

/** What an imported deck may refer to and must not collide with. */
export interface DeckContext {
	lessonSlugs: ReadonlySet<string>;
	/** Ids already in use, each with where (`content/questions/x.md:2` or `deck "name"`). */
	questionIds: ReadonlyMap<string, string>;
}

export type DeckResult = { ok: true; questions: Question[] } | { ok: false; problems: Problem[] };

/** Progress and cancelling for a long import. */
export interface DeckProgress {
	/** Aborting stops the import between two questions; nothing is returned to store. */
	signal?: AbortSignal;
	/** Called after each batch of rendered questions. */
	onProgress?: (done: number, total: number) => void;
}

/** Questions rendered between two chances to repaint, report progress and cancel. */
const batch = 25;

function cancelled(name: string): DeckResult {
	return {
		ok: false,
		problems: [
			{ file: name, line: 1, column: 1, message: 'The import was cancelled; nothing was stored.' }
		]
	};
}

/**
 * Checks a markdown deck a user picked with the same rules as the built-in bank and, only when it
 * has no problem, renders it; `sanitize` cleans every piece of HTML (DOMPurify in the browser).
 * The markdown renderer is imported here, on demand, so it stays out of the app's first load.
 */
export async function prepareDeck(
	name: string,
	source: string,
	ctx: DeckContext,
	sanitize: (html: string) => string,
	progress: DeckProgress = {}
): Promise<DeckResult> {
	const { signal, onProgress } = progress;
	const checked = checkDeck({ path: name, source }, ctx);
	if (checked.problems.length) return { ok: false, problems: checked.problems };
	const { createMarkdown, renderQuestion } = await import('./render.ts');
	const render = createMarkdown();
	const total = checked.questions.length;
	const questions: Question[] = [];
	for (let i = 0; i < total; i += batch) {
		if (signal?.aborted) return cancelled(name);
		for (const q of checked.questions.slice(i, i + batch))
			questions.push(renderQuestion(q, render, sanitize, name));
		onProgress?.(questions.length, total);
		// Let the page repaint and a Cancel click arrive before the next batch.
		if (questions.length < total) await new Promise((r) => setTimeout(r, 0));
	}
	if (signal?.aborted) return cancelled(name);
	return { ok: true, questions };
}
