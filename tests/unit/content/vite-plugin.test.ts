import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentPlugin, type ContentApi } from '../../../src/lib/content/vite-plugin.ts';

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

	it("tells other plugins each lesson's flow embeds, in order", () => {
		const plugin = contentPlugin({ dir: 'tests/fixtures/content/valid' }) as unknown as {
			configResolved: (c: { root: string }) => void;
			api: ContentApi;
		};
		plugin.configResolved({ root });
		expect(plugin.api.lessonFlows()).toEqual({
			'first-steps': [{ flow: 'enhanced-authenticated', provider: 'google' }],
			'guest-visits': [{ flow: 'basic-guest', provider: undefined }]
		});
	});

	it('serves the step texts of content/steps, watching only the step files', async () => {
		const steps = load('content', 'virtual:content/steps');
		expect(steps.resolved).toBe('\0virtual:content/steps');
		const code = steps.run()!;
		expect(steps.watched.map((f) => f.replace(root, ''))).toEqual([
			'content/steps/basic.md',
			'content/steps/both.md',
			'content/steps/enhanced.md'
		]);
		const mod = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as {
			steps: Record<string, unknown[]>;
		};
		expect(Object.keys(mod.steps)).toContain('get-open-id-token-for-developer-identity');
		expect(code).not.toContain('import');
	});

	it('fails the steps module with every step problem of every file at once', () => {
		let message = '';
		try {
			load('tests/fixtures/content/steps', 'virtual:content/steps').run();
		} catch (err) {
			message = (err as Error).message;
		}
		expect(message).toMatch(/^\d+ content problems:\n/);
		for (const at of [
			'tests/fixtures/content/steps/fact-tags.md:19:6: Unknown fact tag `AF-2024`',
			'tests/fixtures/content/steps/no-text.md:7:1: `## get-id` has no text',
			'tests/fixtures/content/steps/placeholders.md:11:15: Unknown placeholder `{servce}`',
			'tests/fixtures/content/steps/unknown-ids.md:21:4: Unknown step `get-idd`'
		])
			expect(message).toContain(at);
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
