import type { FlowId } from '../flows/index.ts';
import { findFlow } from '../flows/index.ts';
import { buildLabWorld } from './build-world.ts';
import { runOnWorld, type LabRun } from './lab-run.ts';
import { labProviders, labStart, type LabProvider } from './providers.ts';
import { configWarnings, type LabWarning } from './warnings.ts';
import type { LabConfig } from './types.ts';

/**
 * One button's worth of checking: every flow for every provider the pool has, for a guest and a
 * signed-in user, each run on the simulator; then the warnings AWS's guidance gives.
 */

export interface CheckupRow {
	flowId: FlowId;
	flowTitle: string;
	/** Who: a provider's label, "Guest" or "Developer provider <name>". */
	who: string;
	providerId?: string;
	ok: boolean;
	/** 1-based step where AWS refused, with its label. */
	failedAt?: { step: number; label: string };
	error?: { name: string; message: string; explanation: string; fix: string };
	/** The role the credentials are for, when the run got credentials. */
	roleArn?: string;
	/** Why the flow was not run, e.g. SAML in the basic flow. */
	skipped?: string;
}

export interface CheckupReport {
	rows: CheckupRow[];
	warnings: LabWarning[];
	/** What the lab assumed while building the world. */
	notes: string[];
}

function roleOf(run: LabRun): string | undefined {
	for (let i = run.steps.length - 1; i >= 0; i--) {
		const step = run.steps[i];
		for (const part of [step?.request, step?.response]) {
			if (part && typeof part === 'object') {
				const arn = (part as Record<string, unknown>)['RoleArn'];
				if (typeof arn === 'string') return arn;
			}
		}
	}
	return undefined;
}

function row(run: LabRun, flowId: FlowId, who: string, providerId?: string): CheckupRow {
	const failed = run.steps.find((s) => s.error);
	return {
		flowId,
		flowTitle: findFlow(flowId)?.title ?? flowId,
		who,
		...(providerId ? { providerId } : {}),
		ok: run.outcome === 'credentials',
		...(failed?.error
			? {
					failedAt: { step: failed.index + 1, label: failed.label },
					error: {
						name: failed.error.name,
						message: failed.error.message,
						explanation: failed.error.explanation,
						fix: failed.error.fix
					}
				}
			: {}),
		...(run.outcome === 'credentials' ? { roleArn: roleOf(run) } : {})
	};
}

/** The runs a checkup makes: flow and provider for each. */
export function checkupPlan(
	config: LabConfig
): { flowId: FlowId; provider?: LabProvider; who: string; skipped?: string }[] {
	const plan: { flowId: FlowId; provider?: LabProvider; who: string; skipped?: string }[] = [];
	for (const p of labProviders(config)) {
		plan.push({ flowId: 'enhanced-authenticated', provider: p, who: p.label });
		plan.push(
			p.kind === 'saml'
				? {
						flowId: 'basic-authenticated',
						provider: p,
						who: p.label,
						skipped: 'Cognito supports SAML providers only in the enhanced flow.'
					}
				: { flowId: 'basic-authenticated', provider: p, who: p.label }
		);
	}
	plan.push({ flowId: 'enhanced-guest', who: 'Guest' }, { flowId: 'basic-guest', who: 'Guest' });
	const dev = config.pool.DeveloperProviderName;
	if (dev) {
		plan.push(
			{ flowId: 'developer-enhanced', who: `Developer provider ${dev}` },
			{ flowId: 'developer-basic', who: `Developer provider ${dev}` }
		);
	}
	return plan;
}

/** Runs the checkup: each run on a fresh world, so no run changes another. */
export async function runCheckup(config: LabConfig): Promise<CheckupReport> {
	const rows: CheckupRow[] = [];
	let notes: string[] = [];
	for (const item of checkupPlan(config)) {
		if (item.skipped) {
			rows.push({
				flowId: item.flowId,
				flowTitle: findFlow(item.flowId)?.title ?? item.flowId,
				who: item.who,
				ok: false,
				skipped: item.skipped
			});
			continue;
		}
		const lab = await buildLabWorld(config, { seed: 1, now: labStart });
		notes = lab.notes;
		const run = await runOnWorld(lab, {
			flowId: item.flowId,
			...(item.provider ? { providerId: item.provider.id } : {})
		});
		rows.push(row(run, item.flowId, item.who, item.provider?.id));
	}
	return { rows, warnings: configWarnings(config), notes: [...config.notes, ...notes] };
}
