import { flows, providers, type FlowFamily, type ProviderId } from '../flows/catalogue.ts';
import { stepVariant, type TextContext, type Variant } from '../flows/step-variant.ts';
import { defaultBreakSettings, roleMappings } from '../flows/types.ts';
import type { ContentFile } from './check.ts';
import { parseStepFile, type ParsedStepField, type ParsedStepSection } from './parse-steps.ts';
import { sortProblems } from './problems.ts';
import {
	fillTemplate,
	pickProse,
	type ProseFieldName,
	type ProseSection,
	type StepProse
} from './step-prose.ts';
import type { Problem } from './types.ts';

/** Whether a content file is a step file (`content/steps/<name>.md`). */
export const isStepFile = (path: string): boolean => /(^|\/)steps\/[^/]+\.md$/.test(path);

const required: readonly ProseFieldName[] = ['narration', 'why', 'facts'];
const allFamilies: readonly FlowFamily[] = ['enhanced', 'basic'];

/** What a step's sections and fields name: the variant keys of their conditions and placeholders. */
function mentions(sections: readonly ProseSection[]): Set<string> {
	const named = new Set<string>();
	for (const s of sections) {
		for (const k of Object.keys(s.when ?? {})) named.add(k);
		for (const fields of Object.values(s.fields))
			for (const f of fields) {
				for (const k of Object.keys(f.when ?? {})) named.add(k);
				for (const t of f.text) if (Array.isArray(t)) t.forEach((p, i) => i % 2 && named.add(p));
			}
	}
	return named;
}

/**
 * Every text context a recorder can ask for: each step of each flow, with each provider (and none)
 * for signed-in flows, and each role mapping, service verdict and Logins key given or not. A setting
 * that the step's texts never name (in a condition or as a placeholder) cannot change them, so it
 * keeps its default and the check stays quick.
 */
function* contexts(prose: StepProse): Generator<{ stepId: string; ctx: TextContext }> {
	const named = new Map<string, Set<string>>();
	for (const flow of flows) {
		const ps: (ProviderId | undefined)[] =
			flow.identity === 'signed-in'
				? [undefined, ...(Object.keys(providers) as ProviderId[])]
				: [undefined];
		for (const stepId of flow.steps) {
			let n = named.get(stepId);
			if (!n) named.set(stepId, (n = mentions(prose[stepId] ?? [])));
			const ms = n.has('mapping') ? roleMappings : roleMappings.slice(0, 1);
			const ss = n.has('service') ? [undefined, true, false] : [undefined];
			const ks = n.has('logins-key') ? [undefined, 'logins-key'] : [undefined];
			for (const provider of ps)
				for (const roleMapping of ms)
					for (const service of ss)
						for (const loginKey of ks)
							yield {
								stepId,
								ctx: {
									flowId: flow.id,
									...(provider ? { provider } : {}),
									...(loginKey ? { loginKey } : {}),
									settings: { ...defaultBreakSettings, roleMapping },
									...(service !== undefined ? { service: { label: 'S3', allowed: service } } : {})
								}
							};
		}
	}
}

/** A variant as a writer would reproduce it: the flow and the keys a flow does not imply. */
const describe = (v: Variant): string =>
	`flow=${v.flow} provider=${v.provider} mapping=${v.mapping} service=${v.service} logins-key=${v['logins-key']}`;

interface Origin {
	file: string;
	section: ParsedStepSection;
	fields: Partial<Record<ProseFieldName, ParsedStepField[]>>;
}

/**
 * Checks the step files under `content/steps` and compiles them into the data the app ships. Each
 * file is checked on its own (steps, fields, conditions, placeholders, fact tags); then every text
 * context a run can ask for is resolved, reporting steps or fields with no text, placeholders with
 * no value, and sections or headings that never apply.
 */
export function checkSteps(files: readonly ContentFile[]): {
	prose: StepProse;
	problems: Problem[];
} {
	const problems: Problem[] = [];
	const prose: StepProse = {};
	const origins = new Map<ProseSection, Origin>();
	const parsed = files
		.filter((f) => isStepFile(f.path))
		.map((f) => parseStepFile(f.path, f.source));
	for (const p of parsed) {
		problems.push(...p.problems);
		const narrowed = p.families.length > 0 && p.families.length < allFamilies.length;
		for (const s of p.sections) {
			const when = { ...s.when };
			if (narrowed)
				when.family = (when.family ?? allFamilies).filter((f) =>
					p.families.includes(f as FlowFamily)
				);
			const fields: ProseSection['fields'] = {};
			const fieldOrigins: Origin['fields'] = {};
			for (const f of s.fields) {
				(fields[f.name] ??= []).push({ ...(f.when ? { when: f.when } : {}), text: f.text });
				(fieldOrigins[f.name] ??= []).push(f);
			}
			const section: ProseSection = { ...(Object.keys(when).length ? { when } : {}), fields };
			(prose[s.step] ??= []).push(section);
			origins.set(section, { file: p.file, section: s, fields: fieldOrigins });
		}
	}

	const once = new Map<string, Problem>();
	const report = (key: string, p: Problem) => {
		if (!once.has(key)) once.set(key, p);
	};
	const usedSections = new Set<ProseSection>();
	const usedFields = new Set<ParsedStepField>();
	const fileFor = (family: string) =>
		parsed.find((p) => p.families.includes(family as FlowFamily))?.file ??
		parsed[0]?.file ??
		'content/steps';
	for (const { stepId, ctx } of contexts(prose)) {
		const { variant, values } = stepVariant(ctx);
		const picked = pickProse(prose, stepId, variant);
		if (!picked) {
			const file = fileFor(variant.family);
			report(`step ${stepId} ${file}`, {
				file,
				line: 1,
				column: 1,
				message: `No text for step \`${stepId}\` when ${describe(variant)}`,
				hint: `Add a \`## ${stepId}\` section, or one whose condition covers this case.`
			});
			continue;
		}
		const section = prose[stepId]![picked.section]!;
		const origin = origins.get(section)!;
		usedSections.add(section);
		for (const name of required) {
			if (picked.fields[name] !== undefined) continue;
			report(`field ${origin.file} ${origin.section.line} ${name}`, {
				file: origin.file,
				line: origin.section.line,
				column: 1,
				message: `\`## ${origin.section.heading}\` has no \`### ${name}\` when ${describe(variant)}`,
				hint: `Add a \`### ${name}\` heading with no condition, or one that covers this case.`
			});
		}
		for (const [name, index] of Object.entries(picked.fields)) {
			const f = origin.fields[name as ProseFieldName]![index]!;
			usedFields.add(f);
			f.text.forEach((t, i) => {
				const filled = fillTemplate(t, values);
				if (!('missing' in filled)) return;
				const at = f.placeholders[i]!.find((p) => p.name === filled.missing)!;
				report(`value ${origin.file} ${at.line} ${at.column}`, {
					file: origin.file,
					line: at.line,
					column: at.column,
					message: `\`{${filled.missing}}\` has no value when ${describe(variant)}`,
					hint: 'Give that case a heading of its own, e.g. `[service=none]` or `[logins-key=none]`.'
				});
			});
		}
	}
	for (const [section, origin] of origins) {
		const s = origin.section;
		if (!usedSections.has(section)) {
			report(`unused ${origin.file} ${s.line}`, {
				file: origin.file,
				line: s.line,
				column: 1,
				message: `\`## ${s.heading}\` never applies`,
				hint: 'An earlier section for this step always applies first, or no flow of this file’s families matches its condition.'
			});
			continue;
		}
		for (const f of s.fields) {
			if (usedFields.has(f)) continue;
			report(`unused ${origin.file} ${f.line}`, {
				file: origin.file,
				line: f.line,
				column: 1,
				message: `\`### ${f.heading}\` of \`## ${s.heading}\` never applies`,
				hint: 'An earlier heading of this field always applies first, or no run matches its condition.'
			});
		}
	}
	problems.push(...once.values());
	return { prose, problems: sortProblems(problems) };
}
