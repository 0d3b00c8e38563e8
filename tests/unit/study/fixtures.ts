import type { Question } from '../../../src/lib/content/types.ts';
import type { AnswerRecord } from '../../../src/lib/study/records.ts';

/** A fixed clock: 2026-03-02 09:00 UTC. */
export const t0 = Date.UTC(2026, 2, 2, 9);
export const day = 86_400_000;

export function question(id: string, over: Partial<Question> = {}): Question {
	return {
		id,
		type: 'single',
		topic: 'auth-flow',
		domain: 'development',
		difficulty: 'easy',
		concepts: ['enhanced flow'],
		references: ['https://docs.aws.amazon.com/x'],
		file: 'f.md',
		line: 1,
		origin: 'bundled',
		stem: '<p>?</p>',
		options: [
			{ html: 'A', correct: false },
			{ html: 'B', correct: true },
			{ html: 'C', correct: false }
		],
		...over
	};
}

export function answer(id: string, over: Partial<AnswerRecord> = {}): AnswerRecord {
	return {
		id,
		questionId: 'q1',
		topic: 'auth-flow',
		domain: 'development',
		concepts: ['enhanced flow'],
		correct: true,
		hinted: false,
		guessed: false,
		elapsedMs: 30_000,
		at: t0,
		source: 'practice',
		...over
	};
}
