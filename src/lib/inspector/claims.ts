/**
 * Plain explanations of the JWT claims a learner meets in identity-pool flows, and readable times.
 * Explanations follow the project's fact sheet; a claim not listed gets no explanation rather than
 * a guess.
 */

export const claimHelp: Record<string, string> = {
	iss: 'Issuer: who created and signed the token. Cognito checks that it matches the provider named by the Logins key.',
	sub: 'Subject: the user the token is about. In a token from the identity pool it is the identity ID.',
	aud: 'Audience: who the token is for. An identity provider token names your app client ID; a token from the identity pool names the identity pool ID, which role trust policies check.',
	exp: 'Expiry: after this time Cognito and STS refuse the token.',
	iat: 'Issued at: when the token was created.',
	nbf: 'Not before: the token is not valid before this time.',
	auth_time: 'When the user actually signed in.',
	amr: 'Authentication methods: in a token from the identity pool, "authenticated" or "unauthenticated" plus the providers used. Trust policies match it with the cognito-identity.amazonaws.com:amr condition.',
	token_use:
		'Which user pool token this is: "id" or "access". An identity pool needs the ID token in Logins.',
	client_id:
		'The app client the access token was issued to. User pool access tokens carry this instead of aud.',
	'cognito:groups': 'The user pool groups the user belongs to.',
	'cognito:roles':
		'IAM role ARNs of the user\'s groups. With "Choose role from token", the identity pool picks from these.',
	'cognito:preferred_role':
		'The role of the user\'s group with the lowest precedence value; with "Choose role from token" it is used unless CustomRoleArn picks another role from cognito:roles.',
	'cognito:username': "The user's name in the user pool.",
	email: "The user's email address.",
	email_verified: 'Whether the email address has been verified.',
	scope: 'The OAuth scopes the access token grants.',
	jti: 'A unique ID for this token.',
	nonce:
		'A value the app sent at sign-in, echoed back so the app can match the token to its request.',
	alg: 'The signing algorithm. STS accepts only RSA- or ECDSA-signed web identity tokens.',
	kid: "Key ID: which of the issuer's public keys signed the token.",
	typ: 'The token type.'
};

const timeClaims = new Set(['exp', 'iat', 'nbf', 'auth_time']);

/** Whether a claim holds a time in seconds since the epoch. */
function isTimeClaim(name: string): boolean {
	return timeClaims.has(name);
}

/** A UTC time as `2026-11-26 02:29:16 UTC`, so every reader sees the same clock. */
export function formatUtc(ms: number): string {
	if (!Number.isFinite(ms)) return 'not a time';
	const d = new Date(ms);
	if (Number.isNaN(d.getTime())) return 'not a time';
	return d.toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
}

/** A span of time in words: `1 h 0 min`, `14 min 30 s`, `45 s`. */
export function formatSpan(ms: number): string {
	const total = Math.round(Math.abs(ms) / 1000);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	if (h > 0) return `${h} h ${m} min`;
	if (m > 0) return s ? `${m} min ${s} s` : `${m} min`;
	return `${s} s`;
}

/** How long until `expiresAt`, seen from the simulated time `now`: "expires in 10 min", "expired 2 min ago". */
export function expiryText(expiresAt: number, now: number): string {
	const left = expiresAt - now;
	if (left > 0) return `expires in ${formatSpan(left)}`;
	if (left === 0) return 'expires now';
	return `expired ${formatSpan(left)} ago`;
}

/** Turns an AWS time (Date, ISO string, or epoch seconds or milliseconds) into epoch ms. */
export function toEpochMs(value: unknown): number | null {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
	if (typeof value === 'number' && Number.isFinite(value))
		return value < 1e11 ? value * 1000 : value;
	if (typeof value === 'string' && value.trim() !== '') {
		if (/^\d+(\.\d+)?$/.test(value)) return toEpochMs(Number(value));
		const t = Date.parse(value);
		return Number.isNaN(t) ? null : t;
	}
	return null;
}

/** A claim value as text for the claim table. */
export function claimValueText(name: string, value: unknown): string {
	if (isTimeClaim(name) && typeof value === 'number')
		return `${value} (${formatUtc(value * 1000)})`;
	if (typeof value === 'string') return value;
	return JSON.stringify(value);
}
