/**
 * When the first screen is done drawing. The app shell starts what no screen needs (the service
 * worker, stored progress for the exam hold) only after that, so it never competes with the
 * screen's own chunks and rendering. A screen whose content arrives after it mounts (a flow page
 * waiting for its run, then drawing its panels) holds the shell back until it has drawn it.
 */

let holds = 0;
let waiting: (() => void)[] = [];

/** Holds the shell's deferred work back; call the returned function (once is enough) to release. */
export function holdFirstScreen(): () => void {
	holds++;
	let released = false;
	return () => {
		if (released) return;
		released = true;
		holds--;
		if (holds > 0) return;
		const ready = waiting;
		waiting = [];
		for (const resolve of ready) resolve();
	};
}

/** Resolves once nothing holds the first screen back. */
export function firstScreenReleased(): Promise<void> {
	if (holds === 0) return Promise.resolve();
	return new Promise((resolve) => waiting.push(resolve));
}

/** Resolves after the next frame has been painted (a frame callback, then a task after it). */
export function afterPaint(): Promise<void> {
	return new Promise((resolve) => {
		if (typeof requestAnimationFrame === 'function')
			requestAnimationFrame(() => setTimeout(resolve));
		else setTimeout(resolve);
	});
}
