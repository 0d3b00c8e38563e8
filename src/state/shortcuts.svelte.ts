/** One keyboard shortcut as the help overlay lists it. */
export interface Shortcut {
	keys: string;
	action: string;
}

const globalShortcuts: Shortcut[] = [
	{ keys: '?', action: 'Show or hide this list of shortcuts' },
	{ keys: 'Esc', action: 'Close this list' }
];

/** The shortcuts of the current screen, which screens declare and the `?` overlay lists. */
class Shortcuts {
	#screen = $state.raw<Shortcut[]>([]);
	#open = $state(false);

	get all(): Shortcut[] {
		return [...this.#screen, ...globalShortcuts];
	}

	get screen(): Shortcut[] {
		return this.#screen;
	}

	get open(): boolean {
		return this.#open;
	}

	set open(value: boolean) {
		this.#open = value;
	}

	/** Declares the current screen's shortcuts; call the returned function when the screen goes. */
	use(list: Shortcut[]): () => void {
		this.#screen = list;
		return () => {
			if (this.#screen === list) this.#screen = [];
		};
	}
}

export const shortcuts = new Shortcuts();
