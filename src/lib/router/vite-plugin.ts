import { resolve } from 'node:path';
import type { Plugin, Rollup } from 'vite';
import { routes, type RouteName } from './routes.ts';
import type { RouteFileTable } from './route-preload.ts';
import {
	flowModelPluginName,
	type FlowModelApi,
	type RecordingAliases
} from '../flows/vite-plugin.ts';
import { contentPluginName, type ContentApi, type LessonFlows } from '../content/vite-plugin.ts';
import { demoRunOptions, recordingKey } from '../flows/recording.ts';

/**
 * Builds `route-preload.js`, the script theme.js loads from the page's head on any link other than
 * Home (`src/route-preload.ts`), and writes into it, once the chunks are named, which files each
 * route's screen asks for first:
 * - the screen's chunk, the chunks it imports and their styles, less what the app's first script
 *   already brings;
 * - the data the screen loads as it mounts (below); for a flow link, its recorded run; for a
 *   lesson, the recorded runs its flow diagrams open from.
 * The app's first script and a deep link's screen then load in one wave instead of two.
 */

const tableModule = 'virtual:route-files';
const placeholder = '__IPL_ROUTE_FILES__';
const preloadFile = 'route-preload.js';

/** Each route's screen, by the convention of src/screens/load-screen.ts. */
const screenOf = (name: RouteName) =>
	`src/screens/${name.replace(/(^|-)([a-z])/g, (_m, _dash: string, c: string) => c.toUpperCase())}.svelte`;

/** What a screen loads as soon as it mounts, besides its own chunks (virtual module ids). */
const mountData: Partial<Record<RouteName, string[]>> = {
	practice: ['virtual:content/questions'],
	exam: ['virtual:content/questions'],
	lessons: ['virtual:content/lessons'],
	lesson: ['virtual:content/lessons'],
	present: ['virtual:content/lessons', 'virtual:content/questions']
};

const recordingPrefix = 'virtual:flow-recordings/';

type Chunk = Rollup.OutputChunk & { viteMetadata?: { importedCss: Set<string> } };

/**
 * The table for a finished bundle, with `aliases` (recording keys that share another key's run)
 * pointing at that run's file, and for each lesson in `lessonFlows` the runs its diagrams open
 * (a lesson's flow card opens the demo run of its flow and provider, as the explorer does).
 * Throws when a route's screen or data has no chunk.
 */
export function routeFileTable(
	bundle: Rollup.OutputBundle,
	root: string,
	aliases: RecordingAliases = {},
	lessonFlows: LessonFlows = {}
): RouteFileTable {
	const chunks = Object.values(bundle).filter((f): f is Chunk => f.type === 'chunk');
	const byFile = new Map(chunks.map((c) => [c.fileName, c]));
	const moduleId = (c: Chunk) => (c.facadeModuleId ?? '').replace(/^\0/, '');
	const byModule = new Map(chunks.map((c) => [moduleId(c), c]));

	/** A chunk's files and the ones it imports statically, styles last, in a stable order. */
	const closure = (start: Chunk, skip: ReadonlySet<string>): string[] => {
		const js: string[] = [];
		const css: string[] = [];
		const queue = [start];
		const seen = new Set<string>();
		while (queue.length) {
			const c = queue.shift()!;
			if (seen.has(c.fileName) || skip.has(c.fileName)) continue;
			seen.add(c.fileName);
			js.push(c.fileName);
			for (const s of c.viteMetadata?.importedCss ?? []) if (!skip.has(s)) css.push(s);
			for (const i of c.imports) {
				const next = byFile.get(i);
				if (next) queue.push(next);
			}
		}
		return [...js, ...new Set(css)];
	};

	const entry = chunks.find((c) => c.isEntry && moduleId(c).endsWith('index.html'));
	if (!entry) throw new Error('route files: the build has no index.html entry chunk');
	const first = new Set(closure(entry, new Set()));

	const need = (id: string, what: string) => {
		const chunk = byModule.get(id);
		if (!chunk) throw new Error(`route files: no chunk for ${what} (${id})`);
		return chunk;
	};
	const table: RouteFileTable = { routes: [], recordings: {}, lessons: {} };
	for (const route of routes) {
		const screen = need(resolve(root, screenOf(route.name)), `the ${route.name} screen`);
		const files = closure(screen, first);
		for (const id of mountData[route.name] ?? []) {
			const skip = new Set([...first, ...files]);
			files.push(...closure(need(id, `the ${route.name} screen's data`), skip));
		}
		table.routes.push({ pattern: route.pattern, files });
	}
	for (const chunk of chunks) {
		const id = moduleId(chunk);
		if (!id.startsWith(recordingPrefix)) continue;
		const [flowId = '', name = ''] = id.slice(recordingPrefix.length).split('/');
		(table.recordings[flowId] ??= {})[name === 'default' ? '' : name] = chunk.fileName;
	}
	for (const [flowId, keys] of Object.entries(aliases))
		for (const [alias, key] of Object.entries(keys)) {
			const runs = table.recordings[flowId];
			if (runs && Object.hasOwn(runs, key)) runs[alias] = runs[key]!;
		}
	if (Object.keys(table.recordings).length === 0)
		throw new Error('route files: the build has no flow recordings');
	for (const [slug, embeds] of Object.entries(lessonFlows)) {
		const files = new Set<string>();
		for (const { flow, provider } of embeds) {
			const key = recordingKey(demoRunOptions(provider));
			const runs = table.recordings[flow];
			// A provider with no recording runs live: the simulator, not a file to name here.
			if (runs && key !== undefined && Object.hasOwn(runs, key)) files.add(runs[key]!);
		}
		if (files.size) table.lessons[slug] = [...files];
	}
	return table;
}

export function routePreloadPlugin(): Plugin {
	let root = process.cwd();
	let building = false;
	let flowModel: FlowModelApi | undefined;
	let content: ContentApi | undefined;
	return {
		name: 'identity-pool-lab:route-preload',
		configResolved(config) {
			root = config.root;
			building = config.command === 'build';
			flowModel = config.plugins.find((p) => p.name === flowModelPluginName)?.api as
				FlowModelApi | undefined;
			content = config.plugins.find((p) => p.name === contentPluginName)?.api as
				ContentApi | undefined;
		},
		resolveId(id) {
			return id === tableModule ? '\0' + tableModule : undefined;
		},
		load(id) {
			if (id !== '\0' + tableModule) return undefined;
			// Filled in once the chunks are named (generateBundle below).
			return `export default ${JSON.stringify(placeholder)};\n`;
		},
		buildStart() {
			if (!building) return;
			this.emitFile({
				type: 'chunk',
				id: resolve(root, 'src/route-preload.ts'),
				fileName: preloadFile
			});
		},
		configureServer(server) {
			// The dev server has no chunks to name: its route preloader does nothing.
			server.middlewares.use(`/${preloadFile}`, (_req, res) => {
				res.setHeader('Content-Type', 'text/javascript');
				res.end('export {};\n');
			});
		},
		generateBundle: {
			order: 'post',
			async handler(_options, bundle) {
				const script = bundle[preloadFile];
				if (!script || script.type !== 'chunk') return;
				// Shared with the app, it would need the app's chunks first, and load nothing sooner.
				if (script.imports.length || script.dynamicImports.length)
					this.error(`${preloadFile} imports other chunks: ${script.imports.join(', ')}`);
				const quoted = new RegExp(`(["'\`])${placeholder}\\1`, 'g');
				const found = script.code.match(quoted)?.length ?? 0;
				if (found !== 1) this.error(`${preloadFile} has ${found} route tables, not one`);
				if (!flowModel) this.error(`${preloadFile} needs the flow-model plugin for its recordings`);
				if (!content) this.error(`${preloadFile} needs the content plugin for the lessons' flows`);
				const aliases = await flowModel.recordingAliases();
				const table = JSON.stringify(routeFileTable(bundle, root, aliases, content.lessonFlows()));
				script.code = script.code.replace(quoted, () => table);
			}
		}
	};
}
