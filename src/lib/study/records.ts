import type { Domain, Question } from '../content/types.ts';

/** One answered question, written before the next question shows. Never changed afterwards. */
export interface AnswerRecord {
	/** Unique across tabs and devices, so logs from two places merge without collisions. */
	id: string;
	questionId: string;
	topic: string;
	domain: Domain;
	/** Concept keys (see `conceptKey`). */
	concepts: string[];
	correct: boolean;
	hinted: boolean;
	guessed: boolean;
	elapsedMs: number;
	/** Epoch milliseconds. */
	at: number;
	source: 'practice' | 'review' | 'exam';
}

/** A concept's FSRS card, with dates as epoch milliseconds so it stores and exports as JSON. */
export interface CardRecord {
	concept: string;
	due: number;
	stability: number;
	difficulty: number;
	elapsed_days: number;
	scheduled_days: number;
	learning_steps: number;
	reps: number;
	lapses: number;
	/** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
	state: number;
	last_review?: number;
}

const domains = new Set(['development', 'security', 'deployment', 'troubleshooting']);
const sources = new Set(['practice', 'review', 'exam']);

function isObject(x: unknown): x is Record<string, unknown> {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const text = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 500;

/** Why a stored or imported answer is unusable, or '' when it is a valid answer record. */
export function answerProblem(x: unknown): string {
	if (!isObject(x)) return 'not an object';
	if (!text(x.id)) return 'id is missing';
	if (!text(x.questionId)) return 'questionId is missing';
	if (!text(x.topic)) return 'topic is missing';
	if (!domains.has(x.domain as string)) return 'domain is not one of the exam domains';
	if (!Array.isArray(x.concepts) || !x.concepts.every(text) || x.concepts.length > 50)
		return 'concepts is not a list of names';
	for (const k of ['correct', 'hinted', 'guessed'] as const)
		if (typeof x[k] !== 'boolean') return `${k} is not true or false`;
	if (!finite(x.elapsedMs) || x.elapsedMs < 0) return 'elapsedMs is not a duration';
	if (!finite(x.at) || x.at < 0) return 'at is not a time';
	if (!sources.has(x.source as string)) return 'source is not practice, review or exam';
	return '';
}

/** A card's fields that are amounts or times: finite and never negative. */
export const cardAmounts = [
	'due',
	'stability',
	'difficulty',
	'elapsed_days',
	'scheduled_days',
	'learning_steps',
	'reps',
	'lapses'
] as const;

/** Why a stored or imported card is unusable, or '' when it is a valid card record. */
export function cardProblem(x: unknown): string {
	if (!isObject(x)) return 'not an object';
	if (!text(x.concept)) return 'concept is missing';
	for (const k of cardAmounts) {
		if (!finite(x[k]) || (x[k] as number) < 0) return `${k} is not a number`;
	}
	if (![0, 1, 2, 3].includes(x.state as number)) return 'state is not 0 to 3';
	if (x.last_review !== undefined && !finite(x.last_review)) return 'last_review is not a time';
	return '';
}

/** The key a concept is stored under: its name, trimmed and lower-cased, spaces collapsed. */
export function conceptKey(name: string): string {
	return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The record of one answer to `question`. */
export function answerRecord(
	id: string,
	question: Pick<Question, 'id' | 'topic' | 'domain' | 'concepts'>,
	b: { correct: boolean; hinted: boolean; guessed: boolean; elapsedMs: number; at: number },
	source: AnswerRecord['source']
): AnswerRecord {
	return {
		id,
		questionId: question.id,
		topic: question.topic,
		domain: question.domain,
		concepts: [...new Set(question.concepts.map(conceptKey))],
		correct: b.correct,
		hinted: b.hinted,
		guessed: b.guessed,
		elapsedMs: Math.round(b.elapsedMs),
		at: b.at,
		source
	};
}
