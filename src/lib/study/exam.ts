import type { Domain, Question } from '../content/types.ts';
import {
	drawSession,
	grade,
	requiredChoices,
	resultsByTopic,
	type SessionItem
} from './session.ts';

/** What the learner chose on the start screen. */
export interface ExamConfig {
	/** 10, 20, 40 or 65. */
	count: number;
	/** Time allowed, or null for untimed. */
	minutes: number | null;
	/** Empty means every topic. */
	topics: string[];
	includeGenerated: boolean;
	/** Percent needed to pass. */
	passMark: number;
}

export const examSizes = [10, 20, 40, 65] as const;
/** The real exam's 720 of 1000, as a percentage. */
export const defaultPassMark = 72;
/** About two minutes a question, as in the real exam (130 minutes for 65 questions). */
export const minutesFor = (count: number): number => count * 2;

export const defaultExamConfig: ExamConfig = {
	count: 20,
	minutes: minutesFor(20),
	topics: [],
	includeGenerated: true,
	passMark: defaultPassMark
};

/** The exam's questions as they were when it started, so results read the same later. */
export type ExamQuestion = Question;

/** One exam attempt, saved after every change; everything needed to resume it is here. */
export interface ExamAttempt {
	id: string;
	config: ExamConfig;
	questions: ExamQuestion[];
	items: SessionItem[];
	/** Chosen option indices per question (order questions: the arrangement), null if unanswered. */
	answers: (number[] | null)[];
	flags: boolean[];
	/** Time spent on each question while it was on screen. */
	spentMs: number[];
	current: number;
	/** When the current question was shown (counting for `spentMs`). */
	shownAt: number;
	startedAt: number;
	/** Set while paused. */
	pausedAt: number | null;
	/** Total time spent paused, not counting a pause in progress. */
	pausedMs: number;
	pauses: number;
	submittedAt: number | null;
	/** True when the clock ran out. */
	autoSubmitted: boolean;
}

/** Starts an attempt with `config.count` questions drawn from `pool` (already filtered by topic). */
export function startExam(
	id: string,
	pool: readonly Question[],
	config: ExamConfig,
	seed: number,
	now: number
): ExamAttempt {
	const items = drawSession(pool, config.count, seed);
	const byId = new Map(pool.map((q) => [q.id, q]));
	const n = items.length;
	return {
		id,
		config: { ...config, topics: [...config.topics] },
		questions: items.map((i) => byId.get(i.questionId)!),
		items,
		answers: Array.from({ length: n }, () => null),
		flags: Array.from({ length: n }, () => false),
		spentMs: Array.from({ length: n }, () => 0),
		current: 0,
		shownAt: now,
		startedAt: now,
		pausedAt: null,
		pausedMs: 0,
		pauses: 0,
		submittedAt: null,
		autoSubmitted: false
	};
}

/** Milliseconds the exam has been running (paused time does not count; closed-tab time does). */
export function elapsedMs(a: ExamAttempt, now: number): number {
	const end = a.submittedAt ?? now;
	const pausing = a.pausedAt !== null ? end - a.pausedAt : 0;
	return Math.max(0, end - a.startedAt - a.pausedMs - pausing);
}

/** Milliseconds left, or null for an untimed exam. */
export function remainingMs(a: ExamAttempt, now: number): number | null {
	if (a.config.minutes === null) return null;
	return Math.max(0, a.config.minutes * 60_000 - elapsedMs(a, now));
}

/** True when a timed exam has run out of time and is not yet submitted. */
export function timeIsUp(a: ExamAttempt, now: number): boolean {
	return a.submittedAt === null && remainingMs(a, now) === 0;
}

function spend(a: ExamAttempt, now: number): number[] {
	if (a.pausedAt !== null || a.submittedAt !== null) return a.spentMs;
	const spent = [...a.spentMs];
	spent[a.current] = (spent[a.current] ?? 0) + Math.max(0, now - a.shownAt);
	return spent;
}

/** Shows question `index`. */
export function goTo(a: ExamAttempt, index: number, now: number): ExamAttempt {
	if (index < 0 || index >= a.items.length || a.submittedAt !== null) return a;
	return { ...a, spentMs: spend(a, now), current: index, shownAt: now };
}

/** Records the answer to the current question (null clears it). */
export function answer(a: ExamAttempt, chosen: number[] | null, now: number): ExamAttempt {
	if (a.submittedAt !== null || a.pausedAt !== null) return a;
	const answers = [...a.answers];
	answers[a.current] = chosen ? [...chosen] : null;
	return { ...a, answers, spentMs: spend(a, now), shownAt: now };
}

/** The choice after clicking the option at display `position` of the current question. */
export function choose(a: ExamAttempt, position: number): number[] | null {
	const q = a.questions[a.current];
	const option = a.items[a.current]?.display[position];
	if (!q || option === undefined || q.type === 'order') return a.answers[a.current] ?? null;
	const before = a.answers[a.current] ?? [];
	if (q.type === 'single') return [option];
	const next = before.includes(option) ? before.filter((o) => o !== option) : [...before, option];
	return next.length ? next : null;
}

export function toggleFlag(a: ExamAttempt, index = a.current): ExamAttempt {
	if (a.submittedAt !== null) return a;
	const flags = [...a.flags];
	flags[index] = !flags[index];
	return { ...a, flags };
}

export function pause(a: ExamAttempt, now: number): ExamAttempt {
	if (a.pausedAt !== null || a.submittedAt !== null) return a;
	return { ...a, spentMs: spend(a, now), pausedAt: now, pauses: a.pauses + 1 };
}

export function resume(a: ExamAttempt, now: number): ExamAttempt {
	if (a.pausedAt === null) return a;
	return { ...a, pausedMs: a.pausedMs + (now - a.pausedAt), pausedAt: null, shownAt: now };
}

/** Ends the attempt; with `auto`, because the time ran out (ended at the exact moment it did). */
export function submit(a: ExamAttempt, now: number, auto = false): ExamAttempt {
	if (a.submittedAt !== null) return a;
	let at = now;
	if (auto && a.config.minutes !== null) {
		// A tab closed past the limit ends the exam when time ran out, not when it is reopened.
		const paused = a.pausedMs + (a.pausedAt !== null ? now - a.pausedAt : 0);
		at = Math.min(now, a.startedAt + paused + a.config.minutes * 60_000);
	}
	const resumed = a.pausedAt !== null ? resume(a, at) : a;
	return { ...resumed, spentMs: spend(resumed, at), submittedAt: at, autoSubmitted: auto };
}

/** Whether a question's answer is complete enough to count as answered. */
export function isAnswered(a: ExamAttempt, index: number): boolean {
	const q = a.questions[index];
	const chosen = a.answers[index];
	if (!q || !chosen) return false;
	return q.type === 'order' || chosen.length === requiredChoices(q);
}

export function unansweredIndices(a: ExamAttempt): number[] {
	return a.items.flatMap((_, i) => (isAnswered(a, i) ? [] : [i]));
}

export function flaggedIndices(a: ExamAttempt): number[] {
	return a.flags.flatMap((f, i) => (f ? [i] : []));
}

export interface ExamQuestionResult {
	index: number;
	questionId: string;
	topic: string;
	domain: Domain;
	correct: boolean;
	answered: boolean;
	expected: number[];
	chosen: number[];
	spentMs: number;
}

export interface ExamResult {
	correct: number;
	total: number;
	percent: number;
	passed: boolean;
	byTopic: { topic: string; correct: number; total: number }[];
	byDomain: { topic: string; correct: number; total: number }[];
	questions: ExamQuestionResult[];
	elapsedMs: number;
}

/** Scores a submitted attempt: unanswered questions count as wrong. */
export function scoreExam(a: ExamAttempt): ExamResult {
	const questions = a.questions.map((q, index): ExamQuestionResult => {
		const chosen = a.answers[index];
		const answered = isAnswered(a, index);
		const g = grade(q, { chosen: answered && chosen ? chosen : [] });
		return {
			index,
			questionId: q.id,
			topic: q.topic,
			domain: q.domain,
			correct: answered && g.correct,
			answered,
			expected: g.expected,
			chosen: answered ? g.chosen : [],
			spentMs: a.spentMs[index] ?? 0
		};
	});
	const correct = questions.filter((r) => r.correct).length;
	const total = questions.length;
	const percent = total ? Math.round((correct / total) * 1000) / 10 : 0;
	return {
		correct,
		total,
		percent,
		passed: percent >= a.config.passMark,
		byTopic: resultsByTopic(questions),
		byDomain: resultsByTopic(questions.map((r) => ({ topic: r.domain, correct: r.correct }))),
		questions,
		elapsedMs: elapsedMs(a, a.submittedAt ?? a.startedAt)
	};
}

const marks = [10, 5, 1];

/**
 * What to announce when the clock passes 10, 5 or 1 minutes left between two readings, or ''.
 * Called once a second, it speaks three times in an exam, never every second.
 */
export function timeAnnouncement(before: number | null, after: number | null): string {
	if (before === null || after === null) return '';
	for (const m of marks) {
		const at = m * 60_000;
		if (before > at && after <= at) return `${m} minute${m === 1 ? '' : 's'} left.`;
	}
	return '';
}

/** "12:05" or "1:02:09". */
export function clockText(ms: number): string {
	const s = Math.ceil(ms / 1000);
	const h = Math.floor(s / 3600);
	const m = Math.floor((s % 3600) / 60);
	const sec = String(s % 60).padStart(2, '0');
	return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
