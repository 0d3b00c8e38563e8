export type Theme = 'system' | 'light' | 'dark' | 'projector';
export type MotionPreference = 'system' | 'reduce' | 'full';

const storageKey = 'ipl.settings.v1';

interface Stored {
	theme: Theme;
	motion: MotionPreference;
}

const defaults: Stored = { theme: 'system', motion: 'system' };

function load(): Stored {
	try {
		const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
		if (!raw) return { ...defaults };
		const parsed = JSON.parse(raw) as Partial<Stored>;
		const themes: Theme[] = ['system', 'light', 'dark', 'projector'];
		const motions: MotionPreference[] = ['system', 'reduce', 'full'];
		return {
			theme: themes.includes(parsed.theme as Theme) ? (parsed.theme as Theme) : defaults.theme,
			motion: motions.includes(parsed.motion as MotionPreference)
				? (parsed.motion as MotionPreference)
				: defaults.motion
		};
	} catch {
		return { ...defaults };
	}
}

function media(query: string): MediaQueryList | undefined {
	return typeof matchMedia === 'function' ? matchMedia(query) : undefined;
}

/** Theme and motion settings, remembered in localStorage, with the system preferences they follow. */
class Settings {
	#stored = $state<Stored>(load());
	#systemDark = $state(media('(prefers-color-scheme: dark)')?.matches ?? false);
	#systemReduce = $state(media('(prefers-reduced-motion: reduce)')?.matches ?? false);

	constructor() {
		media('(prefers-color-scheme: dark)')?.addEventListener('change', (e) => {
			this.#systemDark = e.matches;
		});
		media('(prefers-reduced-motion: reduce)')?.addEventListener('change', (e) => {
			this.#systemReduce = e.matches;
		});
	}

	get theme(): Theme {
		return this.#stored.theme;
	}

	set theme(value: Theme) {
		this.#stored.theme = value;
		this.#save();
	}

	get motion(): MotionPreference {
		return this.#stored.motion;
	}

	set motion(value: MotionPreference) {
		this.#stored.motion = value;
		this.#save();
	}

	/** The theme actually shown: `system` resolved to light or dark. */
	get effectiveTheme(): 'light' | 'dark' | 'projector' {
		if (this.#stored.theme === 'system') return this.#systemDark ? 'dark' : 'light';
		return this.#stored.theme;
	}

	/** Whether animations should be replaced by instant changes. */
	get reducedMotion(): boolean {
		if (this.#stored.motion === 'system') return this.#systemReduce;
		return this.#stored.motion === 'reduce';
	}

	#save(): void {
		try {
			localStorage.setItem(storageKey, JSON.stringify(this.#stored));
		} catch {
			// Private mode or a full quota: the setting still applies for this visit.
		}
	}
}

export const settings = new Settings();
