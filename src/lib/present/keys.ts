/**
 * Present mode's keys. Presentation clickers send PageDown/PageUp (and some Right/Left or
 * Space), so all of them step; B or . blanks the projector as in slide tools.
 */

export type PresentCommand =
	'forward' | 'backward' | 'first' | 'last' | 'blank' | 'fullscreen' | 'overview';

/** The command for a key (`KeyboardEvent.key`), or null when present mode does not use it. */
export function presentCommand(key: string): PresentCommand | null {
	switch (key) {
		case 'ArrowRight':
		case 'PageDown':
		case ' ':
		case 'Spacebar':
			return 'forward';
		case 'ArrowLeft':
		case 'PageUp':
			return 'backward';
		case 'Home':
			return 'first';
		case 'End':
			return 'last';
		case 'b':
		case 'B':
		case '.':
			return 'blank';
		case 'f':
		case 'F':
			return 'fullscreen';
		case 'o':
		case 'O':
			return 'overview';
		default:
			return null;
	}
}

/** The keys as the `?` overlay lists them. */
export const presentShortcuts = [
	{ keys: 'Right / PageDown / Space', action: 'Next step, answer or item' },
	{ keys: 'Left / PageUp', action: 'Previous step or item' },
	{ keys: 'Home / End', action: 'First or last item' },
	{ keys: 'B / .', action: 'Blank the projector, or show it again' },
	{ keys: 'F', action: 'Full screen on or off' },
	{ keys: 'O', action: 'Overview of the plan, to jump to any item' },
	{ keys: 'Pointer over the diagram', action: 'Shows a highlight on the projector' }
];
