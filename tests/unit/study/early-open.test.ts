import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrations, progressDbName, schemaVersion } from '../../../src/lib/study/progress-db.ts';
import { pack } from '../../../src/lib/study/snapshot.ts';
import { createScheduler, reviewCard } from '../../../src/lib/study/schedule.ts';
import { rateAnswer } from '../../../src/lib/study/rating.ts';
import { answer, t0 } from './fixtures.ts';

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

	describe('reading what the progress screen shows first', () => {
		const f = createScheduler(0.9);
		/** A database at the current schema with answers, a setting and an up-to-date packed record. */
		async function stored() {
			const { store } = await fresh();
			const db = await store.openProgressDb();
			for (let i = 0; i < 6; i++) {
				const a = answer(`a${i}`, { at: t0 + i * 3_600_000, correct: i % 2 === 0 });
				await store.saveAnswer(db, a, (c, before) =>
					reviewCard(f, c, before as never, rateAnswer(a), a.at)
				);
			}
			await db.put('meta', { key: 'retention', value: 0.85 });
			const s = await store.loadSummary(db);
			expect(await store.savePacked(db, pack(s.generation, s.cards, s.concepts, s.days))).toBe(
				true
			);
			db.close();
		}

		it('reads it as the database opens, and the app loads from that read what it reads itself', async () => {
			await stored();
			const { early, store } = await fresh();
			early.openProgressDbEarly(true);
			const db = store.adoptProgressDb((await early.takeEarlyProgressDb())!);
			const first = early.takeFirstRead();
			expect(first).toBeDefined();
			const [generation, packed, meta] = (await first!.read)!;
			expect(generation).toEqual({ key: 'generation', value: expect.any(Number) });
			expect(packed).toMatchObject({ key: 'packed' });
			expect(meta).toEqual([{ key: 'retention', value: 0.85 }]);
			const fromEarly = await store.loadSummary(db, t0, first!.read);
			const own = await store.loadSummary(db, t0);
			expect(fromEarly.fromPacked).toBe(true);
			expect(fromEarly.packed).toEqual(own.packed);
			expect({ ...fromEarly, packed: undefined }).toEqual({ ...own, packed: undefined });
			// Given once: a later load reads for itself.
			expect(early.takeFirstRead()).toBeUndefined();
			expect(first!.stale()).toBe(false);
			db.close();
		});

		it('says the read is stale when another tab changed the progress before the app listened', async () => {
			await stored();
			const { early } = await fresh();
			early.openProgressDbEarly(true);
			await early.takeEarlyProgressDb();
			const first = early.takeFirstRead()!;
			await first.read;
			// A third listener shows when the message has been handed out.
			const third = new BroadcastChannel(early.progressChannel);
			const delivered = new Promise((done) => (third.onmessage = done));
			const other = new BroadcastChannel(early.progressChannel);
			other.postMessage('changed');
			await delivered;
			expect(first.stale()).toBe(true);
			other.close();
			third.close();
		});

		it('reads nothing without a database at the current schema, or when not asked to', async () => {
			const none = await fresh();
			none.early.openProgressDbEarly(true);
			expect(await none.early.takeEarlyProgressDb()).toBeUndefined();
			expect(none.early.takeFirstRead()).toBeUndefined();

			await stored();
			const { early } = await fresh();
			early.openProgressDbEarly();
			(await early.takeEarlyProgressDb())!.close();
			expect(early.takeFirstRead()).toBeUndefined();
		});
	});
});
