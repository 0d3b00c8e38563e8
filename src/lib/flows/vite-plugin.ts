import { resolve } from 'node:path';
import { createServer, type InlineConfig, type Plugin, type ViteDevServer } from 'vite';

/**
 * Reads the flow machines at build (and dev and test) time, through a Vite module runner, so what
 * the app runs is what is read:
 * - `step-lists.ts` is served as the lists it computes, so pages that only list flows get each
 *   flow's steps without loading xstate;
 * - `virtual:flow-recordings` maps each flow id and provider to a chunk
 *   `virtual:flow-recordings/<flow-id>/<provider or default>`: the flow's demo run with that
 *   provider (`recording.ts`), run with the project's own Vite config, so the flow page opens a
 *   flow without loading the simulator.
 */

const recordingsModule = 'virtual:flow-recordings';

/** A module runner over the project's sources, closed again after `use`. */
export async function withModuleRunner<T>(
	config: InlineConfig,
	use: (load: <M>(file: string) => Promise<M>, server: ViteDevServer) => Promise<T>
): Promise<T> {
	const server = await createServer({
		logLevel: 'error',
		appType: 'custom',
		...config,
		server: { middlewareMode: true, hmr: false, ws: false, watch: null },
		optimizeDeps: { noDiscovery: true, include: [] }
	});
	try {
		const env = server.environments.ssr;
		if (!('runner' in env)) throw new Error('The ssr environment cannot run modules');
		const runner = env.runner as { import: <M>(file: string) => Promise<M> };
		return await use((file) => runner.import(file), server);
	} finally {
		await server.close();
	}
}

/** Source files of the project a runner loaded, to watch. */
function loadedSources(server: ViteDevServer, root: string): string[] {
	const src = resolve(root, 'src');
	return [...server.environments.ssr.moduleGraph.idToModuleMap.keys()].filter((f) =>
		f.startsWith(src)
	);
}

/** The module served for `step-lists.ts`: the lists it computes, read in a module runner, as plain data. */
export async function stepListsModule(root: string): Promise<{ code: string; files: string[] }> {
	const file = resolve(root, 'src/lib/flows/step-lists.ts');
	return withModuleRunner({ root, configFile: false, plugins: [] }, async (load, server) => {
		const { stepLists } = await load<{ stepLists: unknown }>(file);
		return {
			code: `export const stepLists = ${JSON.stringify(stepLists)};\n`,
			files: loadedSources(server, root)
		};
	});
}

interface FlowRecording {
	flowId: string;
	runs: Record<string, unknown>;
}

interface RecordingModules {
	recordFlow: (flow: unknown, run: unknown) => Promise<FlowRecording>;
}

/** Every flow's recording, made by running the flows in a module runner with the project's config. */
export async function recordFlows(
	root: string,
	configFile: string | false
): Promise<{ recordings: Map<string, FlowRecording>; files: string[] }> {
	return withModuleRunner({ root, configFile, mode: 'development' }, async (load, server) => {
		const file = (name: string) => resolve(root, 'src/lib/flows', name);
		const { flows } = await load<{ flows: { id: string }[] }>(file('catalogue.ts'));
		const { runFlow } = await load<{ runFlow: unknown }>(file('run-flow.ts'));
		const { recordFlow } = await load<RecordingModules>(file('recording.ts'));
		const recordings = new Map<string, FlowRecording>();
		for (const flow of flows) recordings.set(flow.id, await recordFlow(flow, runFlow));
		return { recordings, files: loadedSources(server, root) };
	});
}

/** Per flow, recording keys that name another key's run, as alias to key. */
export type RecordingAliases = Record<string, Record<string, string>>;

/** What the flow-model plugin offers other plugins (`plugin.api`). */
export interface FlowModelApi {
	recordingAliases(): Promise<RecordingAliases>;
}

export const flowModelPluginName = 'identity-pool-lab:flow-model';

export function flowModelPlugin(): Plugin {
	let root = process.cwd();
	let configFile: string | false = false;
	let stepListsFile = '';
	let steps: ReturnType<typeof stepListsModule> | undefined;
	let recordings: ReturnType<typeof recordFlows> | undefined;
	return {
		name: flowModelPluginName,
		api: {
			/**
			 * Each flow's recording keys that share another key's run (the provider a flow uses when
			 * none is asked), as alias to key: there is no chunk of their own to find them by.
			 */
			async recordingAliases(): Promise<RecordingAliases> {
				recordings ??= recordFlows(root, configFile);
				const aliases: RecordingAliases = {};
				for (const r of (await recordings).recordings.values())
					for (const [key, run] of Object.entries(r.runs))
						if (typeof run === 'string') (aliases[r.flowId] ??= {})[key] = run;
				return aliases;
			}
		} satisfies FlowModelApi,
		configResolved(config) {
			root = config.root;
			configFile = config.configFile ?? false;
			stepListsFile = resolve(root, 'src/lib/flows/step-lists.ts');
		},
		resolveId(id) {
			if (id === recordingsModule || id.startsWith(recordingsModule + '/')) return '\0' + id;
			return undefined;
		},
		async load(id) {
			if (id === stepListsFile) {
				steps ??= stepListsModule(root);
				const { code, files } = await steps;
				for (const f of files) this.addWatchFile(f);
				return code;
			}
			if (!id.startsWith('\0' + recordingsModule)) return undefined;
			recordings ??= recordFlows(root, configFile);
			const made = await recordings;
			for (const f of made.files) this.addWatchFile(f);
			const name = id.slice(1);
			const chunk = (flowId: string, key: string) =>
				`${recordingsModule}/${flowId}/${key === '' ? 'default' : key}`;
			if (name === recordingsModule) {
				const flows = [...made.recordings.values()].map((r) => {
					const runs = Object.entries(r.runs).map(([key, run]) => {
						const target = chunk(r.flowId, typeof run === 'string' ? run : key);
						return `${JSON.stringify(key)}: () => import(${JSON.stringify(target)})`;
					});
					return `\t${JSON.stringify(r.flowId)}: { ${runs.join(', ')} }`;
				});
				return `export const recordings = {\n${flows.join(',\n')}\n};\n`;
			}
			const [flowId = '', key = ''] = name.slice(recordingsModule.length + 1).split('/');
			const run = made.recordings.get(flowId)?.runs[key === 'default' ? '' : key];
			if (!run || typeof run === 'string') return this.error(`No flow recording ${name}`);
			return `export default JSON.parse(${JSON.stringify(JSON.stringify(run))});\n`;
		},
		configureServer(server) {
			// A change to a source or content file may change the steps or the runs: read them
			// again on the next request, and reload the page.
			const sources = [resolve(root, 'src'), resolve(root, 'content')];
			server.watcher.on('change', (file) => {
				if (!sources.some((dir) => resolve(file).startsWith(dir))) return;
				steps = undefined;
				recordings = undefined;
				const graph = server.environments.client.moduleGraph;
				let stale = false;
				for (const mod of graph.idToModuleMap.values()) {
					if (mod.id === stepListsFile || mod.id?.startsWith('\0' + recordingsModule)) {
						graph.invalidateModule(mod);
						stale = true;
					}
				}
				if (stale) server.ws.send({ type: 'full-reload' });
			});
		}
	};
}
