import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../../src/lib/cognito');
const sources = readdirSync(dir)
	.filter((f) => f.endsWith('.ts'))
	.map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));

describe('the simulator stays plain TypeScript that the app can bundle', () => {
	it('imports no SDK package, no Svelte, no Node built-in and nothing outside its folder', () => {
		const offenders = sources.flatMap(({ file, text }) =>
			[...text.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)]
				.map((m) => m[1] ?? '')
				.filter((spec) => !spec.startsWith('./'))
				.map((spec) => `${file}: ${spec}`)
		);
		expect(offenders).toEqual([]);
	});

	it('touches no DOM globals', () => {
		const offenders = sources
			.filter(({ text }) =>
				/\bdocument\.(getElementById|querySelector|createElement|body)|\bwindow\.|\blocalStorage\b|\bnavigator\./.test(
					text
				)
			)
			.map(({ file }) => file);
		expect(offenders).toEqual([]);
	});

	it('uses relative imports with the .ts extension', () => {
		const bad = sources.flatMap(({ file, text }) =>
			[...text.matchAll(/from '(\.[^']+)'/g)]
				.filter((m) => !(m[1] ?? '').endsWith('.ts'))
				.map((m) => `${file}: ${m[1]}`)
		);
		expect(bad).toEqual([]);
	});
});
