/**
 * Real RS256 JSON Web Tokens on WebCrypto (`crypto.subtle`, present in Node 20 and browsers): the
 * simulator signs every token it issues and verifies every token it is given.
 */

const rsa = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export type JwtPayload = Record<string, unknown>;

export interface JwtHeader {
	alg?: string;
	kid?: string;
	typ?: string;
	[key: string]: unknown;
}

export interface KeyPair {
	privateKey: CryptoKey;
	publicKey: CryptoKey;
	/** The public half as a JWK, as a provider's JWKS endpoint would publish it. */
	publicJwk: JsonWebKey;
}

/**
 * An RS256 signing key known by its `kid` at once, imported on first use: a world holds every
 * issuer's key, but a flow signs with only two or three of them.
 */
export interface SigningKey {
	kid: string;
	pair(): Promise<KeyPair>;
}

/** Encodes bytes as base64url without padding. */
export function base64UrlEncode(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url (padding optional); throws on characters outside the alphabet. */
export function base64UrlDecode(text: string): Uint8Array {
	const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
	const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
	const out = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
	return out;
}

/** UTF-8 text to base64url. */
export function base64UrlEncodeText(text: string): string {
	return base64UrlEncode(encoder.encode(text));
}

async function importPair(kid: string, privateJwk: JsonWebKey): Promise<KeyPair> {
	const publicJwk: JsonWebKey = {
		kty: 'RSA',
		n: privateJwk.n,
		e: privateJwk.e,
		alg: 'RS256',
		use: 'sig',
		kid
	} as JsonWebKey;
	const [privateKey, publicKey] = await Promise.all([
		crypto.subtle.importKey('jwk', { ...privateJwk, alg: 'RS256' }, rsa, false, ['sign']),
		crypto.subtle.importKey('jwk', publicJwk, rsa, true, ['verify'])
	]);
	return { privateKey, publicKey, publicJwk };
}

/** A signing key whose RSA private JWK is fetched and imported the first time it is used. */
export function lazySigningKey(kid: string, loadJwk: () => Promise<JsonWebKey>): SigningKey {
	let pair: Promise<KeyPair> | undefined;
	return {
		kid,
		pair: () => {
			pair ??= loadJwk().then((jwk) => importPair(kid, jwk));
			return pair;
		}
	};
}

/** Imports an RSA private JWK (and derives the public key) for RS256 signing. */
export async function importSigningKey(kid: string, privateJwk: JsonWebKey): Promise<SigningKey> {
	const pair = await importPair(kid, privateJwk);
	return { kid, pair: async () => pair };
}

/** Generates a fresh RSA-2048 signing key (random: use the demo keys for reproducible worlds). */
export async function generateSigningKey(kid: string): Promise<SigningKey> {
	const pair = await crypto.subtle.generateKey(
		{ ...rsa, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
		true,
		['sign', 'verify']
	);
	const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
	return importSigningKey(kid, jwk);
}

/** Signs a payload as a compact RS256 JWT with the key's `kid` in the header. */
export async function signJwt(payload: JwtPayload, key: SigningKey): Promise<string> {
	const header = base64UrlEncodeText(JSON.stringify({ kid: key.kid, alg: 'RS256', typ: 'JWT' }));
	const body = base64UrlEncodeText(JSON.stringify(payload));
	const input = `${header}.${body}`;
	const { privateKey } = await key.pair();
	const signature = await crypto.subtle.sign(rsa, privateKey, encoder.encode(input));
	return `${input}.${base64UrlEncode(new Uint8Array(signature))}`;
}

export type VerifyFailure = 'malformed' | 'unsupported-alg' | 'unknown-key' | 'bad-signature';

export type VerifyResult =
	| { ok: true; header: JwtHeader; payload: JwtPayload }
	| { ok: false; reason: VerifyFailure; header?: JwtHeader; payload?: JwtPayload };

/** Checks a JWT's structure and RS256 signature against a set of keys (found by `kid`). */
export async function verifyJwt(token: string, keys: readonly SigningKey[]): Promise<VerifyResult> {
	const decoded = decodeJwt(token);
	if (
		!decoded.header ||
		!decoded.payload ||
		decoded.signature === undefined ||
		decoded.errors.length > 0
	) {
		return { ok: false, reason: 'malformed', header: decoded.header, payload: decoded.payload };
	}
	const { header, payload } = decoded;
	if (header.alg !== 'RS256') return { ok: false, reason: 'unsupported-alg', header, payload };
	const key = keys.find((k) => k.kid === header.kid);
	if (!key) return { ok: false, reason: 'unknown-key', header, payload };
	const [h, p, s] = token.split('.') as [string, string, string];
	let signature: Uint8Array;
	try {
		signature = base64UrlDecode(s);
	} catch {
		return { ok: false, reason: 'malformed', header, payload };
	}
	const { publicKey } = await key.pair();
	const valid = await crypto.subtle.verify(
		rsa,
		publicKey,
		signature as Uint8Array<ArrayBuffer>,
		encoder.encode(`${h}.${p}`)
	);
	return valid
		? { ok: true, header, payload }
		: { ok: false, reason: 'bad-signature', header, payload };
}

export interface DecodedJwt {
	header?: JwtHeader;
	payload?: JwtPayload;
	/** The signature segment as sent (base64url), if there was one. */
	signature?: string;
	/** Number of dot-separated segments. */
	segments: number;
	/** What could not be decoded, in plain words. */
	errors: string[];
}

function decodeSegment(
	segment: string,
	label: string,
	errs: string[]
): Record<string, unknown> | undefined {
	if (segment === '') {
		errs.push(`The ${label} is empty.`);
		return undefined;
	}
	let text: string;
	try {
		text = decoder.decode(base64UrlDecode(segment));
	} catch {
		errs.push(`The ${label} is not base64url.`);
		return undefined;
	}
	try {
		const value: unknown = JSON.parse(text);
		if (value && typeof value === 'object' && !Array.isArray(value))
			return value as Record<string, unknown>;
		errs.push(`The ${label} is JSON but not an object.`);
	} catch {
		errs.push(`The ${label} is not JSON.`);
	}
	return undefined;
}

/** Decodes whatever parts of a (possibly partial or malformed) JWT can be decoded; never throws. */
export function decodeJwt(token: unknown): DecodedJwt {
	if (typeof token !== 'string') return { segments: 0, errors: ['The token is not a string.'] };
	const parts = token.trim().split('.');
	const errs: string[] = [];
	if (parts.length !== 3)
		errs.push(`A JWT has 3 parts separated by dots; this has ${parts.length}.`);
	const header = decodeSegment(parts[0] ?? '', 'header', errs) as JwtHeader | undefined;
	const payload = parts.length > 1 ? decodeSegment(parts[1] ?? '', 'payload', errs) : undefined;
	if (parts.length === 1) errs.push('The payload is missing.');
	const signature = parts.length > 2 ? parts[2] : undefined;
	if (parts.length > 2 && signature === '') errs.push('The signature is empty.');
	return { header, payload, signature, segments: parts.length, errors: errs };
}

/** Rewrites payload claims but keeps the old signature, as an attacker editing a token would. */
export function tamperJwt(token: string, claims: JwtPayload): string {
	const parts = token.split('.');
	const decoded = decodeJwt(token);
	const payload = { ...(decoded.payload ?? {}), ...claims };
	return [parts[0] ?? '', base64UrlEncodeText(JSON.stringify(payload)), parts[2] ?? ''].join('.');
}
