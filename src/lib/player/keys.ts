/**
 * The flow player's keyboard map. Presentation clickers send PageUp and PageDown, so they step
 * like the arrow keys.
 */

export type PlayerCommand =
	| { type: 'prev' }
	| { type: 'next' }
	| { type: 'toggle' }
	| { type: 'first' }
	| { type: 'last' }
	| { type: 'goto'; index: number }
	| { type: 'table' };

/** Where a key was pressed, as far as the player cares. */
export interface KeyTarget {
	key: string;
	/** Ctrl, Meta or Alt held, or the event already handled. */
	taken: boolean;
	/** Tag name of the focused element, e.g. `BUTTON`. */
	tag: string;
	editable: boolean;
}

/** The player's command for a key press, or null when the key belongs to a form field or a button. */
export function keyCommand(press: KeyTarget): PlayerCommand | null {
	if (press.taken) return null;
	if (['INPUT', 'SELECT', 'TEXTAREA'].includes(press.tag) || press.editable) return null;
	if (press.key === ' ' && ['BUTTON', 'A', 'SUMMARY'].includes(press.tag)) return null;
	if (press.key === 't' || press.key === 'T') return { type: 'table' };
	return playerCommand(press.key);
}

/** The command for a key (`KeyboardEvent.key`), or null when the player does not use it. */
export function playerCommand(key: string): PlayerCommand | null {
	switch (key) {
		case 'ArrowLeft':
		case 'PageUp':
			return { type: 'prev' };
		case 'ArrowRight':
		case 'PageDown':
			return { type: 'next' };
		case ' ':
		case 'Spacebar':
			return { type: 'toggle' };
		case 'Home':
			return { type: 'first' };
		case 'End':
			return { type: 'last' };
		default:
			return /^[1-9]$/.test(key) ? { type: 'goto', index: Number(key) - 1 } : null;
	}
}

/** The keys as the shortcut overlay lists them. */
export const playerShortcuts = [
	{ keys: 'Right / PageDown', action: 'Next step' },
	{ keys: 'Left / PageUp', action: 'Previous step' },
	{ keys: 'Space', action: 'Play or pause' },
	{ keys: 'Home / End', action: 'First or last step' },
	{ keys: '1-9', action: 'Jump to that step' },
	{ keys: 'T', action: 'Show the diagram or the table view' }
];
