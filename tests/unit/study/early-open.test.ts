import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrations, progressDbName, schemaVersion } from '../../../src/lib/study/progress-db.ts';

type EarlyModule = typeof import('../../../src/lib/study/early-open.ts');
type DbModule = typeof import('../../../src/lib/study/progress-db.ts');

/** A fresh copy of the early-open module (it remembers whether the app took its connection). */
async function fresh(): Promise<{ early: EarlyModule; store: DbModule }> {
	vi.resetModules();
	return {
		early: await import('../../../src/lib/study/early-open.ts'),
		store: await import('../../../src/lib/study/progress-db.ts')
	};
}

const remove = () =>
	new Promise<void>((done, fail) => {
		const req = indexedDB.deleteDatabase(progressDbName);
		req.onsuccess = () => done();
		req.onerror = () => fail(req.error);
	});

const names = async () => (await indexedDB.databases()).map((d) => d.name);

describe('opening the progress database as the app starts', () => {
	beforeEach(remove);
	afterEach(remove);

	it('hands over a connection to a database at the current schema, which the app then uses', async () => {
		const setup = await fresh();
		const made = await setup.store.openProgressDb();
		await made.put('meta', { key: 'retention', value: 0.85 });
		made.close();

		const { early, store } = await fresh();
		early.openProgressDbEarly();
		const raw = await early.takeEarlyProgressDb();
		expect(raw?.version).toBe(schemaVersion);
		const db = store.adoptProgressDb(raw!);
		expect(await db.get('meta', 'retention')).toEqual({ key: 'retention', value: 0.85 });
		db.close();
	});

	it('leaves a missing database to the app: nothing is created, and the app then creates it whole', async () => {
		const { early, store } = await fresh();
		early.openProgressDbEarly();
		expect(await early.takeEarlyProgressDb()).toBeUndefined();
		expect(await names()).not.toContain(progressDbName);
		const db = await store.openProgressDb();
		expect(db.version).toBe(schemaVersion);
		expect(db.objectStoreNames.contains('snapshot')).toBe(true);
		db.close();
	});

	it('leaves an older database to the migrations, its records untouched', async () => {
		const old = await openDB(progressDbName, 1, {
			upgrade(db, _old, _new, tx) {
				migrations[0]!(db, tx as never);
			}
		});
		await old.put('meta', { key: 'retention', value: 0.8 });
		old.close();

		const { early, store } = await fresh();
		early.openProgressDbEarly();
		expect(await early.takeEarlyProgressDb()).toBeUndefined();
		const still = await openDB(progressDbName);
		expect(still.version).toBe(1);
		still.close();
		const db = await store.openProgressDb();
		expect(db.version).toBe(schemaVersion);
		expect(await db.get('meta', 'retention')).toEqual({ key: 'retention', value: 0.8 });
		db.close();
	});

	it('opens nothing once the app has asked for its connection, so it never holds a second one', async () => {
		const setup = await fresh();
		(await setup.store.openProgressDb()).close();
		const { early } = await fresh();
		expect(await early.takeEarlyProgressDb()).toBeUndefined();
		early.openProgressDbEarly();
		expect(await early.takeEarlyProgressDb()).toBeUndefined();
	});

	it('an adopted connection gives way to a newer version in another tab, and says so', async () => {
		const setup = await fresh();
		(await setup.store.openProgressDb()).close();
		const { early, store } = await fresh();
		early.openProgressDbEarly();
		const blocking = vi.fn();
		const db = store.adoptProgressDb((await early.takeEarlyProgressDb())!, blocking);
		const newer = await openDB(progressDbName, schemaVersion + 1);
		expect(blocking).toHaveBeenCalledOnce();
		expect(newer.version).toBe(schemaVersion + 1);
		newer.close();
		// This tab's connection is closed: it no longer reads or writes.
		expect(() => db.transaction('meta')).toThrow();
	});
});
