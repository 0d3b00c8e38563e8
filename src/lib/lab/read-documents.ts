import { parseAllDocuments, parseDocument, type CollectionTag, type ScalarTag } from 'yaml';
import { maxInputChars } from './types.ts';

/**
 * Turns pasted text into JSON values: one JSON document, several printed one after another (as when
 * several AWS CLI commands' output is pasted together), or YAML (CloudFormation's short forms such
 * as `!Ref` and `!GetAtt` become their JSON forms). Never throws; syntax errors come back with
 * their line and column.
 */

export interface ReadDocuments {
	docs: unknown[];
	/** Syntax errors, e.g. `line 3, column 5: ...`. */
	errors: string[];
}

const intrinsicNames = [
	'Ref',
	'GetAtt',
	'Sub',
	'Join',
	'If',
	'Select',
	'Split',
	'ImportValue',
	'FindInMap',
	'Base64',
	'Equals',
	'Not',
	'And',
	'Or',
	'Condition',
	'GetAZs',
	'Cidr'
];

/** YAML tags for CloudFormation's short forms, each resolving to the long JSON form. */
const cloudFormationTags: (ScalarTag | CollectionTag)[] = intrinsicNames.flatMap((name) => {
	const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
	const scalar: ScalarTag = {
		tag: `!${name}`,
		resolve: (value: string) => ({ [key]: name === 'GetAtt' ? splitGetAtt(value) : value })
	};
	const seq: CollectionTag = {
		tag: `!${name}`,
		collection: 'seq',
		resolve: (value) => ({ [key]: value.toJSON() })
	};
	const map: CollectionTag = {
		tag: `!${name}`,
		collection: 'map',
		resolve: (value) => ({ [key]: value.toJSON() })
	};
	return [scalar, seq, map];
});

function splitGetAtt(value: string): string[] {
	const dot = value.indexOf('.');
	return dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

function lineColumn(text: string, position: number): string {
	const before = text.slice(0, position);
	const line = before.split('\n').length;
	const column = position - before.lastIndexOf('\n');
	return `line ${line}, column ${column}`;
}

function jsonError(text: string, err: unknown, offset = 0): string {
	const message = err instanceof Error ? err.message : String(err);
	const at = /position (\d+)/.exec(message);
	if (!at) {
		// Node's JSON errors do not always give a position; a JSON-schema YAML parse of the same text does.
		const first = parseDocument(text, { schema: 'json' }).errors[0];
		const pos = first?.linePos?.[0];
		if (first && pos)
			return `line ${pos.line}, column ${pos.col}: ${(first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`;
	}
	const where = at ? lineColumn(text, offset + Number(at[1])) : 'JSON';
	return `${where}: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '')}`;
}

/** Where each top-level JSON value ends, for text holding several values one after another. */
function splitJsonValues(text: string): { start: number; end: number }[] | undefined {
	const parts: { start: number; end: number }[] = [];
	let depth = 0;
	let inString = false;
	let escaped = false;
	let start = -1;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (escaped) escaped = false;
			else if (c === '\\') escaped = true;
			else if (c === '"') inString = false;
			continue;
		}
		if (c === '"') inString = true;
		else if (c === '{' || c === '[') {
			if (depth === 0) start = i;
			depth++;
		} else if (c === '}' || c === ']') {
			depth--;
			if (depth < 0) return undefined;
			if (depth === 0) parts.push({ start, end: i + 1 });
		} else if (depth === 0 && !/\s/.test(c ?? '')) return undefined;
	}
	return depth === 0 && parts.length > 0 ? parts : undefined;
}

/** Reads every JSON or YAML document in the text. */
export function readDocuments(text: string): ReadDocuments {
	if (text.length > maxInputChars)
		return {
			docs: [],
			errors: [
				`The text is ${text.length} characters long; the lab reads at most ${maxInputChars}.`
			]
		};
	const trimmed = text.trim();
	if (trimmed === '') return { docs: [], errors: ['Nothing was pasted.'] };
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			return { docs: [JSON.parse(trimmed)], errors: [] };
		} catch (err) {
			const offset = text.indexOf(trimmed);
			const parts = splitJsonValues(trimmed);
			if (!parts || parts.length < 2) return { docs: [], errors: [jsonError(text, err, offset)] };
			const docs: unknown[] = [];
			for (const part of parts) {
				try {
					docs.push(JSON.parse(trimmed.slice(part.start, part.end)));
				} catch (inner) {
					return { docs: [], errors: [jsonError(text, inner, offset + part.start)] };
				}
			}
			return { docs, errors: [] };
		}
	}
	const parsed = parseAllDocuments(text, {
		customTags: cloudFormationTags,
		uniqueKeys: true
	});
	const list = Array.isArray(parsed) ? parsed : [];
	const errors: string[] = [];
	for (const doc of list) {
		for (const e of doc.errors) {
			const pos = e.linePos?.[0];
			const where = pos ? `line ${pos.line}, column ${pos.col}` : 'YAML';
			errors.push(`${where}: ${e.message.split('\n')[0] ?? e.message}`);
		}
	}
	if (errors.length > 0) return { docs: [], errors };
	const docs: unknown[] = [];
	for (const doc of list) {
		try {
			const value: unknown = doc.toJS({ maxAliasCount: 100 });
			if (value !== null && value !== undefined) docs.push(value);
		} catch (err) {
			errors.push(`YAML: ${err instanceof Error ? err.message : String(err)}`);
		}
	}
	if (docs.length === 0 && errors.length === 0)
		errors.push('The text holds no JSON or YAML value.');
	return { docs: errors.length > 0 ? [] : docs, errors };
}
