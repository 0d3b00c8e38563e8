import { describe, expect, test } from 'vitest';
import {
	applicableBreakOptions,
	breakOption,
	breakOptions,
	effectiveSettings,
	providerFor
} from '../../../src/lib/flows/break-options.ts';
import { flows } from '../../../src/lib/flows/catalogue.ts';
import { defaultBreakSettings } from '../../../src/lib/flows/types.ts';

describe('break options', () => {
	test('every setting of BreakSettings has exactly one option, plus the provider', () => {
		const keys = breakOptions.map((o) => o.key).sort();
		expect(keys).toEqual([...Object.keys(defaultBreakSettings), 'provider'].sort());
		const params = breakOptions.map((o) => o.param);
		expect(new Set(params).size).toBe(params.length);
	});

	test('choice options list the default first and every value of the setting', () => {
		expect(breakOption('roleMapping').choices?.map((c) => c.value)).toEqual([
			'default',
			'token',
			'rules',
			'rules-no-match-deny',
			'rules-no-match-default'
		]);
		expect(breakOption('trust').choices?.map((c) => c.value)).toEqual([
			'correct',
			'wrong-aud',
			'wrong-amr',
			'no-conditions'
		]);
		for (const option of breakOptions) {
			expect(option.kind === 'choice').toBe(option.choices !== undefined);
			expect(option.label.length).toBeGreaterThan(0);
			expect(option.help.length).toBeGreaterThan(20);
		}
	});

	test('guest flows show guest access and trust, never token or provider options', () => {
		expect(applicableBreakOptions('enhanced-guest').map((o) => o.key)).toEqual([
			'guestAccess',
			'trust',
			'getIdBurst'
		]);
		expect(applicableBreakOptions('basic-guest').map((o) => o.key)).toEqual([
			'guestAccess',
			'classicFlow',
			'trust',
			'getIdBurst'
		]);
	});

	test('access-token and other-pool options apply only to user pool sign-in', () => {
		const keys = (provider: 'userpool' | 'google') =>
			applicableBreakOptions('enhanced-authenticated', provider).map((o) => o.key);
		expect(keys('userpool')).toContain('sendAccessToken');
		expect(keys('userpool')).toContain('otherPoolToken');
		expect(keys('google')).not.toContain('sendAccessToken');
		expect(keys('google')).not.toContain('otherPoolToken');
	});

	test('role mapping applies only to the enhanced signed-in flow', () => {
		const withMapping = flows
			.filter((f) => applicableBreakOptions(f.id).some((o) => o.key === 'roleMapping'))
			.map((f) => f.id);
		expect(withMapping).toEqual(['enhanced-authenticated']);
	});

	test('SAML is offered only where the flow supports it', () => {
		expect(providerFor('enhanced-authenticated', 'saml')).toBe('saml');
		expect(providerFor('basic-authenticated', 'saml')).toBe('userpool');
		expect(providerFor('enhanced-guest', 'google')).toBeUndefined();
	});

	test('effective settings reset what does not apply and keep what does', () => {
		const all = {
			guestAccess: false,
			classicFlow: false,
			roleMapping: 'token' as const,
			trust: 'wrong-amr' as const,
			expireToken: true,
			tamperClaim: true,
			sendAccessToken: true,
			otherPoolToken: true,
			backendPermission: false,
			getIdBurst: true
		};
		expect(effectiveSettings('enhanced-guest', undefined, all)).toEqual({
			...defaultBreakSettings,
			guestAccess: false,
			trust: 'wrong-amr',
			getIdBurst: true
		});
		expect(effectiveSettings('basic-authenticated', 'google', all)).toEqual({
			...defaultBreakSettings,
			classicFlow: false,
			trust: 'wrong-amr',
			expireToken: true,
			tamperClaim: true,
			getIdBurst: true
		});
		expect(effectiveSettings('enhanced-authenticated', 'userpool', all)).toEqual({
			...all,
			guestAccess: true,
			classicFlow: true,
			backendPermission: true
		});
		expect(effectiveSettings('developer-enhanced', undefined, all)).toEqual({
			...defaultBreakSettings,
			trust: 'wrong-amr',
			expireToken: true,
			tamperClaim: true,
			backendPermission: false
		});
	});
});
