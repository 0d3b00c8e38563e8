import {
	findFlow,
	flows,
	providers as providerTable,
	type FlowId,
	type ProviderId
} from './catalogue.ts';
import {
	fillTemplate,
	pickProse,
	type ProseFieldName,
	type StepProse
} from '../content/step-prose.ts';
import { roleMappings, type BreakSettings } from './types.ts';

/**
 * What a step's text may depend on. The step files under `content/steps` hold the words; this
 * module decides which of their variants applies to a run (the variant keys) and what their
 * placeholders stand for, so a writer never restates a decision the code makes.
 */

/** What a step says: the narration, why it happens, its fact-sheet tags and an exam tip. */
export interface StepText {
	narration: string;
	why: string;
	factRef: string;
	examTip?: string;
	ambiguous?: string[];
}

/** What the recorder knows when it asks for a step's text. */
export interface TextContext {
	flowId: FlowId;
	provider?: ProviderId;
	/** The Logins key the app uses, when it sends one. */
	loginKey?: string;
	settings: BreakSettings;
	/** For call-service: what was called and whether the policy allowed it. */
	service?: { label: string; allowed: boolean };
}

export type VariantKey =
	'flow' | 'family' | 'identity' | 'provider' | 'mapping' | 'service' | 'logins-key';

/** Each variant key a step file may name in `[key=value]`, with the values it can take. */
export const variantKeys: Record<VariantKey, readonly string[]> = {
	flow: flows.map((f) => f.id),
	family: ['enhanced', 'basic'],
	identity: ['signed-in', 'guest', 'developer'],
	provider: ['none', ...Object.keys(providerTable)],
	mapping: roleMappings,
	service: ['none', 'allowed', 'denied'],
	'logins-key': ['none', 'given']
};

/** The value of every variant key for one step of one run. */
export type Variant = Record<VariantKey, string>;

/** The placeholders a step text may use, and what each stands for. */
export const placeholderNames = ['provider', 'logins-key', 'service', 'amr'] as const;

export type Placeholders = Partial<Record<(typeof placeholderNames)[number], string>>;

/** The variant and placeholder values for a step of the run described by `ctx`. */
export function stepVariant(ctx: TextContext): { variant: Variant; values: Placeholders } {
	const flow = findFlow(ctx.flowId);
	if (!flow) throw new Error(`Unknown flow ${ctx.flowId}`);
	return {
		variant: {
			flow: flow.id,
			family: flow.family,
			identity: flow.identity,
			provider: ctx.provider ?? 'none',
			mapping: ctx.settings.roleMapping,
			service: ctx.service ? (ctx.service.allowed ? 'allowed' : 'denied') : 'none',
			'logins-key': ctx.loginKey ? 'given' : 'none'
		},
		values: {
			// Without a provider a signed-in flow signs in with the user pool, the catalogue's default.
			provider: providerTable[ctx.provider ?? 'userpool'].label,
			...(ctx.loginKey ? { 'logins-key': ctx.loginKey } : {}),
			...(ctx.service ? { service: ctx.service.label } : {}),
			// The amr value the trust policy matches for this identity (fact sheet 4).
			amr: flow.identity === 'guest' ? 'unauthenticated' : 'authenticated'
		}
	};
}

/** The text of a step for the run described by `ctx`, from the step files' compiled prose. */
export function stepTextFrom(prose: StepProse, stepId: string, ctx: TextContext): StepText {
	const { variant, values } = stepVariant(ctx);
	const picked = pickProse(prose, stepId, variant);
	const section = picked && prose[stepId]![picked.section]!;
	const texts = (name: ProseFieldName): string[] | undefined => {
		const i = picked?.fields[name];
		if (i === undefined || !section) return undefined;
		return section.fields[name]![i]!.text.map((t) => {
			const filled = fillTemplate(t, values);
			if ('missing' in filled)
				throw new Error(`No value for {${filled.missing}} in step ${stepId}`);
			return filled.text;
		});
	};
	const [narration] = texts('narration') ?? [];
	const [why] = texts('why') ?? [];
	const [factRef] = texts('facts') ?? [];
	if (narration === undefined || why === undefined || factRef === undefined)
		throw new Error(`No text for step ${stepId}`);
	const [examTip] = texts('examTip') ?? [];
	const ambiguous = texts('ambiguous');
	return {
		narration,
		why,
		factRef,
		...(examTip ? { examTip } : {}),
		...(ambiguous ? { ambiguous } : {})
	};
}
