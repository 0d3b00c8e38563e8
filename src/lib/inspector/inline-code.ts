/**
 * Step texts mark API names and values with backticks, as markdown does. These helpers turn them
 * into code spans for display and drop them for screen-reader announcements.
 */

export interface TextPart {
	code: boolean;
	text: string;
}

/** Splits text at backticks into plain and code parts; an unmatched backtick stays as text. */
export function splitCode(text: string): TextPart[] {
	const parts: TextPart[] = [];
	const re = /`([^`]+)`/g;
	let last = 0;
	for (let m = re.exec(text); m; m = re.exec(text)) {
		if (m.index > last) parts.push({ code: false, text: text.slice(last, m.index) });
		parts.push({ code: true, text: m[1] ?? '' });
		last = m.index + m[0].length;
	}
	if (last < text.length) parts.push({ code: false, text: text.slice(last) });
	return parts;
}

/** The text without its code marks, for the live region. */
export function plainText(text: string): string {
	return splitCode(text)
		.map((p) => p.text)
		.join('');
}
