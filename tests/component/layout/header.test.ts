import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Header from '../../../src/components/layout/Header.svelte';

describe('Header', () => {
	it('links every main screen and marks the current one', () => {
		render(Header, { current: 'practice' });
		const nav = screen.getByRole('navigation', { name: 'Main' });
		const links = Array.from(nav.querySelectorAll('a')).map((a) => a.textContent?.trim());
		expect(links).toEqual([
			'Home',
			'Flows',
			'Lessons',
			'Practice',
			'Exam',
			'Progress',
			'Present',
			'Your pool',
			'Settings'
		]);
		expect(screen.getByRole('link', { name: 'Practice' }).getAttribute('aria-current')).toBe(
			'page'
		);
		expect(screen.getByRole('link', { name: 'Flows' }).getAttribute('aria-current')).toBeNull();
	});

	it('marks the list screen as current on its detail screens', () => {
		render(Header, { current: 'flow' });
		expect(screen.getByRole('link', { name: 'Flows' }).getAttribute('aria-current')).toBe('page');
	});

	it('opens and closes the phone menu with its button', async () => {
		const user = userEvent.setup();
		render(Header, { current: 'home' });
		const button = screen.getByRole('button', { name: 'Menu' });
		expect(button.getAttribute('aria-expanded')).toBe('false');
		await user.click(button);
		expect(button.getAttribute('aria-expanded')).toBe('true');
		expect(document.getElementById('main-nav')?.classList.contains('open')).toBe(true);
		await user.click(button);
		expect(button.getAttribute('aria-expanded')).toBe('false');
	});
});
