import { describe, expect, it } from 'vitest';
import { lazySigningKey, signJwt, verifyJwt } from '../../../src/lib/cognito/jwt.ts';
import { demoKeys } from '../../../src/lib/cognito/demo-keys.ts';

describe('demo signing keys', () => {
	it('fetch and import a key only when it first signs, and only once', async () => {
		let loads = 0;
		const key = lazySigningKey(demoKeys.google.kid, () => {
			loads++;
			return demoKeys.google.load();
		});
		expect(loads).toBe(0);
		const token = await signJwt({ sub: 'u1', exp: 2 }, key);
		await signJwt({ sub: 'u2', exp: 2 }, key);
		expect(loads).toBe(1);
		expect(JSON.parse(atob(token.split('.')[0]!))).toMatchObject({
			kid: 'demo-google-1',
			alg: 'RS256'
		});
		expect((await verifyJwt(token, [key])).ok).toBe(true);
	});

	it('sign the same payload to the same token every time (RS256 is deterministic)', async () => {
		const a = lazySigningKey(demoKeys.oidc.kid, demoKeys.oidc.load);
		const b = lazySigningKey(demoKeys.oidc.kid, demoKeys.oidc.load);
		expect(await signJwt({ sub: 'x' }, a)).toBe(await signJwt({ sub: 'x' }, b));
	});

	it('do not verify a token signed by another issuer’s key with the same kid', async () => {
		const real = lazySigningKey('shared-kid', demoKeys.apple.load);
		const forger = lazySigningKey('shared-kid', demoKeys.userPool.load);
		const forged = await signJwt({ sub: 'x' }, forger);
		expect(await verifyJwt(forged, [real])).toMatchObject({ ok: false, reason: 'bad-signature' });
	});
});
