/**
 * Which built files a deep link's screen will ask for, read from the location hash alone, so they
 * can be requested from the page's head rather than after the app's first script has arrived and
 * run. The build writes the table (src/lib/router/vite-plugin.ts); `src/route-preload.ts` reads the
 * hash and adds the links.
 *
 * This module imports nothing, so the small script that uses it shares no chunk with the app (a
 * module both import would become a chunk of its own, one more request on every first load). So it
 * repeats two rules: how `matchRoute` (routes.ts) reads a hash, and which flow links
 * `preloadRecording` (recording-chunks.ts) opens from a recording. Its tests hold it to the first
 * on every route and to a property over any hash; its browser tests, to what each screen loads.
 */

/** A route's pattern as in `routes.ts` (`:name` matches one segment) and the files its screen needs. */
export interface RouteFileEntry {
	pattern: string;
	files: string[];
}

/** What the build knows of each route, and of the flows' recorded runs. */
export interface RouteFileTable {
	routes: RouteFileEntry[];
	/**
	 * Each flow's recorded runs by recording key ('' when the link names no provider): the file
	 * a flow page opens from, when its link names nothing but a step and a provider.
	 */
	recordings: Record<string, Record<string, string>>;
	/** The recorded runs a lesson's flow diagrams open from, by lesson slug. */
	lessons: Record<string, string[]>;
}

/** One link to add: a module to preload, or a stylesheet to fetch ahead of the app applying it. */
export interface PreloadLink {
	href: string;
	kind: 'module' | 'style';
}

const segmentPattern = /^[A-Za-z0-9._~-]+$/;

/** The path segments and query of a hash, split as `splitHash` in routes.ts does. */
function parts(hash: string): { segments: string[]; query: URLSearchParams } {
	const raw = hash.startsWith('#') ? hash.slice(1) : hash;
	const q = raw.indexOf('?');
	const path = q === -1 ? raw : raw.slice(0, q);
	return {
		segments: path.split('/').filter(Boolean),
		query: new URLSearchParams(q === -1 ? '' : raw.slice(q + 1))
	};
}

/** The params of `segments` under `pattern`, or undefined when it does not match. */
function matchPattern(pattern: string, segments: string[]): Record<string, string> | undefined {
	const want = pattern.split('/').filter(Boolean);
	if (want.length !== segments.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < want.length; i++) {
		const w = want[i]!;
		const got = segments[i]!;
		if (!w.startsWith(':')) {
			if (w !== got) return undefined;
			continue;
		}
		let value: string;
		try {
			value = decodeURIComponent(got);
		} catch {
			return undefined;
		}
		if (!segmentPattern.test(value)) return undefined;
		params[w.slice(1)] = value;
	}
	return params;
}

/**
 * The files the screen a hash opens will load first, in the table's order: its chunks and
 * styles; for a flow link that opens from a recording, that recording; for a lesson, the
 * recordings its flow diagrams open from. Empty for a hash no route matches (the not-found
 * screen is small, and loads with the app).
 */
export function routeFiles(hash: string, table: RouteFileTable): string[] {
	const { segments, query } = parts(hash);
	for (const route of table.routes) {
		const params = matchPattern(route.pattern, segments);
		if (!params) continue;
		const files = [...route.files];
		const flowId = params.flowId;
		// The flow page opens from a recording only when the link sets nothing but these two.
		const recorded = [...query.keys()].every((k) => k === 'step' || k === 'provider');
		if (flowId !== undefined && recorded && Object.hasOwn(table.recordings, flowId)) {
			const runs = table.recordings[flowId]!;
			const key = query.get('provider') ?? '';
			if (Object.hasOwn(runs, key)) files.push(runs[key]!);
		}
		const slug = params.slug;
		if (slug !== undefined && Object.hasOwn(table.lessons, slug))
			files.push(...table.lessons[slug]!);
		return files;
	}
	return [];
}

/** The links to add for a hash, resolved against `base`, leaving out any already in `present`. */
export function preloadLinks(
	hash: string,
	table: RouteFileTable,
	base: string,
	present: ReadonlySet<string>
): PreloadLink[] {
	const links: PreloadLink[] = [];
	for (const file of routeFiles(hash, table)) {
		const href = new URL(file, base).href;
		if (present.has(href)) continue;
		links.push({ href, kind: file.endsWith('.css') ? 'style' : 'module' });
	}
	return links;
}
