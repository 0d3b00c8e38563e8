/** The learner's progress database; separate from the imported-deck database, which it exports too. */
export const progressDbName = 'ipl-progress';
export const schemaVersion = 2;

let early: Promise<IDBDatabase | undefined> | undefined;
let taken = false;

/**
 * Starts opening the progress database as the app starts, before the storage module has arrived,
 * so the connection is ready when the screen asks for it. It opens only a database already at the
 * current schema: a missing or older one is left to `openProgressDb`, whose migrations create or
 * upgrade it, and this resolves undefined. It does nothing once the app has asked for its
 * connection (`takeEarlyProgressDb`), so it never opens a second one.
 */
export function openProgressDbEarly(): void {
	if (early || taken || typeof indexedDB === 'undefined') return;
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
