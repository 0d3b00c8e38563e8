import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startExam, defaultExamConfig } from '../../../src/lib/study/exam.ts';
import type { AnswerRecord } from '../../../src/lib/study/records.ts';
import { createScheduler, replayCards } from '../../../src/lib/study/schedule.ts';
import {
	exportProgress,
	mergeProgress,
	normalize,
	previewImport,
	readExport,
	type ProgressSnapshot
} from '../../../src/lib/study/transfer.ts';
import { question, t0 } from './fixtures.ts';

const f = createScheduler(0.9);
const replay = (answers: AnswerRecord[]) => [...replayCards(f, answers).values()];

const answerArb = fc.record({
	id: fc.uuid(),
	questionId: fc.constantFrom('q1', 'q2', 'q3'),
	topic: fc.constantFrom('auth-flow', 'guest-access'),
	domain: fc.constantFrom('development', 'security', 'deployment', 'troubleshooting'),
	concepts: fc.uniqueArray(fc.constantFrom('a', 'b', 'enhanced flow', 'trust policy'), {
		minLength: 1,
		maxLength: 3
	}),
	correct: fc.boolean(),
	hinted: fc.boolean(),
	guessed: fc.boolean(),
	elapsedMs: fc.integer({ min: 0, max: 600_000 }),
	at: fc.integer({ min: t0, max: t0 + 200 * 86_400_000 }),
	source: fc.constantFrom('practice', 'review', 'exam')
}) as fc.Arbitrary<AnswerRecord>;

const historyArb = fc
	.record({
		answers: fc.uniqueArray(answerArb, { selector: (a) => a.id, maxLength: 25 }),
		attempts: fc.integer({ min: 0, max: 2 }),
		retention: fc.double({ min: 0.7, max: 0.97, noNaN: true }),
		theme: fc.constantFrom('light', 'dark', 'projector', 'system')
	})
	.map(({ answers, attempts, retention, theme }): ProgressSnapshot => ({
		answers,
		cards: replay(answers),
		attempts: Array.from({ length: attempts }, (_, i) =>
			startExam(`att-${i}`, [question('q1'), question('q2')], defaultExamConfig, i, t0 + i)
		),
		meta: [{ key: 'retention', value: retention }],
		settings: { theme, motion: 'system' },
		decks: []
	}));

describe('export and import', () => {
	it('export then import gives back exactly the same progress', async () => {
		await fc.assert(
			fc.asyncProperty(historyArb, async (s) => {
				const read = await readExport(await exportProgress(s, new Date(t0)));
				expect(read.ok).toBe(true);
				if (read.ok) expect(normalize(read.data)).toEqual(normalize(s));
			}),
			{ numRuns: 40, seed: 9 }
		);
	});

	it('any edit of the data is caught by the checksum', async () => {
		await fc.assert(
			fc.asyncProperty(
				historyArb.filter((s) => s.answers.length > 0),
				fc.nat(),
				async (s, pick) => {
					const file = JSON.parse(await exportProgress(s, new Date(t0)));
					const a = file.data.answers[pick % file.data.answers.length];
					a.correct = !a.correct;
					const read = await readExport(JSON.stringify(file));
					expect(read).toEqual({ ok: false, reason: expect.stringMatching(/checksum/) });
				}
			),
			{ numRuns: 40, seed: 10 }
		);
	});

	it('merging the same file twice changes nothing the second time', async () => {
		await fc.assert(
			fc.property(historyArb, historyArb, (mine, theirs) => {
				const once = mergeProgress(mine, theirs, replay);
				const twice = mergeProgress(once, theirs, replay);
				expect(twice).toEqual(once);
				const p = previewImport(once, twice);
				expect(p.answersAdded + p.attemptsAdded + p.conceptsChanged).toBe(0);
			}),
			{ numRuns: 40, seed: 11 }
		);
	});

	it("a merge keeps every answer of both sides and this device's settings", () => {
		fc.assert(
			fc.property(historyArb, historyArb, (mine, theirs) => {
				const m = mergeProgress(mine, theirs, replay);
				const ids = new Set([...mine.answers, ...theirs.answers].map((a) => a.id));
				expect(m.answers.map((a) => a.id).sort()).toEqual([...ids].sort());
				expect(m.settings).toEqual(mine.settings);
				expect(m.cards).toEqual(normalize({ ...m, cards: replay(m.answers) }).cards);
			}),
			{ numRuns: 30, seed: 12 }
		);
	});

	it('refuses foreign, truncated, newer and malformed files with the reason', async () => {
		const s: ProgressSnapshot = {
			answers: [],
			cards: [],
			attempts: [],
			meta: [],
			settings: {},
			decks: []
		};
		const text = await exportProgress(s, new Date(t0));
		const reason = async (t: string) => {
			const r = await readExport(t);
			return r.ok ? '' : r.reason;
		};
		expect(await reason(text.slice(0, text.length - 10))).toMatch(/not complete JSON/);
		expect(await reason('{"hello":1}')).toMatch(/not a progress export/);
		const newer = JSON.parse(text);
		newer.version = 2;
		expect(await reason(JSON.stringify(newer))).toMatch(/newer version/);
		const bad = JSON.parse(text);
		bad.data.answers = [{ id: 'x' }];
		const { sha256Hex, canonicalJson } = await import('../../../src/lib/study/transfer.ts');
		bad.checksum = `sha256:${await sha256Hex(canonicalJson(bad.data))}`;
		expect(await reason(JSON.stringify(bad))).toBe('data.answers[0]: questionId is missing.');
	});
});
