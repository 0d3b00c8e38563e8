import type { IDBPDatabase } from 'idb';
import type { DeckContext, DeckProgress, DeckResult } from '../lib/content/import-deck.ts';
import type { Question } from '../lib/content/types.ts';

/** A deck a user imported, kept in IndexedDB on this device only. */
export interface Deck {
	name: string;
	importedAt: number;
	questions: Question[];
}

const dbName = 'ipl-decks';
const store = 'decks';

/**
 * Imported decks: read once from IndexedDB, then kept in memory. Without IndexedDB (private
 * windows in some browsers, tests) decks still work for the visit.
 */
class Decks {
	#list = $state.raw<Deck[]>([]);
	#loaded: Promise<void> | undefined;
	#db: Promise<IDBPDatabase | undefined> | undefined;

	get list(): Deck[] {
		return this.#list;
	}

	/** Every question of every deck. */
	get questions(): Question[] {
		return this.#list.flatMap((d) => d.questions);
	}

	#open(): Promise<IDBPDatabase | undefined> {
		this.#db ??= (async () => {
			if (typeof indexedDB === 'undefined') return undefined;
			try {
				const { openDB } = await import('idb');
				return await openDB(dbName, 1, {
					upgrade(db) {
						db.createObjectStore(store, { keyPath: 'name' });
					}
				});
			} catch {
				return undefined;
			}
		})();
		return this.#db;
	}

	/** Loads the stored decks once. */
	load(): Promise<void> {
		this.#loaded ??= (async () => {
			const db = await this.#open();
			if (!db) return;
			try {
				const decks = (await db.getAll(store)) as Deck[];
				this.#list = decks.sort((a, b) => a.importedAt - b.importedAt);
			} catch {
				// A damaged store leaves the built-in bank usable.
			}
		})();
		return this.#loaded;
	}

	/**
	 * Checks, sanitizes and stores a deck; on any problem nothing is stored. A deck with the name of
	 * one already imported replaces it.
	 */
	async import(
		name: string,
		source: string,
		builtIn: DeckContext,
		now = Date.now(),
		progress: DeckProgress = {}
	): Promise<DeckResult> {
		await this.load();
		const ids = new Map(builtIn.questionIds);
		for (const d of this.#list) {
			if (d.name === name) continue;
			for (const q of d.questions) ids.set(q.id, `deck "${d.name}"`);
		}
		// The parser, marked and the sanitizer load only when someone imports a deck.
		const [{ prepareDeck }, { sanitizeHtml }] = await Promise.all([
			import('../lib/content/import-deck.ts'),
			import('../security/html-sanitizer.ts')
		]);
		const result = await prepareDeck(
			name,
			source,
			{ lessonSlugs: builtIn.lessonSlugs, questionIds: ids },
			sanitizeHtml,
			progress
		);
		if (!result.ok) return result;
		const deck: Deck = { name, importedAt: now, questions: result.questions };
		this.#list = [...this.#list.filter((d) => d.name !== name), deck];
		const db = await this.#open();
		try {
			await db?.put(store, deck);
		} catch {
			// Storage full or blocked: the deck still plays for this visit.
		}
		return result;
	}

	async remove(name: string): Promise<void> {
		this.#list = this.#list.filter((d) => d.name !== name);
		const db = await this.#open();
		try {
			await db?.delete(store, name);
		} catch {
			// Nothing stored to remove.
		}
	}
}

export const decks = new Decks();
