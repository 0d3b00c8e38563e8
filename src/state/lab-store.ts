import type { IDBPDatabase } from 'idb';
import { maxInputChars, type LabInput } from '../lib/lab/types.ts';

/**
 * The lab's configuration on this device: what the user pasted and the answers they gave, in
 * IndexedDB next to the learner's other data, and as a file they can export and import. What is
 * read back is checked and size-limited like anything pasted.
 */

export interface StoredLab {
	inputs: LabInput[];
	answers: Record<string, string>;
}

export const fileFormat = 'identity-pool-lab/your-pool';
export const maxInputs = 20;

const dbName = 'ipl-lab';
const storeName = 'lab';
const key = 'current';

/** Checks a stored or imported value; returns the problems, or the value in a clean shape. */
export function readStoredLab(value: unknown): { lab?: StoredLab; problems: string[] } {
	const problems: string[] = [];
	if (typeof value !== 'object' || value === null)
		return { problems: ['The file is not a saved lab configuration.'] };
	const v = value as Record<string, unknown>;
	if (v['format'] !== undefined && v['format'] !== fileFormat)
		problems.push(`format: must be ${fileFormat}`);
	const inputs = v['inputs'];
	if (!Array.isArray(inputs)) return { problems: [...problems, 'inputs: must be a list'] };
	if (inputs.length > maxInputs)
		problems.push(`inputs: has ${inputs.length} items; at most ${maxInputs}`);
	const clean: LabInput[] = [];
	inputs.slice(0, maxInputs).forEach((item, i) => {
		const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
		if (typeof o['name'] !== 'string' || typeof o['text'] !== 'string') {
			problems.push(`inputs[${i}]: needs a name and a text`);
			return;
		}
		if (o['text'].length > maxInputChars) {
			problems.push(`inputs[${i}].text: longer than ${maxInputChars} characters`);
			return;
		}
		clean.push({
			name: o['name'].slice(0, 200),
			text: o['text'],
			...(typeof o['attachTo'] === 'string' ? { attachTo: o['attachTo'].slice(0, 64) } : {})
		});
	});
	const answers: Record<string, string> = {};
	const a = v['answers'];
	if (a !== undefined && (typeof a !== 'object' || a === null || Array.isArray(a)))
		problems.push('answers: must be an object');
	else
		for (const [k, val] of Object.entries((a ?? {}) as Record<string, unknown>).slice(0, 200))
			if (typeof val === 'string') answers[k.slice(0, 300)] = val.slice(0, 2048);
	return problems.length > 0 ? { problems } : { lab: { inputs: clean, answers }, problems };
}

/** The export file's text. */
export function exportText(lab: StoredLab): string {
	return JSON.stringify({ format: fileFormat, version: 1, ...lab }, null, 2);
}

let db: Promise<IDBPDatabase | undefined> | undefined;

function open(): Promise<IDBPDatabase | undefined> {
	db ??= (async () => {
		if (typeof indexedDB === 'undefined') return undefined;
		try {
			const { openDB } = await import('idb');
			return await openDB(dbName, 1, {
				upgrade(d) {
					d.createObjectStore(storeName);
				}
			});
		} catch {
			return undefined;
		}
	})();
	return db;
}

/** The configuration saved on this device, if any. */
export async function loadLab(): Promise<StoredLab | undefined> {
	const d = await open();
	if (!d) return undefined;
	try {
		return readStoredLab(await d.get(storeName, key)).lab;
	} catch {
		return undefined;
	}
}

/** Saves the configuration on this device (or removes it when there is nothing to keep). */
export async function saveLab(lab: StoredLab): Promise<boolean> {
	const d = await open();
	if (!d) return false;
	try {
		if (lab.inputs.length === 0) await d.delete(storeName, key);
		else await d.put(storeName, structuredClone(lab), key);
		return true;
	} catch {
		return false;
	}
}
