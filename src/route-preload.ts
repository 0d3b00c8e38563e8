// Loaded by theme.js from the page's head when the link opens a screen other than Home: asks for
// that screen's chunks, styles and first data at once, while the app's own first script is still
// arriving and running, instead of after it. The app's loader (Vite's) finds these links and
// does not add them again; it still applies the styles itself, once the screen is there.
import table from 'virtual:route-files';
import { preloadLinks } from './lib/router/route-preload.ts';

const present = new Set<string>();
for (const link of document.getElementsByTagName('link')) present.add(link.href);
for (const { href, kind } of preloadLinks(location.hash, table, import.meta.url, present)) {
	const link = document.createElement('link');
	// The same request as the app's loader makes (a CORS request without credentials), so the
	// browser hands it the response it already has.
	link.crossOrigin = '';
	if (kind === 'style') {
		link.rel = 'preload';
		link.as = 'style';
	} else link.rel = 'modulepreload';
	link.href = href;
	// Marked, to tell them from the links the app's loader adds.
	link.dataset.routePreload = '';
	document.head.appendChild(link);
}
