import { render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import LessonBody from '../../../src/components/lesson/LessonBody.svelte';
import { createMarkdown, renderLesson } from '../../../src/lib/content/render.ts';
import { sanitizeHtml } from '../../../src/lib/content/node-sanitizer.ts';
import type { LessonSource } from '../../../src/lib/content/types.ts';

const source: LessonSource = {
	slug: 'demo',
	title: 'Demo',
	summary: 'A demo lesson.',
	topics: ['guest-access'],
	order: 1,
	file: 'content/lessons/01-demo.md',
	blocks: [
		{ kind: 'markdown', text: '> [!TIP]\n> Guests call `GetId` without `Logins`.' },
		{ kind: 'flow', flow: 'enhanced-guest', step: 'get-credentials' },
		{ kind: 'markdown', text: 'Next: [the basic flow](#/lessons/the-basic-flow).' }
	]
};
const lesson = renderLesson(source, createMarkdown(), sanitizeHtml);

// jsdom has no layout, so no ResizeObserver; the diagram then uses its default width.
beforeAll(() => {
	globalThis.ResizeObserver ??= class {
		observe() {}
		unobserve() {}
		disconnect() {}
	};
});

describe('LessonBody', () => {
	it('renders callouts, links and a flow embed that opens the flow at its step', async () => {
		render(LessonBody, { props: { blocks: lesson.blocks } });
		expect(screen.getByRole('note').textContent).toContain('Guests call GetId without Logins.');
		expect(screen.getByText('Tip')).toBeTruthy();
		expect(screen.getByRole('link', { name: 'the basic flow' }).getAttribute('href')).toBe(
			'#/lessons/the-basic-flow'
		);
		expect(
			screen.getByRole('link', { name: 'Open this step in the flow explorer' }).getAttribute('href')
		).toBe('#/flows/enhanced-guest?step=3');
		expect(screen.getByText(/Step 3 of 8/)).toBeTruthy();
		const diagram = await screen.findByRole('img', {}, { timeout: 5000 });
		expect(diagram.querySelectorAll('[data-step]')).toHaveLength(3);
	});
});
