import {
	findFlow,
	flows,
	providers as providerTable,
	type FlowId,
	type FlowInfo,
	type ProviderId
} from './catalogue.ts';
import { breakOptions } from './break-options.ts';
import { defaultBreakSettings, type BreakSettings } from './types.ts';

/**
 * Deep links to a flow at a step with its "break it" settings, as hash-route query parameters
 * (`#/flows/basic-guest?step=3&guest=off`). Decoding never throws: a link pasted from anywhere
 * opens something sensible, and what was ignored is listed in `problems`. Settings that do not
 * apply to the flow are kept (the runner ignores them), so switching flows keeps the user's choices.
 */

export interface FlowLink {
	flowId: FlowId;
	/** 0-based step index; the URL carries it 1-based. */
	step: number;
	provider?: ProviderId;
	settings: BreakSettings;
	/** A second flow shown side by side. */
	compare?: FlowId;
	/** The second flow's identity provider, when it differs from the first's (two providers, one flow). */
	compareProvider?: ProviderId;
}

export interface DecodedFlowLink {
	link: FlowLink;
	/** One sentence per parameter that was unknown or invalid and fell back to its default. */
	problems: string[];
}

const defaultFlow: FlowId = 'enhanced-authenticated';

const toggleWords: Record<string, boolean> = {
	on: true,
	off: false,
	'1': true,
	'0': false,
	true: true,
	false: false,
	yes: true,
	no: false
};

/** Extra spellings accepted for choice values, so hand-written links still work. */
const choiceAliases: Record<string, Record<string, string>> = {
	trust: { none: 'no-conditions' },
	mapping: { rules_deny: 'rules-no-match-deny', rules_default: 'rules-no-match-default' }
};

/** Turns a link into query parameters, leaving out everything that equals its default. */
export function encodeFlowLink(link: FlowLink): URLSearchParams {
	const params = new URLSearchParams();
	if (link.step > 0) params.set('step', String(link.step + 1));
	if (link.provider) params.set('provider', link.provider);
	for (const option of breakOptions) {
		if (option.key === 'provider') continue;
		const value = link.settings[option.key];
		if (value === defaultBreakSettings[option.key]) continue;
		if (option.kind === 'toggle') {
			const defaultOn = defaultBreakSettings[option.key] === true;
			params.set(option.param, defaultOn ? (value ? 'on' : 'off') : value ? '1' : '0');
		} else {
			params.set(option.param, String(value));
		}
	}
	if (link.compare) params.set('compare', link.compare);
	if (link.compare && link.compareProvider) params.set('compareProvider', link.compareProvider);
	return params;
}

/** The flows a flow can be compared with: every other flow, and itself when it has several providers. */
export function comparePartners(flowId: FlowId): FlowInfo[] {
	return flows.filter((f) => f.id !== flowId || f.providers.length > 1);
}

/**
 * The link with a new compare partner (or none). The same flow is worth comparing only under
 * another provider: without one, it takes the first provider that differs from the link's own. A
 * provider the partner cannot use is dropped.
 */
export function withPartner(
	link: FlowLink,
	partner: FlowId | undefined,
	partnerProvider?: ProviderId
): FlowLink {
	const next: FlowLink = { ...link };
	delete next.compare;
	delete next.compareProvider;
	const other = partner ? findFlow(partner) : undefined;
	if (!other) return next;
	const own = ownProvider(link);
	let provider =
		partnerProvider && other.providers.includes(partnerProvider) ? partnerProvider : undefined;
	if (other.id === link.flowId) {
		provider ??= other.providers.find((p) => p !== own);
		if (!provider || provider === own) return next;
	}
	next.compare = other.id;
	if (provider) next.compareProvider = provider;
	return next;
}

/** The provider a link runs with: the one it names, or the user pool for a flow with providers. */
function ownProvider(link: FlowLink): ProviderId | undefined {
	const flow = findFlow(link.flowId);
	if (!flow || flow.providers.length === 0) return undefined;
	return link.provider && flow.providers.includes(link.provider) ? link.provider : 'userpool';
}

/** The hash route for a link, e.g. `#/flows/basic-guest?step=3&guest=off`. */
export function flowLinkHash(link: FlowLink): string {
	const query = encodeFlowLink(link).toString();
	return `#/flows/${link.flowId}${query ? `?${query}` : ''}`;
}

/** Reads a link from a flow id (from the route) and query parameters; total, never throws. */
export function decodeFlowLink(flowId: string, params: URLSearchParams): DecodedFlowLink {
	const problems: string[] = [];
	const flow = findFlow(flowId);
	if (!flow) problems.push(`Unknown flow "${flowId}"; showing ${defaultFlow}.`);
	const id: FlowId = flow?.id ?? defaultFlow;
	const steps = flow?.steps ?? findFlow(defaultFlow)?.steps ?? [];

	const known = new Set([
		'step',
		'provider',
		'compare',
		'compareProvider',
		...breakOptions.map((o) => o.param)
	]);
	for (const name of new Set(params.keys())) {
		if (!known.has(name)) problems.push(`Unknown parameter "${name}" was ignored.`);
	}

	const step = decodeStep(params.get('step'), steps, problems);

	let provider: ProviderId | undefined;
	const rawProvider = params.get('provider');
	const supported = flow?.providers ?? [];
	if (rawProvider !== null) {
		if (!Object.hasOwn(providerTable, rawProvider)) {
			problems.push(`Unknown provider "${rawProvider}"; using the default.`);
		} else if (supported.length > 0 && !supported.includes(rawProvider as ProviderId)) {
			problems.push(`Provider "${rawProvider}" does not apply to ${id}.`);
		} else {
			provider = rawProvider as ProviderId;
		}
	}

	const settings: BreakSettings = { ...defaultBreakSettings };
	const writable = settings as unknown as Record<string, unknown>;
	for (const option of breakOptions) {
		if (option.key === 'provider') continue;
		const raw = params.get(option.param);
		if (raw === null) continue;
		if (option.kind === 'toggle') {
			const word = raw.toLowerCase();
			const value = Object.hasOwn(toggleWords, word) ? toggleWords[word] : undefined;
			if (value === undefined) problems.push(`"${option.param}=${raw}" is not on or off; ignored.`);
			else writable[option.key] = value;
		} else {
			const aliases = choiceAliases[option.param] ?? {};
			const value = Object.hasOwn(aliases, raw) ? aliases[raw] : raw;
			if (option.choices?.some((c) => c.value === value)) writable[option.key] = value;
			else problems.push(`"${option.param}=${raw}" is not a known choice; ignored.`);
		}
	}

	let compare: FlowId | undefined;
	let compareProvider: ProviderId | undefined;
	const rawCompare = params.get('compare');
	const rawCompareProvider = params.get('compareProvider');
	if (rawCompare !== null) {
		const other = findFlow(rawCompare);
		if (!other) problems.push(`Unknown flow "${rawCompare}" to compare with; ignored.`);
		else {
			if (rawCompareProvider !== null) {
				if (other.providers.includes(rawCompareProvider as ProviderId))
					compareProvider = rawCompareProvider as ProviderId;
				else
					problems.push(
						`Provider "${rawCompareProvider}" does not apply to ${other.id}; using the default.`
					);
			}
			const own = provider ?? (supported.length > 0 ? 'userpool' : undefined);
			if (other.id !== id) compare = other.id;
			else if (compareProvider && compareProvider !== own) compare = other.id;
			else problems.push('A flow cannot be compared with itself; ignored.');
		}
	} else if (rawCompareProvider !== null) {
		problems.push('"compareProvider" needs a flow to compare with; ignored.');
	}
	if (!compare) compareProvider = undefined;

	const link: FlowLink = {
		flowId: id,
		step,
		...(provider ? { provider } : {}),
		settings,
		...(compare ? { compare } : {}),
		...(compareProvider ? { compareProvider } : {})
	};
	return { link, problems };
}

/** A step given as a 1-based number or as a step id; anything else is the first step. */
function decodeStep(raw: string | null, steps: readonly string[], problems: string[]): number {
	if (raw === null || raw === '') return 0;
	if (/^\d+$/.test(raw)) {
		const n = Number(raw);
		if (n >= 1 && n <= steps.length) return n - 1;
		problems.push(`Step ${raw} is outside 1-${steps.length}; showing step 1.`);
		return 0;
	}
	const byId = steps.indexOf(raw);
	if (byId >= 0) return byId;
	problems.push(`Unknown step "${raw}"; showing step 1.`);
	return 0;
}
