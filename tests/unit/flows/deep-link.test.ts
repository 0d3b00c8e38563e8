import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { breakOptions } from '../../../src/lib/flows/break-options.ts';
import { flows } from '../../../src/lib/flows/catalogue.ts';
import {
	comparePartners,
	decodeFlowLink,
	encodeFlowLink,
	flowLinkHash,
	withPartner,
	type FlowLink
} from '../../../src/lib/flows/deep-link.ts';
import { defaultBreakSettings } from '../../../src/lib/flows/types.ts';

const params = (query: string) => new URLSearchParams(query);

describe('decodeFlowLink', () => {
	test('reads every parameter of a full link', () => {
		const { link, problems } = decodeFlowLink(
			'enhanced-authenticated',
			params(
				'step=3&provider=google&guest=off&classic=off&mapping=rules&trust=wrong-aud&expire=1&tamper=1&access=1&otherpool=1&burst=1&compare=basic-authenticated'
			)
		);
		expect(problems).toEqual([]);
		expect(link).toEqual({
			flowId: 'enhanced-authenticated',
			step: 2,
			provider: 'google',
			settings: {
				guestAccess: false,
				classicFlow: false,
				roleMapping: 'rules',
				trust: 'wrong-aud',
				expireToken: true,
				tamperClaim: true,
				sendAccessToken: true,
				otherPoolToken: true,
				backendPermission: true,
				getIdBurst: true
			},
			compare: 'basic-authenticated'
		});
	});

	test('an empty query opens the first step with the default settings', () => {
		expect(decodeFlowLink('basic-guest', params(''))).toEqual({
			link: { flowId: 'basic-guest', step: 0, settings: defaultBreakSettings },
			problems: []
		});
	});

	test('accepts a step id as well as a number', () => {
		const { link, problems } = decodeFlowLink('enhanced-guest', params('step=choose-role'));
		expect(problems).toEqual([]);
		expect(link.step).toBe(3);
	});

	test('accepts "none" for a trust policy without conditions', () => {
		expect(decodeFlowLink('basic-guest', params('trust=none')).link.settings.trust).toBe(
			'no-conditions'
		);
	});

	test('an unknown flow falls back to the enhanced flow and says so', () => {
		const { link, problems } = decodeFlowLink('super-flow', params('step=2'));
		expect(link.flowId).toBe('enhanced-authenticated');
		expect(link.step).toBe(1);
		expect(problems).toEqual(['Unknown flow "super-flow"; showing enhanced-authenticated.']);
	});

	test('every bad value falls back to its default and is listed, without throwing', () => {
		const { link, problems } = decodeFlowLink(
			'basic-authenticated',
			params(
				'step=99&provider=saml&guest=maybe&mapping=random&trust=&expire=2&compare=basic-authenticated&colour=red'
			)
		);
		expect(link).toEqual({
			flowId: 'basic-authenticated',
			step: 0,
			settings: defaultBreakSettings
		});
		expect(problems).toEqual([
			'Unknown parameter "colour" was ignored.',
			'Step 99 is outside 1-8; showing step 1.',
			'Provider "saml" does not apply to basic-authenticated.',
			'"guest=maybe" is not on or off; ignored.',
			'"mapping=random" is not a known choice; ignored.',
			'"trust=" is not a known choice; ignored.',
			'"expire=2" is not on or off; ignored.',
			'A flow cannot be compared with itself; ignored.'
		]);
	});

	test('step 0, negative, fractional and unknown step ids are rejected', () => {
		for (const step of ['0', '-1', '1.5', 'get-open-id-token']) {
			const { link, problems } = decodeFlowLink('enhanced-guest', params(`step=${step}`));
			expect(link.step).toBe(0);
			expect(problems).toHaveLength(1);
		}
	});

	test('object property names are not taken for values', () => {
		const { link, problems } = decodeFlowLink(
			'enhanced-authenticated',
			params('provider=toString&guest=constructor&trust=__proto__&compare=hasOwnProperty')
		);
		expect(link).toEqual({
			flowId: 'enhanced-authenticated',
			step: 0,
			settings: defaultBreakSettings
		});
		expect(problems).toHaveLength(4);
	});
});

describe('comparing one flow under two providers', () => {
	test('keeps the same flow as the partner when the partner has another provider', () => {
		const { link, problems } = decodeFlowLink(
			'enhanced-authenticated',
			params('provider=google&compare=enhanced-authenticated&compareProvider=saml')
		);
		expect(problems).toEqual([]);
		expect(link).toMatchObject({
			flowId: 'enhanced-authenticated',
			provider: 'google',
			compare: 'enhanced-authenticated',
			compareProvider: 'saml'
		});
		expect(encodeFlowLink(link).toString()).toBe(
			'provider=google&compare=enhanced-authenticated&compareProvider=saml'
		);
	});

	test('refuses the same flow with the same provider (the default user pool counts)', () => {
		const { link, problems } = decodeFlowLink(
			'basic-authenticated',
			params('compare=basic-authenticated&compareProvider=userpool')
		);
		expect(link.compare).toBeUndefined();
		expect(link.compareProvider).toBeUndefined();
		expect(problems).toEqual(['A flow cannot be compared with itself; ignored.']);
	});

	test('reports a partner provider the partner flow cannot use, and one with no partner', () => {
		const saml = decodeFlowLink(
			'enhanced-authenticated',
			params('compare=basic-authenticated&compareProvider=saml')
		);
		expect(saml.link).toMatchObject({ compare: 'basic-authenticated' });
		expect(saml.link.compareProvider).toBeUndefined();
		expect(saml.problems).toEqual([
			'Provider "saml" does not apply to basic-authenticated; using the default.'
		]);
		const alone = decodeFlowLink('enhanced-authenticated', params('compareProvider=google'));
		expect(alone.link.compareProvider).toBeUndefined();
		expect(alone.problems).toEqual(['"compareProvider" needs a flow to compare with; ignored.']);
	});
});

describe('choosing a compare partner', () => {
	const base: FlowLink = {
		flowId: 'enhanced-authenticated',
		step: 3,
		settings: { ...defaultBreakSettings }
	};

	test('offers every other flow, and a flow itself only when it has several providers', () => {
		expect(comparePartners('enhanced-authenticated').map((f) => f.id)).toContain(
			'enhanced-authenticated'
		);
		expect(comparePartners('enhanced-guest').map((f) => f.id)).not.toContain('enhanced-guest');
		expect(comparePartners('enhanced-guest')).toHaveLength(flows.length - 1);
	});

	test('the same flow without a provider takes the first provider that differs from its own', () => {
		expect(withPartner(base, 'enhanced-authenticated')).toEqual({
			...base,
			compare: 'enhanced-authenticated',
			compareProvider: 'google'
		});
		const google = { ...base, provider: 'google' as const };
		expect(withPartner(google, 'enhanced-authenticated').compareProvider).toBe('userpool');
	});

	test('the same flow with its own provider is no comparison; another flow keeps the step', () => {
		expect(withPartner(base, 'enhanced-authenticated', 'userpool').compare).toBeUndefined();
		expect(withPartner(base, 'basic-guest')).toEqual({ ...base, compare: 'basic-guest' });
	});

	test('drops a provider the partner cannot use, and clears the partner when asked', () => {
		const withSaml = withPartner(base, 'basic-authenticated', 'saml');
		expect(withSaml.compare).toBe('basic-authenticated');
		expect(withSaml.compareProvider).toBeUndefined();
		const cleared = withPartner({ ...base, compare: 'basic-guest' }, undefined);
		expect(cleared).toEqual(base);
	});
});

describe('encodeFlowLink', () => {
	test('writes only what differs from the defaults, step 1-based', () => {
		const link: FlowLink = {
			flowId: 'enhanced-guest',
			step: 2,
			settings: { ...defaultBreakSettings, guestAccess: false, trust: 'wrong-amr' },
			compare: 'basic-guest'
		};
		expect(encodeFlowLink(link).toString()).toBe(
			'step=3&guest=off&trust=wrong-amr&compare=basic-guest'
		);
		expect(flowLinkHash(link)).toBe(
			'#/flows/enhanced-guest?step=3&guest=off&trust=wrong-amr&compare=basic-guest'
		);
	});

	test('the first step with default settings is a bare route', () => {
		expect(
			flowLinkHash({ flowId: 'developer-basic', step: 0, settings: defaultBreakSettings })
		).toBe('#/flows/developer-basic');
	});

	test('round trips through decode', () => {
		const links: FlowLink[] = [
			{
				flowId: 'enhanced-authenticated',
				step: 8,
				provider: 'saml',
				settings: defaultBreakSettings
			},
			{
				flowId: 'basic-authenticated',
				step: 4,
				provider: 'facebook',
				settings: {
					guestAccess: false,
					classicFlow: false,
					roleMapping: 'rules-no-match-deny',
					trust: 'no-conditions',
					expireToken: true,
					tamperClaim: true,
					sendAccessToken: true,
					otherPoolToken: true,
					backendPermission: false,
					getIdBurst: true
				},
				compare: 'enhanced-authenticated'
			},
			{
				flowId: 'developer-enhanced',
				step: 1,
				settings: {
					...defaultBreakSettings,
					roleMapping: 'rules-no-match-default',
					expireToken: true,
					backendPermission: false
				}
			}
		];
		for (const link of links) {
			const decoded = decodeFlowLink(link.flowId, encodeFlowLink(link));
			expect(decoded).toEqual({ link, problems: [] });
		}
	});
});

describe('decoding is total', () => {
	const names = ['step', 'provider', 'guest', 'classic', 'mapping', 'trust', 'expire', 'tamper'];
	const values = ['', '0', '1', '3', '99', 'on', 'off', 'google', 'saml', 'rules', 'none', 'x'];
	const queries = fc
		.array(
			fc.tuple(
				fc.oneof(fc.constantFrom(...names, 'access', 'otherpool', 'compare'), fc.string()),
				fc.oneof(fc.constantFrom(...values, ...flows.map((f) => f.id)), fc.string())
			),
			{ maxLength: 8 }
		)
		.map((pairs) => new URLSearchParams(pairs));
	const flowIds = fc.oneof(fc.constantFrom(...flows.map((f) => f.id)), fc.string());

	test('any flow id and query give a valid link that survives a round trip', () => {
		fc.assert(
			fc.property(flowIds, queries, (flowId, params) => {
				const { link } = decodeFlowLink(flowId, params);
				const flow = flows.find((f) => f.id === link.flowId);
				expect(flow).toBeDefined();
				expect(Number.isInteger(link.step)).toBe(true);
				expect(link.step).toBeGreaterThanOrEqual(0);
				expect(link.step).toBeLessThan(flow?.steps.length ?? 0);
				for (const option of breakOptions) {
					if (option.key === 'provider' || !option.choices) continue;
					const value = link.settings[option.key];
					expect(option.choices.map((c) => c.value)).toContain(value);
				}
				expect(decodeFlowLink(link.flowId, encodeFlowLink(link))).toEqual({ link, problems: [] });
			}),
			{ numRuns: 300, seed: 20260115 }
		);
	});
});
