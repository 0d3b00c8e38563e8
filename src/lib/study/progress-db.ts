import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { ExamAttempt } from './exam.ts';
import { answerProblem, cardProblem, type AnswerRecord, type CardRecord } from './records.ts';
import {
	addToConcept,
	addToDay,
	conceptProblem,
	dayKey,
	dayProblem,
	summarize,
	type ConceptRecord,
	type DayRecord,
	type Summary
} from './summary.ts';
import { checkPacked, unpackChecked, type Packed, type Unpacked } from './snapshot.ts';

/** The learner's progress database; separate from the imported-deck database, which it exports too. */
export const progressDbName = 'ipl-progress';
export const schemaVersion = 2;

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

/** The stores kept in step with the answers (see summary.ts). */
const summaryStores = ['days', 'concepts'] as const;

type WriteTx = IDBPTransaction<unknown, string[], 'readwrite' | 'versionchange'>;

/**
 * Counts changes to the cards and summaries: every transaction that changes them moves the
 * generation on, so the packed record (snapshot.ts) built at another generation is out of date.
 * The transaction must include the `snapshot` store.
 */
async function bump(tx: WriteTx): Promise<{ before: number; after: number }> {
	const store = tx.objectStore('snapshot');
	const before = ((await store.get('generation')) as { value: number } | undefined)?.value ?? 0;
	await store.put({ key: 'generation', value: before + 1 });
	return { before, after: before + 1 };
}

/**
 * Writes the summary of `answers` over whatever the summary stores hold, in the caller's
 * transaction (which must include both stores).
 */
async function rebuildSummary(tx: WriteTx, answers: readonly AnswerRecord[]): Promise<void> {
	const { days, concepts } = summarize(answers);
	const pending: Promise<unknown>[] = [];
	for (const store of summaryStores) pending.push(tx.objectStore(store).clear());
	for (const d of days) pending.push(tx.objectStore('days').put(d));
	for (const c of concepts) pending.push(tx.objectStore('concepts').put(c));
	await Promise.all(pending);
}

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
	},
	// 1 -> 2: per-day and per-concept summaries, built from the answers already stored, so that the
	// progress screen reads a few thousand small records instead of every answer.
	(db, tx) => {
		db.createObjectStore('days', { keyPath: 'day' });
		db.createObjectStore('concepts', { keyPath: 'concept' });
		// The generation counter and the packed record of snapshot.ts.
		db.createObjectStore('snapshot', { keyPath: 'key' });
		void tx
			.objectStore('answers')
			.getAll()
			.then((all: unknown[]) =>
				rebuildSummary(tx, all.filter((a) => !answerProblem(a)) as AnswerRecord[])
			)
			// Without its summaries the new schema is not kept: the upgrade is undone, nothing is lost.
			.catch(() => tx.abort());
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

/**
 * Whether an exam attempt is open (started and not yet submitted) in the stored progress. It reads
 * the attempts alone and closes the database again; when the browser lists its databases and this
 * one is not among them, it opens nothing, so it never creates storage. Storage that cannot be read
 * counts as no open attempt.
 */
export async function openAttemptStored(name = progressDbName): Promise<boolean> {
	if (typeof indexedDB === 'undefined') return false;
	let db: IDBPDatabase | undefined;
	try {
		if (typeof indexedDB.databases === 'function') {
			const stored = await indexedDB.databases();
			if (!stored.some((d) => d.name === name)) return false;
		}
		db = await openProgressDb(name);
		const attempts: unknown[] = await db.getAll('attempts');
		return attempts.some((a) => !attemptProblem(a) && (a as ExamAttempt).submittedAt === null);
	} catch {
		return false;
	} finally {
		db?.close();
	}
}

/** A key/value setting kept with the progress (retention target, exam date, flagged questions). */
export interface MetaRecord {
	key: string;
	value: unknown;
}

/** Everything but the answer log: what Home, the exam and the progress screen need. */
export interface StoredSummary {
	cards: CardRecord[];
	attempts: ExamAttempt[];
	meta: MetaRecord[];
	/** Per study day, oldest first. */
	days: DayRecord[];
	concepts: ConceptRecord[];
	/** The records set aside on this load. */
	quarantined: Quarantined[];
	/** Every record set aside, on this load or an earlier one (read in the same transaction). */
	kept: Quarantined[];
	/** The generation the cards and summaries were read at. */
	generation: number;
	/** Whether they came from the packed record rather than the stores. */
	fromPacked: boolean;
	/** The packed record they came from (checked), when they did. */
	packed?: Packed;
}

export interface StoredProgress extends StoredSummary {
	/** Oldest first. */
	answers: AnswerRecord[];
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
			: 'key is missing',
	days: dayProblem,
	concepts: conceptProblem
};

type ReadTx = IDBPTransaction<unknown, string[], 'readwrite'>;

/**
 * Reads a whole store in one request (values and keys in the same key order: with 100,000 answers
 * a cursor takes seconds, one request a fraction of that). A record that fails its check is moved
 * to the quarantine store with the reason, in the same transaction: never deleted.
 */
async function readChecked<T>(
	tx: ReadTx,
	store: string,
	now: number,
	quarantine: Quarantined[]
): Promise<T[]> {
	const [values, keys] = await Promise.all([
		tx.objectStore(store).getAll(),
		tx.objectStore(store).getAllKeys()
	]);
	const kept: T[] = [];
	const moves: Promise<unknown>[] = [];
	for (let i = 0; i < values.length; i++) {
		const value: unknown = values[i];
		const reason = problemOf[store]!(value);
		if (!reason) {
			kept.push(value as T);
			continue;
		}
		const q: Quarantined = { store, key: String(keys[i]), reason, record: value, at: now };
		moves.push(tx.objectStore('quarantine').add(q), tx.objectStore(store).delete(keys[i]!));
		quarantine.push(q);
	}
	await Promise.all(moves);
	return kept;
}

/**
 * Reads everything but the answer log. The cards and summaries come from the packed record when it
 * is up to date, else from their stores (the caller may then store a new packed record, see
 * `savePacked`). The day and concept summaries are built from the answers; if one of their records
 * cannot be read, it is set aside and both are built again from the answers.
 */
export async function loadSummary(db: IDBPDatabase, now = Date.now()): Promise<StoredSummary> {
	const quick = db.transaction(['snapshot', 'meta', 'attempts', 'quarantine'], 'readonly');
	const [generation, packed, meta, attempts, kept] = await Promise.all([
		quick.objectStore('snapshot').get('generation'),
		quick.objectStore('snapshot').get('packed'),
		quick.objectStore('meta').getAll(),
		quick.objectStore('attempts').getAll(),
		quick.objectStore('quarantine').getAll()
	]);
	await quick.done;
	const current = ((generation as { value: number } | undefined)?.value ?? 0) as number;
	if ((packed as Packed | undefined)?.generation === current) {
		const checked = checkPacked(packed);
		const fine = (store: string, xs: unknown[]) => xs.every((x) => !problemOf[store]!(x));
		if (checked && fine('meta', meta) && fine('attempts', attempts)) {
			// The cards and concept summaries are made from the columns only when asked for.
			let records: Unpacked | undefined;
			return {
				get cards() {
					return (records ??= unpackChecked(checked)).cards;
				},
				get concepts() {
					return (records ??= unpackChecked(checked)).concepts;
				},
				days: checked.days,
				meta: meta as MetaRecord[],
				attempts: attempts as ExamAttempt[],
				quarantined: [],
				kept: kept as Quarantined[],
				generation: current,
				fromPacked: true,
				packed: checked
			};
		}
	}

	const tx = db.transaction(
		['cards', 'attempts', 'meta', 'days', 'concepts', 'answers', 'quarantine', 'snapshot'],
		'readwrite'
	);
	const quarantined: Quarantined[] = [];
	const [cards, attemptsRead, metaRead, days, concepts] = await Promise.all([
		readChecked<CardRecord>(tx, 'cards', now, quarantined),
		readChecked<ExamAttempt>(tx, 'attempts', now, quarantined),
		readChecked<MetaRecord>(tx, 'meta', now, quarantined),
		readChecked<DayRecord>(tx, 'days', now, quarantined),
		readChecked<ConceptRecord>(tx, 'concepts', now, quarantined)
	]);
	let summary = { days, concepts };
	if (quarantined.some((q) => q.store === 'days' || q.store === 'concepts')) {
		const answers = await readChecked<AnswerRecord>(tx, 'answers', now, quarantined);
		await rebuildSummary(tx, answers);
		summary = summarize(answers);
	}
	const read = quarantined.length
		? (await bump(tx)).after
		: (((await tx.objectStore('snapshot').get('generation')) as { value: number } | undefined)
				?.value ?? 0);
	const keptNow = (await tx.objectStore('quarantine').getAll()) as Quarantined[];
	await tx.done;
	return {
		cards,
		attempts: attemptsRead,
		meta: metaRead,
		...summary,
		quarantined,
		kept: keptNow,
		generation: read,
		fromPacked: false
	};
}

/**
 * Stores `packed` as the packed record if the stores are still at its generation (another tab may
 * have moved them on since); says whether it did.
 */
export async function savePacked(db: IDBPDatabase, packed: Packed): Promise<boolean> {
	const tx = db.transaction('snapshot', 'readwrite');
	const at = ((await tx.store.get('generation')) as { value: number } | undefined)?.value ?? 0;
	const fresh = at === packed.generation;
	if (fresh) await tx.store.put(packed);
	await tx.done;
	return fresh;
}

/**
 * Reads the answer log, oldest first. If an answer had to be set aside, the summaries are built
 * again from the rest, and returned with them.
 */
export async function loadAnswers(
	db: IDBPDatabase,
	now = Date.now()
): Promise<{ answers: AnswerRecord[]; quarantined: Quarantined[]; rebuilt?: Summary }> {
	const tx = db.transaction(['answers', 'days', 'concepts', 'quarantine', 'snapshot'], 'readwrite');
	const quarantined: Quarantined[] = [];
	const answers = await readChecked<AnswerRecord>(tx, 'answers', now, quarantined);
	let rebuilt: Summary | undefined;
	if (quarantined.length) {
		await rebuildSummary(tx, answers);
		await bump(tx);
		rebuilt = summarize(answers);
	}
	await tx.done;
	answers.sort((a, b) => a.at - b.at);
	return { answers, quarantined, rebuilt };
}

/** Reads everything: the summary, then the answer log. */
export async function loadProgress(db: IDBPDatabase, now = Date.now()): Promise<StoredProgress> {
	const summary = await loadSummary(db, now);
	const log = await loadAnswers(db, now);
	return {
		...summary,
		...log.rebuilt,
		answers: log.answers,
		quarantined: [...summary.quarantined, ...log.quarantined],
		generation: log.rebuilt ? summary.generation + 1 : summary.generation
	};
}

/** What one answer changed: its concepts' cards, its day, and its concepts' summaries. */
export interface Written {
	cards: CardRecord[];
	day: DayRecord;
	concepts: ConceptRecord[];
	/** The generation before and after this answer. */
	generation: { before: number; after: number };
}

/**
 * Writes an answer, its concepts' new cards and the summaries in one transaction. IndexedDB runs
 * overlapping read-write transactions one after another, across tabs too, so each update reads
 * the records the previous answer wrote: two tabs answering at once lose nothing.
 */
export async function saveAnswer(
	db: IDBPDatabase,
	answer: AnswerRecord,
	nextCard: (concept: string, before: CardRecord | undefined) => CardRecord
): Promise<Written> {
	const tx = db.transaction(['answers', 'cards', 'days', 'concepts', 'snapshot'], 'readwrite');
	const cards = tx.objectStore('cards');
	const summaries = tx.objectStore('concepts');
	const written: Written = {
		cards: [],
		day: addToDay(undefined, answer),
		concepts: [],
		generation: await bump(tx)
	};
	for (const concept of new Set(answer.concepts)) {
		const after = nextCard(concept, (await cards.get(concept)) as CardRecord | undefined);
		await cards.put(after);
		written.cards.push(after);
		const summary = addToConcept(
			(await summaries.get(concept)) as ConceptRecord | undefined,
			concept,
			answer
		);
		await summaries.put(summary);
		written.concepts.push(summary);
	}
	const days = tx.objectStore('days');
	written.day = addToDay((await days.get(dayKey(answer.at))) as DayRecord | undefined, answer);
	await days.put(written.day);
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

/**
 * Replaces the stored progress with `data` in one transaction (import), with the summaries built
 * from its answers. Quarantine is kept.
 */
export async function replaceProgress(
	db: IDBPDatabase,
	data: Pick<StoredProgress, 'answers' | 'cards' | 'attempts' | 'meta'>
): Promise<void> {
	const stores = ['answers', 'cards', 'attempts', 'meta'] as const;
	const tx = db.transaction([...stores, ...summaryStores, 'snapshot'], 'readwrite');
	for (const store of stores) {
		await tx.objectStore(store).clear();
		for (const r of data[store]) await tx.objectStore(store).put(plain(r));
	}
	await rebuildSummary(tx, data.answers);
	await bump(tx);
	await tx.objectStore('snapshot').delete('packed');
	await tx.done;
}

/** A plain copy IndexedDB can clone (no proxies from reactive state). */
function plain<T>(x: T): T {
	return JSON.parse(JSON.stringify(x)) as T;
}
