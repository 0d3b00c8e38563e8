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

/**
 * Moves problems reported past the end of a file (a stem or options missing at its end) onto its
 * last character, so every `file:line:column` opens a place that exists.
 */
export function withinFile(lines: readonly string[], problems: Problem[]): Problem[] {
	for (const p of problems) {
		p.line = Math.min(Math.max(p.line, 1), Math.max(lines.length, 1));
		p.column = Math.min(Math.max(p.column, 1), (lines[p.line - 1]?.length ?? 0) + 1);
	}
	return problems;
}
