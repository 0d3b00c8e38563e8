import { resolve } from 'node:path';
import { createServer, type InlineConfig, type Plugin, type ViteDevServer } from 'vite';

/**
 * Reads the flow machines at build (and dev and test) time, so pages that only list flows get each
 * flow's steps without loading xstate: `step-lists.ts` is served as the lists it computes, read
 * from the machines through a Vite module runner, so what the app runs is what is read.
 */

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

export function flowModelPlugin(): Plugin {
	let root = process.cwd();
	let stepListsFile = '';
	let steps: ReturnType<typeof stepListsModule> | undefined;
	return {
		name: 'identity-pool-lab:flow-model',
		configResolved(config) {
			root = config.root;
			stepListsFile = resolve(root, 'src/lib/flows/step-lists.ts');
		},
		async load(id) {
			if (id !== stepListsFile) return undefined;
			steps ??= stepListsModule(root);
			const { code, files } = await steps;
			for (const f of files) this.addWatchFile(f);
			return code;
		},
		watchChange(id) {
			if (id.startsWith(resolve(root, 'src/lib/flows'))) steps = undefined;
		}
	};
}
