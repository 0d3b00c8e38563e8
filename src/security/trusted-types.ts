/**
 * Trusted Types for the app. The content security policy requires Trusted Types for script sinks,
 * so a plain string can reach `innerHTML` (Svelte's `{@html ...}` does this) only through the
 * `default` policy below. That policy hands the string to the HTML sanitizer (DOMPurify), which is
 * not part of the first load: `./html-sanitizer.ts` loads and registers it, and every module that
 * renders HTML imports that module. Until it is registered the policy refuses HTML, so a string
 * never reaches the DOM unsanitized. Script URLs (the service worker, the question worker) must be
 * the app's own. Svelte's compiled templates go through Svelte's own `svelte-trusted-html` policy,
 * DOMPurify parses through its own `dompurify` policy, and the lessons' HTML, sanitized by the
 * build, passes through `built-html` (`./built-html.ts`); all are named in index.html's policy.
 */

/** Turns an untrusted HTML string into HTML that may reach the DOM. */
export type HtmlSanitizer = (html: string) => string;

/** Where relative script URLs resolve, and the origin they must keep. */
export interface PageLocation {
	baseURI: string;
	origin: string;
}

/** The rules of a Trusted Types policy, as `trustedTypes.createPolicy` takes them. */
export interface PolicyRules {
	createHTML: (input: string) => string;
	createScriptURL: (input: string) => string;
}

/**
 * The `default` policy's rules and the slot for its sanitizer. HTML is refused (a `TypeError`, so
 * the sink is not written) until `register` has been given a sanitizer, and is sanitized after.
 */
export function createDefaultPolicy(where: () => PageLocation): {
	rules: PolicyRules;
	register: (sanitizer: HtmlSanitizer) => void;
} {
	let sanitize: HtmlSanitizer | undefined;
	return {
		rules: {
			createHTML: (html) => {
				if (!sanitize)
					throw new TypeError('HTML refused: no sanitizer yet (import security/html-sanitizer.ts)');
				return sanitize(html);
			},
			createScriptURL: (url) => {
				const { baseURI, origin } = where();
				const resolved = new URL(url, baseURI);
				if (resolved.origin !== origin)
					throw new TypeError(`Script URL ${resolved.href} is not from this app.`);
				return resolved.href;
			}
		},
		register: (sanitizer) => {
			sanitize = sanitizer;
		}
	};
}

interface TrustedTypePolicyFactoryLike {
	createPolicy(name: string, rules: Partial<PolicyRules>): unknown;
}

const policy = createDefaultPolicy(() => ({ baseURI: document.baseURI, origin: location.origin }));

/** Gives the `default` policy its sanitizer; from then on HTML strings are sanitized, not refused. */
export const registerSanitizer = policy.register;

/** Creates the `default` policy where the browser has Trusted Types; a no-op elsewhere. */
export function installTrustedTypes(): void {
	const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactoryLike }).trustedTypes;
	if (!factory) return;
	factory.createPolicy('default', policy.rules);
}

installTrustedTypes();
