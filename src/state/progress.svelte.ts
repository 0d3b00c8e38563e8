import type { IDBPDatabase } from 'idb';
import type { ExamAttempt } from '../lib/study/exam.ts';
import type { MetaRecord, Quarantined, Written } from '../lib/study/progress-db.ts';
import { dueBefore, pack, unpackChecked, type Packed } from '../lib/study/snapshot.ts';
import type { AnswerRecord, CardRecord } from '../lib/study/records.ts';
import { rateAnswer } from '../lib/study/rating.ts';
import type { ConceptRecord, DayRecord, Summary } from '../lib/study/summary.ts';

/** The channel on which a tab says it has changed the stored progress, so the others read it again. */
export const progressChannel = 'ipl-progress';
const day = 86_400_000;

/** Midnight at the start of the local day containing `at`. */
export function startOfDay(at: number): number {
	const d = new Date(at);
	d.setHours(0, 0, 0, 0);
	return d.getTime();
}

/**
 * The learner's progress: concept cards, exam attempts, study settings and the answers' per-day
 * and per-concept summaries, read from IndexedDB once and kept in step with other tabs; the answer
 * log itself is read only by the screens that need it (`loadAnswers`). Every write goes to the
 * database before the caller moves on; where storage is unavailable, progress lasts for the visit
 * and `problem` says so.
 */
class Progress {
	#answers = $state.raw<AnswerRecord[]>([]);
	#answersReady = $state(false);
	#days = $state.raw<DayRecord[]>([]);
	#concepts = $state.raw<Map<string, ConceptRecord>>(new Map());
	#cards = $state.raw<Map<string, CardRecord>>(new Map());
	/**
	 * The packed record this tab's cards and concept summaries were read from, while they are
	 * unchanged since: the progress screen works from its columns, and the card and summary
	 * objects are made only when something asks for them (`#unpacked`).
	 */
	#packed = $state.raw<Packed | undefined>(undefined);
	#unpackedFrom: Packed | undefined;
	#unpackedMaps = {
		cards: new Map<string, CardRecord>(),
		concepts: new Map<string, ConceptRecord>()
	};
	#attempts = $state.raw<ExamAttempt[]>([]);
	#meta = $state.raw<Map<string, unknown>>(new Map());
	#quarantined = $state.raw<Quarantined[]>([]);
	#problem = $state('');
	#ready = $state(false);
	#db: Promise<IDBPDatabase | undefined> | undefined;
	#loaded: Promise<void> | undefined;
	#answersLoaded: Promise<void> | undefined;
	#channel: BroadcastChannel | undefined;
	/** The stores' generation this tab's copy is known to match, or -1 (see progress-db.ts). */
	#generation = -1;
	#packTimer: ReturnType<typeof setTimeout> | undefined;

	/** The answer log, oldest first, once `loadAnswers` has read it (empty before). */
	get answers(): AnswerRecord[] {
		return this.#answers;
	}
	/** Whether `answers` holds the whole log. */
	get answersReady(): boolean {
		return this.#answersReady;
	}
	/** Answers and right answers per study day, oldest first. */
	get days(): DayRecord[] {
		return this.#days;
	}
	/** Each answered concept's topic and latest results. */
	get concepts(): Map<string, ConceptRecord> {
		return this.#packed ? this.#unpacked(this.#packed).concepts : this.#concepts;
	}
	/**
	 * The cards and concept summaries as columns (snapshot.ts): the packed record they were read
	 * from while they are unchanged, else packed from them (never stored, so its generation is -1).
	 */
	get columns(): Packed {
		return this.#columns;
	}
	#columns = $derived(
		this.#packed ?? pack(-1, this.#cards.values(), this.#concepts.values(), this.#days)
	);
	#unpacked(p: Packed): { cards: Map<string, CardRecord>; concepts: Map<string, ConceptRecord> } {
		if (this.#unpackedFrom !== p) {
			const u = unpackChecked(p);
			this.#unpackedMaps = {
				cards: new Map(u.cards.map((c) => [c.concept, c])),
				concepts: new Map(u.concepts.map((c) => [c.concept, c]))
			};
			this.#unpackedFrom = p;
		}
		return this.#unpackedMaps;
	}
	/** Makes the cards and summaries objects before they change (see `#packed`). */
	#materialize(): void {
		if (!this.#packed) return;
		const { cards, concepts } = this.#unpacked(this.#packed);
		this.#cards = cards;
		this.#concepts = concepts;
		this.#packed = undefined;
		this.#unpackedFrom = undefined;
	}
	/** How many answers are stored. */
	get answerCount(): number {
		let n = 0;
		for (const d of this.#days) n += d.answered;
		return n;
	}
	get cards(): Map<string, CardRecord> {
		return this.#packed ? this.#unpacked(this.#packed).cards : this.#cards;
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
		if (this.#packed) return dueBefore(this.#packed, end);
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

	/** Reads stored progress, all but the answer log, once (`reload` reads it again). */
	load(): Promise<void> {
		this.#loaded ??= this.#read();
		if (typeof BroadcastChannel === 'function' && !this.#channel) {
			this.#channel = new BroadcastChannel(progressChannel);
			this.#channel.onmessage = () => void this.reload();
		}
		return this.#loaded;
	}

	/** Reads the answer log too, once (a reload reads it again once it has been read). */
	loadAnswers(): Promise<void> {
		this.#answersLoaded ??= this.load().then(() => this.#readAnswers());
		return this.#answersLoaded;
	}

	/** Reads everything again from the database (after another tab or an import changed it). */
	reload(): Promise<void> {
		this.#loaded = this.#read();
		if (this.#answersLoaded) this.#answersLoaded = this.#loaded.then(() => this.#readAnswers());
		return this.#answersLoaded ?? this.#loaded;
	}

	#setSummary(s: Summary): void {
		this.#days = s.days;
		const concepts = new Map<string, ConceptRecord>();
		for (const c of s.concepts) concepts.set(c.concept, c);
		this.#concepts = concepts;
	}

	async #read(): Promise<void> {
		const db = await this.#open();
		if (db) {
			try {
				const { loadSummary } = await import('../lib/study/progress-db.ts');
				const stored = await loadSummary(db);
				this.#attempts = stored.attempts;
				this.#meta = new Map(stored.meta.map((m) => [m.key, m.value]));
				if (stored.packed) {
					this.#packed = stored.packed;
					this.#days = stored.days;
				} else {
					const cards = new Map<string, CardRecord>();
					for (const c of stored.cards) cards.set(c.concept, c);
					this.#packed = undefined;
					this.#cards = cards;
					this.#setSummary(stored);
				}
				this.#generation = stored.generation;
				if (!stored.fromPacked) this.#packSoon();
				this.#quarantined = stored.kept;
			} catch (err) {
				this.#problem = `Stored progress could not be read (${err instanceof Error ? err.message : String(err)}). Nothing was deleted.`;
			}
		}
		this.#ready = true;
	}

	async #readAnswers(): Promise<void> {
		const db = await this.#open();
		if (db) {
			try {
				const { loadAnswers, quarantined } = await import('../lib/study/progress-db.ts');
				const log = await loadAnswers(db);
				this.#answers = log.answers;
				if (log.rebuilt) {
					this.#materialize();
					this.#setSummary(log.rebuilt);
					this.#generation = -1;
				}
				if (log.quarantined.length) this.#quarantined = await quarantined(db);
			} catch (err) {
				this.#problem = `Stored answers could not be read (${err instanceof Error ? err.message : String(err)}). Nothing was deleted.`;
			}
		}
		this.#answersReady = true;
	}

	/**
	 * Stores this tab's copy as the packed record a little after the last change, so the next visit
	 * starts from one record instead of every card: and at once when the tab is hidden.
	 */
	#packSoon(delay = 2000): void {
		if (typeof window === 'undefined') return;
		clearTimeout(this.#packTimer);
		// Packing ten thousand cards takes a moment: it waits for the page to be idle.
		const save = () => void this.#savePacked();
		this.#packTimer = setTimeout(
			() =>
				typeof requestIdleCallback === 'function'
					? requestIdleCallback(save, { timeout: 1000 })
					: save(),
			delay
		);
		if (!this.#hideListener) {
			this.#hideListener = () => {
				if (document.visibilityState === 'hidden' && this.#packTimer !== undefined)
					void this.#savePacked();
			};
			document.addEventListener('visibilitychange', this.#hideListener);
		}
	}
	#hideListener: (() => void) | undefined;

	async #savePacked(): Promise<void> {
		if (this.#packTimer === undefined) return;
		clearTimeout(this.#packTimer);
		this.#packTimer = undefined;
		const db = await this.#db;
		// Read from the packed record and unchanged since: that record is the one stored.
		if (!db || this.#generation < 0 || this.#packed) return;
		try {
			const { savePacked } = await import('../lib/study/progress-db.ts');
			await savePacked(
				db,
				pack(this.#generation, this.#cards.values(), this.#concepts.values(), this.#days)
			);
		} catch {
			// The packed record only saves time; without it the next visit reads the stores.
		}
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
		const { addToConcept, addToDay } = await import('../lib/study/summary.ts');
		/** What the answer changes, worked out from this tab's copy (when storage is unavailable). */
		const inMemory = (): Omit<Written, 'generation'> => {
			const key = addToDay(undefined, answer).day;
			return {
				cards: [...new Set(answer.concepts)].map((c) => next(c, this.cards.get(c))),
				day: addToDay(
					this.#days.find((d) => d.day === key),
					answer
				),
				concepts: [...new Set(answer.concepts)].map((c) =>
					addToConcept(this.concepts.get(c), c, answer)
				)
			};
		};
		let written: Omit<Written, 'generation'>;
		if (db) {
			try {
				const { saveAnswer } = await import('../lib/study/progress-db.ts');
				const saved = await saveAnswer(db, answer, next);
				// This copy matches the stores only if nothing else wrote to them since it did.
				this.#generation =
					saved.generation.before === this.#generation ? saved.generation.after : -1;
				this.#packSoon();
				written = saved;
			} catch (err) {
				this.#problem = `An answer could not be saved (${err instanceof Error ? err.message : String(err)}). Export your progress to keep it.`;
				written = inMemory();
			}
		} else written = inMemory();
		// Without storage this copy is the only log, so it is always kept.
		if (this.#answersReady || !db) this.#answers = [...this.#answers, answer];
		this.#materialize();
		const cards = new Map(this.#cards);
		for (const c of written.cards) cards.set(c.concept, c);
		this.#cards = cards;
		const concepts = new Map(this.#concepts);
		for (const c of written.concepts) concepts.set(c.concept, c);
		this.#concepts = concepts;
		const days = this.#days.filter((d) => d.day !== written.day.day);
		days.push(written.day);
		this.#days = days.sort((a, b) => (a.day < b.day ? -1 : 1));
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
