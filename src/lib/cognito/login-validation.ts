import { AwsError, errors, type AmbiguityNote } from './errors.ts';
import { decodeJwt, verifyJwt, type JwtPayload } from './jwt.ts';
import { parseSamlResponse, verifySamlSignature } from './saml.ts';
import type { IdentityPool } from './types.ts';
import type { World } from './world.ts';

/**
 * How an identity pool checks one `Logins` entry: the provider must be configured on the pool, the
 * token must be valid, from that provider, unexpired and issued for the configured app (AF-2023).
 */

export const cognitoIdentityProvider = 'cognito-identity.amazonaws.com';
export const cognitoIdentityIssuer = 'https://cognito-identity.amazonaws.com';

export type LoginKind =
	'userpool' | 'google' | 'apple' | 'oidc' | 'facebook' | 'amazon' | 'saml' | 'cognito';

export interface ValidatedLogin {
	/** The Logins key as sent. */
	providerName: string;
	kind: LoginKind;
	/** The user's stable ID at the provider; identities are linked by provider and subject. */
	subject: string;
	/** RoleMappings key (user pools add `:<client id>`). */
	mappingKey: string;
	/** Claims usable in role-mapping rules. */
	claims: JwtPayload;
	tokenRoles?: string[];
	preferredRole?: string;
	/** Only for `cognito-identity.amazonaws.com` tokens. */
	cognitoToken?: { identityId: string; amr: string[]; principalTags?: Record<string, string> };
	ambiguous: AmbiguityNote[];
}

export const malformedTokenNote: AmbiguityNote = {
	topic: 'federation',
	note: 'AWS documents this ambiguously: a Logins value that is not a token at all is refused with NotAuthorizedException, but the wording is not in the fact sheet sources.',
	factRef: 'SDK-CI'
};

const notOidc = (): ReturnType<typeof errors.notAuthorized> =>
	errors.notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.', {
		explanation:
			'The value in Logins is not a JSON Web Token (three base64url parts separated by dots).',
		fix: 'Send the ID token string exactly as the provider returned it.',
		factRef: 'AF-2023; SDK-CI',
		ambiguous: [malformedTokenNote]
	});

const badSignature = (): ReturnType<typeof errors.notAuthorized> =>
	errors.notAuthorized("Invalid login token. Couldn't verify signed token.", {
		explanation:
			"The token's signature does not match its contents: it was edited after the provider signed it, or signed by another key.",
		fix: 'Never edit tokens; get a fresh one from the provider.',
		factRef: 'AF-2023'
	});

export const revokedNote: AmbiguityNote = {
	topic: 'federation',
	note: 'AWS documents this ambiguously: with ServerSideTokenCheck on, a token of a signed-out or deleted user is refused with NotAuthorizedException (HTTP 400), but the message wording is not documented.',
	factRef: 'SDK-CI'
};

export const accessTokenNote: AmbiguityNote = {
	topic: 'federation',
	note: 'AWS documents this ambiguously: the wording for a Facebook or Login with Amazon access token that the provider rejects is not documented.',
	factRef: 'SDK-CI'
};

export const samlResponseNote: AmbiguityNote = {
	topic: 'federation',
	note: 'AWS documents this ambiguously: the messages for refused SAML responses are not documented.',
	factRef: 'EXT saml'
};

export const externalServiceNote: AmbiguityNote = {
	topic: 'federation',
	note: 'AWS documents this ambiguously: ExternalServiceException is the modelled error when an IdP does not respond, but its wording is not documented.',
	factRef: 'SDK-CI'
};

export const developerKeyNote: AmbiguityNote = {
	topic: 'developer-auth',
	note: 'AWS documents this ambiguously: the developer provider name is not a valid Logins key outside GetOpenIdTokenForDeveloperIdentity, but the error returned is not documented; the simulator refuses it as an unknown login.',
	factRef: 'AF-2023'
};

export const audienceNote: AmbiguityNote = {
	topic: 'federation',
	note: "AWS documents this ambiguously: a token issued for another app client is refused, but the message wording is not in AWS's documentation.",
	factRef: 'AF-2023; IDP'
};

const wrongAudience = (): ReturnType<typeof errors.notAuthorized> =>
	errors.notAuthorized('Invalid login token. Incorrect token audience.', {
		explanation:
			'The token was issued for an app (client) ID that is not the one configured for this provider on the identity pool.',
		fix: 'Configure the app client ID on the pool, or sign in through the configured client.',
		factRef: 'AF-2023; IDP',
		ambiguous: [audienceNote]
	});

function checkExpiry(exp: unknown, now: number): void {
	if (typeof exp !== 'number')
		throw errors.notAuthorized('Invalid login token. Missing a required claim: exp', {
			explanation: 'The token has no exp claim, so its lifetime cannot be checked.',
			fix: 'Send a token issued by the provider.',
			factRef: 'AF-2023'
		});
	// AWS words it as "<now> >= <exp>" (seen in GH-IOS2570: the larger, first number is the current time).
	if (now >= exp) throw errors.tokenExpired(exp, now);
}

/** Validates one Logins entry against a pool and returns what the pool learned from it. */
export async function validateLogin(
	world: World,
	pool: IdentityPool,
	providerName: string,
	token: string
): Promise<ValidatedLogin> {
	const now = world.clock.seconds();
	if (providerName === cognitoIdentityProvider) {
		const result = await verifyJwt(token, [world.keys.cognitoIdentity]);
		if (!result.ok) throw result.reason === 'malformed' ? notOidc() : badSignature();
		const p = result.payload;
		if (p['iss'] !== cognitoIdentityIssuer) throw errors.issuerMismatch();
		if (p['aud'] !== pool.IdentityPoolId) throw wrongAudience();
		checkExpiry(p['exp'], now);
		const amr = Array.isArray(p['amr']) ? p['amr'].map(String) : [];
		const tags = p['https://aws.amazon.com/tags'] as
			{ principal_tags?: Record<string, string[]> } | undefined;
		const principalTags = tags?.principal_tags
			? Object.fromEntries(Object.entries(tags.principal_tags).map(([k, v]) => [k, v[0] ?? '']))
			: undefined;
		return {
			providerName,
			kind: 'cognito',
			subject: String(p['sub']),
			mappingKey: providerName,
			claims: p,
			cognitoToken: { identityId: String(p['sub']), amr, principalTags },
			ambiguous: []
		};
	}

	const userPoolConfig = pool.CognitoIdentityProviders?.find(
		(c) => c.ProviderName === providerName
	);
	if (userPoolConfig) {
		const decoded = decodeJwt(token);
		if (!decoded.payload || decoded.errors.length > 0) throw notOidc();
		if (decoded.payload['iss'] !== `https://${providerName}`) throw errors.issuerMismatch();
		const userPool = world.userPoolByProviderName(providerName);
		const result = userPool ? await verifyJwt(token, [userPool.key]) : undefined;
		if (!result || !result.ok) throw badSignature();
		const p = result.payload;
		if (p['aud'] === undefined) throw errors.missingAud();
		checkExpiry(p['exp'], now);
		if (p['token_use'] !== 'id' || p['aud'] !== userPoolConfig.ClientId) throw wrongAudience();
		if (
			userPoolConfig.ServerSideTokenCheck &&
			userPool?.isTokenRevoked(String(p['sub']), Number(p['iat']))
		) {
			throw errors.notAuthorized('Invalid login token. Token has been revoked.', {
				explanation:
					'ServerSideTokenCheck is on, and the user pool says this user was globally signed out or deleted after the token was issued.',
				fix: 'Sign the user in again to get a fresh token.',
				factRef: 'SDK-CI',
				ambiguous: [revokedNote]
			});
		}
		const roles = Array.isArray(p['cognito:roles']) ? p['cognito:roles'].map(String) : undefined;
		return {
			providerName,
			kind: 'userpool',
			subject: String(p['sub']),
			mappingKey: `${providerName}:${String(p['aud'])}`,
			claims: p,
			tokenRoles: roles,
			preferredRole:
				typeof p['cognito:preferred_role'] === 'string' ? p['cognito:preferred_role'] : undefined,
			ambiguous: []
		};
	}

	const supported = pool.SupportedLoginProviders?.[providerName];
	if (supported !== undefined) {
		const appIds = supported.split(',').map((s) => s.trim());
		const social = world.socialProviderByLoginKey(providerName);
		if (social && (social.id === 'facebook' || social.id === 'amazon')) {
			if (!social.available) {
				throw new AwsError(
					'ExternalServiceException',
					`An exception occurred while communicating with ${social.loginKey}.`,
					{
						service: 'cognito-identity',
						explanation: `Cognito has to ask ${social.label} whether the access token is valid, and ${social.label} did not answer.`,
						fix: 'Retry later; the identity provider is not responding.',
						factRef: 'SDK-CI',
						ambiguous: [externalServiceNote]
					}
				);
			}
			const info = social.introspect(token);
			if (!info) {
				throw errors.notAuthorized('Invalid login token. Invalid access token.', {
					explanation: `${social.label} does not recognise this access token.`,
					fix: `Send the ${social.label} access token exactly as the provider returned it.`,
					factRef: 'AF; SDK-CI',
					ambiguous: [accessTokenNote]
				});
			}
			checkExpiry(info.exp, now);
			if (!appIds.includes(info.aud)) throw wrongAudience();
			return {
				providerName,
				kind: social.id,
				subject: info.sub,
				mappingKey: providerName,
				claims: { iss: info.iss, aud: info.aud, sub: info.sub },
				ambiguous: []
			};
		}
		const decoded = decodeJwt(token);
		if (!decoded.payload || decoded.errors.length > 0) throw notOidc();
		if (!social || decoded.payload['iss'] !== `https://${providerName}`)
			throw errors.issuerMismatch();
		if (!('key' in social)) throw badSignature();
		const result = await verifyJwt(token, [social.key]);
		if (!result.ok) throw badSignature();
		checkExpiry(result.payload['exp'], now);
		if (!appIds.includes(String(result.payload['aud']))) throw wrongAudience();
		return {
			providerName,
			kind: social.id,
			subject: String(result.payload['sub']),
			mappingKey: providerName,
			claims: result.payload,
			ambiguous: []
		};
	}

	const oidcArn = pool.OpenIdConnectProviderARNs?.find((arn) =>
		arn.endsWith(`:oidc-provider/${providerName}`)
	);
	if (oidcArn) {
		const record = world.iam.oidcProviders.get(oidcArn);
		const issuer = world.oidcIssuerByLoginKey(providerName);
		const decoded = decodeJwt(token);
		if (!decoded.payload || decoded.errors.length > 0) throw notOidc();
		if (decoded.payload['iss'] !== `https://${providerName}`) throw errors.issuerMismatch();
		const result = issuer ? await verifyJwt(token, [issuer.key]) : undefined;
		if (!result || !result.ok) throw badSignature();
		checkExpiry(result.payload['exp'], now);
		if (!record || !record.ClientIDList.includes(String(result.payload['aud'])))
			throw wrongAudience();
		return {
			providerName,
			kind: 'oidc',
			subject: String(result.payload['sub']),
			mappingKey: providerName,
			claims: result.payload,
			ambiguous: []
		};
	}

	if (pool.SamlProviderARNs?.includes(providerName)) {
		const invalidSaml = (reason: string): ReturnType<typeof errors.notAuthorized> =>
			errors.notAuthorized(`Invalid login token. Invalid SAML response: ${reason}.`, {
				explanation: 'The SAML response could not be accepted for this identity pool.',
				fix: 'Post the base64 SAML response from your IdP unchanged, before it expires.',
				factRef: 'EXT saml',
				ambiguous: [samlResponseNote]
			});
		const parsed = parseSamlResponse(token);
		if (!parsed.ok) throw invalidSaml(parsed.reason);
		const idp = world.samlProviders.get(providerName);
		if (!idp || parsed.assertion.issuer !== idp.issuer)
			throw invalidSaml('issuer does not match the provider');
		if (!(await verifySamlSignature(parsed.assertion, idp.key)))
			throw invalidSaml('signature is not valid');
		if (world.clock.now() >= parsed.assertion.notOnOrAfter)
			throw invalidSaml('assertion has expired');
		const roles = parsed.assertion.roles
			.filter((r) => r.providerArn === providerName)
			.map((r) => r.roleArn);
		const claims: JwtPayload = {
			...parsed.assertion.attributes,
			sub: parsed.assertion.nameId,
			iss: parsed.assertion.issuer
		};
		for (const [k, v] of Object.entries(parsed.assertion.attributes))
			claims[k] = v.length === 1 ? v[0] : v;
		return {
			providerName,
			kind: 'saml',
			subject: parsed.assertion.nameId,
			mappingKey: providerName,
			claims,
			tokenRoles: roles,
			preferredRole: undefined,
			ambiguous: []
		};
	}

	const err = errors.loginsDontMatch();
	if (providerName === pool.DeveloperProviderName) {
		err.ambiguous.push(developerKeyNote);
	}
	throw err;
}
