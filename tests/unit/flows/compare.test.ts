import { describe, expect, test } from 'vitest';
import {
	alignSteps,
	compareRuns,
	cursorAt,
	formatDuration,
	type DifferenceKey
} from '../../../src/lib/flows/compare.ts';
import { runFlow } from '../../../src/lib/flows/run-flow.ts';
import type { RunComparison } from '../../../src/lib/flows/compare.ts';

const byKey = (comparison: RunComparison, key: DifferenceKey) => {
	const found = comparison.differences.find((d) => d.key === key);
	if (!found) throw new Error(`no difference ${key}`);
	return found;
};

describe('enhanced vs basic, signed in', () => {
	test('marks calls, role chooser, STS caller and credential field names', async () => {
		const comparison = compareRuns(
			await runFlow('enhanced-authenticated'),
			await runFlow('basic-authenticated')
		);
		expect(byKey(comparison, 'app-calls')).toMatchObject({
			a: '2 (GetId, GetCredentialsForIdentity)',
			b: '3 (GetId, GetOpenIdToken, AssumeRoleWithWebIdentity)',
			same: false,
			stepsA: ['get-id', 'get-credentials'],
			stepsB: ['get-id', 'get-open-id-token', 'assume-role']
		});
		expect(byKey(comparison, 'role-chooser')).toMatchObject({
			a: 'Cognito, from the pool’s roles and role mappings',
			b: 'Your app, by the RoleArn it sends to STS',
			same: false
		});
		expect(byKey(comparison, 'sts-caller')).toMatchObject({
			a: 'Cognito, inside AWS',
			b: 'Your app',
			same: false
		});
		expect(byKey(comparison, 'credential-fields')).toMatchObject({
			a: 'AccessKeyId, SecretKey, SessionToken, Expiration',
			b: 'AccessKeyId, SecretAccessKey, SessionToken, Expiration',
			same: false
		});
		expect(byKey(comparison, 'lifetime')).toMatchObject({ a: '1 hour', b: '1 hour', same: true });
		expect(byKey(comparison, 'scope-down')).toMatchObject({ a: 'No', b: 'No', same: true });
	});

	test('aligns shared steps on one row and keeps each run’s own steps in order', async () => {
		const { alignment } = compareRuns(
			await runFlow('enhanced-authenticated'),
			await runFlow('basic-authenticated')
		);
		expect(alignment).toEqual([
			{ id: 'sign-in', a: 0, b: 0 },
			{ id: 'get-id', a: 1, b: 1 },
			{ id: 'validate-login', a: 2, b: 2 },
			{ id: 'get-credentials', a: 3 },
			{ id: 'choose-role', a: 4 },
			{ id: 'get-open-id-token', b: 3 },
			{ id: 'assume-role', a: 5, b: 4 },
			{ id: 'check-trust', a: 6, b: 5 },
			{ id: 'return-credentials', a: 7, b: 6 },
			{ id: 'call-service', a: 8, b: 7 }
		]);
	});
});

describe('guest vs signed in, and enhanced guest vs basic guest', () => {
	test('only enhanced guests get the scope-down session policy', async () => {
		const enhancedGuest = await runFlow('enhanced-guest');
		const vsSignedIn = compareRuns(enhancedGuest, await runFlow('enhanced-authenticated'));
		expect(byKey(vsSignedIn, 'scope-down')).toMatchObject({
			a: 'Yes: Cognito adds its guest session policy',
			b: 'No',
			same: false,
			stepsA: ['assume-role'],
			stepsB: []
		});
		expect(byKey(vsSignedIn, 'app-calls').same).toBe(true);
		const vsBasic = compareRuns(enhancedGuest, await runFlow('basic-guest'));
		expect(byKey(vsBasic, 'scope-down').b).toBe('No');
		expect(byKey(vsBasic, 'sts-caller')).toMatchObject({ a: 'Cognito, inside AWS', b: 'Your app' });
	});

	test('the developer flows: one app call to Cognito or STS each', async () => {
		const comparison = compareRuns(
			await runFlow('developer-enhanced'),
			await runFlow('developer-basic')
		);
		expect(byKey(comparison, 'app-calls')).toMatchObject({
			a: '1 (GetCredentialsForIdentity)',
			b: '1 (AssumeRoleWithWebIdentity)',
			same: true
		});
	});
});

describe('failed runs', () => {
	test('facts the run never reached say so', async () => {
		const comparison = compareRuns(
			await runFlow('basic-guest', { settings: { classicFlow: false } }),
			await runFlow('enhanced-guest')
		);
		expect(byKey(comparison, 'credential-fields').a).toBe('not reached (the run failed earlier)');
		expect(byKey(comparison, 'sts-caller').a).toBe('not reached (the run failed earlier)');
		expect(byKey(comparison, 'credential-fields').same).toBe(false);
	});
});

describe('shared cursor', () => {
	test('a row only one run has keeps the other run on its last shared step', () => {
		const alignment = alignSteps(['a', 'b', 'd'], ['a', 'c', 'd']);
		expect(alignment).toEqual([
			{ id: 'a', a: 0, b: 0 },
			{ id: 'b', a: 1 },
			{ id: 'c', b: 1 },
			{ id: 'd', a: 2, b: 2 }
		]);
		expect(cursorAt(alignment, 0)).toEqual({ a: 0, b: 0 });
		expect(cursorAt(alignment, 1)).toEqual({ a: 1, b: 0 });
		expect(cursorAt(alignment, 2)).toEqual({ a: 1, b: 1 });
		expect(cursorAt(alignment, 3)).toEqual({ a: 2, b: 2 });
	});

	test('runs of different length align to the end of the longer one', () => {
		const alignment = alignSteps(['get-id', 'create-identity'], ['get-id']);
		expect(alignment).toEqual([
			{ id: 'get-id', a: 0, b: 0 },
			{ id: 'create-identity', a: 1 }
		]);
		expect(cursorAt(alignment, 5)).toEqual({ a: 1, b: 0 });
	});
});

test('durations read as hours, minutes or seconds', () => {
	expect(formatDuration(3600)).toBe('1 hour');
	expect(formatDuration(43200)).toBe('12 hours');
	expect(formatDuration(900)).toBe('15 minutes');
	expect(formatDuration(61)).toBe('61 seconds');
});

describe('developer-authenticated, enhanced vs basic', () => {
	test('Cognito gives developer identities the default authenticated role (API-GCFI)', async () => {
		const comparison = compareRuns(
			await runFlow('developer-enhanced'),
			await runFlow('developer-basic')
		);
		expect(byKey(comparison, 'role-chooser')).toMatchObject({
			a: 'Cognito: the pool’s default authenticated role',
			b: 'Your app, by the RoleArn it sends to STS',
			same: false
		});
	});
});
