import { afterEach, describe, expect, it } from 'vitest';
import { focusIfLost } from '../../../src/state/focus.ts';

afterEach(() => document.body.replaceChildren());

function setup() {
	const button = document.createElement('button');
	const target = document.createElement('div');
	target.tabIndex = -1;
	document.body.append(button, target);
	return { button, target };
}

describe('focusIfLost', () => {
	it('takes focus to the element once the focused control has gone', () => {
		const { button, target } = setup();
		button.focus();
		button.remove();
		expect(document.activeElement).toBe(document.body);
		focusIfLost(target);
		expect(document.activeElement).toBe(target);
	});

	it('leaves focus where the user put it', () => {
		const { button, target } = setup();
		button.focus();
		focusIfLost(target);
		expect(document.activeElement).toBe(button);
	});

	it('does nothing without an element', () => {
		setup();
		expect(() => focusIfLost(null)).not.toThrow();
		expect(document.activeElement).toBe(document.body);
	});
});
