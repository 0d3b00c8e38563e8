import { describe, expect, it } from 'vitest';
import { layoutDiagram } from '../../../src/lib/diagram/layout.ts';
import { findCredentials, findTokens } from '../../../src/lib/inspector/inspect.ts';
import { flows } from '../../../src/lib/flows/catalogue.ts';
import { runFlow } from '../../../src/lib/flows/run-flow.ts';

const now = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('diagrams of real simulator runs', () => {
	for (const flow of flows) {
		for (const provider of flow.providers.length ? flow.providers : [undefined]) {
			it(`${flow.id}${provider ? ` with ${provider}` : ''} fits a phone and its catalogue lanes`, async () => {
				const run = await runFlow(flow.id, { ...(provider ? { provider } : {}), seed: 7, now });
				expect(run.steps.map((s) => s.id)).toEqual(flow.steps);
				for (const step of run.steps) {
					expect(flow.lanes).toContain(step.from);
					expect(flow.lanes).toContain(step.to);
				}
				const layout = layoutDiagram(flow.lanes, run.steps, { width: 360, fontSize: 14 });
				expect(layout.width).toBe(360);
				for (const m of layout.messages) {
					const half = (m.text.length * 14 * 0.6) / 2;
					expect(m.textX - half).toBeGreaterThanOrEqual(0);
					expect(m.textX + half).toBeLessThanOrEqual(layout.width);
				}
			});
		}
	}

	it('finds the login token and the credentials the inspector decodes', async () => {
		const run = await runFlow('enhanced-authenticated', { seed: 7, now });
		const getId = run.steps.find((s) => s.id === 'get-id')!;
		const [token] = findTokens(getId);
		expect(token?.path).toMatch(/^request\.Logins\["cognito-idp\./);
		expect(token?.decoded.payload?.token_use).toBe('id');
		const credentials = findCredentials(run.steps.find((s) => s.id === 'return-credentials')!);
		expect(credentials[0]?.secretField).toBe('SecretKey');
		expect(credentials[0]?.expiration).not.toBeNull();
	});
});
