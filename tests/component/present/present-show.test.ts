import { describe, expect, it } from 'vitest';
import { PresentShow } from '../../../src/state/present.svelte.ts';
import { startPlan } from '../../../src/lib/present/show.ts';
import { threeItemPlan } from '../../unit/present/fixtures.ts';

const plan = threeItemPlan;

function atFlow() {
	const show = new PresentShow('presenter', 'w1', null);
	show.update(() => startPlan(plan, 0));
	show.command('forward');
	expect(show.state.item).toBe(1);
	return show;
}

describe('step keys pressed while a flow item is still loading', () => {
	it('take effect once the run is ready, in the order they were pressed', () => {
		const show = atFlow();
		show.command('forward');
		show.command('forward');
		show.command('forward');
		show.command('backward');
		expect(show.state.step).toBe('start');
		show.setBounds(1, { first: 1, last: 5 });
		expect(show.state.step).toBe(3);
	});

	it('move on past the flow when more were pressed than it has steps', () => {
		const show = atFlow();
		for (let i = 0; i < 4; i++) show.command('forward');
		show.setBounds(1, { first: 1, last: 3 });
		expect(show.state).toMatchObject({ item: 2, step: 'start' });
	});

	it('are dropped when the show has moved to another item before the run is ready', () => {
		const show = atFlow();
		show.command('forward');
		show.command('first');
		show.setBounds(1, { first: 1, last: 5 });
		expect(show.state).toMatchObject({ item: 0, step: 'start' });
	});

	it('are not kept once the run is ready: each press moves at once', () => {
		const show = atFlow();
		show.setBounds(1, { first: 1, last: 5 });
		show.command('forward');
		expect(show.state.step).toBe(2);
		show.setBounds(1, { first: 1, last: 5 });
		expect(show.state.step).toBe(2);
	});
});

describe('a window reloaded mid-session', () => {
	it('comes back at the same item and step, from its own tab storage', () => {
		const storage = window.sessionStorage;
		storage.clear();
		const before = new PresentShow('presenter', 'w1', storage);
		before.update(() => startPlan(plan, 0));
		before.command('forward');
		before.setBounds(1, { first: 1, last: 5 });
		before.command('forward');
		const after = new PresentShow('presenter', 'w2', storage);
		expect(after.state).toEqual(before.state);
		expect(after.state).toMatchObject({ item: 1, step: 2 });
	});

	it('starts empty when what its tab kept is not a show', () => {
		const storage = window.sessionStorage;
		storage.setItem(
			'ipl.present.show.v1',
			'{"stamp":{"version":3,"origin":"x"},"state":{"item":9}}'
		);
		expect(new PresentShow('presenter', 'w3', storage).state.plan).toBeNull();
		storage.setItem('ipl.present.show.v1', 'not json');
		expect(new PresentShow('presenter', 'w4', storage).state.plan).toBeNull();
	});
});
