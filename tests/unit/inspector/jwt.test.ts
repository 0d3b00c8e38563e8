import { describe, expect, it } from 'vitest';
import { decodeJwt, looksLikeJwt } from '../../../src/lib/inspector/jwt.ts';
import {
	claimValueText,
	expiryText,
	formatSpan,
	formatUtc,
	toEpochMs
} from '../../../src/lib/inspector/claims.ts';
import {
	announceStep,
	findCredentials,
	findTokens,
	whatChanged
} from '../../../src/lib/inspector/inspect.ts';
import { b64url, idToken, makeJwt, sampleRun, t0 } from '../diagram/fixtures.ts';

describe('decodeJwt', () => {
	it('decodes header and payload of a whole token', () => {
		const d = decodeJwt(idToken);
		expect(d.header).toEqual({ alg: 'RS256', kid: 'k1' });
		expect(d.payload?.token_use).toBe('id');
		expect(d.payload?.['cognito:groups']).toEqual(['editors']);
		expect(d.hasSignature).toBe(true);
		expect(d.problems).toEqual([]);
	});

	it('decodes UTF-8 claim values', () => {
		expect(decodeJwt(makeJwt({ name: 'Zoë' })).payload?.name).toBe('Zoë');
	});

	it('keeps the complete claims of a payload cut short', () => {
		const text = JSON.stringify({ sub: 'abc', aud: 'client', exp: 1700000000 });
		const cut = `${b64url('{"alg":"RS256"}')}.${b64url(text.slice(0, text.indexOf('"exp"') + 8))}`;
		const d = decodeJwt(cut);
		expect(d.payload).toEqual({ sub: 'abc', aud: 'client' });
		expect(d.payloadPartial).toBe(true);
		expect(d.problems).toContain(
			'A JWT has 3 parts separated by dots (header, payload, signature); this one has 2.'
		);
		expect(d.problems).toContain(
			'The payload is cut short; only the claims before the break are shown.'
		);
	});

	it('still shows the header when the payload is garbage', () => {
		const d = decodeJwt(`${b64url('{"alg":"RS256"}')}.%%%.sig`);
		expect(d.header).toEqual({ alg: 'RS256' });
		expect(d.payload).toBeNull();
		expect(d.problems).toEqual([
			'The payload is not valid base64url: it has characters outside base64url.'
		]);
	});

	it('reports an empty signature', () => {
		const [h, p] = idToken.split('.');
		expect(decodeJwt(`${h}.${p}.`).problems).toEqual(['The signature is empty.']);
	});

	it('recognises tokens and their remains but not ordinary strings', () => {
		expect(looksLikeJwt(idToken)).toBe(true);
		expect(looksLikeJwt(idToken.slice(0, 30))).toBe(true);
		expect(looksLikeJwt('us-east-1:1234')).toBe(false);
		expect(looksLikeJwt('eyJ')).toBe(false);
	});
});

describe('times', () => {
	it('formats UTC times and spans', () => {
		expect(formatUtc(t0)).toBe('2026-01-15 12:00:00 UTC');
		expect(formatSpan(3_600_000)).toBe('1 h 0 min');
		expect(formatSpan(870_000)).toBe('14 min 30 s');
		expect(formatSpan(45_000)).toBe('45 s');
	});

	it('counts down to an expiry against the simulated clock', () => {
		expect(expiryText(t0 + 600_000, t0)).toBe('expires in 10 min');
		expect(expiryText(t0 - 120_000, t0)).toBe('expired 2 min ago');
	});

	it('reads AWS times in every shape the SDKs use', () => {
		expect(toEpochMs(t0 / 1000)).toBe(t0);
		expect(toEpochMs(t0)).toBe(t0);
		expect(toEpochMs(new Date(t0))).toBe(t0);
		expect(toEpochMs('2026-01-15T12:00:00Z')).toBe(t0);
		expect(toEpochMs('soon')).toBeNull();
	});

	it('shows time claims with a readable UTC time', () => {
		expect(claimValueText('exp', t0 / 1000)).toBe(`${t0 / 1000} (2026-01-15 12:00:00 UTC)`);
		expect(claimValueText('amr', ['authenticated'])).toBe('["authenticated"]');
	});
});

describe('inspecting a step', () => {
	const run = sampleRun();

	it('finds the token in the Logins map with its path', () => {
		const tokens = findTokens(run.steps[1]!);
		expect(tokens.map((t) => t.path)).toEqual([
			'request.Logins["cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1"]'
		]);
		expect(tokens[0]?.decoded.payload?.sub).toBe('a1b2c3');
	});

	it('finds Cognito credentials with the SecretKey field name and their expiry', () => {
		const creds = findCredentials(run.steps[7]!);
		expect(creds).toHaveLength(1);
		expect(creds[0]).toMatchObject({
			path: 'response.Credentials',
			accessKeyId: 'ASIAEXAMPLE',
			secretField: 'SecretKey',
			expiration: t0 + 7000 + 3_600_000
		});
	});

	it('finds STS credentials with SecretAccessKey', () => {
		const creds = findCredentials({
			response: {
				Credentials: {
					AccessKeyId: 'ASIA2',
					SecretAccessKey: 's',
					SessionToken: 't',
					Expiration: new Date(t0)
				}
			}
		});
		expect(creds[0]?.secretField).toBe('SecretAccessKey');
		expect(creds[0]?.expiration).toBe(t0);
	});

	it('announces a step with its position', () => {
		expect(announceStep(run, 1)).toBe('Step 2 of 9: Narration for get-id.');
		const failed = {
			...run,
			steps: run.steps.map((s, i) =>
				i === 1
					? {
							...s,
							error: {
								name: 'NotAuthorizedException',
								message: 'm',
								httpStatus: 400,
								explanation: 'e',
								fix: 'f',
								factRef: 'IDP'
							}
						}
					: s
			)
		};
		expect(announceStep(failed, 1)).toBe(
			'Step 2 of 9: Narration for get-id. Failed: NotAuthorizedException.'
		);
	});

	it('lists what a step changed for readers without animation', () => {
		expect(whatChanged(run, 1)).toEqual([
			'Arrow 2: Your app to Cognito identity pool, GetId',
			'Request fields: IdentityPoolId, Logins',
			'Response fields: IdentityId'
		]);
		expect(whatChanged(run, 2)).toEqual(['Note 3 on Cognito identity pool: Check the ID token']);
		expect(whatChanged(run, 7)).toContain('Credentials issued (ASIAEXAMPLE)');
		expect(whatChanged(run, 5)[0]).toBe(
			'Arrow 6: Cognito identity pool to AWS STS, AssumeRoleWithWebIdentity (inside AWS)'
		);
	});
});
