/**
 * What the inspector shows for a step: its request and response as JSON with AWS's field names,
 * the JWTs and credentials inside them, and the short texts for the live region and the
 * reduced-motion "what changed" list.
 */
import { lanes } from '../flows/catalogue.ts';
import type { FlowRun, FlowStep } from '../flows/types.ts';
import { decodeJwt, looksLikeJwt, type DecodedJwt } from './jwt.ts';
import { toEpochMs } from './claims.ts';
import { plainText } from './inline-code.ts';

export interface FoundToken {
	/** Where it was found, e.g. `request.Logins["accounts.google.com"]`. */
	path: string;
	decoded: DecodedJwt;
}

export interface FoundCredentials {
	path: string;
	accessKeyId: string;
	/** Cognito names the secret `SecretKey`; STS names it `SecretAccessKey`. */
	secretField: 'SecretKey' | 'SecretAccessKey';
	secret: string;
	sessionToken: string;
	expiration: number | null;
	/** The credentials object as AWS returned it, for copying. */
	raw: Record<string, unknown>;
}

/** JSON for display: two-space indent, Dates as ISO strings, undefined fields left out. */
export function formatJson(value: unknown): string {
	return JSON.stringify(value, null, 2) ?? 'undefined';
}

function childPath(path: string, key: string | number): string {
	if (typeof key === 'number') return `${path}[${key}]`;
	return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function walk(value: unknown, path: string, visit: (v: unknown, path: string) => void): void {
	visit(value, path);
	if (Array.isArray(value)) value.forEach((v, i) => walk(v, childPath(path, i), visit));
	else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
		for (const [k, v] of Object.entries(value)) walk(v, childPath(path, k), visit);
	}
}

/** Every JWT (or broken remains of one) in a step's request and response, decoded. */
export function findTokens(step: Pick<FlowStep, 'request' | 'response'>): FoundToken[] {
	const found: FoundToken[] = [];
	const visit = (v: unknown, path: string) => {
		if (typeof v === 'string' && looksLikeJwt(v)) found.push({ path, decoded: decodeJwt(v) });
	};
	walk(step.request, 'request', visit);
	walk(step.response, 'response', visit);
	return found;
}

/** Every set of AWS credentials in a step's response. */
export function findCredentials(step: Pick<FlowStep, 'response'>): FoundCredentials[] {
	const found: FoundCredentials[] = [];
	walk(step.response, 'response', (v, path) => {
		if (typeof v !== 'object' || v === null || Array.isArray(v)) return;
		const o = v as Record<string, unknown>;
		if (typeof o.AccessKeyId !== 'string') return;
		const secretField = typeof o.SecretKey === 'string' ? 'SecretKey' : 'SecretAccessKey';
		found.push({
			path,
			accessKeyId: o.AccessKeyId,
			secretField,
			secret: String(o[secretField] ?? ''),
			sessionToken: String(o.SessionToken ?? ''),
			expiration: toEpochMs(o.Expiration),
			raw: o
		});
	});
	return found;
}

/** The live-region sentence for a step, e.g. "Step 3 of 9: Cognito checks the token." */
export function announceStep(run: FlowRun, index: number): string {
	const step = run.steps[index];
	if (!step) return '';
	const failed = step.error ? ` Failed: ${step.error.name}.` : '';
	return `Step ${index + 1} of ${run.steps.length}: ${plainText(step.narration)}${failed}`;
}

function fieldNames(value: unknown): string[] {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? Object.keys(value)
		: [];
}

/** The short list shown instead of animation: what this step added to the picture. */
export function whatChanged(run: FlowRun, index: number): string[] {
	const step = run.steps[index];
	if (!step) return [];
	const from = lanes[step.from].label;
	const to = lanes[step.to].label;
	const items: string[] = [];
	if (step.from === step.to) items.push(`Note ${index + 1} on ${from}: ${step.label}`);
	else {
		const where = step.insideAws ? ' (inside AWS)' : step.signed ? ' (SigV4-signed)' : '';
		items.push(`Arrow ${index + 1}: ${from} to ${to}, ${step.label}${where}`);
	}
	const req = fieldNames(step.request);
	if (req.length) items.push(`Request fields: ${req.join(', ')}`);
	const res = fieldNames(step.response);
	if (res.length) items.push(`Response fields: ${res.join(', ')}`);
	for (const c of findCredentials(step)) {
		items.push(`Credentials issued (${c.accessKeyId})`);
	}
	if (step.error) items.push(`Failed: ${step.error.name}: ${step.error.message}`);
	if (step.decision) {
		items.push(
			`${step.decision.allowed ? 'Allowed' : 'Denied'}: ${step.decision.action} on ${step.decision.resource}`
		);
	}
	return items;
}
