import type { IDBPDatabase } from 'idb';
import type { ExamAttempt } from '../lib/study/exam.ts';
import type { MetaRecord, Quarantined } from '../lib/study/progress-db.ts';
import type { AnswerRecord, CardRecord } from '../lib/study/records.ts';
import { rateAnswer } from '../lib/study/rating.ts';

const channelName = 'ipl-progress';
const day = 86_400_000;

/** Midnight at the start of the local day containing `at`. */
export function startOfDay(at: number): number {
	const d = new Date(at);
	d.setHours(0, 0, 0, 0);
	return d.getTime();
}

/**
 * The learner's progress: answers, concept cards, exam attempts and study settings, read from
 * IndexedDB once and kept in step with other tabs. Every write goes to the database before the
 * caller moves on; where storage is unavailable, progress lasts for the visit and `problem` says so.
 */
class Progress {
	#answers = $state.raw<AnswerRecord[]>([]);
	#cards = $state.raw<Map<string, CardRecord>>(new Map());
	#attempts = $state.raw<ExamAttempt[]>([]);
	#meta = $state.raw<Map<string, unknown>>(new Map());
	#quarantined = $state.raw<Quarantined[]>([]);
	#problem = $state('');
	#ready = $state(false);
	#db: Promise<IDBPDatabase | undefined> | undefined;
	#loaded: Promise<void> | undefined;
	#channel: BroadcastChannel | undefined;

	get answers(): AnswerRecord[] {
		return this.#answers;
	}
	get cards(): Map<string, CardRecord> {
		return this.#cards;
	}
	get attempts(): ExamAttempt[] {
		return this.#attempts;
	}
	/** Records set aside because they could not be read, kept in the database. */
	get quarantined(): Quarantined[] {
		return this.#quarantined;
	}
	/** What went wrong with storage, in words for the learner, or ''. */
	get problem(): string {
		return this.#problem;
	}
	get ready(): boolean {
		return this.#ready;
	}

	/** The retention target (0.7 to 0.97; default 0.9). */
	get retention(): number {
		const r = this.#meta.get('retention');
		return typeof r === 'number' && r >= 0.7 && r <= 0.97 ? r : 0.9;
	}

	/** The exam date the learner set, as YYYY-MM-DD, or ''. */
	get examDate(): string {
		const d = this.#meta.get('examDate');
		return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : '';
	}

	/** The unfinished exam attempt, if any. */
	get openAttempt(): ExamAttempt | undefined {
		return this.#attempts.find((a) => a.submittedAt === null);
	}

	/** Submitted attempts, newest first. */
	get pastAttempts(): ExamAttempt[] {
		return this.#attempts
			.filter((a) => a.submittedAt !== null)
			.sort((a, b) => b.startedAt - a.startedAt);
	}

	/** Concepts due by the end of the day containing `now`. */
	dueCount(now: number): number {
		const end = startOfDay(now) + day;
		let n = 0;
		for (const c of this.#cards.values()) if (c.due < end) n++;
		return n;
	}

	/** Questions flagged in any submitted exam. */
	get flaggedQuestions(): string[] {
		const ids = new Set<string>();
		for (const a of this.#attempts)
			a.flags.forEach((f, i) => {
				if (f && a.questions[i]) ids.add(a.questions[i].id);
			});
		return [...ids];
	}

	#open(): Promise<IDBPDatabase | undefined> {
		this.#db ??= (async () => {
			if (typeof indexedDB === 'undefined') {
				this.#problem =
					'This browser gives the app no storage (a private window?). Progress lasts for this visit only; export it before you close the tab.';
				return undefined;
			}
			try {
				const { openProgressDb } = await import('../lib/study/progress-db.ts');
				return await openProgressDb(undefined, undefined, () => {
					this.#problem =
						'A newer version of the app opened in another tab. Reload this tab to keep saving.';
					this.#db = Promise.resolve(undefined);
				});
			} catch (err) {
				this.#problem = err instanceof Error ? err.message : String(err);
				return undefined;
			}
		})();
		return this.#db;
	}

	/** Reads stored progress once (call again after another tab or an import changed it). */
	load(): Promise<void> {
		this.#loaded ??= this.#read();
		if (typeof BroadcastChannel === 'function' && !this.#channel) {
			this.#channel = new BroadcastChannel(channelName);
			this.#channel.onmessage = () => void this.reload();
		}
		return this.#loaded;
	}

	/** Reads everything again from the database. */
	reload(): Promise<void> {
		this.#loaded = this.#read();
		return this.#loaded;
	}

	async #read(): Promise<void> {
		const db = await this.#open();
		if (db) {
			try {
				const { loadProgress, quarantined } = await import('../lib/study/progress-db.ts');
				const stored = await loadProgress(db);
				this.#answers = stored.answers;
				this.#cards = new Map(stored.cards.map((c) => [c.concept, c]));
				this.#attempts = stored.attempts;
				this.#meta = new Map(stored.meta.map((m) => [m.key, m.value]));
				this.#quarantined = await quarantined(db);
			} catch (err) {
				this.#problem = `Stored progress could not be read (${err instanceof Error ? err.message : String(err)}). Nothing was deleted.`;
			}
		}
		this.#ready = true;
	}

	#asked = false;
	/** Asks once per visit, when there is something worth keeping, that the browser not evict it. */
	#askPersist(): void {
		if (this.#asked || typeof navigator === 'undefined' || !navigator.storage?.persist) return;
		this.#asked = true;
		void navigator.storage.persist().catch(() => false);
	}

	#changed(): void {
		this.#channel?.postMessage('changed');
	}

	/**
	 * Records one answer and reschedules its concepts; resolves once both are stored, so the caller
	 * shows the next question only after that.
	 */
	async record(answer: AnswerRecord): Promise<void> {
		await this.load();
		this.#askPersist();
		const { createScheduler, reviewCard } = await import('../lib/study/schedule.ts');
		const f = createScheduler(this.retention);
		const rating = rateAnswer(answer);
		const next = (concept: string, before: CardRecord | undefined) =>
			reviewCard(f, concept, before, rating, answer.at);
		const db = await this.#open();
		let written: CardRecord[];
		if (db) {
			try {
				const { saveAnswer } = await import('../lib/study/progress-db.ts');
				written = await saveAnswer(db, answer, next);
			} catch (err) {
				this.#problem = `An answer could not be saved (${err instanceof Error ? err.message : String(err)}). Export your progress to keep it.`;
				written = answer.concepts.map((c) => next(c, this.#cards.get(c)));
			}
		} else written = answer.concepts.map((c) => next(c, this.#cards.get(c)));
		this.#answers = [...this.#answers, answer];
		const cards = new Map(this.#cards);
		for (const c of written) cards.set(c.concept, c);
		this.#cards = cards;
		this.#changed();
	}

	/** Saves an exam attempt (after every change to it). */
	async saveAttempt(attempt: ExamAttempt): Promise<void> {
		this.#attempts = [...this.#attempts.filter((a) => a.id !== attempt.id), attempt];
		const db = await this.#open();
		if (!db) return;
		try {
			const { saveAttempt } = await import('../lib/study/progress-db.ts');
			await saveAttempt(db, attempt);
			this.#changed();
		} catch (err) {
			this.#problem = `The exam could not be saved (${err instanceof Error ? err.message : String(err)}).`;
		}
	}

	async setMeta(key: string, value: unknown): Promise<void> {
		this.#meta = new Map(this.#meta).set(key, value);
		const db = await this.#open();
		if (!db) return;
		const { saveMeta } = await import('../lib/study/progress-db.ts');
		await saveMeta(db, key, value);
		this.#changed();
	}

	/** Everything stored, for export. */
	get meta(): MetaRecord[] {
		return [...this.#meta].map(([key, value]) => ({ key, value }));
	}

	/** The open database, for import. */
	database(): Promise<IDBPDatabase | undefined> {
		return this.#open();
	}

	/** Tells other tabs to read again (after an import). */
	announce(): void {
		this.#changed();
	}
}

export const progress = new Progress();
