/**
 * HTML that the build rendered and sanitized: the lessons under `content/`, which the content
 * plugin turns into HTML and cleans with the same allow-list the browser's sanitizer uses. The
 * strings ship inside the app's own code, so cleaning them again in the browser only costs time
 * (most of a lesson's rendering) and the sanitizer's download.
 *
 * `state/lessons.ts` registers the lessons' strings here when they load. `builtHtml` turns
 * exactly those strings into Trusted Types HTML through the `built-html` policy, which refuses any
 * other string; anything else is returned as it is and so still goes through the `default` policy
 * and its sanitizer (see `./trusted-types.ts`). Where the browser has no Trusted Types, strings
 * are returned as they are.
 */

/** The DOM's `TrustedHTML`, which TypeScript's DOM types do not name: HTML a policy vouched for. */
export interface TrustedHtml {
	toString(): string;
}

interface BuiltHtmlPolicy {
	createHTML(input: string): TrustedHtml;
}

interface PolicyFactory {
	createPolicy(name: string, rules: { createHTML: (input: string) => string }): BuiltHtmlPolicy;
}

const built = new Set<string>();
let policy: BuiltHtmlPolicy | null | undefined;

/** Called when the lessons load, with their HTML blocks as the build sanitized them. */
export function trustBuiltHtml(strings: Iterable<string>): void {
	for (const html of strings) built.add(html);
}

/** The policy's rule: a registered string passes unchanged, any other is refused. */
function passBuiltOnly(html: string): string {
	if (!built.has(html)) throw new TypeError('HTML refused: not a string the build sanitized.');
	return html;
}

function builtPolicy(): BuiltHtmlPolicy | null {
	if (policy === undefined) {
		const factory = (globalThis as { trustedTypes?: PolicyFactory }).trustedTypes;
		policy = factory ? factory.createPolicy('built-html', { createHTML: passBuiltOnly }) : null;
	}
	return policy;
}

/** HTML for `{@html}`: trusted as it is when the build sanitized it, otherwise the same string. */
export function builtHtml(html: string): string | TrustedHtml {
	if (!built.has(html)) return html;
	return builtPolicy()?.createHTML(html) ?? html;
}
