/**
 * The AWS SDK for JavaScript v3 code a developer writes for a step, filled in with the run's real
 * values. Tokens stay variable names: pasting a multi-kilobyte JWT into a code sample teaches nothing.
 */

/** How a token the app holds is named in code samples. */
export type TokenVar = 'idToken' | 'accessToken' | 'samlResponse';

const indent = (text: string, tabs: number): string =>
	text
		.split('\n')
		.map((line, i) => (i === 0 ? line : '\t'.repeat(tabs) + line))
		.join('\n');

const quote = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** An object literal whose values are code expressions (already quoted where they are strings). */
function objectLiteral(entries: readonly (readonly [string, string])[]): string {
	if (entries.length === 0) return '{}';
	const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k));
	const entry = ([k, v]: readonly [string, string]) =>
		k === v ? `\t${k}` : `\t${key(k)}: ${indent(v, 1)}`;
	return `{\n${entries.map(entry).join(',\n')}\n}`;
}

/** The Region an identity pool or identity ID lives in (`us-east-1:guid`). */
function regionOf(id: string): string {
	return id.split(':')[0] || 'us-east-1';
}

function loginsLiteral(
	logins: Record<string, string> | undefined,
	tokenVar: TokenVar
): string | undefined {
	if (!logins || Object.keys(logins).length === 0) return undefined;
	return objectLiteral(Object.keys(logins).map((k) => [k, tokenVar] as const));
}

const cognitoImport = (command: string) =>
	`import { CognitoIdentityClient, ${command} } from '@aws-sdk/client-cognito-identity';`;

/** GetId, from the app: no AWS credentials, so the client needs only a Region. */
export function getIdCode(
	req: { IdentityPoolId: string; Logins?: Record<string, string> },
	tokenVar: TokenVar
): string {
	const logins = loginsLiteral(req.Logins, tokenVar);
	const input = objectLiteral([
		['IdentityPoolId', quote(req.IdentityPoolId)],
		...(logins ? [['Logins', logins] as const] : [])
	]);
	const lines = [
		cognitoImport('GetIdCommand'),
		'',
		`const cognito = new CognitoIdentityClient({ region: ${quote(regionOf(req.IdentityPoolId))} });`,
		`const { IdentityId } = await cognito.send(new GetIdCommand(${input}));`
	];
	if (!logins)
		lines.push('// No Logins: a guest identity. Cache IdentityId and reuse it next time.');
	return lines.join('\n');
}

/** An unsigned call from the app that takes the identity ID and, when signed in, the Logins again. */
function identityCallCode(
	command: string,
	result: string,
	comment: string,
	req: { IdentityId: string; Logins?: Record<string, string> },
	tokenVar: TokenVar
): string {
	const logins = loginsLiteral(req.Logins, tokenVar);
	const input = objectLiteral([
		['IdentityId', 'IdentityId'],
		...(logins ? [['Logins', logins] as const] : [])
	]);
	return [
		cognitoImport(command),
		'',
		`const cognito = new CognitoIdentityClient({ region: ${quote(regionOf(req.IdentityId))} });`,
		`const { ${result} } = await cognito.send(new ${command}(${input}));`,
		comment
	].join('\n');
}

/** GetCredentialsForIdentity, from the app: unsigned, and the answer says SecretKey. */
export function getCredentialsCode(
	req: { IdentityId: string; Logins?: Record<string, string> },
	tokenVar: TokenVar
): string {
	return identityCallCode(
		'GetCredentialsForIdentityCommand',
		'Credentials',
		'// Credentials: AccessKeyId, SecretKey (not SecretAccessKey), SessionToken, Expiration',
		req,
		tokenVar
	);
}

/** GetOpenIdToken, from the app (basic flow). */
export function getOpenIdTokenCode(
	req: { IdentityId: string; Logins?: Record<string, string> },
	tokenVar: TokenVar
): string {
	return identityCallCode(
		'GetOpenIdTokenCommand',
		'Token',
		'// Token: an OpenID Connect token from the identity pool, valid for 10 minutes',
		req,
		tokenVar
	);
}

/** GetOpenIdTokenForDeveloperIdentity, from your backend: the client signs with IAM credentials. */
export function developerTokenCode(req: {
	IdentityPoolId: string;
	Logins: Record<string, string>;
	TokenDuration?: number;
}): string {
	const input = objectLiteral([
		['IdentityPoolId', quote(req.IdentityPoolId)],
		['Logins', objectLiteral(Object.keys(req.Logins).map((k) => [k, 'userId'] as const))],
		...(req.TokenDuration !== undefined
			? [['TokenDuration', String(req.TokenDuration)] as const]
			: [])
	]);
	return [
		'// On your backend, after your own sign-in: never in the app.',
		cognitoImport('GetOpenIdTokenForDeveloperIdentityCommand'),
		'',
		'// The client signs with the backend’s IAM credentials (from its role or environment).',
		`const cognito = new CognitoIdentityClient({ region: ${quote(regionOf(req.IdentityPoolId))} });`,
		'const { IdentityId, Token } = await cognito.send(',
		`\tnew GetOpenIdTokenForDeveloperIdentityCommand(${indent(input, 1)})`,
		');',
		'// Send IdentityId and Token back to the app.'
	].join('\n');
}

/** GetCredentialsForIdentity with the developer token under the Cognito login key. */
export function developerCredentialsCode(req: { IdentityId: string }): string {
	return [
		cognitoImport('GetCredentialsForIdentityCommand'),
		'',
		`const cognito = new CognitoIdentityClient({ region: ${quote(regionOf(req.IdentityId))} });`,
		'const { Credentials } = await cognito.send(',
		'\tnew GetCredentialsForIdentityCommand({',
		'\t\tIdentityId, // from your backend',
		"\t\tLogins: { 'cognito-identity.amazonaws.com': Token }",
		'\t})',
		');'
	].join('\n');
}

/** STS AssumeRoleWithWebIdentity, from the app (basic flow): unsigned, the token is the proof. */
export function assumeRoleCode(
	req: { RoleArn: string; RoleSessionName: string; DurationSeconds?: number },
	region: string
): string {
	const input = objectLiteral([
		['RoleArn', quote(req.RoleArn)],
		['RoleSessionName', quote(req.RoleSessionName)],
		['WebIdentityToken', 'Token'],
		...(req.DurationSeconds !== undefined
			? [['DurationSeconds', String(req.DurationSeconds)] as const]
			: [])
	]);
	return [
		"import { STSClient, AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';",
		'',
		`const sts = new STSClient({ region: ${quote(region)} });`,
		`const { Credentials } = await sts.send(new AssumeRoleWithWebIdentityCommand(${input}));`,
		'// Credentials: AccessKeyId, SecretAccessKey, SessionToken, Expiration'
	].join('\n');
}

/** Which credential field names the previous step returned. */
export type CredentialSource = 'cognito' | 'sts';

function credentialsLiteral(source: CredentialSource): string {
	return objectLiteral([
		['accessKeyId', 'Credentials.AccessKeyId'],
		[
			'secretAccessKey',
			source === 'cognito' ? 'Credentials.SecretKey' : 'Credentials.SecretAccessKey'
		],
		['sessionToken', 'Credentials.SessionToken']
	]);
}

/** The app's call to S3 or DynamoDB, signed with the temporary credentials. */
export function serviceCallCode(
	call:
		| { service: 's3'; region: string; Bucket: string; Key: string }
		| { service: 'dynamodb'; region: string; TableName: string; Key: Record<string, string> },
	source: CredentialSource
): string {
	const creds = indent(credentialsLiteral(source), 1);
	if (call.service === 's3') {
		return [
			"import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';",
			'',
			'const s3 = new S3Client({',
			`\tregion: ${quote(call.region)},`,
			`\tcredentials: ${creds}`,
			'});',
			`await s3.send(new GetObjectCommand({ Bucket: ${quote(call.Bucket)}, Key: ${quote(call.Key)} }));`
		].join('\n');
	}
	const key = objectLiteral(
		Object.entries(call.Key).map(([k, v]) => [k, `{ S: ${quote(v)} }`] as const)
	);
	return [
		"import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';",
		'',
		'const dynamodb = new DynamoDBClient({',
		`\tregion: ${quote(call.region)},`,
		`\tcredentials: ${creds}`,
		'});',
		`await dynamodb.send(new GetItemCommand({ TableName: ${quote(call.TableName)}, Key: ${indent(key, 0)} }));`
	].join('\n');
}

/** Signing in at a user pool from the app: a public API, like the identity pool's. */
export function userPoolSignInCode(
	req: { region: string; clientId: string; username: string },
	tokenVar: 'idToken' | 'accessToken'
): string {
	const input = objectLiteral([
		['AuthFlow', quote('USER_PASSWORD_AUTH')],
		['ClientId', quote(req.clientId)],
		['AuthParameters', `{ USERNAME: ${quote(req.username)}, PASSWORD: password }`]
	]);
	return [
		"import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';",
		'',
		'// The app client must allow the USER_PASSWORD_AUTH flow.',
		`const userPool = new CognitoIdentityProviderClient({ region: ${quote(req.region)} });`,
		`const { AuthenticationResult } = await userPool.send(new InitiateAuthCommand(${input}));`,
		tokenVar === 'idToken'
			? 'const idToken = AuthenticationResult.IdToken; // the token for Logins'
			: 'const accessToken = AuthenticationResult.AccessToken; // not what Logins needs'
	].join('\n');
}
