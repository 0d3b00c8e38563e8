import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
	loadAnswers,
	loadProgress,
	loadSummary,
	migrations,
	openAttemptStored,
	openProgressDb,
	quarantined,
	replaceProgress,
	saveAnswer,
	saveAttempt,
	savePacked,
	schemaVersion
} from '../../../src/lib/study/progress-db.ts';
import { pack } from '../../../src/lib/study/snapshot.ts';
import { summarize } from '../../../src/lib/study/summary.ts';
import { defaultExamConfig, startExam, submit } from '../../../src/lib/study/exam.ts';
import { rateAnswer } from '../../../src/lib/study/rating.ts';
import { createScheduler, replayCards, reviewCard } from '../../../src/lib/study/schedule.ts';
import { answer, day, question, t0 } from './fixtures.ts';

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
			'concepts',
			'days',
			'meta',
			'quarantine',
			'snapshot'
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
	it('tells whether an exam attempt is open from the attempts alone, and creates no database to say no', async () => {
		const none = fresh();
		expect(await openAttemptStored(none)).toBe(false);
		expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(none);

		const name = fresh();
		const db = await openProgressDb(name);
		expect(await openAttemptStored(name)).toBe(false);
		const a = startExam('e1', [question('q1'), question('q2')], defaultExamConfig, 3, t0);
		await saveAttempt(db, a);
		expect(await openAttemptStored(name)).toBe(true);
		await saveAttempt(db, submit(a, t0 + 60_000));
		expect(await openAttemptStored(name)).toBe(false);
		// A record that is not a whole attempt opens no exam.
		await db.put('attempts', { id: 'broken', submittedAt: null });
		expect(await openAttemptStored(name)).toBe(false);
		db.close();
	});

	it('summarizes every answer as it is written, across two connections answering at once', async () => {
		const name = fresh();
		const one = await openProgressDb(name);
		const two = await openProgressDb(name);
		const answers = Array.from({ length: 40 }, (_, i) =>
			answer(`a${i}`, {
				at: t0 + i * 3 * 3_600_000,
				correct: i % 3 !== 0,
				concepts: i % 2 ? ['enhanced flow', 'trust policy'] : ['basic flow'],
				topic: i % 2 ? 'auth-flow' : 'enhanced-vs-basic'
			})
		);
		await Promise.all(answers.map((a, i) => saveAnswer(i % 2 ? one : two, a, next(a))));
		const summary = await loadSummary(one);
		const expected = summarize(answers);
		expect(summary.days).toEqual(expected.days);
		expect(summary.days.reduce((n, d) => n + d.answered, 0)).toBe(40);
		const byKey = <T extends { concept: string }>(xs: T[]) =>
			[...xs].sort((a, b) => a.concept.localeCompare(b.concept));
		expect(byKey(summary.concepts)).toEqual(byKey(expected.concepts));
		one.close();
		two.close();
	});

	it('reads the summary without the answer log, and the log on its own', async () => {
		const db = await openProgressDb(fresh());
		const answers = [0, 1, 2].map((i) => answer(`a${i}`, { at: t0 + i * day }));
		for (const a of [...answers].reverse()) await saveAnswer(db, a, next(a));
		const summary = await loadSummary(db);
		expect(summary).not.toHaveProperty('answers');
		expect(summary.days.map((d) => d.answered)).toEqual([1, 1, 1]);
		const log = await loadAnswers(db);
		expect(log.answers).toEqual(answers);
		expect(log.rebuilt).toBeUndefined();
		db.close();
	});

	it('migrates a version 1 database: every record kept, summaries built from the readable answers', async () => {
		const name = fresh();
		const v1 = await openDB(name, 1, {
			upgrade(db, _old, _new, tx) {
				migrations[0]!(db, tx as never);
			}
		});
		const answers = Array.from({ length: 30 }, (_, i) =>
			answer(`a${i}`, {
				at: t0 + i * 5 * 3_600_000,
				correct: i % 4 !== 0,
				concepts: [`concept ${i % 4}`],
				topic: i % 4 ? 'auth-flow' : 'iam-roles'
			})
		);
		const cards = [...replayCards(f, answers).values()];
		for (const a of answers) await v1.put('answers', a);
		await v1.put('answers', { id: 'broken', topic: 'auth-flow' });
		for (const c of cards) await v1.put('cards', c);
		await v1.put('meta', { key: 'retention', value: 0.85 });
		v1.close();

		const db = await openProgressDb(name);
		expect(db.version).toBe(2);
		expect(await db.count('answers')).toBe(31);
		const summary = await loadSummary(db);
		expect(summary.days).toEqual(summarize(answers).days);
		expect(summary.concepts.map((c) => c.concept).sort()).toEqual([
			'concept 0',
			'concept 1',
			'concept 2',
			'concept 3'
		]);
		expect(summary.cards).toEqual(cards);
		expect(summary.meta).toEqual([{ key: 'retention', value: 0.85 }]);
		// The unreadable answer is still there, and set aside when the log is read.
		const log = await loadAnswers(db);
		expect(log.answers).toEqual(answers);
		expect(log.quarantined.map((q) => q.key)).toEqual(['broken']);
		expect(log.rebuilt?.days).toEqual(summarize(answers).days);
		db.close();
	});

	it('sets aside an unreadable summary record and builds the summaries again from the answers', async () => {
		const db = await openProgressDb(fresh());
		const answers = [0, 1].map((i) => answer(`a${i}`, { at: t0 + i * day, correct: i === 0 }));
		for (const a of answers) await saveAnswer(db, a, next(a));
		const bad = { day: '2026-03-02', answered: 'lots', correct: 1 };
		await db.put('days', bad);
		const summary = await loadSummary(db, t0);
		expect(summary.days).toEqual(summarize(answers).days);
		expect(summary.quarantined).toEqual([
			{
				store: 'days',
				key: '2026-03-02',
				reason: 'answered or correct is not a count',
				record: bad,
				at: t0
			}
		]);
		expect(await db.getAll('days')).toEqual(summarize(answers).days);
		db.close();
	});

	it('an import replaces the summaries with those of its answers', async () => {
		const db = await openProgressDb(fresh());
		const before = answer('old', { at: t0, concepts: ['old concept'] });
		await saveAnswer(db, before, next(before));
		const incoming = [1, 2].map((i) =>
			answer(`new${i}`, { at: t0 + i * day, concepts: ['new concept'], correct: false })
		);
		await replaceProgress(db, { answers: incoming, cards: [], attempts: [], meta: [] });
		const summary = await loadSummary(db);
		expect(summary.days).toEqual(summarize(incoming).days);
		expect(summary.concepts).toEqual(summarize(incoming).concepts);
		db.close();
	});
	describe('the packed record', () => {
		/** A database with a few days of answers on several concepts. */
		async function filled() {
			const db = await openProgressDb(fresh());
			const answers = Array.from({ length: 24 }, (_, i) =>
				answer(`a${i}`, {
					at: t0 + i * 7 * 3_600_000,
					correct: i % 3 !== 0,
					concepts: [`concept ${i % 5}`, ...(i % 2 ? ['shared'] : [])]
				})
			);
			for (const a of answers) await saveAnswer(db, a, next(a));
			return db;
		}
		const packedOf = (s: Awaited<ReturnType<typeof loadSummary>>) =>
			pack(s.generation, s.cards, s.concepts, s.days);
		const sorted = (s: Awaited<ReturnType<typeof loadSummary>>) => ({
			cards: [...s.cards].sort((a, b) => a.concept.localeCompare(b.concept)),
			concepts: [...s.concepts].sort((a, b) => a.concept.localeCompare(b.concept)),
			days: s.days,
			meta: s.meta,
			attempts: s.attempts
		});

		it('is read instead of the stores while it is up to date, with the same records', async () => {
			const db = await filled();
			await saveAttempt(db, startExam('e1', [question('q1')], defaultExamConfig, 3, t0));
			const fromStores = await loadSummary(db);
			expect(fromStores.fromPacked).toBe(false);
			expect(await savePacked(db, packedOf(fromStores))).toBe(true);
			const fromPacked = await loadSummary(db);
			expect(fromPacked.fromPacked).toBe(true);
			expect(fromPacked.generation).toBe(fromStores.generation);
			expect(sorted(fromPacked)).toEqual(sorted(fromStores));
			db.close();
		});

		it('goes out of date with the next answer, and a stale one is not stored', async () => {
			const db = await filled();
			const before = await loadSummary(db);
			const a = answer('later', { at: t0 + 30 * day, concepts: ['shared'], correct: false });
			const saved = await saveAnswer(db, a, next(a));
			expect(saved.generation).toEqual({
				before: before.generation,
				after: before.generation + 1
			});
			expect(await savePacked(db, packedOf(before))).toBe(false);
			const after = await loadSummary(db);
			expect(after.fromPacked).toBe(false);
			expect(after.days.at(-1)).toMatchObject({ answered: 1, correct: 0 });
			db.close();
		});

		it('is dropped by an import, and not trusted when it is damaged', async () => {
			const db = await filled();
			const s = await loadSummary(db);
			await savePacked(db, packedOf(s));
			await replaceProgress(db, { answers: [], cards: [], attempts: [], meta: [] });
			expect(await db.get('snapshot', 'packed')).toBeUndefined();
			expect((await loadSummary(db)).cards).toEqual([]);

			const other = await filled();
			const read = await loadSummary(other);
			const damaged = packedOf(read);
			damaged.card.due = new Float64Array(2);
			await other.put('snapshot', damaged);
			const again = await loadSummary(other);
			expect(again.fromPacked).toBe(false);
			expect(sorted(again)).toEqual(sorted(read));
			other.close();
			db.close();
		});

		it('moves on when a record is set aside, so a copy read before cannot be stored', async () => {
			const db = await filled();
			const before = await loadSummary(db);
			await db.put('cards', { concept: 'concept 1', due: 'soon' });
			const after = await loadSummary(db, t0);
			expect(after.quarantined.map((q) => q.key)).toEqual(['concept 1']);
			expect(after.generation).toBe(before.generation + 1);
			expect(await savePacked(db, packedOf(before))).toBe(false);
			expect(await savePacked(db, packedOf(after))).toBe(true);
			const s = await loadSummary(db);
			expect(s.fromPacked).toBe(true);
			expect(s.cards.map((c) => c.concept)).not.toContain('concept 1');
			db.close();
		});

		it('lists every record set aside so far, whether read from the stores or the packed record', async () => {
			const db = await filled();
			await db.put('cards', { concept: 'concept 1', due: 'soon' });
			const fromStores = await loadSummary(db, t0);
			expect(fromStores.fromPacked).toBe(false);
			expect(fromStores.kept.map((q) => `${q.store} ${q.key}`)).toEqual(['cards concept 1']);
			expect(await savePacked(db, packedOf(fromStores))).toBe(true);
			const fromPacked = await loadSummary(db, t0);
			expect(fromPacked.fromPacked).toBe(true);
			// Set aside on an earlier load, so not on this one, but still kept and listed.
			expect(fromPacked.quarantined).toEqual([]);
			expect(fromPacked.kept).toEqual(await quarantined(db));
			expect(fromPacked.kept).toHaveLength(1);
			db.close();
		});
	});
});
