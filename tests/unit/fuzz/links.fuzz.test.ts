import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flows } from '../../../src/lib/flows/catalogue.ts';
import { decodeFlowLink } from '../../../src/lib/flows/deep-link.ts';
import { matchRoute } from '../../../src/lib/router/routes.ts';
import { fuzz } from './fuzz-runs.ts';

const flowIds = flows.map((f) => f.id);
const param = fc.constantFrom('step', 'provider', 'compare', 'compareProvider', 'guestAccess', 'x');
const query = fc
	.array(fc.tuple(fc.oneof(param, fc.string({ maxLength: 12 })), fc.string({ maxLength: 24 })), {
		maxLength: 8
	})
	.map((pairs) => new URLSearchParams(pairs));

describe('deep links with any query (fast-check)', { timeout: 120_000 }, () => {
	it('every hash matches a route without throwing', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string({ maxLength: 80 }),
					fc
						.tuple(fc.constantFrom('#/flows/', '#/lessons/', '#/', '#'), fc.string(), query)
						.map(([a, b, q]) => `${a}${b}?${q.toString()}`)
				),
				(hash) => {
					const match = matchRoute(hash);
					expect(typeof match.name).toBe('string');
				}
			),
			fuzz(2000)
		);
	});

	it('every flow link decodes to a known flow and a step inside it, listing what it ignored', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.constantFrom(...flowIds), fc.string({ maxLength: 20 })),
				query,
				(flowId, params) => {
					const link = decodeFlowLink(flowId, params);
					expect(flowIds).toContain(link.link.flowId);
					const steps = flows.find((f) => f.id === link.link.flowId)?.steps.length ?? 0;
					expect(link.link.step).toBeGreaterThanOrEqual(0);
					expect(link.link.step).toBeLessThan(Math.max(steps, 1));
					expect(Array.isArray(link.problems)).toBe(true);
					if (!flowIds.includes(flowId as (typeof flowIds)[number]))
						expect(link.problems.join(' ')).toMatch(/Unknown flow/);
				}
			),
			fuzz(2000)
		);
	});
});
