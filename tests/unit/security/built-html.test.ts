import { afterEach, describe, expect, it, vi } from 'vitest';

type Module = typeof import('../../../src/security/built-html.ts');

/** The module fresh, with a stand-in Trusted Types factory that records the policies made. */
async function withTrustedTypes() {
	const made: { name: string; createHTML: (s: string) => string }[] = [];
	vi.stubGlobal('trustedTypes', {
		createPolicy(name: string, rules: { createHTML: (s: string) => string }) {
			made.push({ name, createHTML: rules.createHTML });
			return { createHTML: (s: string) => ({ trusted: rules.createHTML(s) }) };
		}
	});
	vi.resetModules();
	const mod: Module = await import('../../../src/security/built-html.ts');
	return { mod, made };
}

afterEach(() => {
	vi.unstubAllGlobals();
	vi.resetModules();
});

describe('built HTML', () => {
	it('trusts exactly the strings the lessons registered, through the built-html policy', async () => {
		const { mod, made } = await withTrustedTypes();
		mod.trustBuiltHtml(['<p>From the build</p>', '<h2 id="a">A</h2>']);
		expect(mod.builtHtml('<p>From the build</p>')).toEqual({ trusted: '<p>From the build</p>' });
		expect(mod.builtHtml('<h2 id="a">A</h2>')).toEqual({ trusted: '<h2 id="a">A</h2>' });
		expect(made.map((p) => p.name)).toEqual(['built-html']);
	});

	it('returns any other string as it is, for the default policy and its sanitizer', async () => {
		const { mod, made } = await withTrustedTypes();
		mod.trustBuiltHtml(['<p>From the build</p>']);
		const other = '<img src="x" onerror="steal()">';
		expect(mod.builtHtml(other)).toBe(other);
		expect(mod.builtHtml('<p>From the build</p> ')).toBe('<p>From the build</p> ');
		expect(made).toEqual([]);
	});

	it('has a policy that refuses a string the build did not sanitize', async () => {
		const { mod, made } = await withTrustedTypes();
		mod.trustBuiltHtml(['<p>ok</p>']);
		mod.builtHtml('<p>ok</p>');
		const rule = made[0]!.createHTML;
		expect(rule('<p>ok</p>')).toBe('<p>ok</p>');
		expect(() => rule('<p onclick="x()">ok</p>')).toThrow(/not a string the build sanitized/);
	});

	it('returns strings as they are where the browser has no Trusted Types', async () => {
		vi.resetModules();
		const mod: Module = await import('../../../src/security/built-html.ts');
		mod.trustBuiltHtml(['<p>From the build</p>']);
		expect(mod.builtHtml('<p>From the build</p>')).toBe('<p>From the build</p>');
	});
});
