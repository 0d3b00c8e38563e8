import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { render, screen } from '@testing-library/svelte';
import HelpOverlay from '../../../src/components/layout/HelpOverlay.svelte';
import { shortcuts } from '../../../src/state/shortcuts.svelte.ts';

describe('HelpOverlay', () => {
	let release: (() => void) | undefined;
	afterEach(() => {
		release?.();
		shortcuts.open = false;
	});

	it("lists the current screen's shortcuts and the global ones", () => {
		release = shortcuts.use([{ keys: 'Space', action: 'Play or pause' }]);
		render(HelpOverlay);
		shortcuts.open = true;
		flushSync();
		const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
		expect(dialog.textContent).toContain('Play or pause');
		expect(dialog.textContent).toContain('Show or hide this list of shortcuts');
	});

	it('forgets a screen’s shortcuts when the screen releases them', () => {
		release = shortcuts.use([{ keys: 'N', action: 'Next question' }]);
		release();
		expect(shortcuts.all.map((s) => s.action)).not.toContain('Next question');
	});

	it('closes from its Close button', () => {
		render(HelpOverlay);
		shortcuts.open = true;
		flushSync();
		screen.getByRole('button', { name: 'Close' }).click();
		flushSync();
		expect(shortcuts.open).toBe(false);
	});
});
