/**
 * Plain words out of question markdown, shared by the bank checks. The checks compare what a
 * candidate reads, so markdown syntax, code-span backticks and link targets are dropped first.
 */

/** Markdown reduced to the text a reader sees: no backticks, emphasis marks or link targets. */
export function plainText(markdown: string): string {
	return markdown
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[`*_~]/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Markdown without its code spans, for checks about the prose around identifiers. */
export function proseOnly(markdown: string): string {
	return plainText(markdown.replace(/`[^`]*`/g, ' '));
}

/**
 * Words too common to tell two questions apart. Kept short on purpose: domain words such as
 * "role" or "token" are what a near-duplicate shares, so they stay.
 */
const stopWords = new Set(
	(
		'a an and are as at be been but by can do does for from had has have how i if in into is it ' +
		"its it's of on or so than that the their them then there these they this those to was we " +
		'were what when where which while who whom why will with would you your not no its s'
	).split(' ')
);

/** A light suffix stripper, so that "roles" and "role", "enabled" and "enable" compare equal. */
export function stem(word: string): string {
	let w = word;
	if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
	else if (w.length > 4 && (w.endsWith('ies') || w.endsWith('ied'))) w = w.slice(0, -3) + 'y';
	else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
	else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
	return w.length > 4 && w.endsWith('e') ? w.slice(0, -1) : w;
}

/** The content words of a text, lowercased and stemmed, in order (code-span words included). */
export function contentWords(markdown: string): string[] {
	const words = plainText(markdown)
		// Identifiers such as `AllowClassicFlow` count as the words a reader sees in them.
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9:.-]+/)
		.map((w) => w.replace(/^[.:-]+|[.:-]+$/g, ''))
		.filter((w) => w !== '' && !stopWords.has(w));
	return words.map(stem);
}

/** The length a candidate sees for an option: its plain text in characters. */
export function visibleLength(markdown: string): number {
	return plainText(markdown).length;
}
