/** The learner's progress database; separate from the imported-deck database, which it exports too. */
export const progressDbName = 'ipl-progress';
export const schemaVersion = 2;
/** The channel a tab tells the others on when it has changed the stored progress. */
export const progressChannel = 'ipl-progress';

/**
 * What the progress screen reads first, in one read-only transaction: the packed record's
 * generation and the record itself, the settings, the exam attempts and the records set aside.
 */
export type FirstRead = [
	generation: unknown,
	packed: unknown,
	meta: unknown[],
	attempts: unknown[],
	kept: unknown[]
];

let early: Promise<IDBDatabase | undefined> | undefined;
let earlyRead: Promise<FirstRead | undefined> | undefined;
// Listens from the early read until the app's own channel does, for a change it would miss.
let listening: BroadcastChannel | undefined;
let missed = false;
let taken = false;

/**
 * Starts opening the progress database as the app starts, before the storage module has arrived,
 * so the connection is ready when the screen asks for it. It opens only a database already at the
 * current schema: a missing or older one is left to `openProgressDb`, whose migrations create or
 * upgrade it, and this resolves undefined. It does nothing once the app has asked for its
 * connection (`takeEarlyProgressDb`), so it never opens a second one. With `read`, it also reads
 * what the progress screen shows first as soon as the database is open (`takeFirstRead`), while
 * the screen's modules are still on their way.
 */
export function openProgressDbEarly(read = false): void {
	if (early || taken || typeof indexedDB === 'undefined') return;
	if (read && typeof BroadcastChannel === 'function') {
		listening = new BroadcastChannel(progressChannel);
		listening.onmessage = () => (missed = true);
	}
	early = new Promise((done) => {
		try {
			const req = indexedDB.open(progressDbName, schemaVersion);
			req.onupgradeneeded = () => req.transaction?.abort();
			req.onblocked = () => done(undefined);
			req.onerror = (e) => {
				e.preventDefault();
				done(undefined);
			};
			req.onsuccess = () => {
				const db = req.result;
				// Until the app adopts it: give way at once to another tab upgrading the schema.
				db.onversionchange = () => db.close();
				// A failed early read is left to the app's own read, which reports it.
				if (read)
					earlyRead = new Promise((r) => r(readFirst(db))).then(
						(x) => x as FirstRead,
						() => undefined
					);
				done(db);
			};
		} catch {
			done(undefined);
		}
	});
}

/** The connection `openProgressDbEarly` opened, if any; asked once, by the app's storage. */
export function takeEarlyProgressDb(): Promise<IDBDatabase | undefined> {
	taken = true;
	const db = early ?? Promise.resolve(undefined);
	early = undefined;
	return db;
}

/**
 * The first read `openProgressDbEarly(true)` started, if any, given once, to the app's first load;
 * `stale()`, asked once that load has its own channel open, says whether another tab changed the
 * progress after the read began (so the load should read again).
 */
export function takeFirstRead():
	{ read: Promise<FirstRead | undefined>; stale: () => boolean } | undefined {
	const read = earlyRead;
	earlyRead = undefined;
	if (!read) return undefined;
	return {
		read,
		stale: () => {
			listening?.close();
			listening = undefined;
			return missed;
		}
	};
}

/** `FirstRead` from a raw connection; it fails with the transaction's error. */
export function readFirst(db: IDBDatabase): Promise<FirstRead> {
	return new Promise((done, fail) => {
		const tx = db.transaction(['snapshot', 'meta', 'attempts', 'quarantine'], 'readonly');
		const snapshot = tx.objectStore('snapshot');
		const requests = [
			snapshot.get('generation'),
			snapshot.get('packed'),
			tx.objectStore('meta').getAll(),
			tx.objectStore('attempts').getAll(),
			tx.objectStore('quarantine').getAll()
		];
		tx.oncomplete = () => done(requests.map((r) => r.result as unknown) as FirstRead);
		tx.onabort = () => fail(tx.error ?? new Error('the read was stopped'));
	});
}
