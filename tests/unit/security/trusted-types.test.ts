import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDefaultPolicy } from '../../../src/security/trusted-types.ts';

const page = { baseURI: 'https://lab.example/app/', origin: 'https://lab.example' };

describe('the default Trusted Types policy', () => {
	it('refuses HTML until a sanitizer is registered', () => {
		const { rules } = createDefaultPolicy(() => page);
		expect(() => rules.createHTML('<p>hello</p>')).toThrow(TypeError);
		expect(() => rules.createHTML('')).toThrow(/no sanitizer yet/);
	});

	it('returns what the registered sanitizer makes of the HTML, and only that', () => {
		const { rules, register } = createDefaultPolicy(() => page);
		const seen: string[] = [];
		register((html) => {
			seen.push(html);
			return html.replace(/ onerror="[^"]*"/, '');
		});
		expect(rules.createHTML('<img src="x" onerror="steal()">')).toBe('<img src="x">');
		expect(seen).toEqual(['<img src="x" onerror="steal()">']);
	});

	it('lets the sanitizer refuse too: its error reaches the sink', () => {
		const { rules, register } = createDefaultPolicy(() => page);
		register(() => {
			throw new Error('no');
		});
		expect(() => rules.createHTML('<p>x</p>')).toThrow('no');
	});

	it('accepts script URLs of the app, relative or absolute, resolved against the base', () => {
		const { rules } = createDefaultPolicy(() => page);
		expect(rules.createScriptURL('sw.js')).toBe('https://lab.example/app/sw.js');
		expect(rules.createScriptURL('/assets/worker-1.js')).toBe(
			'https://lab.example/assets/worker-1.js'
		);
		expect(rules.createScriptURL('https://lab.example/x.js')).toBe('https://lab.example/x.js');
	});

	it('refuses script URLs from anywhere else, before and after a sanitizer is registered', () => {
		const { rules, register } = createDefaultPolicy(() => page);
		for (const url of [
			'https://evil.example/x.js',
			'//evil.example/x.js',
			'http://lab.example/x.js',
			'data:text/javascript,alert(1)',
			'javascript:alert(1)'
		])
			expect(() => rules.createScriptURL(url), url).toThrow(/is not from this app/);
		register((html) => html);
		expect(() => rules.createScriptURL('https://evil.example/x.js')).toThrow(TypeError);
	});
});

/** The code without its comments, so prose that names `{@html}` is not taken for its use. */
const codeOf = (text: string) =>
	text
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/^\s*\/\/.*$/gm, '');

describe('every module that renders HTML from a string loads the sanitizer', () => {
	const src = resolve(import.meta.dirname, '../../../src');
	const files = (readdirSync(src, { recursive: true }) as string[])
		.filter((f) => /\.(svelte|ts)$/.test(f))
		.map((f) => ({ file: f, text: codeOf(readFileSync(join(src, f), 'utf8')) }));

	// A module may skip the sanitizer only when all it renders is the build's own sanitized HTML,
	// each `{@html}` going through `builtHtml` (src/security/built-html.ts).
	const onlyBuilt = (text: string) =>
		/import\s[^;]*['"][./]*(?:security\/)?built-html\.ts['"]/.test(text) &&
		!/\.innerHTML\s*=|insertAdjacentHTML/.test(text) &&
		[...text.matchAll(/\{@html\s+([^}]*)\}/g)].every((m) => /^builtHtml\(/.test(m[1] ?? ''));

	it('imports src/security/html-sanitizer.ts wherever {@html} or innerHTML is used', () => {
		const renders = files.filter(({ text }) =>
			/\{@html\s|\.innerHTML\s*=|insertAdjacentHTML/.test(text)
		);
		expect(renders.length).toBeGreaterThan(0);
		const missing = renders
			.filter(
				({ text }) =>
					!/import\s[^;]*['"][./]*(?:security\/)?html-sanitizer\.ts['"]/.test(text) &&
					!onlyBuilt(text)
			)
			.map(({ file }) => file);
		expect(missing).toEqual([]);
	});

	it('lets only the lesson body render built HTML without the sanitizer', () => {
		const skipping = files
			.filter(({ text }) => /\{@html\s/.test(text) && onlyBuilt(text))
			.map(({ file }) => file);
		expect(skipping).toEqual(['components/lesson/LessonBody.svelte']);
	});
});
