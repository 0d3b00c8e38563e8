import { createDemoWorld, decodeJwt, signIn, type SignInResult } from '../cognito/index.ts';
import { effectiveSettings, providerFor } from './break-options.ts';
import { applyWorldSettings, tamperToken } from './break-world.ts';
import { findFlow, type FlowId, type ProviderId } from './catalogue.ts';
import {
	assumeRoleCode,
	developerCredentialsCode,
	developerTokenCode,
	getCredentialsCode,
	getIdCode,
	getOpenIdTokenCode,
	serviceCallCode,
	userPoolSignInCode,
	type TokenVar
} from './sdk-code.ts';
import {
	credentialsInternal,
	getIdInternal,
	perform,
	Recorder,
	RunStopped,
	toRecord
} from './step-recorder.ts';
import type { BreakSettings, FlowRun, ServiceCall } from './types.ts';

/**
 * Runs a flow against the simulator and records it step by step: the demo world is built, the
 * "break it" settings change it, and every call goes to the simulated AWS, so requests, responses,
 * internal checks and errors are the simulator's own. Same options, same run.
 */

export interface RunFlowOptions {
	provider?: ProviderId;
	settings?: Partial<BreakSettings>;
	/** Seed for generated IDs and secrets (default 1). */
	seed?: number;
	/** Simulated start time, epoch ms (default the demo world's clock). */
	now?: number;
	/** Demo user who signs in (default `alice`). */
	user?: string;
	/**
	 * The last step's request: the user's own S3 file (the public file for guests, the default),
	 * another identity's file, or the user's own DynamoDB item (LeadingKeys).
	 */
	serviceCall?: ServiceCall;
}

/** The demo user who signs in unless the caller names another. */
const defaultUser = 'alice';

function tokenVarFor(provider: ProviderId | undefined, settings: BreakSettings): TokenVar {
	if (settings.sendAccessToken || provider === 'facebook' || provider === 'amazon')
		return 'accessToken';
	return provider === 'saml' ? 'samlResponse' : 'idToken';
}

/** Signs in at the identity provider and applies the token breaks. */
async function signInStep(
	rec: Recorder,
	provider: ProviderId,
	user: string
): Promise<SignInResult> {
	const { world, settings } = rec;
	const result = await signIn(world, provider, { user, otherPool: settings.otherPoolToken });
	const loginKey = settings.otherPoolToken ? world.demo.userPoolProvider : result.loginKey;
	let token = settings.sendAccessToken && result.accessToken ? result.accessToken : result.token;
	if (settings.tamperClaim) token = tamperToken(provider, token, user);
	rec.loginKey = loginKey;
	const notes: string[] = [];
	if (settings.otherPoolToken)
		notes.push(`The token comes from another user pool (${world.demo.otherUserPoolId}).`);
	if (settings.sendAccessToken)
		notes.push('The app sends the access token instead of the ID token.');
	if (settings.tamperClaim) notes.push('Someone edits the token after it was signed.');
	const at = world.clock.now();
	if (settings.expireToken && result.expiresAt !== undefined) {
		world.clock.set(result.expiresAt + 1000);
		notes.push('Time passes until the token has expired.');
	}
	const clientId = settings.otherPoolToken
		? world.demo.otherUserPoolClientId
		: world.demo.userPoolClientId;
	const sdkCode =
		provider === 'userpool'
			? userPoolSignInCode(
					{ region: world.demo.region, clientId, username: user },
					settings.sendAccessToken ? 'accessToken' : 'idToken'
				)
			: undefined;
	// A user pool sign-in is the user pool's InitiateAuth call; other providers sign in with their
	// own SDKs, so the request only says who signs in where.
	const request =
		provider === 'userpool'
			? {
					AuthFlow: 'USER_PASSWORD_AUTH',
					ClientId: clientId,
					AuthParameters: { USERNAME: user, PASSWORD: '********' }
				}
			: { Provider: provider, Username: user };
	// The claims shown are those of the token actually sent, edited or swapped as it may be.
	const claims = token === result.token ? result.claims : decodeJwt(token).payload;
	rec.add('sign-in', {
		request,
		sdkCode,
		response: { ...result, loginKey, token, ...(claims ? { claims } : {}) },
		at,
		...(notes.length > 0 ? { narrationSuffix: notes.join(' ') } : {})
	});
	return { ...result, loginKey, token };
}

const someoneElse = 'us-east-1:00000000-0000-4000-8000-000000000000';

/** The app's call to S3 or DynamoDB with the credentials it got, decided by the role and session policies. */
function callService(
	rec: Recorder,
	credentials: { AccessKeyId: string },
	identityId: string,
	guest: boolean,
	source: 'cognito' | 'sts'
): void {
	const { world } = rec;
	const { demo } = world;
	const what = rec.serviceCall;
	let action: string;
	let resource: string;
	let request: Record<string, unknown>;
	let sdkCode: string;
	let context: Record<string, string[]> | undefined;
	if (what === 'own-item') {
		action = 'dynamodb:GetItem';
		resource = demo.tableArn;
		const key = { userId: identityId };
		context = { 'dynamodb:LeadingKeys': [identityId] };
		request = { Service: 'dynamodb', Action: action, TableName: demo.table, Key: key };
		sdkCode = serviceCallCode(
			{ service: 'dynamodb', region: demo.region, TableName: demo.table, Key: key },
			source
		);
	} else {
		action = 's3:GetObject';
		const bucket = guest && what === 'own-file' ? demo.publicBucket : demo.bucket;
		const owner = what === 'other-file' ? someoneElse : identityId;
		const key = guest && what === 'own-file' ? 'welcome.txt' : `${owner}/notes.txt`;
		resource = `arn:aws:s3:::${bucket}/${key}`;
		request = { Service: 's3', Action: action, Bucket: bucket, Key: key };
		sdkCode = serviceCallCode(
			{ service: 's3', region: demo.region, Bucket: bucket, Key: key },
			source
		);
	}
	const mark = rec.events.length;
	const decision = world.authorize(credentials.AccessKeyId, action, resource, context);
	const events = rec.events.slice(mark);
	const label = what === 'own-item' ? 'DynamoDB GetItem' : 'S3 GetObject';
	rec.service = { label, allowed: decision.allowed };
	rec.add('call-service', {
		request: { ...request, AccessKeyId: credentials.AccessKeyId },
		response: structuredClone(decision),
		decision: { action, resource, allowed: decision.allowed, decidedBy: decision.decidedBy },
		trace: events.map(toRecord),
		sdkCode,
		label,
		ambiguous: decision.ambiguous.map((a) => a.note)
	});
}

/**
 * The start both app-driven flows share: sign in (unless a guest), then GetId. Returns what the
 * next call needs: the identity ID, the Logins map to send again, and the SDK code's token name.
 */
async function signInAndGetId(
	rec: Recorder,
	user: string,
	guest: boolean
): Promise<{ IdentityId: string; logins?: Record<string, string>; tokenVar: TokenVar }> {
	const { world, provider, settings } = rec;
	let logins: Record<string, string> | undefined;
	if (!guest && provider) {
		const signedIn = await signInStep(rec, provider, user);
		logins = { [signedIn.loginKey]: signedIn.token };
	}
	const tokenVar = tokenVarFor(provider, settings);
	const getIdRequest = {
		IdentityPoolId: world.demo.identityPoolId,
		...(logins ? { Logins: logins } : {})
	};
	const { IdentityId } = await perform(rec, {
		call: 'get-id',
		request: getIdRequest,
		sdkCode: getIdCode(getIdRequest, tokenVar),
		internal: [getIdInternal(guest)],
		invoke: () => world.cognitoIdentity.GetId(getIdRequest)
	});
	return { IdentityId, ...(logins ? { logins } : {}), tokenVar };
}

async function runEnhanced(rec: Recorder, user: string): Promise<void> {
	const { world, flowId } = rec;
	const guest = flowId === 'enhanced-guest';
	const { IdentityId, logins, tokenVar } = await signInAndGetId(rec, user, guest);
	const credsRequest = { IdentityId, ...(logins ? { Logins: logins } : {}) };
	const response = await perform(rec, {
		call: 'get-credentials',
		request: credsRequest,
		sdkCode: getCredentialsCode(credsRequest, tokenVar),
		internal: credentialsInternal,
		returnStep: 'return-credentials',
		invoke: () => world.cognitoIdentity.GetCredentialsForIdentity(credsRequest)
	});
	callService(rec, response.Credentials, response.IdentityId, guest, 'cognito');
}

async function runBasic(rec: Recorder, user: string): Promise<void> {
	const { world, flowId } = rec;
	const { demo } = world;
	const guest = flowId === 'basic-guest';
	const { IdentityId, logins, tokenVar } = await signInAndGetId(rec, user, guest);
	const tokenRequest = { IdentityId, ...(logins ? { Logins: logins } : {}) };
	const { Token } = await perform(rec, {
		call: 'get-open-id-token',
		request: tokenRequest,
		sdkCode: getOpenIdTokenCode(tokenRequest, tokenVar),
		internal: [],
		invoke: () => world.cognitoIdentity.GetOpenIdToken(tokenRequest)
	});
	await assumeRoleAsApp(
		rec,
		Token,
		IdentityId,
		guest ? demo.roles.unauthenticated : demo.roles.authenticated,
		guest ? 'guest' : user
	);
}

async function assumeRoleAsApp(
	rec: Recorder,
	token: string,
	identityId: string,
	roleArn: string,
	sessionUser: string
): Promise<void> {
	const { world } = rec;
	const request = {
		RoleArn: roleArn,
		RoleSessionName: `poollab-${sessionUser}`,
		WebIdentityToken: token
	};
	const response = await perform(rec, {
		call: 'assume-role',
		request,
		sdkCode: assumeRoleCode(request, world.demo.region),
		internal: [{ id: 'check-trust', kind: 'check-trust' }],
		returnStep: 'return-credentials',
		invoke: () => world.sts.AssumeRoleWithWebIdentity(request)
	});
	callService(rec, response.Credentials, identityId, sessionUser === 'guest', 'sts');
}

async function runDeveloper(rec: Recorder, user: string): Promise<void> {
	const { world, flowId, settings } = rec;
	const { demo } = world;
	const signedIn = await signIn(world, 'developer', { user });
	rec.add('sign-in', {
		request: { Username: user, Password: '********' },
		response: { UserId: signedIn.token }
	});
	const devRequest = {
		IdentityPoolId: demo.identityPoolId,
		Logins: { [signedIn.loginKey]: signedIn.token }
	};
	const issued = await perform(rec, {
		call: 'get-open-id-token-for-developer-identity',
		request: devRequest,
		sdkCode: developerTokenCode(devRequest),
		internal: [],
		invoke: () =>
			world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(devRequest, {
				signed: true,
				principalArn: `arn:aws:iam::${demo.accountId}:role/PoolLabBackendRole`
			})
	});
	let token = issued.Token;
	const notes: string[] = [];
	if (settings.tamperClaim) {
		token = tamperToken('cognito', token, user);
		notes.push('Someone edits the token on its way to the app.');
	}
	rec.add('return-token', { response: { IdentityId: issued.IdentityId, Token: token } });
	if (settings.expireToken) {
		// GetOpenIdTokenForDeveloperIdentity tokens last 15 minutes by default (DEV).
		world.clock.advance(15 * 60 * 1000 + 1000);
		notes.push('Time passes until the token has expired.');
	}
	if (notes.length > 0) {
		const last = rec.steps[rec.steps.length - 1];
		if (last) last.narration = `${last.narration} ${notes.join(' ')}`;
	}
	if (flowId === 'developer-basic') {
		await assumeRoleAsApp(rec, token, issued.IdentityId, demo.roles.authenticated, user);
		return;
	}
	const credsRequest = {
		IdentityId: issued.IdentityId,
		Logins: { 'cognito-identity.amazonaws.com': token }
	};
	const response = await perform(rec, {
		call: 'get-credentials',
		request: credsRequest,
		sdkCode: developerCredentialsCode(credsRequest),
		internal: credentialsInternal,
		returnStep: 'return-credentials',
		invoke: () => world.cognitoIdentity.GetCredentialsForIdentity(credsRequest)
	});
	callService(rec, response.Credentials, response.IdentityId, false, 'cognito');
}

/** Runs a flow against a fresh demo world and returns one step per catalogue step reached. */
export async function runFlow(flowId: FlowId, options: RunFlowOptions = {}): Promise<FlowRun> {
	const flow = findFlow(flowId);
	if (!flow) throw new Error(`Unknown flow ${flowId}`);
	const provider = providerFor(flowId, options.provider);
	const settings = effectiveSettings(flowId, provider, options.settings ?? {});
	const world = await createDemoWorld({
		seed: options.seed ?? 1,
		...(options.now !== undefined ? { now: options.now } : {})
	});
	applyWorldSettings(world, provider, settings);
	const rec = new Recorder(world, flowId, provider, settings);
	rec.serviceCall = options.serviceCall ?? 'own-file';
	const user = options.user ?? defaultUser;
	let outcome: FlowRun['outcome'] = 'credentials';
	try {
		if (flowId.startsWith('developer-')) await runDeveloper(rec, user);
		else if (flowId.startsWith('basic-')) await runBasic(rec, user);
		else await runEnhanced(rec, user);
	} catch (err) {
		if (!(err instanceof RunStopped)) throw err;
		outcome = 'error';
	}
	return {
		flowId,
		...(provider ? { provider } : {}),
		settings,
		steps: rec.steps,
		outcome
	};
}
