/**
 * The service worker's state in one place: whether the app is ready offline, and whether a new
 * version is waiting. The update prompt is shown only here, so a timed exam can hold it back.
 */
class Pwa {
	#offlineReady = $state(false);
	#updateWaiting = $state(false);
	#holds = $state(0);
	#apply: ((reload?: boolean) => Promise<void>) | undefined;

	get offlineReady(): boolean {
		return this.#offlineReady;
	}

	/** True when a new version is waiting and nothing is holding the prompt back. */
	get showUpdatePrompt(): boolean {
		return this.#updateWaiting && this.#holds === 0;
	}

	get updateWaiting(): boolean {
		return this.#updateWaiting;
	}

	/** Registers the service worker (in production builds). */
	async start(): Promise<void> {
		if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
		const { registerSW } = await import('virtual:pwa-register');
		this.#apply = registerSW({
			immediate: true,
			onOfflineReady: () => {
				this.#offlineReady = true;
			},
			onNeedRefresh: () => {
				this.#updateWaiting = true;
			},
			onRegisteredSW: (_url, registration) => {
				// A page that the service worker already controls is ready offline.
				if (registration?.active && navigator.serviceWorker.controller) this.#offlineReady = true;
			}
		});
	}

	/** Keeps the update prompt hidden (during a timed exam); call the returned function to release. */
	hold(): () => void {
		this.#holds++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.#holds--;
		};
	}

	/** Activates the waiting version and reloads, when the learner chooses to. */
	async update(): Promise<void> {
		await this.#apply?.(true);
	}

	/** Hides the prompt until the next version; the new version activates on the next visit. */
	dismiss(): void {
		this.#updateWaiting = false;
	}
}

export const pwa = new Pwa();
