import type { Lesson, LessonBlock } from '../lib/content/types.ts';
import { trustBuiltHtml } from '../security/built-html.ts';

/**
 * The lessons bundled with the app, loaded when first asked for. Their HTML blocks, which the
 * build rendered and sanitized, are registered as built HTML, so a lesson page renders them
 * without running the sanitizer again (see `security/built-html.ts`).
 */
export async function loadLessons(): Promise<Lesson[]> {
	const lessons: Lesson[] = (await import('virtual:content/lessons')).lessons;
	trustBuiltHtml(
		lessons.flatMap((l) =>
			l.blocks.flatMap((b: LessonBlock) => (b.kind === 'html' ? [b.html] : []))
		)
	);
	return lessons;
}
