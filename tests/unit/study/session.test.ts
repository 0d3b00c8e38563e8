import { describe, expect, it } from 'vitest';
import type { Question } from '../../../src/lib/content/types.ts';
import { replayHref, showMeHref } from '../../../src/lib/study/links.ts';
import { createRandom, hashSeed, shuffle } from '../../../src/lib/study/random.ts';
import {
	drawSession,
	filterQuestions,
	grade,
	moveItem,
	requiredChoices,
	resultsByTopic
} from '../../../src/lib/study/session.ts';

function question(id: string, over: Partial<Question> = {}): Question {
	return {
		id,
		type: 'single',
		topic: 'auth-flow',
		domain: 'development',
		difficulty: 'easy',
		concepts: ['x'],
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

const multiple = question('m', {
	type: 'multiple',
	options: [
		{ html: 'A', correct: true },
		{ html: 'B', correct: false },
		{ html: 'C', correct: true },
		{ html: 'D', correct: false }
	]
});
const order = question('o', {
	type: 'order',
	options: [
		{ html: '1', correct: false },
		{ html: '2', correct: false },
		{ html: '3', correct: false }
	]
});

describe('random', () => {
	it('gives the same sequence for the same seed and a different one for another', () => {
		const a = createRandom(42);
		const b = createRandom(42);
		const seqA = [a(), a(), a()];
		expect([b(), b(), b()]).toEqual(seqA);
		expect(createRandom(43)()).not.toBe(seqA[0]);
		expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
	});

	it('shuffles to a permutation without touching the input', () => {
		const input = [1, 2, 3, 4, 5, 6];
		const out = shuffle(input, createRandom(7));
		expect(input).toEqual([1, 2, 3, 4, 5, 6]);
		expect([...out].sort()).toEqual(input);
	});

	it('hashes text seeds stably', () => {
		expect(hashSeed('abc')).toBe(hashSeed('abc'));
		expect(hashSeed('abc')).not.toBe(hashSeed('abd'));
	});
});

describe('filterQuestions', () => {
	const qs = [
		question('a'),
		question('b', { topic: 'guest-access', difficulty: 'hard' }),
		question('c', { difficulty: 'hard' })
	];

	it('treats an empty filter as everything', () => {
		expect(filterQuestions(qs, { topics: [], difficulties: [] })).toHaveLength(3);
	});

	it('combines topics and difficulties', () => {
		expect(
			filterQuestions(qs, { topics: ['auth-flow'], difficulties: ['hard'] }).map((q) => q.id)
		).toEqual(['c']);
	});
});

describe('drawSession', () => {
	const pool = Array.from({ length: 20 }, (_, i) => question(`q${i}`));

	it('draws N distinct questions, the same for the same seed', () => {
		const a = drawSession(pool, 10, 1);
		expect(a).toHaveLength(10);
		expect(new Set(a.map((i) => i.questionId)).size).toBe(10);
		expect(drawSession(pool, 10, 1)).toEqual(a);
		expect(drawSession(pool, 10, 2).map((i) => i.questionId)).not.toEqual(
			a.map((i) => i.questionId)
		);
	});

	it('draws at most the whole pool', () => {
		expect(drawSession(pool.slice(0, 3), 10, 1)).toHaveLength(3);
	});

	it('shows every option once', () => {
		for (const item of drawSession([multiple, order], 2, 5)) {
			expect([...item.display].sort()).toEqual(item.questionId === 'm' ? [0, 1, 2, 3] : [0, 1, 2]);
		}
	});

	it('never starts an order question already solved', () => {
		const two = question('t', { type: 'order', options: order.options.slice(0, 2) });
		for (let seed = 0; seed < 50; seed++) {
			expect(drawSession([two], 1, seed)[0]!.display).toEqual([1, 0]);
		}
	});
});

describe('grade', () => {
	it('grades single answers', () => {
		expect(grade(question('s'), { chosen: [1] })).toEqual({
			correct: true,
			expected: [1],
			chosen: [1]
		});
		expect(grade(question('s'), { chosen: [0] }).correct).toBe(false);
	});

	it('needs exactly the correct set for multiple answers, in any order', () => {
		expect(grade(multiple, { chosen: [2, 0] }).correct).toBe(true);
		expect(grade(multiple, { chosen: [0] }).correct).toBe(false);
		expect(grade(multiple, { chosen: [0, 1, 2] }).correct).toBe(false);
	});

	it('needs the exact sequence for order answers', () => {
		expect(grade(order, { chosen: [0, 1, 2] }).correct).toBe(true);
		expect(grade(order, { chosen: [1, 0, 2] })).toEqual({
			correct: false,
			expected: [0, 1, 2],
			chosen: [1, 0, 2]
		});
	});

	it('says how many choices an answer needs', () => {
		expect(requiredChoices(question('s'))).toBe(1);
		expect(requiredChoices(multiple)).toBe(2);
		expect(requiredChoices(order)).toBe(3);
	});
});

describe('resultsByTopic and moveItem', () => {
	it('counts correct answers per topic', () => {
		expect(
			resultsByTopic([
				{ topic: 'a', correct: true },
				{ topic: 'b', correct: false },
				{ topic: 'a', correct: false }
			])
		).toEqual([
			{ topic: 'a', correct: 1, total: 2 },
			{ topic: 'b', correct: 0, total: 1 }
		]);
	});

	it('moves an item up or down and ignores moves past the ends', () => {
		expect(moveItem([1, 2, 3], 1, -1)).toEqual([2, 1, 3]);
		expect(moveItem([1, 2, 3], 1, 1)).toEqual([1, 3, 2]);
		expect(moveItem([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
		expect(moveItem([1, 2, 3], 2, 1)).toEqual([1, 2, 3]);
	});
});

describe('flow links', () => {
	it('opens the flow at the 1-based position of the step, with the provider', () => {
		const q = question('x', {
			flow: 'enhanced-authenticated',
			step: 'get-credentials',
			provider: 'google'
		});
		expect(showMeHref(q)).toBe('#/flows/enhanced-authenticated?step=4&provider=google');
		expect(showMeHref(question('y'))).toBeUndefined();
	});

	it('adds the failure setting for a replay', () => {
		const q = question('x', { flow: 'enhanced-guest', step: 'get-id', replay: 'guest=off' });
		expect(replayHref(q)).toBe('#/flows/enhanced-guest?guest=off');
		expect(replayHref(question('y', { flow: 'enhanced-guest', step: 'get-id' }))).toBeUndefined();
	});
});
