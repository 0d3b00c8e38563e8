import { bench, describe } from 'vitest';
import { conceptTopics, forecast, topicRecall } from '../../src/lib/study/columns.ts';
import { pack } from '../../src/lib/study/snapshot.ts';
import { summarize } from '../../src/lib/study/summary.ts';
import type { AnswerRecord } from '../../src/lib/study/records.ts';
import { createRandom } from '../../src/lib/study/random.ts';
import { createScheduler, dueConcepts, replayCards } from '../../src/lib/study/schedule.ts';

// 10,000 concept cards built from 100,000 review records over a year (seeded, fixed clock).
const t0 = Date.UTC(2026, 0, 1);
const random = createRandom(42);
const topics = ['auth-flow', 'guest-access', 'iam-roles', 'role-mapping', 'trust-policies'];
const answers: AnswerRecord[] = Array.from({ length: 100_000 }, (_, i) => ({
	id: `a${i}`,
	questionId: `q${i % 3000}`,
	topic: topics[i % topics.length]!,
	domain: 'security',
	concepts: [`c${Math.floor(random() * 10_000)}`],
	correct: random() > 0.3,
	hinted: false,
	guessed: random() > 0.9,
	elapsedMs: Math.floor(random() * 120_000),
	at: t0 + Math.floor((i / 100_000) * 365 * 86_400_000),
	source: 'practice'
}));
const f = createScheduler(0.9);
const cards = replayCards(f, answers);
const { concepts, days } = summarize(answers);
/** The bank names every concept, under one of five topics. */
const named = new Map([...cards.keys()].map((k, i) => [k, { topic: topics[i % topics.length]! }]));
const now = t0 + 366 * 86_400_000;

describe('study engine: 10,000 cards, 100,000 reviews (budget 200 ms for scheduling and readiness)', () => {
	bench('schedule: replay 100,000 reviews into 10,000 cards', () => {
		replayCards(f, answers);
	});
	bench('due today, 30-day forecast, mastery and readiness for 10,000 cards', () => {
		dueConcepts(cards.values(), now);
		// As the progress screen does without a packed record: pack, then work from the columns.
		const p = pack(-1, cards.values(), concepts, days);
		forecast(p, now);
		topicRecall(f, p, conceptTopics(p, named), 0.9, now, now + 30 * 86_400_000);
	});
});
