import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	preloadLinks,
	routeFiles,
	type RouteFileTable
} from '../../../src/lib/router/route-preload.ts';
import { matchRoute, routes } from '../../../src/lib/router/routes.ts';
import { routeFileTable } from '../../../src/lib/router/vite-plugin.ts';

// Each route's "files" are its name, so a lookup tells which route was matched.
const table: RouteFileTable = {
	routes: routes.map((r) => ({ pattern: r.pattern, files: [`${r.name}.js`, `${r.name}.css`] })),
	recordings: {
		'basic-guest': { '': 'basic-guest-default.js' },
		'basic-authenticated': { '': 'basic-auth-default.js', google: 'basic-auth-google.js' }
	},
	lessons: { 'the-basic-flow': ['basic-auth-default.js', 'basic-auth-google.js'] }
};

describe('routeFiles', () => {
	it('gives the files of the screen a hash opens, as matchRoute matches it', () => {
		const hashes = [
			'',
			'#',
			'#/',
			'#/flows',
			'#/flows/',
			'#flows',
			'#/flows/not-a-flow',
			'#/lessons',
			'#/lessons/the-enhanced-flow',
			'#/practice?topics=x',
			'#/exam',
			'#/progress',
			'#/present?plan=a',
			'#/lab',
			'#/settings',
			'#/flows/a/b',
			'#/nowhere',
			'#/lessons/%E0%A4%A',
			'#/lessons/a%2Fb'
		];
		for (const hash of hashes) {
			const name = matchRoute(hash).name;
			const expected = name === 'not-found' ? [] : [`${name}.js`, `${name}.css`];
			expect(routeFiles(hash, table).slice(0, 2), hash).toEqual(expected);
		}
	});

	it('agrees with matchRoute on any hash', () => {
		const segment = fc.constantFrom('flows', 'lessons', 'practice', 'x', '', '%41', 'a.b', '%');
		fc.assert(
			fc.property(fc.array(segment, { maxLength: 3 }), fc.boolean(), (segments, slash) => {
				const hash = `#${slash ? '/' : ''}${segments.join('/')}`;
				const name = matchRoute(hash).name;
				const files = routeFiles(hash, table);
				expect(files[0] ?? 'not-found.js').toBe(`${name}.js`);
			}),
			{ numRuns: 300 }
		);
	});

	it("adds a flow link's recorded run when the link sets nothing but a step and a provider", () => {
		expect(routeFiles('#/flows/basic-guest', table)).toEqual([
			'flow.js',
			'flow.css',
			'basic-guest-default.js'
		]);
		expect(routeFiles('#/flows/basic-authenticated?step=4&provider=google', table)).toContain(
			'basic-auth-google.js'
		);
		expect(routeFiles('#/flows/basic-authenticated?step=2', table)).toContain(
			'basic-auth-default.js'
		);
	});

	it('adds no recording for a link that changes a setting, or names a provider or flow not recorded', () => {
		expect(routeFiles('#/flows/basic-guest?roleExpiry=5', table)).toEqual(['flow.js', 'flow.css']);
		expect(routeFiles('#/flows/basic-authenticated?provider=apple', table)).toEqual([
			'flow.js',
			'flow.css'
		]);
		expect(routeFiles('#/flows/enhanced-guest', table)).toEqual(['flow.js', 'flow.css']);
		// A name inherited from Object.prototype is not a recording.
		expect(routeFiles('#/flows/constructor', table)).toEqual(['flow.js', 'flow.css']);
		expect(routeFiles('#/flows/basic-guest?provider=toString', table)).toEqual([
			'flow.js',
			'flow.css'
		]);
	});
});

describe('routeFiles for a lesson', () => {
	it("adds the recorded runs of the lesson's flow diagrams, whatever the query", () => {
		expect(routeFiles('#/lessons/the-basic-flow', table)).toEqual([
			'lesson.js',
			'lesson.css',
			'basic-auth-default.js',
			'basic-auth-google.js'
		]);
		expect(routeFiles('#/lessons/the-basic-flow?x=1', table).slice(2)).toEqual([
			'basic-auth-default.js',
			'basic-auth-google.js'
		]);
	});

	it('adds nothing for a lesson without diagrams, an unknown slug, or one Object.prototype names', () => {
		for (const slug of ['exam-tips', 'nowhere', 'constructor', '__proto__'])
			expect(routeFiles(`#/lessons/${slug}`, table), slug).toEqual(['lesson.js', 'lesson.css']);
		// The lesson list is another route.
		expect(routeFiles('#/lessons', table)).toEqual(['lessons.js', 'lessons.css']);
	});
});

describe('preloadLinks', () => {
	const base = 'https://example.com/app/route-preload.js';

	it('resolves files against the script, modules and styles told apart', () => {
		expect(preloadLinks('#/flows/basic-guest', table, base, new Set())).toEqual([
			{ href: 'https://example.com/app/flow.js', kind: 'module' },
			{ href: 'https://example.com/app/flow.css', kind: 'style' },
			{ href: 'https://example.com/app/basic-guest-default.js', kind: 'module' }
		]);
	});

	it('leaves out what the page already links to', () => {
		const present = new Set(['https://example.com/app/flow.js']);
		expect(preloadLinks('#/flows/basic-guest', table, base, present).map((l) => l.href)).toEqual([
			'https://example.com/app/flow.css',
			'https://example.com/app/basic-guest-default.js'
		]);
	});
});

describe('routeFileTable (the build step)', () => {
	const root = '/app';
	type Fake = {
		fileName: string;
		facadeModuleId?: string;
		isEntry?: boolean;
		imports?: string[];
		css?: string[];
	};
	const bundleOf = (chunks: Fake[]) =>
		Object.fromEntries(
			chunks.map((c) => [
				c.fileName,
				{
					type: 'chunk',
					fileName: c.fileName,
					facadeModuleId: c.facadeModuleId ?? null,
					isEntry: c.isEntry ?? false,
					imports: c.imports ?? [],
					dynamicImports: [],
					code: '',
					viteMetadata: { importedCss: new Set(c.css ?? []) }
				}
			])
		) as unknown as Parameters<typeof routeFileTable>[0];
	const screens = (except: string): Fake[] =>
		routes
			.filter((r) => r.name !== except)
			.map((r) => {
				const name = r.name.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) =>
					c.toUpperCase()
				);
				return { fileName: `${name}.js`, facadeModuleId: `${root}/src/screens/${name}.svelte` };
			});
	const common: Fake[] = [
		{
			fileName: 'index.js',
			facadeModuleId: `${root}/index.html`,
			isEntry: true,
			imports: ['svelte.js'],
			css: ['index.css']
		},
		{ fileName: 'svelte.js' },
		{ fileName: 'diagram.js', imports: ['svelte.js'], css: ['diagram.css'] },
		{
			fileName: 'questions.js',
			facadeModuleId: '\0virtual:content/questions',
			imports: ['svelte.js']
		},
		{ fileName: 'lessons.js', facadeModuleId: '\0virtual:content/lessons' },
		{ fileName: 'rec-a.js', facadeModuleId: '\0virtual:flow-recordings/basic-guest/default' },
		{ fileName: 'rec-b.js', facadeModuleId: '\0virtual:flow-recordings/basic-authenticated/google' }
	];

	it("lists a screen's chunks and styles without what the first script brings, then its data", () => {
		const bundle = bundleOf([
			...common,
			...screens('flow').filter((s) => s.fileName !== 'Practice.js'),
			{
				fileName: 'Flow.js',
				facadeModuleId: `${root}/src/screens/Flow.svelte`,
				imports: ['svelte.js', 'diagram.js'],
				css: ['Flow.css']
			},
			{
				fileName: 'Practice.js',
				facadeModuleId: `${root}/src/screens/Practice.svelte`,
				imports: ['diagram.js']
			}
		]);
		const table = routeFileTable(bundle, root);
		const files = (pattern: string) => table.routes.find((r) => r.pattern === pattern)?.files;
		expect(files('/flows/:flowId')).toEqual(['Flow.js', 'diagram.js', 'Flow.css', 'diagram.css']);
		expect(files('/practice')).toEqual([
			'Practice.js',
			'diagram.js',
			'diagram.css',
			'questions.js'
		]);
		expect(files('/lessons')).toEqual(['Lessons.js', 'lessons.js']);
		expect(table.recordings).toEqual({
			'basic-guest': { '': 'rec-a.js' },
			'basic-authenticated': { google: 'rec-b.js' }
		});
		expect(table.routes.map((r) => r.pattern)).toEqual(routes.map((r) => r.pattern));
	});

	it("points a recording key that shares another key's run at that run", () => {
		const bundle = bundleOf([...common, ...screens('')]);
		const table = routeFileTable(bundle, root, {
			'basic-guest': { userpool: '' },
			// An alias of a run that has no chunk is left out.
			'enhanced-guest': { google: '' }
		});
		expect(table.recordings['basic-guest']).toEqual({ '': 'rec-a.js', userpool: 'rec-a.js' });
		expect(table.recordings['enhanced-guest']).toBeUndefined();
	});

	it("names each lesson's recorded runs once, as its flow cards open them", () => {
		const bundle = bundleOf([...common, ...screens('')]);
		const table = routeFileTable(
			bundle,
			root,
			{ 'basic-guest': { userpool: '' } },
			{
				'two-cards': [
					{ flow: 'basic-guest' },
					{ flow: 'basic-authenticated', provider: 'google' },
					{ flow: 'basic-guest' }
				],
				// The provider every guest run shares: the default run.
				aliased: [{ flow: 'basic-guest', provider: 'userpool' }],
				// Runs live (no recording): nothing to name.
				live: [{ flow: 'basic-authenticated' }, { flow: 'enhanced-guest' }],
				none: []
			}
		);
		expect(table.lessons).toEqual({
			'two-cards': ['rec-a.js', 'rec-b.js'],
			aliased: ['rec-a.js']
		});
	});

	it('fails the build when a screen has no chunk', () => {
		expect(() => routeFileTable(bundleOf([...common, ...screens('exam')]), root)).toThrow(
			/no chunk for the exam screen/
		);
	});
});
