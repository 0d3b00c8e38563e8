import { findFlow } from './catalogue.ts';
import type { FlowRun, FlowStep } from './types.ts';

/**
 * Side-by-side comparison of two runs: the differences an exam question turns on (who picks the role,
 * who calls STS, SecretKey vs SecretAccessKey, lifetimes, the guest scope-down policy), each read
 * from the runs' real steps, and an alignment so one cursor moves both diagrams.
 */

export type DifferenceKey =
	'app-calls' | 'role-chooser' | 'sts-caller' | 'credential-fields' | 'lifetime' | 'scope-down';

export interface Difference {
	key: DifferenceKey;
	label: string;
	a: string;
	b: string;
	same: boolean;
	/** Step ids to highlight in each run. */
	stepsA: string[];
	stepsB: string[];
}

/** One row of the shared cursor: the same step id in both runs, or a step only one run has. */
export interface AlignedRow {
	id: string;
	a?: number;
	b?: number;
}

export interface RunComparison {
	differences: Difference[];
	alignment: AlignedRow[];
}

const notReached = 'not reached (the run failed earlier)';

interface Fact {
	value: string;
	steps: string[];
	/** What `same` compares, when not the whole value (the app-call count, not the call names). */
	basis?: string;
}

/** Calls the app itself sends to Cognito or STS (sign-in and the service call are the same everywhere). */
function appCalls(run: FlowRun): Fact {
	const calls = run.steps.filter(
		(s) => s.kind === 'call' && s.from === 'app' && (s.to === 'cognito' || s.to === 'sts')
	);
	const names = calls.map((s) => s.label).join(', ');
	return {
		value: `${calls.length}${names ? ` (${names})` : ''}`,
		steps: calls.map((s) => s.id),
		basis: String(calls.length)
	};
}

function roleChooser(run: FlowRun): Fact {
	const choose = run.steps.find((s) => s.id === 'choose-role');
	// Developer-authenticated identities always get the default authenticated role (API-GCFI).
	if (choose && findFlow(run.flowId)?.identity === 'developer')
		return { value: 'Cognito: the pool’s default authenticated role', steps: [choose.id] };
	if (choose)
		return { value: 'Cognito, from the pool’s roles and role mappings', steps: [choose.id] };
	const assume = run.steps.find((s) => s.id === 'assume-role');
	if (assume) return { value: 'Your app, by the RoleArn it sends to STS', steps: [assume.id] };
	return { value: notReached, steps: [] };
}

function stsCaller(run: FlowRun): Fact {
	const assume = run.steps.find((s) => s.id === 'assume-role');
	if (!assume) return { value: notReached, steps: [] };
	const who = assume.from === 'cognito' ? 'Cognito, inside AWS' : 'Your app';
	return { value: who, steps: [assume.id] };
}

function credentialsOf(step: FlowStep | undefined): Record<string, unknown> | undefined {
	const response = step?.response as { Credentials?: Record<string, unknown> } | undefined;
	return response?.Credentials;
}

function credentialFields(run: FlowRun): Fact {
	const step = run.steps.find((s) => s.id === 'return-credentials' && !s.error);
	const creds = credentialsOf(step);
	if (!step || !creds) return { value: notReached, steps: [] };
	return { value: Object.keys(creds).join(', '), steps: [step.id] };
}

function lifetime(run: FlowRun): Fact {
	const step = run.steps.find((s) => s.id === 'return-credentials' && !s.error);
	const expiration = credentialsOf(step)?.Expiration;
	if (!step || expiration === undefined) return { value: notReached, steps: [] };
	const ends = expiration instanceof Date ? expiration.getTime() : Date.parse(String(expiration));
	const seconds = Math.round((ends - step.at) / 1000);
	return { value: formatDuration(seconds), steps: [step.id] };
}

/** 3600 → "1 hour", 900 → "15 minutes". */
export function formatDuration(seconds: number): string {
	if (seconds % 3600 === 0) {
		const h = seconds / 3600;
		return `${h} hour${h === 1 ? '' : 's'}`;
	}
	if (seconds % 60 === 0) {
		const m = seconds / 60;
		return `${m} minute${m === 1 ? '' : 's'}`;
	}
	return `${seconds} seconds`;
}

function scopeDown(run: FlowRun): Fact {
	const assume = run.steps.find((s) => s.id === 'assume-role');
	if (!assume) return { value: notReached, steps: [] };
	const request = assume.request as { Policy?: unknown; PolicyArns?: unknown[] } | undefined;
	const applied = request?.Policy !== undefined || (request?.PolicyArns?.length ?? 0) > 0;
	return {
		value: applied ? 'Yes: Cognito adds its guest session policy' : 'No',
		steps: applied ? [assume.id] : []
	};
}

const facts: readonly { key: DifferenceKey; label: string; read: (run: FlowRun) => Fact }[] = [
	{ key: 'app-calls', label: 'Calls the app makes to Cognito and STS', read: appCalls },
	{ key: 'role-chooser', label: 'Who chooses the role', read: roleChooser },
	{ key: 'sts-caller', label: 'Who calls STS', read: stsCaller },
	{ key: 'credential-fields', label: 'Credential field names', read: credentialFields },
	{ key: 'lifetime', label: 'Credential lifetime', read: lifetime },
	{ key: 'scope-down', label: 'Guest scope-down session policy', read: scopeDown }
];

/** Lines up two step lists by step id (longest common subsequence), keeping each run's order. */
export function alignSteps(a: readonly string[], b: readonly string[]): AlignedRow[] {
	const n = a.length;
	const m = b.length;
	const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			const row = lcs[i] as number[];
			row[j] =
				a[i] === b[j]
					? (lcs[i + 1]?.[j + 1] ?? 0) + 1
					: Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
		}
	}
	const rows: AlignedRow[] = [];
	let i = 0;
	let j = 0;
	while (i < n || j < m) {
		const ai = a[i];
		const bj = b[j];
		if (ai !== undefined && ai === bj) {
			rows.push({ id: ai, a: i++, b: j++ });
		} else if (
			bj === undefined ||
			(ai !== undefined && (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))
		) {
			rows.push({ id: ai as string, a: i++ });
		} else {
			rows.push({ id: bj, b: j++ });
		}
	}
	return rows;
}

/** The differences between two runs and the alignment of their steps. */
export function compareRuns(a: FlowRun, b: FlowRun): RunComparison {
	const differences = facts.map(({ key, label, read }) => {
		const fa = read(a);
		const fb = read(b);
		return {
			key,
			label,
			a: fa.value,
			b: fb.value,
			same: (fa.basis ?? fa.value) === (fb.basis ?? fb.value),
			stepsA: fa.steps,
			stepsB: fb.steps
		};
	});
	return {
		differences,
		alignment: alignSteps(
			a.steps.map((s) => s.id),
			b.steps.map((s) => s.id)
		)
	};
}

/** The step indices to show in each run for a row of the shared cursor: the nearest earlier step when a run lacks that row. */
export function cursorAt(
	alignment: readonly AlignedRow[],
	row: number
): { a: number | undefined; b: number | undefined } {
	let a: number | undefined;
	let b: number | undefined;
	for (let r = 0; r <= row && r < alignment.length; r++) {
		const entry = alignment[r];
		if (entry?.a !== undefined) a = entry.a;
		if (entry?.b !== undefined) b = entry.b;
	}
	return { a, b };
}
