import { checkLink, type FoundLink, type LinkContext } from './links.ts';
import { parseLessonFile, type ParsedLesson } from './parse-lesson.ts';
import { parseQuestionFile, type ParsedQuestion } from './parse-question.ts';
import { sortProblems } from './problems.ts';
import type { LessonSource, Problem, QuestionSource } from './types.ts';

export { formatProblem, sortProblems } from './problems.ts';

/** A content file as read from disk or picked by the user. */
export interface ContentFile {
	/** Path relative to the project, e.g. `content/lessons/01-intro.md`. */
	path: string;
	source: string;
}

export interface CheckedContent {
	/** Lessons sorted by `order`. */
	lessons: LessonSource[];
	questions: QuestionSource[];
	/** Every problem found, sorted by file and position. */
	problems: Problem[];
}

function checkLinks(file: string, links: FoundLink[], ctx: LinkContext, problems: Problem[]): void {
	for (const link of links) {
		const broken = checkLink(link.target, ctx);
		if (broken) problems.push({ file, line: link.line, column: link.column, ...broken });
	}
}

function checkDuplicateIds(
	parsed: ParsedQuestion[],
	taken: ReadonlyMap<string, string>,
	problems: Problem[]
): void {
	const seen = new Map<string, string>(taken);
	for (const { question, idLine } of parsed) {
		const first = seen.get(question.id);
		if (first !== undefined) {
			problems.push({
				file: question.file,
				line: idLine,
				column: 5,
				message: `Duplicate id \`${question.id}\` (also used at ${first})`,
				hint: 'Every question id must be unique across all of content/ and your decks.'
			});
		} else {
			seen.set(question.id, `${question.file}:${idLine}`);
		}
	}
}

/**
 * Parses and checks every lesson and question under `content/`: each file on its own, then what
 * depends on all of them (unique ids, unique lesson order, internal links).
 */
export function checkContent(files: readonly ContentFile[]): CheckedContent {
	const problems: Problem[] = [];
	const lessons: ParsedLesson[] = [];
	const lessonLinks: { file: string; links: FoundLink[] }[] = [];
	const questions: ParsedQuestion[] = [];
	for (const f of files) {
		if (/(^|\/)lessons\/[^/]+\.md$/.test(f.path)) {
			const r = parseLessonFile(f.path, f.source);
			problems.push(...r.problems);
			if (r.lesson) lessons.push(r.lesson);
			lessonLinks.push({ file: f.path, links: r.links });
		} else if (/(^|\/)questions\/.+\.md$/.test(f.path)) {
			const r = parseQuestionFile(f.path, f.source);
			problems.push(...r.problems);
			questions.push(...r.questions);
		}
	}
	checkDuplicateIds(questions, new Map(), problems);
	const orders = new Map<number, string>();
	const slugs = new Map<string, string>();
	for (const { lesson } of lessons) {
		const sameOrder = orders.get(lesson.order);
		if (sameOrder) {
			problems.push({
				file: lesson.file,
				line: 1,
				column: 1,
				message: `Two lessons have \`order: ${lesson.order}\` (the other is ${sameOrder})`,
				hint: 'Give each lesson its own number.'
			});
		} else orders.set(lesson.order, lesson.file);
		const sameSlug = slugs.get(lesson.slug);
		if (sameSlug) {
			problems.push({
				file: lesson.file,
				line: 1,
				column: 1,
				message: `Two lessons have the slug \`${lesson.slug}\` (the other is ${sameSlug})`,
				hint: 'Rename one file; the slug is the file name without its number.'
			});
		} else slugs.set(lesson.slug, lesson.file);
	}
	const ctx: LinkContext = {
		lessonSlugs: new Set(lessons.map((l) => l.lesson.slug)),
		questionIds: new Set(questions.map((q) => q.question.id))
	};
	for (const l of lessonLinks) checkLinks(l.file, l.links, ctx, problems);
	for (const q of questions) checkLinks(q.question.file, q.links, ctx, problems);
	return {
		lessons: lessons.map((l) => l.lesson).sort((a, b) => a.order - b.order),
		questions: questions.map((q) => q.question),
		problems: sortProblems(problems)
	};
}

/**
 * Parses and checks a deck a user imports: the same rules as `content/questions`, with ids that
 * must not collide with questions the app already has, and links that may point at them.
 */
export function checkDeck(
	file: ContentFile,
	existing: { lessonSlugs: ReadonlySet<string>; questionIds: ReadonlyMap<string, string> }
): { questions: QuestionSource[]; problems: Problem[] } {
	const r = parseQuestionFile(file.path, file.source);
	const problems = [...r.problems];
	checkDuplicateIds(r.questions, existing.questionIds, problems);
	const ctx: LinkContext = {
		lessonSlugs: existing.lessonSlugs,
		questionIds: new Set([...existing.questionIds.keys(), ...r.questions.map((q) => q.question.id)])
	};
	for (const q of r.questions) checkLinks(q.question.file, q.links, ctx, problems);
	return { questions: r.questions.map((q) => q.question), problems: sortProblems(problems) };
}
