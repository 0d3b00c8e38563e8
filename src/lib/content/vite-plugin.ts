import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { buildBundle } from './bundle.ts';
import { formatProblem } from './check.ts';
import { readContentFiles } from './read-files.ts';

const modules = {
	lessons: 'virtual:content/lessons',
	questions: 'virtual:content/questions'
} as const;

/**
 * Bundles `content/**\/*.md` into the virtual modules `virtual:content/lessons` and
 * `virtual:content/questions`, rendered and sanitized at build time so that the app ships no
 * markdown parser in its first load. Any content problem fails the build with the full list.
 */
export function contentPlugin(options: { dir?: string } = {}): Plugin {
	const dir = options.dir ?? 'content';
	let root = process.cwd();
	const build = () => {
		const files = readContentFiles(root, dir);
		const { bundle, problems } = buildBundle(files);
		return { files, bundle, problems };
	};
	const fail = (problems: ReturnType<typeof build>['problems']): string =>
		`${problems.length} content problem${problems.length === 1 ? '' : 's'}:\n` +
		problems.map(formatProblem).join('\n');
	return {
		name: 'identity-pool-lab:content',
		configResolved(config) {
			root = config.root;
		},
		resolveId(id) {
			if (id === modules.lessons || id === modules.questions) return '\0' + id;
			return undefined;
		},
		load(id) {
			const which =
				id === '\0' + modules.lessons
					? 'lessons'
					: id === '\0' + modules.questions
						? 'questions'
						: undefined;
			if (!which) return undefined;
			const { files, bundle, problems } = build();
			for (const f of files) this.addWatchFile(join(root, f.path));
			if (problems.length) this.error(fail(problems));
			return `export const ${which} = JSON.parse(${JSON.stringify(JSON.stringify(bundle[which]))});\n`;
		},
		configureServer(server) {
			const contentDir = resolve(root, dir);
			server.watcher.add(contentDir);
			const reload = (file: string) => {
				if (!resolve(file).startsWith(contentDir) || !file.endsWith('.md')) return;
				for (const id of Object.values(modules)) {
					const mod = server.moduleGraph.getModuleById('\0' + id);
					if (mod) server.moduleGraph.invalidateModule(mod);
				}
				server.ws.send({ type: 'full-reload' });
			};
			server.watcher.on('change', reload);
			server.watcher.on('add', reload);
			server.watcher.on('unlink', reload);
		}
	};
}
