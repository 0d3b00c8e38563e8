import { matchRoute, type RouteMatch } from '../lib/router/routes.ts';

/** The current hash route as reactive state; follows `hashchange`, so back and forward work. */
class Router {
	#current = $state.raw<RouteMatch>(
		matchRoute(typeof location === 'undefined' ? '' : location.hash)
	);

	get current(): RouteMatch {
		return this.#current;
	}

	/** Starts following the location; returns a function that stops. */
	listen(): () => void {
		const update = () => {
			this.#current = matchRoute(location.hash);
		};
		update();
		addEventListener('hashchange', update);
		return () => removeEventListener('hashchange', update);
	}

	/** Goes to a hash href (adds a history entry). */
	go(hash: string): void {
		if (location.hash === hash) return;
		location.hash = hash;
	}

	/**
	 * Replaces the query of the current route without a new history entry, for state that a deep
	 * link encodes (a flow's step and settings) and that changes too often to fill the history.
	 */
	replaceQuery(query: URLSearchParams): void {
		const s = query.toString();
		const hash = '#' + this.#current.path + (s ? '?' + s : '');
		if (hash === location.hash) return;
		history.replaceState(history.state, '', hash);
		this.#current = matchRoute(hash);
	}
}

export const router = new Router();
