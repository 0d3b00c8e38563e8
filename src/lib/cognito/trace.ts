import type { AmbiguityNote } from './errors.ts';

/**
 * What happened inside AWS during an operation, reported step by step so the flow diagram can show
 * the "inside AWS" parts with their real inputs and outputs.
 */
export type TraceKind =
	| 'request'
	| 'check-signature'
	| 'response'
	| 'error'
	| 'validate-login'
	| 'server-side-token-check'
	| 'create-identity'
	| 'link-login'
	| 'merge-identities'
	| 'delete-identity'
	| 'issue-token'
	| 'choose-role'
	| 'scope-down'
	| 'assume-role'
	| 'check-trust'
	| 'issue-credentials'
	| 'authorize';

export interface TraceEvent {
	kind: TraceKind;
	/** The API operation this happened in, e.g. `GetCredentialsForIdentity`. */
	operation: string;
	service: 'cognito-identity' | 'sts' | 'iam';
	/** Simulated time, epoch ms. */
	at: number;
	ok: boolean;
	/** Inputs and outputs of this step (plain data, safe to show). */
	detail: Record<string, unknown>;
	/** Fact-sheet tags for this step. */
	factRef: string;
	ambiguous?: AmbiguityNote[];
}

export type TraceObserver = (event: TraceEvent) => void;
