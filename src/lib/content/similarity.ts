import { contentWords } from './bank-text.ts';

/** What the near-duplicate measure needs of a question: its stem and its options' text. */
export interface Comparable {
	stem: string;
	options: readonly { text: string }[];
}

/**
 * How alike two questions are, from 0 to 1: the mean of the Jaccard similarity of their stems'
 * content words and of their options' content words (all options pooled, so the order of the
 * options does not matter). Content words are lowercased, stemmed and stripped of stop words.
 */
export function questionSimilarity(a: Comparable, b: Comparable): number {
	return setSimilarity(wordSets(a), wordSets(b));
}

/** A question's content words, computed once when a bank compares every pair. */
export interface WordSets {
	stem: ReadonlySet<string>;
	options: ReadonlySet<string>;
}

/** The sets `questionSimilarity` compares. */
export function wordSets(q: Comparable): WordSets {
	return { stem: new Set(contentWords(q.stem)), options: optionWords(q) };
}

/** `questionSimilarity` on sets made by `wordSets`. */
export function setSimilarity(a: WordSets, b: WordSets): number {
	return (jaccard(a.stem, b.stem) + jaccard(a.options, b.options)) / 2;
}

/** Jaccard similarity of the stems' content-word sets. */
export function stemSimilarity(a: Comparable, b: Comparable): number {
	return jaccard(new Set(contentWords(a.stem)), new Set(contentWords(b.stem)));
}

/** Jaccard similarity of the content-word sets of all options pooled. */
export function optionSimilarity(a: Comparable, b: Comparable): number {
	return jaccard(optionWords(a), optionWords(b));
}

function optionWords(q: Comparable): Set<string> {
	return new Set(q.options.flatMap((o) => contentWords(o.text)));
}

/** |A ∩ B| / |A ∪ B|, with two empty sets counted as identical. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	if (a.size === 0 && b.size === 0) return 1;
	let shared = 0;
	for (const w of a) if (b.has(w)) shared++;
	return shared / (a.size + b.size - shared);
}
