import { openDB } from 'idb';
import type { Question } from '../lib/content/types.ts';
import { sanitizeHtml } from '../security/html-sanitizer.ts';
import { replaceProgress } from '../lib/study/progress-db.ts';
import type { AnswerRecord } from '../lib/study/records.ts';
import { createScheduler, replayCards } from '../lib/study/schedule.ts';
import {
	exportProgress,
	mergeProgress,
	previewImport,
	readExport,
	sanitizeQuestion,
	type ImportPreview,
	type ProgressSnapshot
} from '../lib/study/transfer.ts';
import { progress } from './progress.svelte.ts';

// Imported decks stay in their own database (src/state/decks.svelte.ts); export reads it and import
// writes it, so a deck travels with the progress that answered its questions.
const deckDb = 'ipl-decks';
const settingsKey = 'ipl.settings.v1';

type Deck = ProgressSnapshot['decks'][number];

async function openDecks() {
	return openDB(deckDb, 1, {
		upgrade(db) {
			db.createObjectStore('decks', { keyPath: 'name' });
		}
	});
}

function readSettings(): Record<string, unknown> {
	try {
		const raw = localStorage.getItem(settingsKey);
		const parsed: unknown = raw ? JSON.parse(raw) : {};
		return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

/** Everything this device holds, as one snapshot. */
export async function currentSnapshot(): Promise<ProgressSnapshot> {
	await progress.reload();
	await progress.loadAnswers();
	let decks: Deck[] = [];
	try {
		const db = await openDecks();
		decks = (await db.getAll('decks')) as Deck[];
		db.close();
	} catch {
		// No deck storage: the export has no decks.
	}
	return {
		answers: progress.answers,
		cards: [...progress.cards.values()],
		attempts: progress.attempts,
		meta: progress.meta,
		settings: readSettings(),
		decks
	};
}

/** The export file's text for everything stored on this device. */
export async function exportAll(now = new Date()): Promise<string> {
	return exportProgress(await currentSnapshot(), now);
}

export type ImportPlan =
	| { ok: false; reason: string }
	| {
			ok: true;
			merge: { preview: ImportPreview; result: ProgressSnapshot };
			replace: { preview: ImportPreview; result: ProgressSnapshot };
	  };

/** Reads a file and works out what merge and replace would each change; nothing is stored yet. */
export async function planImport(text: string): Promise<ImportPlan> {
	const read = await readExport(text);
	if (!read.ok) return read;
	// Question HTML in a file is not trusted: it is sanitized as an imported deck is.
	const q = (x: Question) => sanitizeQuestion(x, sanitizeHtml);
	const incoming: ProgressSnapshot = {
		...read.data,
		attempts: read.data.attempts.map((a) => ({ ...a, questions: a.questions.map(q) })),
		decks: read.data.decks.map((d) => ({ ...d, questions: d.questions.map(q) }))
	};
	const current = await currentSnapshot();
	const f = createScheduler(progress.retention);
	const replay = (answers: AnswerRecord[]) => [...replayCards(f, answers).values()];
	const merged = mergeProgress(current, incoming, replay);
	return {
		ok: true,
		merge: { preview: previewImport(current, merged), result: merged },
		replace: { preview: previewImport(current, incoming), result: incoming }
	};
}

/** Stores the planned result, in one transaction for the progress and one for the decks. */
export async function applyImport(result: ProgressSnapshot): Promise<void> {
	const db = await progress.database();
	if (!db) throw new Error('There is no storage to import into.');
	await replaceProgress(db, result);
	const decks = await openDecks();
	const tx = decks.transaction('decks', 'readwrite');
	await tx.store.clear();
	for (const d of result.decks) await tx.store.put(d);
	await tx.done;
	decks.close();
	try {
		localStorage.setItem(settingsKey, JSON.stringify(result.settings));
	} catch {
		// Settings could not be kept; progress is imported.
	}
	progress.announce();
}
