import type { Question } from '../lib/content/types.ts';
import * as exam from '../lib/study/exam.ts';
import type { ExamAttempt, ExamConfig } from '../lib/study/exam.ts';
import { moveItem } from '../lib/study/session.ts';
import { answerRecord } from '../lib/study/records.ts';
import { newId } from './ids.ts';
import { progress } from './progress.svelte.ts';

/**
 * A running exam attempt: each change is applied with the pure functions in `lib/study/exam.ts`
 * and saved at once, so a reload resumes it exactly. `now` is injectable for tests.
 */
export class ExamRun {
	#attempt = $state.raw<ExamAttempt>() as ExamAttempt;
	#time = $state(0);
	#announcement = $state('');
	#now: () => number;
	#saving: Promise<void> = Promise.resolve();

	constructor(attempt: ExamAttempt, now: () => number = Date.now) {
		this.#attempt = attempt;
		this.#now = now;
		this.#time = now();
	}

	get attempt(): ExamAttempt {
		return this.#attempt;
	}
	get question(): Question {
		return this.#attempt.questions[this.#attempt.current]!;
	}
	get index(): number {
		return this.#attempt.current;
	}
	get total(): number {
		return this.#attempt.items.length;
	}
	get paused(): boolean {
		return this.#attempt.pausedAt !== null;
	}
	get submitted(): boolean {
		return this.#attempt.submittedAt !== null;
	}
	/** Milliseconds left (null when untimed), as of the last tick. */
	get remaining(): number | null {
		return exam.remainingMs(this.#attempt, this.#time);
	}
	/** The latest "N minutes left" for screen readers. */
	get announcement(): string {
		return this.#announcement;
	}
	/** The current answer; for an order question not yet touched, its start order. */
	get selection(): number[] {
		const a = this.#attempt.answers[this.#attempt.current];
		if (a) return a;
		return this.question.type === 'order'
			? [...this.#attempt.items[this.#attempt.current]!.display]
			: [];
	}

	/** Resolves once every change so far is stored. */
	saved(): Promise<void> {
		return this.#saving;
	}

	#set(next: ExamAttempt): Promise<void> {
		if (next === this.#attempt) return this.#saving;
		this.#attempt = next;
		const snapshot = next;
		this.#saving = this.#saving.then(() => progress.saveAttempt(snapshot));
		return this.#saving;
	}

	/** Reads the clock: announces 10, 5 and 1 minutes left, and submits at zero. */
	tick(): void {
		const before = this.remaining;
		this.#time = this.#now();
		const text = exam.timeAnnouncement(before, this.remaining);
		if (text) this.#announcement = text;
		if (exam.timeIsUp(this.#attempt, this.#time)) void this.submit(true);
	}

	choose(position: number): Promise<void> {
		const a = this.#attempt;
		return this.#set(exam.answer(a, exam.choose(a, position), this.#now()));
	}

	/** Moves an item of an order question; the arrangement becomes the answer. */
	move(position: number, by: -1 | 1): Promise<void> {
		if (this.question.type !== 'order') return this.#saving;
		return this.#set(
			exam.answer(this.#attempt, moveItem(this.selection, position, by), this.#now())
		);
	}

	/** Takes the order as shown as the answer to an order question. */
	keepOrder(): Promise<void> {
		return this.#set(exam.answer(this.#attempt, this.selection, this.#now()));
	}

	clear(): Promise<void> {
		return this.#set(exam.answer(this.#attempt, null, this.#now()));
	}

	flag(index = this.#attempt.current): Promise<void> {
		return this.#set(exam.toggleFlag(this.#attempt, index));
	}

	goTo(index: number): Promise<void> {
		return this.#set(exam.goTo(this.#attempt, index, this.#now()));
	}

	pause(): Promise<void> {
		return this.#set(exam.pause(this.#attempt, this.#now()));
	}

	resume(): Promise<void> {
		this.#time = this.#now();
		return this.#set(exam.resume(this.#attempt, this.#now()));
	}

	/** Ends the attempt and files each answered question with the spaced-review schedule. */
	async submit(auto = false): Promise<void> {
		if (this.submitted) return;
		const done = exam.submit(this.#attempt, this.#now(), auto);
		await this.#set(done);
		const result = exam.scoreExam(done);
		for (const r of result.questions) {
			if (!r.answered) continue;
			await progress.record(
				answerRecord(
					newId(),
					done.questions[r.index]!,
					{
						correct: r.correct,
						hinted: false,
						guessed: false,
						elapsedMs: r.spentMs,
						at: done.submittedAt!
					},
					'exam'
				)
			);
		}
	}
}

/** Starts and stores a new attempt. */
export async function startAttempt(
	pool: readonly Question[],
	config: ExamConfig,
	seed: number,
	now = Date.now()
): Promise<ExamRun> {
	const attempt = exam.startExam(newId(), pool, config, seed, now);
	await progress.saveAttempt(attempt);
	return new ExamRun(attempt);
}
