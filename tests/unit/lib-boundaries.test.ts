import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every TypeScript file under src/lib, with its text. */
const lib = resolve(import.meta.dirname, '../../src/lib');
const sources = (readdirSync(lib, { recursive: true }) as string[])
	.filter((f) => f.endsWith('.ts'))
	.map((f) => ({ file: f, text: readFileSync(join(lib, f), 'utf8') }));

/** The code without its comments, so prose such as "another window." is not taken for DOM use. */
const codeOf = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

const importsOf = (text: string) =>
	[...text.matchAll(/^(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');

describe('src/lib is plain TypeScript, below state, components and screens', () => {
	it('covers every folder of src/lib', () => {
		const folders = new Set(sources.map((s) => s.file.split(/[\\/]/)[0]));
		for (const folder of [
			'cognito',
			'flows',
			'diagram',
			'inspector',
			'player',
			'content',
			'study',
			'present',
			'lab'
		])
			expect(folders).toContain(folder);
	});

	it('imports nothing from outside src/lib, and no Svelte', () => {
		const offenders = sources.flatMap(({ file, text }) =>
			importsOf(text)
				.filter((spec) => {
					if (spec === 'svelte' || spec.startsWith('svelte/') || spec.endsWith('.svelte'))
						return true;
					if (!spec.startsWith('.')) return false;
					const target = resolve(lib, file, '..', spec);
					return relative(lib, target).startsWith('..');
				})
				.map((spec) => `${file}: ${spec}`)
		);
		expect(offenders).toEqual([]);
	});

	// `document` alone is also the name of an IAM policy document, so only DOM members count.
	it('touches no DOM', () => {
		const offenders = sources
			.filter(({ text }) =>
				/\bdocument\.(getElementById|querySelector|createElement|body|title|documentElement|addEventListener)|\bwindow\.|\blocalStorage\b|\bsessionStorage\b|\bnavigator\./.test(
					codeOf(text)
				)
			)
			.map(({ file }) => file);
		expect(offenders).toEqual([]);
	});
});
