import { beforeAll, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import SequenceDiagram from '../../../src/components/diagram/SequenceDiagram.svelte';
import SequenceTable from '../../../src/components/diagram/SequenceTable.svelte';
import { sampleRun } from '../../unit/diagram/fixtures.ts';

const run = sampleRun();

// jsdom has no layout, so no ResizeObserver; the diagram then uses its default width.
beforeAll(() => {
	globalThis.ResizeObserver ??= class {
		observe() {}
		unobserve() {}
		disconnect() {}
	};
});

describe('SequenceDiagram', () => {
	it('has a title and a description naming the lanes and the current step', () => {
		render(SequenceDiagram, { run, index: 1 });
		const svg = screen.getByRole('img', { name: /Enhanced flow, signed in: sequence diagram/ });
		const desc = svg.querySelector('desc')?.textContent ?? '';
		expect(desc).toContain(
			'Lanes: Your app, Identity provider, Cognito identity pool, AWS STS, AWS service.'
		);
		expect(desc).toContain('Showing step 2 of 9: Narration for get-id.');
	});

	it('draws the messages up to the current step and highlights its lanes', () => {
		const { container } = render(SequenceDiagram, { run, index: 5 });
		const steps = [...container.querySelectorAll('g.message')].map((g) =>
			g.getAttribute('data-step')
		);
		expect(steps).toEqual([
			'sign-in',
			'get-id',
			'validate-login',
			'get-credentials',
			'choose-role',
			'assume-role'
		]);
		const active = [...container.querySelectorAll('g.lane.active')].map((g) =>
			g.getAttribute('data-lane')
		);
		expect(active).toEqual(['cognito', 'sts']);
		expect(container.querySelector('g.message.current')?.classList.contains('dashed')).toBe(true);
		expect(container.querySelector('g[data-step="get-id"]')?.classList.contains('dashed')).toBe(
			false
		);
	});

	it('draws a note box for a step inside one service', () => {
		const { container } = render(SequenceDiagram, { run, index: 2 });
		expect(container.querySelector('g[data-step="validate-login"] rect.note')).not.toBeNull();
		expect(container.querySelector('g[data-step="get-id"] rect.note')).toBeNull();
	});

	it('moves a packet along the current arrow while it is being drawn', () => {
		const { container } = render(SequenceDiagram, { run, index: 1, progress: 0.5 });
		expect(container.querySelector('circle.packet')).not.toBeNull();
		expect(container.querySelector('g.current path.head')).toBeNull();
	});

	it('shows the step at once, with no packet, under reduced motion', () => {
		const { container } = render(SequenceDiagram, {
			run,
			index: 1,
			progress: 0.5,
			reducedMotion: true
		});
		expect(container.querySelector('circle.packet')).toBeNull();
		expect(container.querySelector('g.current path.shaft')?.getAttribute('d')).toMatch(
			/^M[\d.]+,[\d.]+H[\d.]+$/
		);
		expect(container.querySelector('g.current path.head')).not.toBeNull();
	});

	it('marks the steps that differ in compare mode', () => {
		const { container } = render(SequenceDiagram, { run, index: 8, marked: new Set([5]) });
		expect(container.querySelector('g.marked')?.getAttribute('data-step')).toBe('assume-role');
	});
});

describe('SequenceTable', () => {
	it('lists every step, numbered, with from, to, call and narration', () => {
		render(SequenceTable, { run, index: 1, caption: 'Every step' });
		const rows = screen.getAllByRole('row');
		expect(rows).toHaveLength(10);
		expect(rows[2]?.textContent).toContain('2');
		expect(rows[2]?.textContent).toContain('Your app');
		expect(rows[2]?.textContent).toContain('Cognito identity pool');
		expect(rows[2]?.textContent).toContain('GetId');
		expect(rows[2]?.getAttribute('aria-current')).toBe('step');
	});
});
