import { progress } from './progress.svelte.ts';
import { pwa } from './pwa.svelte.ts';

/**
 * Holds the update prompt back for as long as an exam attempt is open, on any screen, so an update
 * never interrupts a timed exam. Returns the cleanup for the effect root.
 */
export function holdDuringExam(): () => void {
	void progress.load();
	return $effect.root(() => {
		$effect(() => {
			if (progress.openAttempt) return pwa.hold();
		});
	});
}
