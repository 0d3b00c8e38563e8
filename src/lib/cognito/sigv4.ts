import { AwsError } from './errors.ts';

/**
 * Signature Version 4 as AWS checks it on a signed Cognito Identity call: the Authorization
 * header's parts, the key in IAM, the request time against the clock (5 minutes either way), and
 * the signature recomputed from the canonical request with the key's secret.
 * Messages follow the IAM guide "Troubleshoot signed requests for AWS APIs" (SIGV4).
 */

export interface SignedRequest {
	method: string;
	path?: string;
	query?: Record<string, string | string[] | null | undefined>;
	headers: Record<string, string>;
	body: string;
}

export interface SigningKeyRecord {
	secretAccessKey: string;
	principalArn: string;
}

const encoder = new TextEncoder();
const hex = (bytes: ArrayBuffer): string =>
	[...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

async function sha256(text: string): Promise<string> {
	return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

async function hmac(key: ArrayBuffer | Uint8Array, text: string): Promise<ArrayBuffer> {
	const k = await crypto.subtle.importKey(
		'raw',
		key as Uint8Array<ArrayBuffer>,
		{ name: 'HMAC', hash: 'SHA-256' },
		false,
		['sign']
	);
	return crypto.subtle.sign('HMAC', k, encoder.encode(text));
}

function signError(
	name: string,
	message: string,
	httpStatus: number,
	explanation: string,
	fix: string,
	status: string
): AwsError {
	return new AwsError(name, message, {
		service: 'cognito-identity',
		httpStatus,
		explanation,
		fix,
		factRef: 'SIGV4; SDK-CI',
		ambiguous: [
			{
				topic: 'developer-auth',
				note: `AWS documents this ambiguously: which signing error Cognito Identity returns in each case, under which name and HTTP status, is not in the fact sheet or the Cognito Identity API reference. ${status}`,
				factRef: 'SIGV4'
			}
		]
	});
}

/*
 * What the AWS documentation confirms about each signing error below (COMMON-ERRORS is the list of
 * errors common to all AWS APIs; SIGV4 the IAM guide "Troubleshoot signed requests for AWS APIs"):
 *
 * | simulator name                       | HTTP | confirmed                                              |
 * | ------------------------------------ | ---- | ------------------------------------------------------ |
 * | MissingAuthenticationTokenException  | 403  | as `MissingAuthenticationToken`, 403 (COMMON-ERRORS); the `Exception` suffix and the message UNCONFIRMED |
 * | IncompleteSignatureException         | 400  | as `IncompleteSignature`, 400 (COMMON-ERRORS); the suffix UNCONFIRMED |
 * | UnrecognizedClientException          | 400  | UNCONFIRMED (COMMON-ERRORS has `InvalidClientTokenId`, 403, for an unknown key) |
 * | InvalidSignatureException            | 400  | UNCONFIRMED name and status; messages from SIGV4 |
 * | AccessDeniedException (errors.ts)    | 400  | in COMMON-ERRORS (400, 403 in newer lists); that Cognito Identity returns it for an IAM denial UNCONFIRMED |
 */

/** Errors of SigV4 checking, named as AWS's common errors. */
export const signingErrors = {
	missing(operation: string): AwsError {
		return signError(
			'MissingAuthenticationTokenException',
			'Missing Authentication Token',
			403,
			`${operation} must be signed (SigV4) with AWS credentials of a developer or administrator; it is not a public API.`,
			'Call it from your backend with IAM credentials, never from the app.',
			'The common error list names it MissingAuthenticationToken with HTTP 403; the Exception suffix and the message are not confirmed.'
		);
	},
	incomplete(detail: string): AwsError {
		return signError(
			'IncompleteSignatureException',
			`The request signature does not conform to AWS standards: ${detail}`,
			400,
			'The Authorization header is missing a part SigV4 needs (Credential, SignedHeaders, Signature) or the X-Amz-Date header.',
			'Let the AWS SDK sign the request instead of building the header by hand.',
			'The common error list names it IncompleteSignature with HTTP 400; the Exception suffix is not confirmed.'
		);
	},
	unknownKey(): AwsError {
		return signError(
			'UnrecognizedClientException',
			'The security token included in the request is invalid.',
			400,
			'The access key ID in the signature is not an access key IAM knows in this account.',
			'Sign with the access key of an IAM user or role session that exists (for the demo: the backend key pair).',
			'This name is not confirmed: the common error list has InvalidClientTokenId (HTTP 403) for an access key AWS does not know.'
		);
	},
	expired(signed: string, now: string, earliest: string): AwsError {
		return signError(
			'InvalidSignatureException',
			`Signature expired: ${signed} is now earlier than ${earliest} (${now} - 5 min.)`,
			400,
			'The request was signed more than 5 minutes before (or after) the time it reached AWS.',
			"Sign each request when it is sent, and keep the backend's clock in sync.",
			'The signature name InvalidSignatureException and its HTTP status are not confirmed; the message follows the IAM troubleshooting guide.'
		);
	},
	notYetCurrent(signed: string, now: string, latest: string): AwsError {
		return signError(
			'InvalidSignatureException',
			`Signature not yet current: ${signed} is still later than ${latest} (${now} + 5 min.)`,
			400,
			'The request is dated more than 5 minutes after the time it reached AWS.',
			"Keep the backend's clock in sync (NTP).",
			'The signature name InvalidSignatureException and its HTTP status are not confirmed; the message follows the IAM troubleshooting guide.'
		);
	},
	mismatch(): AwsError {
		return signError(
			'InvalidSignatureException',
			'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
			400,
			'The signature was computed with another secret key, or the request changed after it was signed.',
			'Sign with the secret that belongs to the access key ID, and do not change the request after signing.',
			'The signature name InvalidSignatureException and its HTTP status are not confirmed; the message follows the IAM troubleshooting guide.'
		);
	}
};

function header(headers: Record<string, string>, name: string): string | undefined {
	for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
	return undefined;
}

const uriEncode = (s: string): string =>
	encodeURIComponent(s).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);

function canonicalQuery(query: SignedRequest['query']): string {
	const pairs: [string, string][] = [];
	for (const [k, v] of Object.entries(query ?? {})) {
		if (v === null || v === undefined) continue;
		for (const value of Array.isArray(v) ? v : [v]) pairs.push([uriEncode(k), uriEncode(value)]);
	}
	return pairs
		.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
		.map(([k, v]) => `${k}=${v}`)
		.join('&');
}

/** AWS's ISO 8601 basic form `20260115T090000Z` as epoch milliseconds, or NaN. */
function amzDateMs(value: string): number {
	const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
	if (!m) return NaN;
	return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

const basic = (ms: number): string => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');

/**
 * Verifies a SigV4-signed request; returns the signer's access key ID and principal, or throws
 * the AWS error for the first check that fails.
 */
export async function verifySigV4(
	request: SignedRequest,
	operation: string,
	lookup: (accessKeyId: string) => SigningKeyRecord | undefined,
	now: number
): Promise<{ accessKeyId: string; principalArn: string }> {
	const auth = header(request.headers, 'authorization');
	if (auth === undefined) throw signingErrors.missing(operation);
	const m =
		/^AWS4-HMAC-SHA256\s+Credential=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/.exec(
			auth
		);
	if (!m)
		throw signingErrors.incomplete(
			"Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters."
		);
	const [, credential, signedHeaders, signature] = m as unknown as [string, string, string, string];
	const scope = credential.split('/');
	if (scope.length !== 5 || scope[4] !== 'aws4_request')
		throw signingErrors.incomplete(
			'Credential must be <access key>/<date>/<region>/<service>/aws4_request.'
		);
	const [accessKeyId, day, region, service] = scope as [string, string, string, string];
	const amzDate = header(request.headers, 'x-amz-date');
	const signedAt = amzDate ? amzDateMs(amzDate) : NaN;
	if (!amzDate || Number.isNaN(signedAt))
		throw signingErrors.incomplete(
			"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
		);
	const key = lookup(accessKeyId);
	if (!key) throw signingErrors.unknownKey();
	const skew = 5 * 60 * 1000;
	if (signedAt < now - skew) throw signingErrors.expired(amzDate, basic(now), basic(now - skew));
	if (signedAt > now + skew)
		throw signingErrors.notYetCurrent(amzDate, basic(now), basic(now + skew));
	const expected = await signatureOf(request, signedHeaders, amzDate, [day, region, service], key);
	if (expected !== signature) throw signingErrors.mismatch();
	return { accessKeyId, principalArn: key.principalArn };
}

/** The SigV4 signature of a request: canonical request, string to sign, derived key, HMAC. */
async function signatureOf(
	request: SignedRequest,
	signedHeaders: string,
	amzDate: string,
	[day, region, service]: [string, string, string],
	key: { secretAccessKey: string }
): Promise<string> {
	const canonicalHeaders = signedHeaders
		.split(';')
		.map((n) => `${n}:${(header(request.headers, n) ?? '').trim().replace(/\s+/g, ' ')}\n`)
		.join('');
	const payloadHash =
		header(request.headers, 'x-amz-content-sha256') ?? (await sha256(request.body));
	const canonicalRequest = [
		request.method.toUpperCase(),
		request.path || '/',
		canonicalQuery(request.query),
		canonicalHeaders,
		signedHeaders,
		payloadHash
	].join('\n');
	const credentialScope = `${day}/${region}/${service}/aws4_request`;
	const stringToSign = [
		'AWS4-HMAC-SHA256',
		amzDate,
		credentialScope,
		await sha256(canonicalRequest)
	].join('\n');
	let k: ArrayBuffer = await hmac(encoder.encode(`AWS4${key.secretAccessKey}`), day);
	for (const part of [region, service, 'aws4_request']) k = await hmac(k, part);
	return hex(await hmac(k, stringToSign));
}

/**
 * Signs a request as an AWS SDK does (SigV4, all headers given signed): returns the headers with
 * `X-Amz-Date` and `Authorization` added.
 */
export async function signSigV4(
	request: SignedRequest,
	credentials: { accessKeyId: string; secretAccessKey: string },
	scope: { region: string; service: string; now: number }
): Promise<Record<string, string>> {
	const amzDate = basic(scope.now);
	const day = amzDate.slice(0, 8);
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
	headers['x-amz-date'] = amzDate;
	const signedHeaders = Object.keys(headers).sort().join(';');
	const signature = await signatureOf(
		{ ...request, headers },
		signedHeaders,
		amzDate,
		[day, scope.region, scope.service],
		credentials
	);
	return {
		...headers,
		authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${day}/${scope.region}/${scope.service}/aws4_request, SignedHeaders=${signedHeaders}, Signature=${signature}`
	};
}
