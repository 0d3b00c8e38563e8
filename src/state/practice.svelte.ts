import type { Question } from '../lib/content/types.ts';
import {
	drawSession,
	grade,
	moveItem,
	requiredChoices,
	resultsByTopic,
	type Graded,
	type SessionItem
} from '../lib/study/session.ts';

/** What a round reports for each submitted answer, to be stored before the next question shows. */
export interface RoundAnswer {
	question: Question;
	correct: boolean;
	hinted: boolean;
	guessed: boolean;
	elapsedMs: number;
	at: number;
}

export interface RoundOptions {
	/** Stores an answer; the round moves on only once it resolves. */
	record?: (answer: RoundAnswer) => Promise<void>;
	/** The clock (tests pass a fixed one). */
	now?: () => number;
}

/** One practice round: which questions, where the user is, and what they answered. */
export class PracticeRound {
	#questions = new Map<string, Question>();
	#items = $state.raw<SessionItem[]>([]);
	#index = $state(0);
	#selection = $state.raw<number[]>([]);
	#graded = $state.raw<Graded[]>([]);
	#hinted = false;
	#guessed = $state(false);
	#shownAt = 0;
	#saving: Promise<void> | undefined;
	#options: RoundOptions;

	constructor(pool: readonly Question[], count: number, seed: number, options: RoundOptions = {}) {
		this.#options = options;
		for (const q of pool) this.#questions.set(q.id, q);
		this.#items = drawSession(pool, count, seed);
		this.#reset();
	}

	#now(): number {
		return (this.#options.now ?? Date.now)();
	}

	/** The learner opened the hint of the current question. */
	markHinted(): void {
		if (!this.graded) this.#hinted = true;
	}

	/** "I guessed" for the current question: a right guess is rated Hard, not Good or Easy. */
	get guessed(): boolean {
		return this.#guessed;
	}

	set guessed(value: boolean) {
		if (!this.graded) this.#guessed = value;
	}

	get total(): number {
		return this.#items.length;
	}

	/** 0-based position of the current question. */
	get index(): number {
		return this.#index;
	}

	get finished(): boolean {
		return this.#index >= this.#items.length;
	}

	get item(): SessionItem | undefined {
		return this.#items[this.#index];
	}

	get question(): Question | undefined {
		const item = this.item;
		return item ? this.#questions.get(item.questionId) : undefined;
	}

	/**
	 * For single and multiple questions, the chosen option indices; for order questions, the
	 * current arrangement of option indices, top to bottom.
	 */
	get selection(): number[] {
		return this.#selection;
	}

	/** The grade of the current question once it is submitted. */
	get graded(): Graded | undefined {
		return this.#graded[this.#index];
	}

	get canSubmit(): boolean {
		const q = this.question;
		if (!q || this.graded) return false;
		if (q.type === 'order') return true;
		return this.#selection.length === requiredChoices(q);
	}

	/** Chooses the option shown at `position`; for multiple questions, toggles it. */
	choose(position: number): void {
		const q = this.question;
		const option = this.item?.display[position];
		if (!q || option === undefined || this.graded || q.type === 'order') return;
		if (q.type === 'single') this.#selection = [option];
		else if (this.#selection.includes(option)) {
			this.#selection = this.#selection.filter((o) => o !== option);
		} else this.#selection = [...this.#selection, option];
	}

	/** Moves the item at `position` of an order question one place up or down. */
	move(position: number, by: -1 | 1): void {
		if (this.graded || this.question?.type !== 'order') return;
		this.#selection = moveItem(this.#selection, position, by);
	}

	submit(): void {
		const q = this.question;
		if (!q || !this.canSubmit) return;
		const next = [...this.#graded];
		const g = grade(q, { chosen: this.#selection });
		next[this.#index] = g;
		this.#graded = next;
		const at = this.#now();
		this.#saving = this.#options.record?.({
			question: q,
			correct: g.correct,
			hinted: this.#hinted,
			guessed: this.#guessed,
			elapsedMs: Math.max(0, at - this.#shownAt),
			at
		});
	}

	/** Shows the next question, once the answer to this one is stored. */
	next(): Promise<void> | void {
		if (!this.graded) return;
		const saving = this.#saving;
		const advance = () => {
			this.#index++;
			this.#reset();
		};
		if (!saving) return advance();
		const at = this.#index;
		return saving.then(() => {
			if (this.#index === at) advance();
		});
	}

	/** The questions of the round with whether each was answered correctly. */
	get answered(): { question: Question; correct: boolean }[] {
		return this.#items.flatMap((item, i) => {
			const question = this.#questions.get(item.questionId);
			const g = this.#graded[i];
			return question && g ? [{ question, correct: g.correct }] : [];
		});
	}

	get score(): { correct: number; total: number } {
		const a = this.answered;
		return { correct: a.filter((x) => x.correct).length, total: this.#items.length };
	}

	get byTopic(): { topic: string; correct: number; total: number }[] {
		return resultsByTopic(
			this.answered.map((a) => ({ topic: a.question.topic, correct: a.correct }))
		);
	}

	#reset(): void {
		this.#hinted = false;
		this.#guessed = false;
		this.#saving = undefined;
		this.#shownAt = this.#now();
		const q = this.question;
		this.#selection = q?.type === 'order' ? [...(this.item?.display ?? [])] : [];
	}
}
