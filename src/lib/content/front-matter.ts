import type { Problem } from './types.ts';

/** One front-matter key with where its value starts, for precise error positions. */
export interface FrontMatterEntry {
	key: string;
	value: string | string[];
	/** 1-based line and column of the value (of the key when the value is empty). */
	line: number;
	column: number;
	/** Line of each list item, parallel to `value` when it is a list. */
	itemLines?: number[];
}

export interface FrontMatter {
	entries: Map<string, FrontMatterEntry>;
	/** 0-based index of the first line after the closing `---`. */
	end: number;
	problems: Problem[];
}

const keyLine = /^([A-Za-z][\w-]*)\s*:(.*)$/;

function unquote(raw: string): string {
	const s = raw.trim();
	if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) {
		return s.slice(1, -1);
	}
	return s;
}

/**
 * Reads the small YAML subset our front matter uses (`key: value`, `key: [a, b]`, and `- item`
 * lists) starting at the opening `---` on line index `start`. A full YAML parser would accept
 * far more than the format allows and lose line numbers.
 */
export function parseFrontMatter(file: string, lines: string[], start: number): FrontMatter {
	const entries = new Map<string, FrontMatterEntry>();
	const problems: Problem[] = [];
	let current: FrontMatterEntry | undefined;
	let i = start + 1;
	for (; i < lines.length; i++) {
		const line = lines[i]!;
		const lineNo = i + 1;
		if (line.trim() === '---') {
			return { entries, end: i + 1, problems };
		}
		if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
		const item = /^(\s+)-\s*(.*)$/.exec(line);
		if (item) {
			if (!current || !Array.isArray(current.value)) {
				problems.push({
					file,
					line: lineNo,
					column: 1,
					message: 'A list item in the front matter has no key above it',
					hint: 'Write the key on its own line first, e.g. `references:`, then the items indented under it.'
				});
				continue;
			}
			current.value.push(unquote(item[2]!));
			current.itemLines!.push(lineNo);
			continue;
		}
		const m = keyLine.exec(line);
		if (!m) {
			problems.push({
				file,
				line: lineNo,
				column: 1,
				message: `Cannot read this front-matter line: \`${line.trim()}\``,
				hint: 'Front matter lines look like `key: value`, `key: [a, b]` or an indented `- item`.'
			});
			current = undefined;
			continue;
		}
		const key = m[1]!;
		const rest = m[2]!;
		const column = line.length - rest.trimStart().length + 1;
		if (entries.has(key)) {
			problems.push({
				file,
				line: lineNo,
				column: 1,
				message: `The front-matter key \`${key}\` appears twice`,
				hint: 'Keep one of them.'
			});
		}
		const text = rest.trim();
		let value: string | string[];
		let itemLines: number[] | undefined;
		if (text === '') {
			value = [];
			itemLines = [];
		} else if (text.startsWith('[')) {
			if (!text.endsWith(']')) {
				problems.push({
					file,
					line: lineNo,
					column,
					message: `The list for \`${key}\` is not closed with \`]\``,
					hint: 'Write the whole list on one line, e.g. `[auth-flow, guest-access]`.'
				});
			}
			const inner = text.replace(/^\[/, '').replace(/\]$/, '');
			value = inner
				.split(',')
				.map(unquote)
				.filter((s) => s !== '');
			itemLines = value.map(() => lineNo);
		} else {
			value = unquote(text);
		}
		current = { key, value, line: lineNo, column, itemLines };
		entries.set(key, current);
	}
	problems.push({
		file,
		line: start + 1,
		column: 1,
		message: 'The front matter is not closed',
		hint: 'End the front matter with a line holding only `---`.'
	});
	return { entries, end: i, problems };
}
