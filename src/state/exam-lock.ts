/**
 * One writer at a time for an exam attempt: the tab that holds this Web Lock saves the attempt;
 * another tab opening the exam is told so and may take over (which ends the first tab's hold).
 * Without the Locks API every tab may write.
 */
export function claimExamWriter(
	steal: boolean,
	onLost: () => void
): Promise<{ release: () => void } | null> {
	if (typeof navigator === 'undefined' || !('locks' in navigator)) {
		return Promise.resolve({ release: () => {} });
	}
	return new Promise((resolve) => {
		navigator.locks
			.request('ipl-exam-writer', steal ? { steal: true } : { ifAvailable: true }, (lock) => {
				if (!lock) {
					resolve(null);
					return undefined;
				}
				return new Promise<void>((release) => resolve({ release: () => release() }));
			})
			.catch(() => onLost());
	});
}
