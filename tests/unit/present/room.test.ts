import { describe, expect, it } from 'vitest';
import {
	displayOrder,
	handShares,
	playItem,
	qrPath,
	questionUrl
} from '../../../src/lib/present/room.ts';
import { draftToMarkdown, moveItem, toDraft } from '../../../src/lib/present/draft.ts';
import { parsePlan, type PlanContext } from '../../../src/lib/present/parse-plan.ts';

describe('questions to the room', () => {
	it('shares hands in whole percent, and zero when nobody answered', () => {
		expect(handShares([1, 3, 0, 0])).toEqual([25, 75, 0, 0]);
		expect(handShares([0, 0])).toEqual([0, 0]);
	});

	it('keeps a single-answer question in its own order and mixes an order question the same way every time', () => {
		expect(displayOrder({ id: 'q', type: 'single', options: [1, 2, 3, 4] })).toEqual([0, 1, 2, 3]);
		const mixed = displayOrder({
			id: 'flow-enhanced-call-order',
			type: 'order',
			options: [1, 2, 3, 4]
		});
		expect([...mixed].sort()).toEqual([0, 1, 2, 3]);
		expect(mixed).not.toEqual([0, 1, 2, 3]);
		expect(
			displayOrder({ id: 'flow-enhanced-call-order', type: 'order', options: [1, 2, 3, 4] })
		).toEqual(mixed);
	});

	it("plays a question's failure to its end, or its flow up to the step it tests", () => {
		const failure = playItem({
			id: 'q',
			type: 'single',
			topic: 't',
			domain: 'security',
			difficulty: 'easy',
			concepts: [],
			references: [],
			file: 'f',
			line: 1,
			flow: 'enhanced-guest',
			step: 'get-id',
			replay: 'guest=off'
		});
		expect(failure?.link.settings.guestAccess).toBe(false);
		expect(failure?.to).toBeUndefined();
		const step = playItem({
			id: 'q',
			type: 'single',
			topic: 't',
			domain: 'security',
			difficulty: 'easy',
			concepts: [],
			references: [],
			file: 'f',
			line: 1,
			flow: 'enhanced-authenticated',
			step: 'choose-role',
			provider: 'google'
		});
		expect(step).toMatchObject({ to: 'choose-role', link: { provider: 'google' } });
	});

	it('draws a QR code as unit squares for the address a phone opens', () => {
		const url = questionUrl('http://192.168.1.20:4173/', 'guest-unauthenticated-access-off');
		expect(url).toBe(
			'http://192.168.1.20:4173/#/practice?question=guest-unauthenticated-access-off'
		);
		const { path, size } = qrPath(url);
		expect(size).toBeGreaterThan(21);
		expect(path).toMatch(/^(M\d+ \d+h1v1h-1z)+$/);
		// The finder pattern in the top-left corner, inside a two-module quiet zone: a dark ring,
		// a light ring, and a dark 3x3 centre.
		const dark = (x: number, y: number) => path.includes(`M${x} ${y}h`);
		expect([
			dark(0, 0),
			dark(1, 1),
			dark(2, 2),
			dark(8, 2),
			dark(3, 3),
			dark(4, 4),
			dark(6, 6)
		]).toEqual([false, false, true, true, false, true, true]);
	});
});

describe('the plan builder', () => {
	const ctx: PlanContext = {
		lessons: new Map([['l', new Set(['s'])]]),
		questionIds: new Set(['q'])
	};
	const source = `---\ntitle: T\nminutes: 9\n---\n\n## A\n\n::compare enhanced-authenticated basic-authenticated from=get-id provider=google trust=wrong-aud\n\nNotes.\n\n## B\n\n::lesson l section=s\n\n## C\n\n::question q\n`;

	it('edits a plan as a draft and writes it back as the same plan', () => {
		const { plan } = parsePlan('t.md', source, ctx);
		const again = parsePlan('t.md', draftToMarkdown(toDraft(plan!)), ctx);
		expect(again.problems).toEqual([]);
		expect(again.plan).toEqual(plan);
	});

	it('moves an item up or down and keeps it inside the list', () => {
		expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
		expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
		expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
	});
});
