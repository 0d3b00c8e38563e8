import type { Config, DOMPurify } from 'dompurify';

/**
 * The one HTML sanitizer of the app: DOMPurify with a strict allow-list, run at build time in Node
 * (over jsdom, see `node-sanitizer.ts`) for the bundled content and in the browser for imported
 * decks and the Trusted Types policy. Raw HTML in markdown never gets here as markup: the
 * renderer escapes it into visible text first.
 */

/** The tags and attributes markdown rendering produces; everything else is removed. */
export const sanitizeConfig = {
	ALLOWED_TAGS: [
		'p',
		'br',
		'hr',
		'h1',
		'h2',
		'h3',
		'h4',
		'h5',
		'h6',
		'ul',
		'ol',
		'li',
		'blockquote',
		'pre',
		'code',
		'em',
		'strong',
		'del',
		'kbd',
		'sup',
		'sub',
		'a',
		'table',
		'thead',
		'tbody',
		'tr',
		'th',
		'td',
		'input',
		'aside',
		'div',
		'span'
	],
	ALLOWED_ATTR: [
		'class',
		'id',
		'role',
		'start',
		'href',
		'title',
		'rel',
		'target',
		'align',
		'type',
		'disabled',
		'checked'
	],
	// https, mailto and the app's own hash routes; DOMPurify decodes entities before testing.
	ALLOWED_URI_REGEXP: /^(?:https:\/\/|mailto:|#\/)/i,
	// Attributes that are not URLs, so the URL pattern above is not applied to their values.
	ADD_URI_SAFE_ATTR: ['rel', 'target', 'start', 'align', 'type', 'disabled', 'checked'],
	ALLOW_DATA_ATTR: false,
	ALLOW_ARIA_ATTR: false
} satisfies Config;

const attrValueChecks: Record<string, (value: string) => boolean> = {
	role: (v) => v === 'note',
	rel: (v) => v === 'noopener noreferrer',
	target: (v) => v === '_blank',
	type: (v) => v === 'checkbox',
	align: (v) => v === 'left' || v === 'right' || v === 'center',
	start: (v) => /^\d{1,4}$/.test(v)
};

/**
 * A sanitizer over a DOMPurify instance (the browser's window or jsdom's): the allow-list above,
 * plus value checks on the few attributes whose values matter, and `noopener` on every new tab.
 */
export function createSanitizer(purify: DOMPurify): (html: string) => string {
	purify.addHook('uponSanitizeAttribute', (_node, data) => {
		const check = attrValueChecks[data.attrName];
		if (check && !check(data.attrValue)) data.keepAttr = false;
	});
	purify.addHook('afterSanitizeAttributes', (node) => {
		if (node.tagName === 'A' && node.hasAttribute('target'))
			node.setAttribute('rel', 'noopener noreferrer');
	});
	// Set once: parsing the configuration on every call doubles the cost in jsdom.
	purify.setConfig(sanitizeConfig);
	return (html) => purify.sanitize(html);
}

/** Whether a URL is one the app lets users follow: https, mailto, or a hash route. */
export function isSafeUrl(url: string): boolean {
	const u = url.trim();
	return (
		/^https:\/\/[^\s"'<>]+$/i.test(u) || /^mailto:[^\s"'<>]+$/i.test(u) || /^#\/[^\s"'<>]*$/.test(u)
	);
}

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}
