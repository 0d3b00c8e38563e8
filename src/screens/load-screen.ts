import type { Component } from 'svelte';
import type { RouteMatch, RouteName } from '../lib/router/routes.ts';
import { preloadRecording } from '../lib/flows/recording-chunks.ts';

/** What every screen is given; screens that need no route data declare no props. */
export type ScreenProps = { params: Record<string, string>; query: URLSearchParams };
export type ScreenModule = { default: Component<ScreenProps> };
type Loader = () => Promise<ScreenModule>;
// Svelte ignores the props a screen does not declare.
const plain = (load: () => Promise<{ default: Component }>): Loader => load as unknown as Loader;

// One chunk per screen: the first load carries only the shell and the screen it opens on.
const screens: Record<RouteName, Loader> = {
	home: plain(() => import('./Home.svelte')),
	flows: () => import('./Flows.svelte'),
	flow: () => import('./Flow.svelte'),
	lessons: () => import('./Lessons.svelte'),
	lesson: () => import('./Lesson.svelte'),
	practice: () => import('./Practice.svelte'),
	exam: () => import('./Exam.svelte'),
	progress: () => import('./Progress.svelte'),
	present: () => import('./Present.svelte'),
	settings: plain(() => import('./Settings.svelte')),
	lab: plain(() => import('./Lab.svelte')),
	'not-found': () => import('./NotFound.svelte')
};

// What a screen loads as soon as it mounts (a flow page's recorded run), started with its chunk
// so that both arrive at once. It never fails: the screen loads it again and reports a failure.
const preloads: Partial<Record<RouteName, (route: RouteMatch) => Promise<void>>> = {
	flow: (route) => preloadRecording(route.params.flowId ?? '', route.query),
	// The stored progress (its reads report their own failures), so the charts draw as it mounts;
	// the state and its storage module come in one chunk (vite.config.ts). Storage another tab holds
	// up does not hold the screen: after a second it shows, and says it is loading.
	progress: () =>
		atMostASecond(import('../state/progress.svelte.ts').then((m) => m.progress.load())),
	// The plans (checked against the lessons and questions they point at), so the picker shows its
	// lists whole rather than pushing "Your plans" down when the ready plans arrive.
	present: () =>
		atMostASecond(import('../state/present-plans.svelte.ts').then((m) => m.plans.load()))
};

/** Waits for `work`, but a second at most, and never fails: the screen reports its own errors. */
function atMostASecond(work: Promise<unknown>): Promise<void> {
	return Promise.race([work, new Promise((wait) => setTimeout(wait, 1000))])
		.then(() => {})
		.catch(() => {});
}

/**
 * Loads a route's screen together with what it will ask for first, and gives the screen once
 * both are there, so it draws its content in the task it mounts in instead of a "loading" state
 * first. Called again for the same route, it loads nothing twice, so the app can start the first
 * screen's requests before the shell is mounted.
 */
export function loadScreen(route: RouteMatch): Promise<ScreenModule> {
	const data = preloads[route.name]?.(route);
	const screen = screens[route.name]();
	return data ? Promise.all([screen, data]).then(([m]) => m) : screen;
}
