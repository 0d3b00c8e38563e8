import { describe, expect, it } from 'vitest';
import {
	backward,
	forward,
	gotoItem,
	setCountdown,
	setHands,
	startPlan,
	toggleBlank,
	type ShowState
} from '../../../src/lib/present/show.ts';
import { threeItemPlan } from './fixtures.ts';

const plan = threeItemPlan;
const bounds = { first: 1, last: 3 };

describe('moving through a plan', () => {
	it('steps a flow from its first to its last step, then moves on', () => {
		let s: ShowState = gotoItem(startPlan(plan, 0), 1);
		expect(s.step).toBe('start');
		s = forward(s, bounds);
		expect(s.step).toBe(2);
		s = forward(forward(s, bounds), bounds);
		expect(s).toMatchObject({ item: 2, step: 'start' });
	});

	it('holds a flow item until its run is ready, rather than skipping it', () => {
		const s = gotoItem(startPlan(plan, 0), 1);
		expect(forward(s, null)).toBe(s);
		expect(backward(s, null)).toBe(s);
	});

	it('goes back into the previous flow at its end', () => {
		const s = backward(gotoItem(startPlan(plan, 0), 2), null);
		expect(s).toMatchObject({ item: 1, step: 'end' });
		expect(backward(s, bounds).step).toBe(2);
	});

	it('reveals a question before moving past it, and stops at the last item', () => {
		let s = gotoItem(startPlan(plan, 0), 2);
		s = forward(s, null);
		expect(s.answers[2]?.revealed).toBe(true);
		expect(forward(s, null)).toBe(s);
	});

	it('has no countdown unless the teacher starts one, and moving on stops it', () => {
		let s = gotoItem(startPlan(plan, 0), 2);
		expect(s.countdownEnd).toBeNull();
		s = setCountdown(s, 60, 1_000);
		expect(s.countdownEnd).toBe(61_000);
		expect(gotoItem(s, 0).countdownEnd).toBeNull();
	});

	it('keeps hands per question and blanks without moving', () => {
		let s = setHands(gotoItem(startPlan(plan, 0), 2), 2, 7);
		expect(s.answers[2]?.hands).toEqual([0, 0, 7]);
		s = toggleBlank(s);
		expect(s).toMatchObject({ blank: true, item: 2 });
	});
});
