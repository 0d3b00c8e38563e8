import { findFlow } from '../flows/catalogue.ts';
import { matchRoute } from '../router/routes.ts';

/** A link target found in markdown, with its 1-based position in the file. */
export interface FoundLink {
	target: string;
	line: number;
	column: number;
}

/** What a link may point at inside the app. */
export interface LinkContext {
	lessonSlugs: ReadonlySet<string>;
	questionIds: ReadonlySet<string>;
}

const inlineLink = /\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g;
const autoLink = /<((?:https?|javascript|data|mailto):[^>\s]*)>/gi;
const fence = /^\s*(```|~~~)/;

/** Every inline link and autolink in these lines, skipping fenced code. */
export function findLinks(lines: readonly string[], firstLine: number): FoundLink[] {
	const found: FoundLink[] = [];
	let inFence = false;
	lines.forEach((text, i) => {
		if (fence.test(text)) {
			inFence = !inFence;
			return;
		}
		if (inFence) return;
		const withoutCode = text.replace(/`[^`]*`/g, (s) => ' '.repeat(s.length));
		for (const re of [inlineLink, autoLink]) {
			re.lastIndex = 0;
			for (let m = re.exec(withoutCode); m; m = re.exec(withoutCode)) {
				const target = m[1]!;
				found.push({ target, line: firstLine + i, column: m.index + m[0].indexOf(target) + 1 });
			}
		}
	});
	return found;
}

/** Why a link target is broken, or undefined when the app can follow it. */
export function checkLink(
	target: string,
	ctx: LinkContext
): { message: string; hint: string } | undefined {
	if (/^https:\/\/[^\s/]+/i.test(target)) return undefined;
	if (/^mailto:/i.test(target)) return undefined;
	if (/^http:/i.test(target)) {
		return { message: `Insecure link \`${target}\``, hint: 'Use the https:// address.' };
	}
	if (!target.startsWith('#/')) {
		return {
			message: `The app cannot follow the link \`${target}\``,
			hint: 'Link to https:// pages, or inside the app with `#/lessons/<slug>`, `#/flows/<flow-id>?step=<n>` or `#/practice?question=<id>`.'
		};
	}
	const route = matchRoute(target);
	switch (route.name) {
		case 'not-found':
			return {
				message: `No page of the app answers \`${target}\``,
				hint: 'Internal links start with #/lessons, #/flows, #/practice, #/exam, #/progress or #/settings.'
			};
		case 'lesson': {
			const slug = route.params.slug ?? '';
			if (ctx.lessonSlugs.has(slug)) return undefined;
			return {
				message: `Broken link: there is no lesson \`${slug}\``,
				hint: 'A lesson slug is its file name without the number and `.md`, e.g. `enhanced-flow` for `03-enhanced-flow.md`.'
			};
		}
		case 'flow': {
			const flow = findFlow(route.params.flowId ?? '');
			if (!flow) {
				return {
					message: `Broken link: there is no flow \`${route.params.flowId}\``,
					hint: 'Use a flow id from the flow catalogue in content/README.md.'
				};
			}
			const step = route.query.get('step');
			if (step !== null) {
				const n = Number(step);
				if (!/^\d+$/.test(step) || n < 1 || n > flow.steps.length) {
					return {
						message: `Broken link: \`${flow.id}\` has no step \`${step}\``,
						hint: `Steps are numbered from 1 to ${flow.steps.length} in this flow.`
					};
				}
			}
			const provider = route.query.get('provider');
			if (provider !== null && !flow.providers.some((p) => p === provider)) {
				return {
					message: `Broken link: \`${flow.id}\` cannot run with provider \`${provider}\``,
					hint: flow.providers.length
						? `Pick one of: ${flow.providers.join(', ')}.`
						: 'This flow has no identity provider; drop `provider=`.'
				};
			}
			return undefined;
		}
		case 'practice': {
			const id = route.query.get('question');
			if (id === null || ctx.questionIds.has(id)) return undefined;
			return {
				message: `Broken link: there is no question \`${id}\``,
				hint: 'Use the `id:` of a question under content/questions.'
			};
		}
		default:
			return undefined;
	}
}
