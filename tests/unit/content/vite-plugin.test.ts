import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentPlugin } from '../../../src/lib/content/vite-plugin.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Calls the plugin's hooks the way Vite does, collecting watched files and errors. */
function load(dir: string, id: string) {
	const plugin = contentPlugin({ dir });
	const hooks = plugin as unknown as {
		configResolved: (c: { root: string }) => void;
		resolveId: (id: string) => string | undefined;
		load: (this: unknown, id: string) => string | undefined;
	};
	hooks.configResolved({ root });
	const resolved = hooks.resolveId(id);
	const watched: string[] = [];
	const ctx = {
		addWatchFile: (f: string) => watched.push(f),
		error: (message: string) => {
			throw new Error(message);
		}
	};
	return { resolved, watched, run: () => hooks.load.call(ctx, resolved ?? id) };
}

describe('contentPlugin', () => {
	it('serves rendered lessons and questions as virtual modules and watches the files', async () => {
		const lessons = load('tests/fixtures/content/valid', 'virtual:content/lessons');
		expect(lessons.resolved).toBe('\0virtual:content/lessons');
		const code = lessons.run()!;
		expect(lessons.watched).toHaveLength(3);
		const mod = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as {
			lessons: { slug: string }[];
		};
		expect(mod.lessons.map((l) => l.slug)).toEqual(['first-steps', 'guest-visits']);
		const questions = load('tests/fixtures/content/valid', 'virtual:content/questions').run()!;
		expect(questions).toContain('fixture-guest-error');
		expect(questions).not.toContain('import');
	});

	it('ignores other modules', () => {
		expect(load('content', 'virtual:other').resolved).toBeUndefined();
	});

	it('fails with every problem of every file at once', () => {
		expect(() => load('tests/fixtures/content/broken', 'virtual:content/questions').run()).toThrow(
			[
				'2 content problems:',
				'tests/fixtures/content/broken/lessons/01-broken.md:8:24: Broken link: there is no lesson `missing` (A lesson slug is its file name without the number and `.md`, e.g. `enhanced-flow` for `03-enhanced-flow.md`.)',
				'tests/fixtures/content/broken/questions/no-correct.md:13:1: No option is marked correct (Mark the right answer with `- [x]`.)'
			].join('\n')
		);
	});
});
