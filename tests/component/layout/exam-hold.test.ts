import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { holdDuringExam } from '../../../src/state/exam-hold.ts';
import {
	openAttemptStored,
	openProgressDb,
	saveAttempt
} from '../../../src/lib/study/progress-db.ts';
import { defaultExamConfig, startExam, submit } from '../../../src/lib/study/exam.ts';
import { question, t0 } from '../../unit/study/fixtures.ts';

/** A hold that counts: how many holds are taken and not released. */
function counter() {
	const state = { held: 0 };
	const hold = () => {
		state.held++;
		let released = false;
		return () => {
			if (!released) state.held--;
			released = true;
		};
	};
	return { state, hold };
}

/** Reads whose answers the test gives, in any order. */
function reads() {
	const pending: ((open: boolean) => void)[] = [];
	return {
		read: () => new Promise<boolean>((resolve) => pending.push(resolve)),
		answer: async (k: number, open: boolean) => {
			pending[k]!(open);
			// Let the hold act on the answer.
			await Promise.resolve();
			await Promise.resolve();
		},
		count: () => pending.length
	};
}

/** A change channel the test triggers. */
function changes() {
	const state = { listening: false, changed: () => {} };
	return {
		state,
		listen: (changed: () => void) => {
			state.listening = true;
			state.changed = changed;
			return () => {
				state.listening = false;
			};
		}
	};
}

describe('the exam hold on the update prompt', () => {
	it('holds while an attempt is open and lets go when a change shows it closed', async () => {
		const { state, hold } = counter();
		const r = reads();
		const c = changes();
		const stop = holdDuringExam({ hold, read: r.read, listen: c.listen });
		expect(r.count()).toBe(1);
		await r.answer(0, true);
		expect(state.held).toBe(1);
		// Another change that leaves it open takes no second hold.
		c.state.changed();
		await r.answer(1, true);
		expect(state.held).toBe(1);
		c.state.changed();
		await r.answer(2, false);
		expect(state.held).toBe(0);
		stop();
		expect(c.state.listening).toBe(false);
	});

	it('goes by the latest read when two overlap', async () => {
		const { state, hold } = counter();
		const r = reads();
		const c = changes();
		const stop = holdDuringExam({ hold, read: r.read, listen: c.listen });
		c.state.changed();
		await r.answer(1, false);
		await r.answer(0, true);
		expect(state.held).toBe(0);
		stop();
	});

	it('releases its hold when stopped, and ignores a read that ends after that', async () => {
		const { state, hold } = counter();
		const r = reads();
		const c = changes();
		const stop = holdDuringExam({ hold, read: r.read, listen: c.listen });
		await r.answer(0, true);
		c.state.changed();
		stop();
		expect(state.held).toBe(0);
		await r.answer(1, true);
		expect(state.held).toBe(0);
	});

	it('follows a stored exam from its start to its submission', async () => {
		const name = 'exam-hold-test';
		const db = await openProgressDb(name);
		const { state, hold } = counter();
		const c = changes();
		let done = Promise.resolve(false);
		const read = () => (done = openAttemptStored(name));
		const stop = holdDuringExam({ hold, read, listen: c.listen });
		await done;
		expect(state.held).toBe(0);
		const a = startExam('e1', [question('q1')], defaultExamConfig, 3, t0);
		await saveAttempt(db, a);
		c.state.changed();
		await done;
		await Promise.resolve();
		expect(state.held).toBe(1);
		await saveAttempt(db, submit(a, t0 + 1_000));
		c.state.changed();
		await done;
		await Promise.resolve();
		expect(state.held).toBe(0);
		stop();
		db.close();
	});
});
