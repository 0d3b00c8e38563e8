import DOMPurify from 'dompurify';
import { createSanitizer } from '../lib/content/sanitize-html.ts';

/**
 * Trusted Types for the app. The content security policy requires Trusted Types for script sinks,
 * so a plain string can reach `innerHTML` only through the `default` policy below, which hands it
 * to DOMPurify first; script URLs (the service worker, the question worker) must be the app's own.
 * Svelte's compiled templates go through Svelte's own `svelte-trusted-html` policy.
 */

/** DOMPurify in the browser, with the same allow-list as the build. */
export const sanitizeHtml = createSanitizer(DOMPurify);

interface TrustedTypePolicyFactoryLike {
	createPolicy(
		name: string,
		rules: {
			createHTML?: (input: string) => string;
			createScriptURL?: (input: string) => string;
		}
	): unknown;
}

/** Creates the `default` policy where the browser has Trusted Types; a no-op elsewhere. */
export function installTrustedTypes(): void {
	const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactoryLike }).trustedTypes;
	if (!factory) return;
	factory.createPolicy('default', {
		createHTML: (html) => sanitizeHtml(html),
		createScriptURL: (url) => {
			const resolved = new URL(url, document.baseURI);
			if (resolved.origin !== location.origin)
				throw new TypeError(`Script URL ${resolved.href} is not from this app.`);
			return resolved.href;
		}
	});
}

installTrustedTypes();
