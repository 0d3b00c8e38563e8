import { beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import PlayerControls from '../../../src/components/controls/PlayerControls.svelte';
import { FlowPlayer } from '../../../src/state/flow-player.svelte.ts';
import { ManualClock } from '../../../src/lib/player/clock.ts';
import { runFlow, type RecordedRun } from '../../../src/lib/flows/run-flow.ts';

let run: RecordedRun;
beforeAll(async () => {
	run = await runFlow('enhanced-authenticated');
});

function setup(start = 0) {
	const clock = new ManualClock();
	const player = new FlowPlayer(run, { clock, reducedMotion: () => true, start });
	render(PlayerControls, { player });
	return { player, clock, user: userEvent.setup() };
}

describe('PlayerControls', () => {
	it('names every control', () => {
		setup();
		for (const name of ['Restart', 'Previous', 'Play', 'Next']) {
			expect(screen.getByRole('button', { name })).toBeTruthy();
		}
		expect(screen.getByRole('combobox', { name: 'Speed' })).toBeTruthy();
		expect(
			screen.getByRole('slider', { name: 'Step 1 of 9: Sign in with Cognito user pool' })
		).toBeTruthy();
	});

	it('steps forward and back with the buttons', async () => {
		const { user, player } = setup();
		await user.click(screen.getByRole('button', { name: 'Next' }));
		await user.click(screen.getByRole('button', { name: 'Next' }));
		expect(player.index).toBe(2);
		expect(screen.getByText('Step 3 of 9: Validate the login token')).toBeTruthy();
		await user.click(screen.getByRole('button', { name: 'Previous' }));
		expect(player.index).toBe(1);
		expect((screen.getByRole('slider') as HTMLInputElement).getAttribute('aria-valuetext')).toBe(
			'Step 2 of 9: GetId'
		);
	});

	it('keeps focus on Previous at the first step instead of disabling it', async () => {
		const { user, player } = setup(1);
		const prev = screen.getByRole('button', { name: 'Previous' });
		await user.click(prev);
		expect(player.index).toBe(0);
		expect(prev.getAttribute('aria-disabled')).toBe('true');
		expect(document.activeElement).toBe(prev);
		await user.click(prev);
		expect(player.index).toBe(0);
	});

	it('switches between Play and Pause', async () => {
		const { user, player } = setup();
		await user.click(screen.getByRole('button', { name: 'Play' }));
		expect(player.playing).toBe(true);
		expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy();
		await user.click(screen.getByRole('button', { name: 'Pause' }));
		expect(player.playing).toBe(false);
	});

	it('jumps to a step with the scrubber', async () => {
		const { player } = setup();
		await fireEvent.input(screen.getByRole('slider'), { target: { value: '6' } });
		expect(player.index).toBe(5);
		expect(player.step?.label).toBe('AssumeRoleWithWebIdentity');
	});

	it('offers speeds from 0.5x to 3x and applies the choice', async () => {
		const { user, player } = setup();
		const select = screen.getByRole('combobox', { name: 'Speed' });
		const values = Array.from((select as HTMLSelectElement).options).map((o) => o.textContent);
		expect(values).toEqual(['0.5x', '1x', '1.5x', '2x', '3x']);
		await user.selectOptions(select, '2');
		expect(player.speed).toBe(2);
	});

	it('restarts from the first step', async () => {
		const { user, player } = setup(4);
		await user.click(screen.getByRole('button', { name: 'Restart' }));
		expect(player.index).toBe(0);
		expect(player.playing).toBe(true);
	});
});
