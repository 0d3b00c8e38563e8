import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { ExamAttempt } from './exam.ts';
import { answerProblem, cardProblem, type AnswerRecord, type CardRecord } from './records.ts';

/** The learner's progress database; separate from the imported-deck database, which it exports too. */
export const progressDbName = 'ipl-progress';
export const schemaVersion = 1;

/** A record that could not be read, kept aside with the reason instead of being dropped. */
export interface Quarantined {
	id?: number;
	store: string;
	key: string;
	reason: string;
	record: unknown;
	at: number;
}

type Upgrade = (db: IDBPDatabase, tx: IDBPTransaction<unknown, string[], 'versionchange'>) => void;

/**
 * One step per schema version, run in order from the version a browser has to the newest, so any
 * older database reaches the current shape without losing a record.
 */
export const migrations: Upgrade[] = [
	// 0 -> 1: the first schema.
	(db) => {
		const answers = db.createObjectStore('answers', { keyPath: 'id' });
		answers.createIndex('at', 'at');
		db.createObjectStore('cards', { keyPath: 'concept' });
		const attempts = db.createObjectStore('attempts', { keyPath: 'id' });
		attempts.createIndex('startedAt', 'startedAt');
		db.createObjectStore('meta', { keyPath: 'key' });
		db.createObjectStore('quarantine', { keyPath: 'id', autoIncrement: true });
	}
];

/** Why the database could not be opened, in words for the learner. */
export class StorageProblem extends Error {}

/**
 * Opens (and upgrades) the progress database. `onBlocking` runs when a newer version of the app in
 * another tab needs the database: this connection closes so that one can upgrade.
 */
export async function openProgressDb(
	name = progressDbName,
	version = schemaVersion,
	onBlocking?: () => void
): Promise<IDBPDatabase> {
	try {
		const db = await openDB(name, version, {
			upgrade(db, oldVersion, _newVersion, tx) {
				for (let v = oldVersion; v < version; v++) migrations[v]!(db, tx);
			},
			blocking() {
				db.close();
				onBlocking?.();
			}
		});
		return db;
	} catch (err) {
		if (err instanceof DOMException && err.name === 'VersionError')
			throw new StorageProblem(
				'Your progress was saved by a newer version of this app. Reload to get that version.'
			);
		throw new StorageProblem(
			`Progress storage could not be opened (${err instanceof Error ? err.message : String(err)}).`
		);
	}
}

/** A key/value setting kept with the progress (retention target, exam date, flagged questions). */
export interface MetaRecord {
	key: string;
	value: unknown;
}

export interface StoredProgress {
	answers: AnswerRecord[];
	cards: CardRecord[];
	attempts: ExamAttempt[];
	meta: MetaRecord[];
	/** How many records were set aside on this load. */
	quarantined: Quarantined[];
}

function attemptProblem(x: unknown): string {
	const a = x as Partial<ExamAttempt> | null;
	if (typeof a !== 'object' || a === null) return 'not an object';
	if (typeof a.id !== 'string' || !a.id) return 'id is missing';
	if (typeof a.config !== 'object' || a.config === null) return 'config is missing';
	if (!Array.isArray(a.questions) || !Array.isArray(a.items) || !Array.isArray(a.answers))
		return 'questions, items or answers are missing';
	if (a.questions.length !== a.items.length || a.answers.length !== a.items.length)
		return 'questions, items and answers differ in length';
	if (!Array.isArray(a.flags) || !Array.isArray(a.spentMs)) return 'flags or times are missing';
	if (typeof a.startedAt !== 'number' || typeof a.current !== 'number') return 'times are missing';
	return '';
}

export const problemOf: Record<string, (x: unknown) => string> = {
	answers: answerProblem,
	cards: cardProblem,
	attempts: attemptProblem,
	meta: (x) =>
		typeof x === 'object' && x !== null && typeof (x as MetaRecord).key === 'string'
			? ''
			: 'key is missing'
};

/**
 * Reads everything. A record that fails its check is moved to the quarantine store, with the
 * reason, in the same transaction: it is never deleted, and the rest loads as usual. Each store is
 * read in one request (values and keys in the same key order) rather than record by record: with
 * 100,000 answers a cursor takes seconds, one request a fraction of that.
 */
export async function loadProgress(db: IDBPDatabase, now = Date.now()): Promise<StoredProgress> {
	const stores = ['answers', 'cards', 'attempts', 'meta'] as const;
	const tx = db.transaction([...stores, 'quarantine'], 'readwrite');
	const out: StoredProgress = { answers: [], cards: [], attempts: [], meta: [], quarantined: [] };
	const moves: Promise<unknown>[] = [];
	const read = await Promise.all(
		stores.map((store) =>
			Promise.all([tx.objectStore(store).getAll(), tx.objectStore(store).getAllKeys()])
		)
	);
	stores.forEach((store, s) => {
		const [values, keys] = read[s]!;
		const kept = out[store] as unknown[];
		for (let i = 0; i < values.length; i++) {
			const value: unknown = values[i];
			const reason = problemOf[store]!(value);
			if (!reason) {
				kept.push(value);
				continue;
			}
			const q: Quarantined = { store, key: String(keys[i]), reason, record: value, at: now };
			moves.push(tx.objectStore('quarantine').add(q), tx.objectStore(store).delete(keys[i]!));
			out.quarantined.push(q);
		}
	});
	await Promise.all(moves);
	await tx.done;
	out.answers.sort((a, b) => a.at - b.at);
	return out;
}

/**
 * Writes an answer and its concepts' new cards in one transaction. IndexedDB runs overlapping
 * read-write transactions one after another, across tabs too, so each card update reads the card
 * the previous answer wrote: two tabs answering at once lose nothing.
 */
export async function saveAnswer(
	db: IDBPDatabase,
	answer: AnswerRecord,
	nextCard: (concept: string, before: CardRecord | undefined) => CardRecord
): Promise<CardRecord[]> {
	const tx = db.transaction(['answers', 'cards'], 'readwrite');
	const cards = tx.objectStore('cards');
	const written: CardRecord[] = [];
	for (const concept of new Set(answer.concepts)) {
		const before = (await cards.get(concept)) as CardRecord | undefined;
		const after = nextCard(concept, before);
		await cards.put(after);
		written.push(after);
	}
	await tx.objectStore('answers').put(answer);
	await tx.done;
	return written;
}

export async function saveAttempt(db: IDBPDatabase, attempt: ExamAttempt): Promise<void> {
	await db.put('attempts', plain(attempt));
}

export async function saveMeta(db: IDBPDatabase, key: string, value: unknown): Promise<void> {
	await db.put('meta', { key, value } satisfies MetaRecord);
}

/** Every quarantined record, oldest first. */
export async function quarantined(db: IDBPDatabase): Promise<Quarantined[]> {
	return (await db.getAll('quarantine')) as Quarantined[];
}

/** Replaces the stored progress with `data` in one transaction (import). Quarantine is kept. */
export async function replaceProgress(
	db: IDBPDatabase,
	data: Pick<StoredProgress, 'answers' | 'cards' | 'attempts' | 'meta'>
): Promise<void> {
	const stores = ['answers', 'cards', 'attempts', 'meta'] as const;
	const tx = db.transaction([...stores], 'readwrite');
	for (const store of stores) {
		await tx.objectStore(store).clear();
		for (const r of data[store]) await tx.objectStore(store).put(plain(r));
	}
	await tx.done;
}

/** A plain copy IndexedDB can clone (no proxies from reactive state). */
function plain<T>(x: T): T {
	return JSON.parse(JSON.stringify(x)) as T;
}
