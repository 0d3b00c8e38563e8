import { describe, expect, it } from 'vitest';
import {
	base64DecodeText,
	base64EncodeText,
	createDemoWorld,
	decodeJwt,
	demo,
	generateKeys,
	parseSamlResponse,
	signIn,
	signJwt,
	tamperJwt,
	verifyJwt,
	World
} from '../../../src/lib/cognito/index.ts';
import { awsError } from './helpers.ts';

describe('JWTs', () => {
	it('signs RS256 tokens that verify, and refuses edited ones', async () => {
		const world = await createDemoWorld();
		const token = await signJwt({ sub: 'x', exp: 1 }, world.keys.google);
		expect(token.split('.')).toHaveLength(3);
		expect(decodeJwt(token).header).toEqual({
			kid: world.keys.google.kid,
			alg: 'RS256',
			typ: 'JWT'
		});
		expect((await verifyJwt(token, [world.keys.google])).ok).toBe(true);
		expect(await verifyJwt(tamperJwt(token, { sub: 'y' }), [world.keys.google])).toMatchObject({
			ok: false,
			reason: 'bad-signature'
		});
		expect(await verifyJwt(token, [world.keys.apple])).toMatchObject({
			ok: false,
			reason: 'unknown-key'
		});
		expect(await verifyJwt('a.b', [world.keys.google])).toMatchObject({
			ok: false,
			reason: 'malformed'
		});
	});

	it('refuses a token whose alg is not RS256', async () => {
		const world = await createDemoWorld();
		const header = btoa(JSON.stringify({ alg: 'none', kid: world.keys.google.kid })).replace(
			/=+$/,
			''
		);
		const payload = btoa(JSON.stringify({ sub: 'x' })).replace(/=+$/, '');
		expect(await verifyJwt(`${header}.${payload}.`, [world.keys.google])).toMatchObject({
			ok: false
		});
		const bad = `${header.replace('none', 'HS256')}.${payload}.sig`;
		expect((await verifyJwt(bad, [world.keys.google])).ok).toBe(false);
	});

	it('decodeJwt decodes what it can and never throws (inspector)', () => {
		expect(decodeJwt(undefined)).toEqual({ segments: 0, errors: ['The token is not a string.'] });
		const partial = decodeJwt('eyJhbGciOiJSUzI1NiJ9');
		expect(partial.header).toEqual({ alg: 'RS256' });
		expect(partial.payload).toBeUndefined();
		expect(partial.errors).toContain('The payload is missing.');
		const broken = decodeJwt('eyJhbGciOiJSUzI1NiJ9.!!!.');
		expect(broken.header).toEqual({ alg: 'RS256' });
		expect(broken.errors).toContain('The payload is not base64url.');
		expect(broken.errors).toContain('The signature is empty.');
		expect(decodeJwt('bm90IGpzb24.W10.x').errors).toEqual([
			'The header is not JSON.',
			'The payload is JSON but not an object.'
		]);
		expect(decodeJwt('.e30.x').errors).toContain('The header is empty.');
	});

	it('generateKeys gives fresh working keys', async () => {
		const keys = await generateKeys();
		const world = await World.create({ keys });
		const token = await signJwt({ a: 1 }, world.keys.cognitoIdentity);
		expect((await verifyJwt(token, [keys.cognitoIdentity])).ok).toBe(true);
	});
});

describe('identity providers', () => {
	it('user pool ID tokens carry groups, roles, preferred role, token_use and aud (UPG; RBAC)', async () => {
		const world = await createDemoWorld();
		const alice = await signIn(world, 'userpool', { user: 'alice' });
		expect(alice.claims).toMatchObject({
			iss: `https://${demo.userPoolProvider}`,
			aud: demo.userPoolClientId,
			token_use: 'id',
			'cognito:groups': ['admins', 'editors'],
			'cognito:roles': [demo.roles.admin, demo.roles.editor],
			'cognito:preferred_role': demo.roles.admin,
			'cognito:username': 'alice',
			'custom:dept': 'engineering'
		});
		expect(Number(alice.claims?.['exp']) - Number(alice.claims?.['iat'])).toBe(3600);
		const access = decodeJwt(alice.accessToken).payload;
		expect(access).toMatchObject({ token_use: 'access', client_id: demo.userPoolClientId });
		expect(access?.['aud']).toBeUndefined();
	});

	it('equal precedence with different roles leaves cognito:preferred_role unset (UPG)', async () => {
		const world = await createDemoWorld();
		const dave = await signIn(world, 'userpool', { user: 'dave' });
		expect(dave.claims?.['cognito:roles']).toEqual([demo.roles.teamA, demo.roles.teamB]);
		expect(dave.claims?.['cognito:preferred_role']).toBeUndefined();
		const carol = await signIn(world, 'userpool', { user: 'carol' });
		expect(carol.claims?.['cognito:roles']).toBeUndefined();
	});

	it('user pool refuses wrong passwords and unknown clients', async () => {
		const world = await createDemoWorld();
		expect(
			(await awsError(world.userPool.signIn('alice', demo.userPoolClientId, 'nope'))).name
		).toBe('NotAuthorizedException');
		expect((await awsError(world.userPool.signIn('alice', 'unknown', 'Passw0rd!'))).name).toBe(
			'InvalidParameterException'
		);
	});

	it('Facebook and Login with Amazon give opaque access tokens; Google, Apple and OIDC give ID tokens (AF 1.0)', async () => {
		const world = await createDemoWorld();
		expect((await signIn(world, 'facebook')).tokenKind).toBe('access-token');
		expect((await signIn(world, 'amazon')).token.startsWith('Atza|')).toBe(true);
		for (const p of ['google', 'apple', 'oidc'] as const) {
			const r = await signIn(world, p, { user: 'bob' });
			expect(r.tokenKind).toBe('id-token');
			expect(`https://${r.loginKey}`).toBe(r.claims?.['iss']);
		}
	});

	it('SAML responses are base64 XML with the AWS Role attribute (EXT saml)', async () => {
		const world = await createDemoWorld();
		const r = await signIn(world, 'saml', { user: 'alice' });
		const xml = base64DecodeText(r.token) ?? '';
		expect(xml).toContain('https://aws.amazon.com/SAML/Attributes/Role');
		const parsed = parseSamlResponse(r.token);
		expect(parsed.ok && parsed.assertion.roles.map((x) => x.roleArn)).toEqual([
			demo.roles.samlAdmin,
			demo.roles.samlRead
		]);
		expect(parseSamlResponse('not base64 !')).toEqual({ ok: false, reason: 'not a SAML response' });
		expect(parseSamlResponse(base64EncodeText('<samlp:Response></samlp:Response>'))).toEqual({
			ok: false,
			reason: 'no assertion'
		});
		expect(
			parseSamlResponse(
				base64EncodeText('<samlp:Response><saml:Assertion></saml:Assertion></samlp:Response>')
			)
		).toEqual({ ok: false, reason: 'assertion is missing required elements' });
	});
});

describe('determinism (seed and clock)', () => {
	it('the same seed and clock give the same identity IDs, tokens and credentials', async () => {
		const run = async (seed: number): Promise<string[]> => {
			const world = await createDemoWorld({ seed, now: Date.UTC(2026, 2, 1) });
			const login = await signIn(world, 'userpool', { user: 'bob' });
			const Logins = { [login.loginKey]: login.token };
			const { IdentityId } = await world.cognitoIdentity.GetId({
				IdentityPoolId: demo.identityPoolId,
				Logins
			});
			const creds = await world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId, Logins });
			const { Token } = await world.cognitoIdentity.GetOpenIdToken({ IdentityId, Logins });
			return [
				login.token,
				IdentityId,
				creds.Credentials.AccessKeyId,
				creds.Credentials.SecretKey,
				Token
			];
		};
		const a = await run(5);
		expect(await run(5)).toEqual(a);
		const b = await run(6);
		expect(b[1]).not.toBe(a[1]);
		expect(b[0]).not.toBe(a[0]);
	});
});
