/**
 * The step texts of `content/steps`, as the content plugin ships them (`virtual:content/steps`), and
 * how a step's words are chosen for one run: the first section whose condition holds, then in it the
 * first heading of each field whose condition holds, with its placeholders filled in.
 */

/** A text: a plain string, or literals and placeholder names taking turns (`['a ', 'provider', '.']`). */
export type ProseTemplate = string | string[];

/** A `[key=value,value key=value]` condition: every key must have one of its values. */
export type ProseWhen = Record<string, string[]>;

export type ProseFieldName = 'narration' | 'why' | 'facts' | 'examTip' | 'ambiguous';

/** One `### field [condition]` heading and its paragraphs. */
export interface ProseField {
	when?: ProseWhen;
	text: ProseTemplate[];
}

/** One `## step-id [condition]` section. */
export interface ProseSection {
	when?: ProseWhen;
	fields: Partial<Record<ProseFieldName, ProseField[]>>;
}

/** Every step's sections, in file order. */
export type StepProse = Record<string, ProseSection[]>;

/** What was chosen for one run: the section and, per field, the heading (indices into the prose). */
export interface PickedProse {
	section: number;
	fields: Partial<Record<ProseFieldName, number>>;
}

const holds = (when: ProseWhen | undefined, variant: Readonly<Record<string, string>>): boolean =>
	!when || Object.entries(when).every(([key, values]) => values.includes(variant[key] ?? ''));

/** The section and field headings that apply to a step in this variant, or undefined if none does. */
export function pickProse(
	prose: StepProse,
	stepId: string,
	variant: Readonly<Record<string, string>>
): PickedProse | undefined {
	const sections = prose[stepId] ?? [];
	const section = sections.findIndex((s) => holds(s.when, variant));
	if (section < 0) return undefined;
	const fields: PickedProse['fields'] = {};
	for (const [name, headings] of Object.entries(sections[section]!.fields)) {
		const i = headings.findIndex((f) => holds(f.when, variant));
		if (i >= 0) fields[name as ProseFieldName] = i;
	}
	return { section, fields };
}

/** A template with its placeholders filled in, or the name of the first placeholder with no value. */
export function fillTemplate(
	template: ProseTemplate,
	values: Readonly<Record<string, string | undefined>>
): { text: string } | { missing: string } {
	if (typeof template === 'string') return { text: template };
	let text = '';
	for (let i = 0; i < template.length; i++) {
		const part = template[i]!;
		if (i % 2 === 0) {
			text += part;
			continue;
		}
		const value = values[part];
		if (value === undefined) return { missing: part };
		text += value;
	}
	return { text };
}
