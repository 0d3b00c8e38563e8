import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { createSanitizer } from './sanitize-html.ts';

/**
 * The build's sanitizer: the same DOMPurify configuration as the browser's, over a jsdom window,
 * made once on first use (jsdom takes a few hundred milliseconds to start).
 */
let sanitize: ((html: string) => string) | undefined;

/** Sanitizes rendered markdown in Node with DOMPurify. */
export function sanitizeHtml(html: string): string {
	sanitize ??= createSanitizer(createDOMPurify(new JSDOM('').window));
	return sanitize(html);
}
