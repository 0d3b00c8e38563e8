import type { Problem } from './types.ts';

/** Sorts problems so that a writer can fix a file from top to bottom. */
export function sortProblems(problems: Problem[]): Problem[] {
	return [...problems].sort(
		(a, b) =>
			a.file.localeCompare(b.file) ||
			a.line - b.line ||
			a.column - b.column ||
			a.message.localeCompare(b.message)
	);
}

/** One problem as `file:line:column: message (hint)`, the form editors and CI logs link. */
export function formatProblem(p: Problem): string {
	return `${p.file}:${p.line}:${p.column}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`;
}
