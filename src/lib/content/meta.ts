import { findFlow, providers } from '../flows/catalogue.ts';
import type { FrontMatter, FrontMatterEntry } from './front-matter.ts';
import type { Problem } from './types.ts';

/** Reads typed values out of front matter, recording a problem for each bad one. */
export class MetaReader {
	readonly problems: Problem[] = [];

	constructor(
		readonly file: string,
		readonly fm: FrontMatter,
		/** 1-based line of the opening `---`, where "missing key" problems point. */
		readonly startLine: number
	) {}

	/** Records a problem at a key's value, or at the opening `---` when the key is absent. */
	report(at: FrontMatterEntry | undefined, message: string, hint?: string): void {
		this.problems.push({
			file: this.file,
			line: at?.line ?? this.startLine,
			column: at?.column ?? 1,
			message,
			hint
		});
	}

	/** A required single value, or undefined after reporting it missing. */
	text(key: string, required = true): string | undefined {
		const e = this.fm.entries.get(key);
		if (!e || e.value === '' || (Array.isArray(e.value) && e.value.length === 0)) {
			if (required)
				this.report(e, `Missing \`${key}\``, `Add \`${key}: ...\` to the front matter.`);
			return undefined;
		}
		if (Array.isArray(e.value)) {
			this.report(e, `\`${key}\` takes one value, not a list`);
			return undefined;
		}
		return e.value;
	}

	/** A required value from a fixed set. */
	oneOf<T extends string>(key: string, allowed: readonly T[], what: string): T | undefined {
		const v = this.text(key);
		if (v === undefined) return undefined;
		if ((allowed as readonly string[]).includes(v)) return v as T;
		this.report(
			this.fm.entries.get(key),
			`Unknown ${what} \`${v}\``,
			`Use one of: ${allowed.join(', ')}.`
		);
		return undefined;
	}

	/** A required list; a single value counts as a list of one. */
	list(key: string, required = true): string[] | undefined {
		const e = this.fm.entries.get(key);
		if (!e || (Array.isArray(e.value) ? e.value.length === 0 : e.value === '')) {
			if (required) {
				this.report(e, `Missing \`${key}\``, `Add \`${key}: [...]\` with at least one item.`);
			}
			return undefined;
		}
		return Array.isArray(e.value) ? e.value : [e.value];
	}

	/** Reports keys that the format does not know, which are usually typos. */
	unknownKeys(known: readonly string[]): void {
		for (const e of this.fm.entries.values()) {
			if (!known.includes(e.key)) {
				this.report(
					{ ...e, column: 1 },
					`Unknown front-matter key \`${e.key}\``,
					`Known keys: ${known.join(', ')}.`
				);
			}
		}
	}

	/** Reads `flow`, `step` and `provider`, checking them against the flow catalogue. */
	flowRef(): { flow?: string; step?: string; provider?: string } {
		const flowE = this.fm.entries.get('flow');
		const stepE = this.fm.entries.get('step');
		const providerE = this.fm.entries.get('provider');
		const flowId = this.text('flow', false);
		const step = this.text('step', false);
		const provider = this.text('provider', false);
		if (flowId === undefined) {
			if (step !== undefined) this.report(stepE, '`step` needs a `flow`', 'Add `flow: <flow-id>`.');
			if (provider !== undefined) {
				this.report(providerE, '`provider` needs a `flow`', 'Add `flow: <flow-id>`.');
			}
			return {};
		}
		return checkFlowRef(flowId, step, provider, (which, message, hint) =>
			this.report(which === 'flow' ? flowE : which === 'step' ? stepE : providerE, message, hint)
		);
	}
}

/**
 * Checks a flow id, step id and provider against the catalogue, reporting through `report`.
 * Returns the values that are valid.
 */
export function checkFlowRef(
	flowId: string,
	step: string | undefined,
	provider: string | undefined,
	report: (which: 'flow' | 'step' | 'provider', message: string, hint: string) => void
): { flow?: string; step?: string; provider?: string } {
	const flow = findFlow(flowId);
	if (!flow) {
		report(
			'flow',
			`Unknown flow \`${flowId}\``,
			'Use a flow id from the flow catalogue in content/README.md.'
		);
		return {};
	}
	const out: { flow?: string; step?: string; provider?: string } = { flow: flow.id };
	if (step === undefined) {
		report('flow', `\`flow: ${flowId}\` needs a \`step\``, `Add one of: ${flow.steps.join(', ')}.`);
	} else if (!flow.steps.includes(step)) {
		report(
			'step',
			`The flow \`${flowId}\` has no step \`${step}\``,
			`Steps: ${flow.steps.join(', ')}.`
		);
	} else {
		out.step = step;
	}
	if (provider !== undefined) {
		if (!(provider in providers)) {
			report(
				'provider',
				`Unknown provider \`${provider}\``,
				`Use one of: ${Object.keys(providers).join(', ')}.`
			);
		} else if (!flow.providers.some((p) => p === provider)) {
			report(
				'provider',
				`The flow \`${flowId}\` cannot run with provider \`${provider}\``,
				flow.providers.length
					? `Pick one of: ${flow.providers.join(', ')}.`
					: 'This flow has no identity provider; remove `provider`.'
			);
		} else {
			out.provider = provider;
		}
	}
	return out;
}
