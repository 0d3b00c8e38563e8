import type { Locator } from './bank-checks.ts';
import { contentWords, proseOnly, visibleLength } from './bank-text.ts';
import type { Problem, QuestionSource } from './types.ts';

/** A correct option this many times longer than every wrong option is a tell. */
export const longestRatio = 1.5;
/** ...provided it is also this many characters longer, so short code names are not flagged. */
export const longestMargin = 20;
/** Words that make a statement absolute; in wrong options only, they mark them as wrong. */
export const absoluteWords = [
	'always',
	'never',
	'must',
	'every',
	'everything',
	'all',
	'none',
	'nothing',
	'cannot',
	"can't"
];
/** Giveaway words (in the correct option and the stem, in no wrong option) that make a tell. */
export const giveawayInQuote = 2;
export const giveawayInStem = 4;

const absolute = new RegExp(`(?<![\\w'-])(${absoluteWords.join('|')})(?![\\w'-])`, 'i');

/**
 * The tells one question can carry on its own: a correct option that is by far the longest,
 * absolute words in wrong options only, and a stem that gives its answer away.
 */
export function answerTells(q: QuestionSource, at: Locator): Problem[] {
	if (q.type === 'order') return [];
	return [...longestAnswer(q, at), ...absoluteInDistractors(q, at), ...stemGivesAnswer(q, at)];
}

function longestAnswer(q: QuestionSource, at: Locator): Problem[] {
	const lengths = q.options.map((o) => visibleLength(o.text));
	const right = lengths.filter((_, k) => q.options[k]!.correct);
	const wrong = lengths.filter((_, k) => !q.options[k]!.correct);
	if (right.length === 0 || wrong.length === 0) return [];
	const shortestRight = Math.min(...right);
	const longestWrong = Math.max(...wrong);
	if (shortestRight < longestRatio * longestWrong || shortestRight - longestWrong < longestMargin) {
		return [];
	}
	const k = q.options.findIndex((o, j) => o.correct && lengths[j] === shortestRight);
	const what = right.length === 1 ? 'The correct option is' : 'Every correct option is';
	return [
		{
			file: q.file,
			...at.option(q, k),
			message:
				`${what} by far the longest: ${shortestRight} characters against at most ` +
				`${longestWrong} for a wrong option (at least ${longestRatio} times and ${longestMargin} ` +
				'characters longer)',
			hint: 'Shorten the answer, moving detail into its explanation, or give the wrong options the same care.'
		}
	];
}

function absoluteInDistractors(q: QuestionSource, at: Locator): Problem[] {
	const inCorrect = q.options.some((o) => o.correct && absolute.test(proseOnly(o.text)));
	if (inCorrect) return [];
	const problems: Problem[] = [];
	q.options.forEach((o, k) => {
		if (o.correct) return;
		const m = absolute.exec(proseOnly(o.text));
		if (!m) return;
		const span = at.optionSpan(q, k);
		const word = new RegExp(`(?<![\\w'-])${m[1]}(?![\\w'-])`, 'i');
		problems.push({
			file: q.file,
			...at.find(q.file, span.from, span.to, word),
			message:
				`Absolute word "${m[1]}" in a wrong option while no correct option has one: it marks ` +
				'the option as wrong without the candidate knowing why',
			hint: 'Say what actually happens instead of "always", "never", "must" and the like.'
		});
	});
	return problems;
}

function stemGivesAnswer(q: QuestionSource, at: Locator): Problem[] {
	const stemWords = new Set(contentWords(q.stem));
	const quoted = new Set(
		contentWords([...q.stem.matchAll(/"([^"]+)"/g)].map((m) => m[1]).join(' '))
	);
	const wrongWords = new Set(
		q.options.filter((o) => !o.correct).flatMap((o) => contentWords(o.text))
	);
	const problems: Problem[] = [];
	q.options.forEach((o, k) => {
		if (!o.correct) return;
		const giveaway = [...new Set(contentWords(o.text))].filter(
			(w) => stemWords.has(w) && !wrongWords.has(w)
		);
		const fromQuote = giveaway.filter((w) => quoted.has(w));
		if (fromQuote.length < giveawayInQuote && giveaway.length < giveawayInStem) return;
		const span = at.stemSpan(q);
		const where = at.find(
			q.file,
			span.from,
			span.to,
			fromQuote.length >= giveawayInQuote ? /"/ : /\S/
		);
		problems.push({
			file: q.file,
			...where,
			message:
				fromQuote.length >= giveawayInQuote
					? `The stem quotes a message that names its answer: ${fromQuote.map((w) => `"${w}"`).join(', ')} ` +
						`appear in the quote and in option ${k + 1}, and in no wrong option`
					: `The stem contains its answer: ${giveaway.map((w) => `"${w}"`).join(', ')} appear in ` +
						`the stem and in option ${k + 1}, and in no wrong option`,
			hint: 'Describe the symptom without the words of its fix, or let wrong options use them too.'
		});
	});
	return problems;
}
