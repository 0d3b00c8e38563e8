import type { Question } from '../content/types.ts';
import type { ExamAttempt } from './exam.ts';
import type { MetaRecord } from './progress-db.ts';
import { problemOf } from './progress-db.ts';
import type { AnswerRecord, CardRecord } from './records.ts';

/** Everything a learner's progress is made of, as it goes into an export file. */
export interface ProgressSnapshot {
	answers: AnswerRecord[];
	cards: CardRecord[];
	attempts: ExamAttempt[];
	meta: MetaRecord[];
	/** Theme and motion, from this device's settings. */
	settings: Record<string, unknown>;
	decks: { name: string; importedAt: number; questions: Question[] }[];
}

export const exportFormat = 'identity-pool-lab-progress';
export const exportVersion = 1;
/** Larger files are refused before they are read. */
export const maxImportBytes = 50_000_000;

export interface ExportFile {
	format: typeof exportFormat;
	version: number;
	exportedAt: string;
	/** `sha256:` and the hex digest of the canonical JSON of `data`. */
	checksum: string;
	data: ProgressSnapshot;
}

/** JSON with object keys sorted, so the same data always gives the same text and checksum. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
	if (value && typeof value === 'object') {
		const keys = Object.keys(value)
			.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
			.sort();
		return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

export async function sha256Hex(text: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const byKey =
	<T>(key: (x: T) => string) =>
	(a: T, b: T) =>
		key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** The snapshot in a fixed order, so equal progress compares equal. */
export function normalize(s: ProgressSnapshot): ProgressSnapshot {
	return {
		answers: [...s.answers].sort(byKey((a) => a.id)),
		cards: [...s.cards].sort(byKey((c) => c.concept)),
		attempts: [...s.attempts].sort(byKey((a) => a.id)),
		meta: [...s.meta].sort(byKey((m) => m.key)),
		settings: { ...s.settings },
		decks: [...s.decks].sort(byKey((d) => d.name))
	};
}

/** The export file's text. */
export async function exportProgress(s: ProgressSnapshot, now: Date): Promise<string> {
	const data = JSON.parse(canonicalJson(normalize(s))) as ProgressSnapshot;
	const file: ExportFile = {
		format: exportFormat,
		version: exportVersion,
		exportedAt: now.toISOString(),
		checksum: `sha256:${await sha256Hex(canonicalJson(data))}`,
		data
	};
	return JSON.stringify(file, null, 1);
}

export type ReadResult = { ok: true; data: ProgressSnapshot } | { ok: false; reason: string };

function isObject(x: unknown): x is Record<string, unknown> {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function deckProblem(d: unknown): string {
	if (!isObject(d) || typeof d.name !== 'string' || !d.name) return 'has no name';
	if (typeof d.importedAt !== 'number') return 'has no import time';
	if (!Array.isArray(d.questions) || !d.questions.every(questionShape))
		return 'has a broken question';
	return '';
}

function questionShape(q: unknown): boolean {
	return (
		isObject(q) &&
		typeof q.id === 'string' &&
		typeof q.stem === 'string' &&
		Array.isArray(q.options) &&
		q.options.every(
			(o) => isObject(o) && typeof o.html === 'string' && typeof o.correct === 'boolean'
		)
	);
}

/**
 * Reads an export file: refuses anything that is not ours, cut short, edited (checksum), from a
 * newer version, or holding a record that fails its check, each with the reason. Nothing is stored here.
 */
export async function readExport(text: string): Promise<ReadResult> {
	if (text.length > maxImportBytes)
		return { ok: false, reason: `The file is larger than ${maxImportBytes / 1_000_000} MB.` };
	let file: unknown;
	try {
		file = JSON.parse(text);
	} catch {
		return {
			ok: false,
			reason: 'The file is not complete JSON: it may be cut short, or not an export of this app.'
		};
	}
	if (!isObject(file) || file.format !== exportFormat)
		return { ok: false, reason: 'This is not a progress export of Identity Pool Lab.' };
	if (typeof file.version !== 'number' || !Number.isInteger(file.version) || file.version < 1)
		return { ok: false, reason: 'The file has no valid format version.' };
	if (file.version > exportVersion)
		return {
			ok: false,
			reason: `The file was made by a newer version of the app (format ${file.version}; this one reads up to ${exportVersion}). Update the app first.`
		};
	if (!isObject(file.data) || typeof file.checksum !== 'string')
		return { ok: false, reason: 'The file has no data or no checksum.' };
	const sum = `sha256:${await sha256Hex(canonicalJson(file.data))}`;
	if (sum !== file.checksum)
		return {
			ok: false,
			reason: 'The checksum does not match: the file was changed or damaged after it was exported.'
		};
	const d = file.data;
	for (const store of ['answers', 'cards', 'attempts', 'meta'] as const) {
		if (!Array.isArray(d[store])) return { ok: false, reason: `data.${store} is not a list.` };
		for (const [i, r] of (d[store] as unknown[]).entries()) {
			const p = problemOf[store]!(r);
			if (p) return { ok: false, reason: `data.${store}[${i}]: ${p}.` };
		}
	}
	if (!isObject(d.settings)) return { ok: false, reason: 'data.settings is not an object.' };
	if (!Array.isArray(d.decks)) return { ok: false, reason: 'data.decks is not a list.' };
	for (const [i, deck] of d.decks.entries()) {
		const p = deckProblem(deck);
		if (p) return { ok: false, reason: `data.decks[${i}] ${p}.` };
	}
	return { ok: true, data: d as unknown as ProgressSnapshot };
}

/**
 * Merges an import into the current progress: answers, attempts and decks are added by id (or
 * name), never changed; this device's settings stay. `replay` recomputes the cards of concepts that
 * got new answers. Merging the same file twice changes nothing the second time.
 */
export function mergeProgress(
	current: ProgressSnapshot,
	incoming: ProgressSnapshot,
	replay: (answers: AnswerRecord[], concepts: Set<string>) => CardRecord[]
): ProgressSnapshot {
	const ids = new Set(current.answers.map((a) => a.id));
	const added = incoming.answers.filter((a) => !ids.has(a.id));
	const answers = [...current.answers, ...added];
	let cards = current.cards;
	if (added.length) {
		const touched = new Set(added.flatMap((a) => a.concepts));
		const fresh = replay(
			answers.filter((a) => a.concepts.some((c) => touched.has(c))),
			touched
		);
		cards = [
			...current.cards.filter((c) => !touched.has(c.concept)),
			...fresh.filter((c) => touched.has(c.concept))
		];
	}
	const attemptIds = new Set(current.attempts.map((a) => a.id));
	const metaKeys = new Set(current.meta.map((m) => m.key));
	const deckNames = new Set(current.decks.map((d) => d.name));
	return normalize({
		answers,
		cards,
		attempts: [...current.attempts, ...incoming.attempts.filter((a) => !attemptIds.has(a.id))],
		meta: [...current.meta, ...incoming.meta.filter((m) => !metaKeys.has(m.key))],
		settings: { ...incoming.settings, ...current.settings },
		decks: [...current.decks, ...incoming.decks.filter((d) => !deckNames.has(d.name))]
	});
}

export interface ImportPreview {
	answersAdded: number;
	answersRemoved: number;
	attemptsAdded: number;
	attemptsRemoved: number;
	conceptsChanged: number;
	decksAdded: number;
	decksRemoved: number;
	settingsChanged: boolean;
}

/** What importing would change, counted from the result it would give. */
export function previewImport(current: ProgressSnapshot, after: ProgressSnapshot): ImportPreview {
	const diff = <T>(a: T[], b: T[], key: (x: T) => string) => {
		const before = new Set(a.map(key));
		const now = new Set(b.map(key));
		return {
			added: [...now].filter((k) => !before.has(k)).length,
			removed: [...before].filter((k) => !now.has(k)).length
		};
	};
	const answers = diff(current.answers, after.answers, (a) => a.id);
	const attempts = diff(current.attempts, after.attempts, (a) => a.id);
	const decks = diff(current.decks, after.decks, (d) => d.name);
	const cardText = new Map(current.cards.map((c) => [c.concept, canonicalJson(c)]));
	const conceptsChanged =
		after.cards.filter((c) => cardText.get(c.concept) !== canonicalJson(c)).length +
		current.cards.filter((c) => !after.cards.some((x) => x.concept === c.concept)).length;
	return {
		answersAdded: answers.added,
		answersRemoved: answers.removed,
		attemptsAdded: attempts.added,
		attemptsRemoved: attempts.removed,
		conceptsChanged,
		decksAdded: decks.added,
		decksRemoved: decks.removed,
		settingsChanged: canonicalJson(current.settings) !== canonicalJson(after.settings)
	};
}

/** Runs every HTML field of a question through `sanitize` (imported files are not trusted). */
export function sanitizeQuestion(q: Question, sanitize: (html: string) => string): Question {
	return {
		...q,
		stem: sanitize(q.stem),
		options: q.options.map((o) => ({
			html: sanitize(o.html),
			correct: o.correct,
			...(o.explanation === undefined ? {} : { explanation: sanitize(o.explanation) })
		})),
		...(q.hint === undefined ? {} : { hint: sanitize(q.hint) }),
		...(q.explanation === undefined ? {} : { explanation: sanitize(q.explanation) })
	};
}
