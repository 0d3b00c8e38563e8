import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Settings from '../../../src/screens/Settings.svelte';
import { settings } from '../../../src/state/settings.svelte.ts';

describe('Settings screen', () => {
	beforeEach(() => {
		settings.theme = 'system';
		settings.motion = 'system';
	});

	it('remembers the chosen theme on this device', async () => {
		const user = userEvent.setup();
		render(Settings);
		await user.click(screen.getByRole('radio', { name: /Projector/ }));
		expect(settings.theme).toBe('projector');
		expect(settings.effectiveTheme).toBe('projector');
		expect(JSON.parse(localStorage.getItem('ipl.settings.v1') ?? '{}')).toMatchObject({
			theme: 'projector'
		});
	});

	it('lets the learner reduce motion whatever the system says', async () => {
		const user = userEvent.setup();
		render(Settings);
		await user.click(screen.getByRole('radio', { name: /Reduce motion/ }));
		expect(settings.reducedMotion).toBe(true);
		await user.click(screen.getByRole('radio', { name: /Full motion/ }));
		expect(settings.reducedMotion).toBe(false);
	});

	it('shows the current choice as checked', () => {
		settings.theme = 'dark';
		render(Settings);
		expect((screen.getByRole('radio', { name: /^Dark/ }) as HTMLInputElement).checked).toBe(true);
	});
});
