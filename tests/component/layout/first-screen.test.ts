import { beforeEach, describe, expect, it, vi } from 'vitest';

type FirstScreen = typeof import('../../../src/state/first-screen.ts');

// The holds are the module's own state: each test starts from a fresh copy.
let m: FirstScreen;
beforeEach(async () => {
	vi.resetModules();
	m = await import('../../../src/state/first-screen.ts');
});

/** Whether `promise` has settled once pending callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
	let done = false;
	void promise.then(() => (done = true));
	await new Promise((resolve) => setTimeout(resolve));
	return done;
}

describe('the first screen hold', () => {
	it('releases at once when nothing holds it', async () => {
		expect(await settled(m.firstScreenReleased())).toBe(true);
	});

	it('waits for every hold, however many, each released once', async () => {
		const screen = m.holdFirstScreen();
		const cardA = m.holdFirstScreen();
		const cardB = m.holdFirstScreen();
		const waiting = m.firstScreenReleased();
		screen();
		cardA();
		// Releasing the same hold again does not stand in for the one still held.
		cardA();
		expect(await settled(waiting)).toBe(false);
		cardB();
		expect(await settled(waiting)).toBe(true);
	});

	it('holds again after a release, for whoever asks next', async () => {
		m.holdFirstScreen()();
		const again = m.holdFirstScreen();
		const waiting = m.firstScreenReleased();
		expect(await settled(waiting)).toBe(false);
		again();
		expect(await settled(waiting)).toBe(true);
	});
});
