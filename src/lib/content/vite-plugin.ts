import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { buildBundle } from './bundle.ts';
import { checkContent, formatProblem } from './check.ts';
import { checkSteps, isStepFile } from './check-steps.ts';
import { readContentFiles } from './read-files.ts';
import type { FlowEmbed } from './types.ts';

const modules = {
	lessons: 'virtual:content/lessons',
	questions: 'virtual:content/questions',
	steps: 'virtual:content/steps'
} as const;

type Which = keyof typeof modules;

/** The flows a lesson's `::flow` embeds draw, by lesson slug, in the order they appear. */
export type LessonFlows = Record<string, Pick<FlowEmbed, 'flow' | 'provider'>[]>;

/** What the content plugin offers other plugins (`plugin.api`). */
export interface ContentApi {
	lessonFlows(): LessonFlows;
}

export const contentPluginName = 'identity-pool-lab:content';

/**
 * Bundles `content/**\/*.md` into the virtual modules `virtual:content/lessons` and
 * `virtual:content/questions`, rendered and sanitized at build time so that the app ships no
 * markdown parser in its first load, and `content/steps/*.md` into `virtual:content/steps`, the
 * compact step texts the flow runner reads. Any content problem fails the build with the full list.
 */
export function contentPlugin(options: { dir?: string } = {}): Plugin {
	const dir = options.dir ?? 'content';
	let root = process.cwd();
	const build = (which: Which) => {
		const files = readContentFiles(root, dir);
		if (which === 'steps') {
			const { prose, problems } = checkSteps(files);
			return { files: files.filter((f) => isStepFile(f.path)), data: prose, problems };
		}
		const { bundle, problems } = buildBundle(files);
		return { files, data: bundle[which], problems };
	};
	const fail = (problems: ReturnType<typeof build>['problems']): string =>
		`${problems.length} content problem${problems.length === 1 ? '' : 's'}:\n` +
		problems.map(formatProblem).join('\n');
	return {
		name: contentPluginName,
		api: {
			lessonFlows(): LessonFlows {
				// Parsed only: the embeds are known before any markdown is rendered.
				const flows: LessonFlows = {};
				for (const lesson of checkContent(readContentFiles(root, dir)).lessons)
					flows[lesson.slug] = lesson.blocks.flatMap((b) =>
						b.kind === 'flow' ? [{ flow: b.flow, provider: b.provider }] : []
					);
				return flows;
			}
		} satisfies ContentApi,
		configResolved(config) {
			root = config.root;
		},
		resolveId(id) {
			if ((Object.values(modules) as string[]).includes(id)) return '\0' + id;
			return undefined;
		},
		load(id) {
			const which = (Object.keys(modules) as Which[]).find((k) => id === '\0' + modules[k]);
			if (!which) return undefined;
			const { files, data, problems } = build(which);
			for (const f of files) this.addWatchFile(join(root, f.path));
			if (problems.length) this.error(fail(problems));
			return `export const ${which} = JSON.parse(${JSON.stringify(JSON.stringify(data))});\n`;
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
