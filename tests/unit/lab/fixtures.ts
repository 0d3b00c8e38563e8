import { readFileSync } from 'node:fs';
import type { LabInput } from '../../../src/lib/lab/types.ts';

/** The lab's fixture files, read as text. */
export function fixture(name: string): string {
	return readFileSync(new URL(`../../fixtures/lab/${name}`, import.meta.url), 'utf8');
}

/** A fixture as one pasted input. */
export function input(name: string, attachTo?: string): LabInput {
	return { name, text: fixture(name), ...(attachTo ? { attachTo } : {}) };
}

/** The full CLI set for the notes app pool. */
export const cliInputs = (): LabInput[] => [
	input('describe-identity-pool.json'),
	input('get-identity-pool-roles.json'),
	input('get-role-auth.json'),
	input('get-role-guest.json'),
	input('get-role-policy-guest.json'),
	input('get-role-policy-auth.json')
];

// Fixture edits reach deep into AWS's shapes; a loose type keeps each edit one readable line.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** A JSON fixture with one change applied, pasted under the fixture's name. */
export function edited(name: string, change: (doc: Loose) => void): LabInput {
	const doc: unknown = JSON.parse(fixture(name));
	change(doc);
	return { name, text: JSON.stringify(doc, null, 2) };
}
