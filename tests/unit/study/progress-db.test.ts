import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
	loadProgress,
	openProgressDb,
	quarantined,
	saveAnswer,
	saveAttempt,
	schemaVersion
} from '../../../src/lib/study/progress-db.ts';
import { defaultExamConfig, startExam } from '../../../src/lib/study/exam.ts';
import { rateAnswer } from '../../../src/lib/study/rating.ts';
import { createScheduler, replayCards, reviewCard } from '../../../src/lib/study/schedule.ts';
import { answer, question, t0 } from './fixtures.ts';

let n = 0;
const fresh = () => `test-progress-${n++}`;
const f = createScheduler(0.9);
const next = (a: ReturnType<typeof answer>) => (concept: string, before: unknown) =>
	reviewCard(f, concept, before as never, rateAnswer(a), a.at);

describe('the progress database', () => {
	it('upgrades an empty browser to the current schema, then keeps data across reopening', async () => {
		const name = fresh();
		const db = await openProgressDb(name);
		expect(db.version).toBe(schemaVersion);
		expect([...db.objectStoreNames].sort()).toEqual([
			'answers',
			'attempts',
			'cards',
			'meta',
			'quarantine'
		]);
		const a = answer('a1');
		await saveAnswer(db, a, next(a));
		db.close();
		const again = await openProgressDb(name);
		const stored = await loadProgress(again);
		expect(stored.answers).toEqual([a]);
		expect(stored.cards.map((c) => c.concept)).toEqual(['enhanced flow']);
		again.close();
	});

	it('refuses a database from a newer version with a clear message, changing nothing', async () => {
		const name = fresh();
		const newer = await openDB(name, schemaVersion + 1, {
			upgrade(db) {
				db.createObjectStore('answers', { keyPath: 'id' });
			}
		});
		newer.close();
		await expect(openProgressDb(name)).rejects.toThrow(/newer version of this app/);
		const still = await openDB(name);
		expect(still.version).toBe(schemaVersion + 1);
		still.close();
	});

	it('sets aside a record it cannot read, with the reason, and loads the rest', async () => {
		const name = fresh();
		const db = await openProgressDb(name);
		const good = answer('good');
		await saveAnswer(db, good, next(good));
		await db.put('answers', { id: 'broken', questionId: 'q1', at: 'yesterday' });
		const stored = await loadProgress(db, t0);
		expect(stored.answers.map((a) => a.id)).toEqual(['good']);
		expect(stored.quarantined).toHaveLength(1);
		const kept = await quarantined(db);
		expect(kept[0]).toMatchObject({ store: 'answers', key: 'broken', reason: 'topic is missing' });
		expect(kept[0]!.record).toEqual({ id: 'broken', questionId: 'q1', at: 'yesterday' });
		db.close();
	});

	it('sets aside every unreadable record among many, in each store, under its own key', async () => {
		const db = await openProgressDb(fresh());
		const answers = Array.from({ length: 300 }, (_, i) => answer(`a${i}`, { at: t0 + i }));
		for (const a of answers) await saveAnswer(db, a, next(a));
		await db.put('answers', { id: 'a150', questionId: 'q1' });
		await db.put('answers', { id: 'a7', topic: 'auth-flow' });
		await db.put('cards', { concept: 'enhanced flow', due: 'soon' });
		await db.put('meta', { value: 1, key: 7 });
		const stored = await loadProgress(db, t0);
		expect(stored.answers.map((a) => a.id)).toEqual(
			answers.map((a) => a.id).filter((id) => id !== 'a150' && id !== 'a7')
		);
		expect(stored.cards).toEqual([]);
		expect(stored.quarantined.map((q) => `${q.store} ${q.key}`).sort()).toEqual([
			'answers a150',
			'answers a7',
			'cards enhanced flow',
			'meta 7'
		]);
		expect(await quarantined(db)).toHaveLength(4);
		expect(await db.count('answers')).toBe(298);
		expect((await loadProgress(db, t0)).quarantined).toEqual([]);
		db.close();
	});

	it('two connections answering at once lose no answer and no card update', async () => {
		const name = fresh();
		const one = await openProgressDb(name);
		const two = await openProgressDb(name);
		const answers = Array.from({ length: 20 }, (_, i) =>
			answer(`a${i}`, { at: t0 + i * 1000, correct: i % 3 !== 0 })
		);
		await Promise.all(answers.map((a, i) => saveAnswer(i % 2 ? one : two, a, next(a))));
		const stored = await loadProgress(one);
		expect(stored.answers).toHaveLength(20);
		const card = stored.cards.find((c) => c.concept === 'enhanced flow')!;
		expect(card.reps).toBe(20);
		expect(card).toEqual(replayCards(f, answers).get('enhanced flow'));
		one.close();
		two.close();
	});

	it('saves an exam attempt so it resumes exactly', async () => {
		const db = await openProgressDb(fresh());
		const a = startExam('e1', [question('q1'), question('q2')], defaultExamConfig, 3, t0);
		await saveAttempt(db, a);
		expect((await loadProgress(db)).attempts).toEqual([a]);
		db.close();
	});
});
