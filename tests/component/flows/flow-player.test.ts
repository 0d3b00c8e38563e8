import { beforeAll, describe, expect, it } from 'vitest';
import { FlowPlayer } from '../../../src/state/flow-player.svelte.ts';
import { ManualClock } from '../../../src/lib/player/clock.ts';
import { runFlow, type RecordedRun } from '../../../src/lib/flows/run-flow.ts';

let run: RecordedRun;
beforeAll(async () => {
	run = await runFlow('enhanced-authenticated');
});

function setup(options: { reduced?: boolean; start?: number } = {}) {
	const clock = new ManualClock();
	const player = new FlowPlayer(run, {
		clock,
		reducedMotion: () => options.reduced ?? false,
		...(options.start !== undefined ? { start: options.start } : {})
	});
	return { clock, player };
}

describe('FlowPlayer', () => {
	it('opens on the first step, fully drawn and paused', () => {
		const { player, clock } = setup();
		expect(player.index).toBe(0);
		expect(player.step?.id).toBe('sign-in');
		expect(player.playing).toBe(false);
		expect(player.progress).toBe(1);
		expect(clock.running).toBe(0);
	});

	it('opens on the step a deep link asks for, clamped to the run', () => {
		expect(setup({ start: 5 }).player.step?.id).toBe('assume-role');
		expect(setup({ start: 99 }).player.index).toBe(8);
	});

	it('animates the packet when stepping forward and follows the machine', () => {
		const { player, clock } = setup();
		player.next();
		expect(player.index).toBe(1);
		expect(player.snapshot.matches('get-id')).toBe(true);
		expect(player.progress).toBe(0);
		clock.advance(600);
		expect(player.progress).toBeCloseTo(0.5, 5);
		clock.advance(600);
		expect(player.progress).toBe(1);
		expect(clock.running).toBe(0);
	});

	it('restores the exact earlier step when stepping back', () => {
		const { player } = setup();
		player.next();
		player.next();
		player.prev();
		expect(player.index).toBe(1);
		expect(player.snapshot.matches('get-id')).toBe(true);
		expect(player.progress).toBe(1);
	});

	it('does not move past either end', () => {
		const { player } = setup();
		player.prev();
		expect(player.index).toBe(0);
		player.last();
		player.next();
		expect(player.index).toBe(8);
		expect(player.atEnd).toBe(true);
	});

	it('plays step after step and stops at the last one', () => {
		const { player, clock } = setup();
		player.play();
		expect(player.playing).toBe(true);
		clock.advance(1100);
		expect(player.index).toBe(1);
		clock.advance(1200 + 1100);
		expect(player.index).toBe(2);
		for (let i = 3; i <= 8; i++) {
			clock.advance(2300);
			expect(player.index).toBe(i);
		}
		clock.advance(2300);
		expect(player.playing).toBe(false);
		expect(player.index).toBe(8);
		expect(clock.running).toBe(0);
	});

	it('plays faster at a higher speed', () => {
		const { player, clock } = setup();
		player.speed = 2;
		player.play();
		clock.advance(550);
		expect(player.index).toBe(1);
		clock.advance(300);
		expect(player.progress).toBe(0.5);
	});

	it('keeps speed between 0.5x and 3x', () => {
		const { player } = setup();
		player.speed = 10;
		expect(player.speed).toBe(3);
		player.speed = 0.1;
		expect(player.speed).toBe(0.5);
	});

	it('pauses without stepping on, and lets the packet finish its arrow', () => {
		const { player, clock } = setup();
		player.play();
		clock.advance(1100);
		clock.advance(300);
		player.pause();
		clock.advance(5000);
		expect(player.index).toBe(1);
		expect(player.progress).toBe(1);
		expect(clock.running).toBe(0);
	});

	it('shows each step at once with reduced motion', () => {
		const { player } = setup({ reduced: true });
		player.next();
		expect(player.progress).toBe(1);
	});

	it('restarts from the first step and plays', () => {
		const { player } = setup({ start: 8 });
		player.restart();
		expect(player.index).toBe(0);
		expect(player.playing).toBe(true);
	});

	it('starts over when play is pressed on the last step', () => {
		const { player } = setup({ start: 8 });
		player.toggle();
		expect(player.index).toBe(0);
		expect(player.playing).toBe(true);
	});
});
