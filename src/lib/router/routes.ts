/**
 * The app's hash routes as a typed table. Matching is a pure function of the hash, so it is tested in
 * Node and shared by the router state, the navigation and the not-found screen.
 */

export type RouteName =
	| 'home'
	| 'flows'
	| 'flow'
	| 'lessons'
	| 'lesson'
	| 'practice'
	| 'exam'
	| 'progress'
	| 'present'
	| 'settings'
	| 'lab'
	| 'not-found';

export interface RouteDef {
	name: Exclude<RouteName, 'not-found'>;
	/** Path pattern; `:name` matches one segment. */
	pattern: string;
	title: string;
	/** Shown in the main navigation, in this order. */
	nav?: string;
}

export interface RouteMatch {
	name: RouteName;
	path: string;
	params: Record<string, string>;
	query: URLSearchParams;
	title: string;
}

export const routes: readonly RouteDef[] = [
	{ name: 'home', pattern: '/', title: 'Home', nav: 'Home' },
	{ name: 'flows', pattern: '/flows', title: 'Flows', nav: 'Flows' },
	{ name: 'flow', pattern: '/flows/:flowId', title: 'Flow' },
	{ name: 'lessons', pattern: '/lessons', title: 'Lessons', nav: 'Lessons' },
	{ name: 'lesson', pattern: '/lessons/:slug', title: 'Lesson' },
	{ name: 'practice', pattern: '/practice', title: 'Practice', nav: 'Practice' },
	{ name: 'exam', pattern: '/exam', title: 'Exam', nav: 'Exam' },
	{ name: 'progress', pattern: '/progress', title: 'Progress', nav: 'Progress' },
	{ name: 'present', pattern: '/present', title: 'Present', nav: 'Present' },
	{ name: 'lab', pattern: '/lab', title: 'Your pool', nav: 'Your pool' },
	{ name: 'settings', pattern: '/settings', title: 'Settings', nav: 'Settings' }
];

const segmentPattern = /^[A-Za-z0-9._~-]+$/;

/** Splits `#/flows/x?step=2` into its path and query. An empty hash is the home route. */
export function splitHash(hash: string): { path: string; query: URLSearchParams } {
	const raw = hash.startsWith('#') ? hash.slice(1) : hash;
	const q = raw.indexOf('?');
	const pathPart = q === -1 ? raw : raw.slice(0, q);
	const queryPart = q === -1 ? '' : raw.slice(q + 1);
	let path = pathPart === '' ? '/' : pathPart;
	if (!path.startsWith('/')) path = '/' + path;
	if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
	return { path, query: new URLSearchParams(queryPart) };
}

/** Finds the route for a location hash; anything unknown is the not-found route. */
export function matchRoute(hash: string): RouteMatch {
	const { path, query } = splitHash(hash);
	const parts = path.split('/').filter(Boolean);
	for (const route of routes) {
		const pattern = route.pattern.split('/').filter(Boolean);
		if (pattern.length !== parts.length) continue;
		const params: Record<string, string> = {};
		let ok = true;
		for (let i = 0; i < pattern.length; i++) {
			const want = pattern[i]!;
			const got = parts[i]!;
			if (want.startsWith(':')) {
				let value: string;
				try {
					value = decodeURIComponent(got);
				} catch {
					ok = false;
					break;
				}
				if (!segmentPattern.test(value)) {
					ok = false;
					break;
				}
				params[want.slice(1)] = value;
			} else if (want !== got) {
				ok = false;
				break;
			}
		}
		if (ok) return { name: route.name, path, params, query, title: route.title };
	}
	return { name: 'not-found', path, params: {}, query, title: 'Page not found' };
}

/** Builds a hash href such as `#/flows/basic-guest?step=3`. */
export function href(path: string, query?: Record<string, string | number | undefined>): string {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) q.set(k, String(v));
	const s = q.toString();
	return '#' + path + (s ? '?' + s : '');
}
