import type { SimClock } from './clock.ts';
import { base64UrlDecode, base64UrlEncode, type SigningKey } from './jwt.ts';
import type { SeededRandom } from './random.ts';

/**
 * A SAML 2.0 identity provider: base64 SAML responses with an assertion, attributes and the
 * `https://aws.amazon.com/SAML/Attributes/Role` attribute (EXT saml). The signature is a
 * simplified stand-in for XML-DSig: RS256 over the assertion element exactly as serialized, which
 * is enough to show that an edited assertion is refused.
 */

export const samlRoleAttribute = 'https://aws.amazon.com/SAML/Attributes/Role';
export const samlRoleSessionNameAttribute =
	'https://aws.amazon.com/SAML/Attributes/RoleSessionName';

const rsa = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const encoder = new TextEncoder();

function xmlEscape(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

function xmlUnescape(text: string): string {
	return text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');
}

/** Standard base64 of UTF-8 text. */
export function base64EncodeText(text: string): string {
	const url = base64UrlEncode(encoder.encode(text));
	const b64 = url.replace(/-/g, '+').replace(/_/g, '/');
	return b64 + '='.repeat((4 - (b64.length % 4)) % 4);
}

/** Standard base64 to UTF-8 text; undefined when it is not base64. */
export function base64DecodeText(b64: string): string | undefined {
	if (!/^[A-Za-z0-9+/=\s]+$/.test(b64)) return undefined;
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(
			base64UrlDecode(b64.replace(/\s+/g, '').replace(/=+$/, ''))
		);
	} catch {
		return undefined;
	}
}

export interface SamlAssertion {
	issuer: string;
	nameId: string;
	notBefore: number;
	notOnOrAfter: number;
	audience: string;
	attributes: Record<string, string[]>;
	/** Role/provider pairs from the Role attribute. */
	roles: { roleArn: string; providerArn: string }[];
	assertionXml: string;
	signatureValue?: string;
}

export type SamlParseResult =
	{ ok: true; assertion: SamlAssertion } | { ok: false; reason: string };

/** Parses a base64 SAML response; never throws. */
export function parseSamlResponse(encoded: string): SamlParseResult {
	const xml = base64DecodeText(encoded);
	if (!xml || !xml.includes('<samlp:Response')) return { ok: false, reason: 'not a SAML response' };
	const assertionMatch = /<saml:Assertion[\s\S]*?<\/saml:Assertion>/.exec(xml);
	if (!assertionMatch) return { ok: false, reason: 'no assertion' };
	const assertionXml = assertionMatch[0];
	const text = (re: RegExp): string | undefined => {
		const m = re.exec(assertionXml);
		return m?.[1] !== undefined ? xmlUnescape(m[1]) : undefined;
	};
	const issuer = text(/<saml:Issuer>([^<]*)<\/saml:Issuer>/);
	const nameId = text(/<saml:NameID[^>]*>([^<]*)<\/saml:NameID>/);
	const notBefore = text(/<saml:Conditions[^>]*NotBefore="([^"]*)"/);
	const notOnOrAfter = text(/<saml:Conditions[^>]*NotOnOrAfter="([^"]*)"/);
	const audience = text(/<saml:Audience>([^<]*)<\/saml:Audience>/);
	if (!issuer || !nameId || !notBefore || !notOnOrAfter || !audience) {
		return { ok: false, reason: 'assertion is missing required elements' };
	}
	const attributes: Record<string, string[]> = {};
	for (const m of assertionXml.matchAll(
		/<saml:Attribute Name="([^"]*)"[^>]*>([\s\S]*?)<\/saml:Attribute>/g
	)) {
		const values = [
			...(m[2] ?? '').matchAll(/<saml:AttributeValue[^>]*>([^<]*)<\/saml:AttributeValue>/g)
		].map((v) => xmlUnescape(v[1] ?? ''));
		attributes[xmlUnescape(m[1] ?? '')] = values;
	}
	const roles = (attributes[samlRoleAttribute] ?? []).map((pair) => {
		const [a = '', b = ''] = pair.split(',').map((s) => s.trim());
		// The pair may list the role or the provider first.
		return a.includes(':saml-provider/')
			? { roleArn: b, providerArn: a }
			: { roleArn: a, providerArn: b };
	});
	const sig = /<ds:SignatureValue>([^<]*)<\/ds:SignatureValue>/.exec(xml)?.[1];
	return {
		ok: true,
		assertion: {
			issuer,
			nameId,
			notBefore: Date.parse(notBefore),
			notOnOrAfter: Date.parse(notOnOrAfter),
			audience,
			attributes,
			roles,
			assertionXml,
			signatureValue: sig
		}
	};
}

/** Checks the assertion signature with the IdP's key. */
export async function verifySamlSignature(
	assertion: SamlAssertion,
	key: SigningKey
): Promise<boolean> {
	if (!assertion.signatureValue) return false;
	let sig: Uint8Array;
	try {
		sig = base64UrlDecode(
			assertion.signatureValue.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
		);
	} catch {
		return false;
	}
	const { publicKey } = await key.pair();
	return crypto.subtle.verify(
		rsa,
		publicKey,
		sig as Uint8Array<ArrayBuffer>,
		encoder.encode(assertion.assertionXml)
	);
}

export interface SamlUser {
	nameId: string;
	attributes: Record<string, string[]>;
	/** Role ARNs the IdP grants this user (sent in the Role attribute). */
	roleArns: string[];
}

/** A SAML IdP registered in IAM as `arn:aws:iam::<account>:saml-provider/<name>`. */
export class SamlIdentityProvider {
	readonly issuer: string;
	readonly providerArn: string;
	readonly key: SigningKey;
	readonly users = new Map<string, SamlUser>();
	assertionValiditySeconds = 300;
	readonly #clock: SimClock;
	readonly #random: SeededRandom;

	constructor(options: {
		issuer: string;
		providerArn: string;
		key: SigningKey;
		clock: SimClock;
		random: SeededRandom;
	}) {
		this.issuer = options.issuer;
		this.providerArn = options.providerArn;
		this.key = options.key;
		this.#clock = options.clock;
		this.#random = options.random;
	}

	/** Adds a user with attributes and the roles the IdP asserts for them. */
	addUser(
		name: string,
		options: { attributes?: Record<string, string[]>; roleArns?: string[] } = {}
	): SamlUser {
		const user = {
			nameId: name,
			attributes: { ...(options.attributes ?? {}) },
			roleArns: [...(options.roleArns ?? [])]
		};
		this.users.set(name, user);
		return user;
	}

	/** Signs the user in and returns the base64 SAML response the browser would post. */
	async issueResponse(
		name: string,
		options: { roleArns?: string[]; expiresIn?: number } = {}
	): Promise<string> {
		const user = this.users.get(name) ?? this.addUser(name);
		const now = this.#clock.now();
		const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
		const until = iso(now + (options.expiresIn ?? this.assertionValiditySeconds) * 1000);
		const roleValues = (options.roleArns ?? user.roleArns).map((r) => `${r},${this.providerArn}`);
		const attrs: Record<string, string[]> = {
			[samlRoleAttribute]: roleValues,
			[samlRoleSessionNameAttribute]: [name],
			'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier': [name],
			'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name': [name],
			...user.attributes
		};
		const attributeXml = Object.entries(attrs)
			.map(
				([k, vs]) =>
					`<saml:Attribute Name="${xmlEscape(k)}">${vs.map((v) => `<saml:AttributeValue>${xmlEscape(v)}</saml:AttributeValue>`).join('')}</saml:Attribute>`
			)
			.join('');
		const assertion =
			`<saml:Assertion ID="_${this.#random.hex(32)}" IssueInstant="${iso(now)}" Version="2.0">` +
			`<saml:Issuer>${xmlEscape(this.issuer)}</saml:Issuer>` +
			`<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${xmlEscape(name)}</saml:NameID>` +
			`<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${until}" Recipient="https://signin.aws.amazon.com/saml"/></saml:SubjectConfirmation></saml:Subject>` +
			`<saml:Conditions NotBefore="${iso(now)}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>urn:amazon:webservices</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
			`<saml:AttributeStatement>${attributeXml}</saml:AttributeStatement>` +
			`</saml:Assertion>`;
		const { privateKey } = await this.key.pair();
		const sig = await crypto.subtle.sign(rsa, privateKey, encoder.encode(assertion));
		const sigB64 = base64UrlEncode(new Uint8Array(sig)).replace(/-/g, '+').replace(/_/g, '/');
		const xml =
			`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="_${this.#random.hex(32)}" Version="2.0" IssueInstant="${iso(now)}" Destination="https://signin.aws.amazon.com/saml">` +
			`<saml:Issuer>${xmlEscape(this.issuer)}</saml:Issuer>` +
			`<ds:Signature><ds:SignatureValue>${sigB64}</ds:SignatureValue></ds:Signature>` +
			`<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
			assertion +
			`</samlp:Response>`;
		return base64EncodeText(xml);
	}
}
