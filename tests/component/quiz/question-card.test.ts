import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import QuestionCard from '../../../src/components/quiz/QuestionCard.svelte';
import type { Question } from '../../../src/lib/content/types.ts';
import { PracticeRound } from '../../../src/state/practice.svelte.ts';

const base = {
	topic: 'guest-access',
	domain: 'troubleshooting' as const,
	difficulty: 'medium' as const,
	concepts: ['x'],
	references: ['https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html'],
	file: 'f.md',
	line: 1,
	origin: 'bundled'
};

const single: Question = {
	...base,
	id: 'guest-off',
	type: 'single',
	flow: 'enhanced-guest',
	step: 'get-id',
	replay: 'guest=off',
	stem: '<p>Why does <code>GetId</code> fail?</p>',
	options: [
		{ html: 'Guest access is off', correct: true, explanation: '<p>Right: guests need it.</p>' },
		{ html: 'The role lacks permission', correct: false, explanation: '<p>GetId is public.</p>' },
		{ html: 'Wrong Region', correct: false, explanation: '<p>Not this error.</p>' }
	],
	explanation: '<p>Overall explanation.</p>'
};

const order: Question = {
	...base,
	id: 'calls',
	type: 'order',
	stem: '<p>Order the calls.</p>',
	options: [
		{ html: 'GetId', correct: false },
		{ html: 'GetCredentialsForIdentity', correct: false }
	]
};

describe('QuestionCard', () => {
	it('shows feedback with both explanations, a show-me link and a replay link for a wrong answer', async () => {
		const user = userEvent.setup();
		const round = new PracticeRound([single], 1, 3);
		render(QuestionCard, { props: { round, onnext: () => {} } });
		const submit = screen.getByRole('button', { name: 'Submit answer' });
		expect(submit).toHaveProperty('disabled', true);
		await user.click(screen.getByLabelText(/The role lacks permission/));
		expect(submit).toHaveProperty('disabled', false);
		await user.click(submit);
		expect(screen.getByRole('heading', { name: 'Not quite' })).toBeTruthy();
		expect(screen.getByText('GetId is public.')).toBeTruthy();
		expect(screen.getByText('Right: guests need it.')).toBeTruthy();
		expect(screen.getByText('Overall explanation.')).toBeTruthy();
		expect(
			screen.getByRole('link', { name: 'Show me this step in the flow' }).getAttribute('href')
		).toBe('#/flows/enhanced-guest');
		expect(
			screen.getByRole('link', { name: 'Play this failure on the diagram' }).getAttribute('href')
		).toBe('#/flows/enhanced-guest?guest=off');
	});

	it('offers no replay after a correct answer, and calls onnext', async () => {
		const user = userEvent.setup();
		const onnext = vi.fn();
		const round = new PracticeRound([single], 1, 3);
		render(QuestionCard, { props: { round, onnext } });
		await user.click(screen.getByLabelText(/Guest access is off/));
		await user.click(screen.getByRole('button', { name: 'Submit answer' }));
		expect(screen.getByRole('heading', { name: 'Correct' })).toBeTruthy();
		expect(screen.queryByRole('link', { name: 'Play this failure on the diagram' })).toBeNull();
		await user.click(screen.getByRole('button', { name: 'See results' }));
		expect(onnext).toHaveBeenCalledOnce();
	});

	it('orders items with Move up and grades the arrangement', async () => {
		const user = userEvent.setup();
		const round = new PracticeRound([order], 1, 1);
		render(QuestionCard, { props: { round, onnext: () => {} } });
		const items = () => screen.getAllByTestId('order-item').map((li) => li.textContent ?? '');
		expect(items()[0]).toContain('GetCredentialsForIdentity');
		const ups = screen.getAllByRole('button', { name: 'Move up' });
		await user.click(ups[1]!);
		expect(items()[0]).toContain('GetId');
		await user.click(screen.getByRole('button', { name: 'Submit answer' }));
		expect(screen.getByRole('heading', { name: 'Correct' })).toBeTruthy();
		expect(round.score).toEqual({ correct: 1, total: 1 });
	});
});
