import { describe, expect, it } from 'vitest';
import { interpolateNumber } from 'd3-interpolate';
import { scalePoint } from 'd3-scale';
import fc from 'fast-check';
import {
	activeLanes,
	between,
	headPath,
	layoutDiagram,
	packetPoint,
	shaftPath,
	wrapLabel
} from '../../../src/lib/diagram/layout.ts';
import { playerCommand } from '../../../src/lib/player/keys.ts';
import { sampleRun } from './fixtures.ts';

/** Rounds every number in a path string to 3 decimals, as d3-shape's tests do. */
function rounded(path: string): string {
	return path.replace(/-?\d+\.?\d*(e[-+]?\d+)?/g, (n) =>
		String(Math.round(Number(n) * 1000) / 1000)
	);
}

const lanes = ['app', 'idp', 'cognito', 'sts', 'service'] as const;

describe('layoutDiagram', () => {
	const run = sampleRun();
	const layout = layoutDiagram(lanes, run.steps, { width: 1000, fontSize: 10, rowHeight: 40 });

	it('spaces lanes evenly with half a step of padding at each edge', () => {
		expect(layout.lanes.map((l) => l.x)).toEqual([100, 300, 500, 700, 900]);
		expect(layout.lanes[2]?.lines).toEqual(['Cognito identity pool']);
		expect(layout.compact).toBe(false);
		const laptop = layoutDiagram(lanes, run.steps, { width: 700, fontSize: 10 });
		expect(laptop.lanes[2]?.lines).toEqual(['Cognito identity', 'pool']);
	});

	it("places lanes where d3's point scale with half a step of padding places them", () => {
		const sets = [lanes.slice(0, 1), lanes.slice(0, 3), lanes, [...lanes, 'backend' as const]];
		for (const ids of sets)
			for (const width of [330, 390, 717.6, 1000, 1433.25]) {
				const drawn = layoutDiagram(ids, [], { width, fontSize: 14 });
				const x = scalePoint<string>().domain(ids).range([0, drawn.width]).padding(0.5);
				const at = (id: string) => Math.round((x(id) ?? 0) * 1000) / 1000;
				expect(drawn.lanes.map((l) => l.x)).toEqual(ids.map(at));
				expect(drawn.laneWidth).toBeCloseTo(Math.max(0, x.step() - 8), 3);
			}
	});

	it("moves along an arrow exactly as d3's interpolateNumber does", () => {
		fc.assert(
			fc.property(
				fc.double({ min: -5000, max: 5000, noNaN: true }),
				fc.double({ min: -5000, max: 5000, noNaN: true }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				(a, b, t) => {
					expect(between(a, b, t)).toBe(interpolateNumber(a, b)(t));
				}
			),
			{ numRuns: 500, seed: 17 }
		);
	});

	it('gives each step its own row, numbered from 1', () => {
		expect(layout.messages.map((m) => m.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		const ys = layout.messages.map((m) => m.y);
		expect(ys[1]! - ys[0]!).toBe(40);
		expect(layout.messages[1]?.text).toBe('2. GetId');
	});

	it('draws a call as a solid shaft with a filled head pointing at the callee', () => {
		const m = layout.messages[1]!;
		expect(m.dashed).toBe(false);
		expect(rounded(shaftPath(m))).toBe('M100,112H500');
		expect(rounded(headPath(m))).toBe('M500,112L491,107L491,117Z');
	});

	it('dashes messages inside AWS and opens the head of a return pointing left', () => {
		expect(layout.messages[5]?.dashed).toBe(true);
		const ret = layout.messages[7]!;
		expect(rounded(headPath(ret))).toBe('M109,347L100,352L109,357');
		expect(rounded(shaftPath(ret))).toBe('M500,352H100');
	});

	it('draws a step that stays in one service as a note box on its lane', () => {
		const m = layout.messages[2]!;
		expect(m.note).toEqual({ x: 432, y: 142.5, width: 136, height: 19 });
		expect(m.textX).toBe(500);
	});

	it('draws the shaft part way and eases the packet along it', () => {
		const m = layout.messages[1]!;
		expect(rounded(shaftPath(m, 0))).toBe('M100,112H100');
		expect(rounded(shaftPath(m, 0.5))).toBe('M100,112H300');
		expect(rounded(shaftPath(m, 0.25))).toBe('M100,112H125');
		expect(packetPoint(m, 0.25)).toEqual({ x: 125, y: 112 });
		expect(packetPoint(m, 2)).toEqual({ x: 500, y: 112 });
	});

	it('keeps the packet on a note rather than moving it', () => {
		const m = layout.messages[2]!;
		expect(packetPoint(m, 0.3)).toEqual({ x: 500, y: m.y });
	});

	it('never gets narrower than its lanes need and uses short lane names on a phone', () => {
		const phone = layoutDiagram(lanes, run.steps, { width: 300, fontSize: 14 });
		expect(phone.width).toBe(330);
		expect(phone.compact).toBe(true);
		expect(phone.lanes.map((l) => l.lines)).toEqual([
			['App'],
			['IdP'],
			['Cognito'],
			['STS'],
			['Service']
		]);
	});

	it('wraps lane names onto two lines, or gives up when a word does not fit', () => {
		expect(wrapLabel('Cognito identity pool', 14)).toEqual(['Cognito', 'identity pool']);
		expect(wrapLabel('Your app', 14)).toEqual(['Your app']);
		expect(wrapLabel('Identity provider', 6)).toBeNull();
		expect(wrapLabel('a b c', 1)).toBeNull();
	});

	it('keeps arrow labels inside the drawing', () => {
		const phone = layoutDiagram(lanes, run.steps, { width: 390, fontSize: 14 });
		for (const m of phone.messages) {
			const half = (m.text.length * 14 * 0.6) / 2;
			expect(m.textX - half).toBeGreaterThanOrEqual(0);
			expect(m.textX + half).toBeLessThanOrEqual(phone.width);
		}
	});

	it('marks only the two lanes a step touches as active', () => {
		expect([...activeLanes(run.steps[5])].sort()).toEqual(['cognito', 'sts']);
		expect(activeLanes(undefined).size).toBe(0);
	});
});

describe('playerCommand', () => {
	it('steps with the arrow keys and with presentation clickers', () => {
		expect(playerCommand('ArrowRight')).toEqual({ type: 'next' });
		expect(playerCommand('PageDown')).toEqual({ type: 'next' });
		expect(playerCommand('ArrowLeft')).toEqual({ type: 'prev' });
		expect(playerCommand('PageUp')).toEqual({ type: 'prev' });
	});

	it('plays with Space, jumps with Home, End and digits, and ignores other keys', () => {
		expect(playerCommand(' ')).toEqual({ type: 'toggle' });
		expect(playerCommand('Home')).toEqual({ type: 'first' });
		expect(playerCommand('End')).toEqual({ type: 'last' });
		expect(playerCommand('3')).toEqual({ type: 'goto', index: 2 });
		expect(playerCommand('0')).toBeNull();
		expect(playerCommand('a')).toBeNull();
	});
});
