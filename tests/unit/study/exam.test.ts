import { describe, expect, it } from 'vitest';
import {
	answer,
	choose,
	clockText,
	defaultExamConfig,
	flaggedIndices,
	goTo,
	pause,
	remainingMs,
	resume,
	scoreExam,
	startExam,
	submit,
	timeAnnouncement,
	timeIsUp,
	toggleFlag,
	unansweredIndices
} from '../../../src/lib/study/exam.ts';
import { question, t0 } from './fixtures.ts';

const pool = Array.from({ length: 30 }, (_, i) =>
	question(`q${i}`, {
		topic: i % 2 ? 'guest-access' : 'auth-flow',
		domain: i % 3 ? 'security' : 'development'
	})
);
const config = { ...defaultExamConfig, count: 10, minutes: 20 };
const min = 60_000;

/** Chooses the correct option of the current question. */
function answerRight(a: ReturnType<typeof startExam>, now: number) {
	const q = a.questions[a.current]!;
	const position = a.items[a.current]!.display.findIndex((o) => q.options[o]!.correct);
	return answer(a, choose(a, position), now);
}

describe('a timed exam attempt', () => {
	it('draws the configured number of questions, the same ones for the same seed', () => {
		const a = startExam('x', pool, config, 5, t0);
		expect(a.items).toHaveLength(10);
		expect(startExam('y', pool, config, 5, t0).items).toEqual(a.items);
		expect(remainingMs(a, t0)).toBe(20 * min);
	});

	it('keeps counting while the tab is closed, but not while paused', () => {
		let a = startExam('x', pool, config, 5, t0);
		expect(remainingMs(a, t0 + 5 * min)).toBe(15 * min);
		a = pause(a, t0 + 5 * min);
		expect(remainingMs(a, t0 + 50 * min)).toBe(15 * min);
		a = resume(a, t0 + 50 * min);
		expect(remainingMs(a, t0 + 51 * min)).toBe(14 * min);
		expect(a.pauses).toBe(1);
	});

	it('auto-submits at the moment time ran out, even if reopened later', () => {
		const a = startExam('x', pool, config, 5, t0);
		expect(timeIsUp(a, t0 + 20 * min - 1)).toBe(false);
		expect(timeIsUp(a, t0 + 20 * min)).toBe(true);
		const done = submit(a, t0 + 90 * min, true);
		expect(done.submittedAt).toBe(t0 + 20 * min);
		expect(done.autoSubmitted).toBe(true);
		expect(scoreExam(done).elapsedMs).toBe(20 * min);
	});

	it('an untimed exam never runs out', () => {
		const a = startExam('x', pool, { ...config, minutes: null }, 5, t0);
		expect(remainingMs(a, t0 + 1e9)).toBeNull();
		expect(timeIsUp(a, t0 + 1e9)).toBe(false);
	});

	it('lists unanswered and flagged questions, and scores unanswered as wrong', () => {
		let a = startExam('x', pool, config, 5, t0);
		a = answerRight(a, t0 + 1000);
		a = goTo(a, 3, t0 + 2000);
		a = answerRight(a, t0 + 5000);
		a = toggleFlag(a);
		a = goTo(a, 5, t0 + 6000);
		a = toggleFlag(a);
		expect(unansweredIndices(a)).toEqual([1, 2, 4, 5, 6, 7, 8, 9]);
		expect(flaggedIndices(a)).toEqual([3, 5]);
		const r = scoreExam(submit(a, t0 + 10_000));
		expect(r.correct).toBe(2);
		expect(r.percent).toBe(20);
		expect(r.passed).toBe(false);
		expect(r.byTopic.reduce((s, t) => s + t.total, 0)).toBe(10);
		expect(r.byDomain.reduce((s, t) => s + t.correct, 0)).toBe(2);
		expect(r.questions[3]!.spentMs).toBe(4000);
		expect(r.questions[0]!.spentMs).toBe(2000);
	});

	it('passes at the pass mark', () => {
		let a = startExam('x', pool, { ...config, passMark: 70 }, 5, t0);
		for (let i = 0; i < 7; i++) a = answerRight(goTo(a, i, t0), t0);
		expect(scoreExam(submit(a, t0)).passed).toBe(true);
	});

	it('announces 10, 5 and 1 minutes left once each, and nothing in between', () => {
		const said: string[] = [];
		for (let s = 20 * 60; s > 0; s--) {
			const text = timeAnnouncement(s * 1000, (s - 1) * 1000);
			if (text) said.push(text);
		}
		expect(said).toEqual(['10 minutes left.', '5 minutes left.', '1 minute left.']);
		expect(clockText(65 * min + 9000)).toBe('1:05:09');
		expect(clockText(59_001)).toBe('1:00');
	});
});
