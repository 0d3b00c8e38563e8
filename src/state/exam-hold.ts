import { openAttemptStored } from '../lib/study/progress-db.ts';
import { progressChannel } from './progress.svelte.ts';
import { pwa } from './pwa.svelte.ts';

export interface ExamHoldParts {
	/** Holds the update prompt back; returns the release. */
	hold: () => () => void;
	/** Whether an exam attempt is open in the stored progress. */
	read: () => Promise<boolean>;
	/** Calls `changed` whenever a tab (this one too) says the stored progress changed; returns the stop. */
	listen: (changed: () => void) => () => void;
}

/** Every tab, this one included, says on this channel when it has changed the stored progress. */
function listenForChanges(changed: () => void): () => void {
	if (typeof BroadcastChannel !== 'function') return () => {};
	const channel = new BroadcastChannel(progressChannel);
	channel.onmessage = changed;
	return () => channel.close();
}

/**
 * Holds the update prompt back for as long as an exam attempt is open, in this tab or another, so
 * an update never interrupts a timed exam. It reads only the stored attempts (not the whole
 * progress, which a long history makes a large read), once at start and again whenever a tab says
 * the progress changed; the latest read decides. Returns the cleanup, which also releases the hold.
 */
export function holdDuringExam({
	hold = () => pwa.hold(),
	read = () => openAttemptStored(),
	listen = listenForChanges
}: Partial<ExamHoldParts> = {}): () => void {
	let release: (() => void) | undefined;
	let gone = false;
	let reads = 0;
	const check = () => {
		const mine = ++reads;
		void read().then((open) => {
			if (gone || mine !== reads) return;
			if (open && !release) release = hold();
			else if (!open && release) {
				release();
				release = undefined;
			}
		});
	};
	const stop = listen(check);
	check();
	return () => {
		gone = true;
		stop();
		release?.();
		release = undefined;
	};
}
