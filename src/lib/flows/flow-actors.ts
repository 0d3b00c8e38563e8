import { fromPromise } from 'xstate';
import { callAsBackend, decodeJwt, signIn, type SignInResult } from '../cognito/index.ts';
import { tamperToken } from './break-world.ts';
import { findFlow, type ProviderId } from './catalogue.ts';
import {
	StepRefusal,
	type Carry,
	type FlowContext,
	type StepInput,
	type StepOutput
} from './machine-setup.ts';
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
import type { BreakSettings } from './types.ts';

/**
 * The work of each step, as the actors the flow machines name: each calls the simulated AWS (or
 * shows what the last call did inside AWS) and resolves with the steps it caused, or rejects with
 * a StepRefusal when AWS refused at that step. Requests, responses, checks and errors are the
 * simulator's own.
 */

/** What `runFlow` hands every actor of a run: the recorder (and its simulator world) and the user. */
export interface RunScope {
	rec: Recorder;
	user: string;
}

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

const scopeOf = (input: StepInput) => input.scope as RunScope;
const isGuest = (input: StepInput) => input.identity === 'guest';

/**
 * Runs one step's work and collects the steps it recorded. A refusal at the step itself rejects;
 * a refusal further inside the call stays on its step, for `reveal` to reject when it gets there.
 */
async function produce(
	input: StepInput,
	work: (rec: Recorder) => Promise<Carry | void>
): Promise<StepOutput> {
	const { rec } = scopeOf(input);
	const mark = rec.steps.length;
	let carry: Carry | void = undefined;
	try {
		carry = await work(rec);
	} catch (err) {
		if (!(err instanceof RunStopped)) throw err;
	}
	const steps = rec.steps.slice(mark);
	const first = steps[0];
	if (!first) throw new Error('A step recorded nothing');
	if (first.error) throw new StepRefusal({ ...first, error: first.error });
	return { steps, ...(carry ? { carry } : {}) };
}

/** A Logins map to send again, or nothing for a guest. */
const loginsOf = (context: FlowContext) =>
	context.carry.logins ? { Logins: context.carry.logins } : {};

function needs<T>(value: T | undefined, what: string): T {
	if (value === undefined) throw new Error(`This step needs ${what} from an earlier step`);
	return value;
}

const signInActor = fromPromise<StepOutput, StepInput>(({ input }) =>
	produce(input, async (rec) => {
		const { user } = scopeOf(input);
		if (input.identity === 'developer') {
			const signedIn = await signIn(rec.world, 'developer', { user });
			rec.add('sign-in', {
				request: { Username: user, Password: '********' },
				response: { UserId: signedIn.token }
			});
			return { logins: { [signedIn.loginKey]: signedIn.token } };
		}
		const signedIn = await signInStep(rec, input.provider ?? 'userpool', user);
		return { logins: { [signedIn.loginKey]: signedIn.token } };
	})
);

const getIdActor = fromPromise<StepOutput, StepInput>(({ input }) =>
	produce(input, async (rec) => {
		const request = { IdentityPoolId: rec.world.demo.identityPoolId, ...loginsOf(input) };
		const { IdentityId } = await perform(rec, {
			call: 'get-id',
			request,
			sdkCode: getIdCode(request, tokenVarFor(input.provider, input.settings)),
			internal: [getIdInternal(isGuest(input))],
			invoke: () => rec.world.cognitoIdentity.GetId(request)
		});
		return { identityId: IdentityId };
	})
);

const getCredentialsActor = fromPromise<StepOutput, StepInput>(({ input }) =>
	produce(input, async (rec) => {
		const IdentityId = needs(input.carry.identityId, 'an identity ID');
		const developer = input.identity === 'developer';
		const request = developer
			? {
					IdentityId,
					Logins: { 'cognito-identity.amazonaws.com': needs(input.carry.token, 'a token') }
				}
			: { IdentityId, ...loginsOf(input) };
		const response = await perform(rec, {
			call: 'get-credentials',
			request,
			sdkCode: developer
				? developerCredentialsCode(
						request as { IdentityId: string; Logins: Record<string, string> }
					)
				: getCredentialsCode(request, tokenVarFor(input.provider, input.settings)),
			internal: credentialsInternal,
			returnStep: 'return-credentials',
			invoke: () => rec.world.cognitoIdentity.GetCredentialsForIdentity(request)
		});
		return { credentials: response.Credentials, identityId: response.IdentityId };
	})
);

const getOpenIdTokenActor = fromPromise<StepOutput, StepInput>(({ input }) =>
	produce(input, async (rec) => {
		const request = {
			IdentityId: needs(input.carry.identityId, 'an identity ID'),
			...loginsOf(input)
		};
		const { Token } = await perform(rec, {
			call: 'get-open-id-token',
			request,
			sdkCode: getOpenIdTokenCode(request, tokenVarFor(input.provider, input.settings)),
			internal: [],
			invoke: () => rec.world.cognitoIdentity.GetOpenIdToken(request)
		});
		return { token: Token };
	})
);

const assumeRoleActor = fromPromise<StepOutput, StepInput>(({ input }) =>
	produce(input, async (rec) => {
		const { demo } = rec.world;
		const guest = isGuest(input);
		const request = {
			RoleArn: guest ? demo.roles.unauthenticated : demo.roles.authenticated,
			RoleSessionName: `poollab-${guest ? 'guest' : scopeOf(input).user}`,
			WebIdentityToken: needs(input.carry.token, 'a token')
		};
		const response = await perform(rec, {
			call: 'assume-role',
			request,
			sdkCode: assumeRoleCode(request, demo.region),
			internal: [{ id: 'check-trust', kind: 'check-trust' }],
			returnStep: 'return-credentials',
			invoke: () => rec.world.sts.AssumeRoleWithWebIdentity(request)
		});
		return { credentials: response.Credentials };
	})
);

const getDeveloperTokenActor = fromPromise<StepOutput, StepInput>(({ input }) =>
	produce(input, async (rec) => {
		const { demo } = rec.world;
		const request = {
			IdentityPoolId: demo.identityPoolId,
			Logins: needs(input.carry.logins, 'the user signed in at your backend')
		};
		const issued = await perform(rec, {
			call: 'get-open-id-token-for-developer-identity',
			request,
			sdkCode: developerTokenCode(request),
			internal: [],
			invoke: () =>
				callAsBackend(rec.world, 'GetOpenIdTokenForDeveloperIdentity', request, (ctx) =>
					rec.world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(request, ctx)
				)
		});
		return { identityId: issued.IdentityId, token: issued.Token };
	})
);

const returnTokenActor = fromPromise<StepOutput, StepInput>(({ input }) =>
	produce(input, async (rec) => {
		const { settings } = input;
		let token = needs(input.carry.token, 'a token');
		const notes: string[] = [];
		if (settings.tamperClaim) {
			token = tamperToken('cognito', token, scopeOf(input).user);
			notes.push('Someone edits the token on its way to the app.');
		}
		const step = rec.add('return-token', {
			response: { IdentityId: input.carry.identityId, Token: token }
		});
		if (settings.expireToken) {
			// GetOpenIdTokenForDeveloperIdentity tokens last 15 minutes by default (DEV).
			rec.world.clock.advance(15 * 60 * 1000 + 1000);
			notes.push('Time passes until the token has expired.');
		}
		if (notes.length > 0) step.narration = `${step.narration} ${notes.join(' ')}`;
		return { token };
	})
);

const callServiceActor = fromPromise<StepOutput, StepInput>(({ input }) =>
	produce(input, async (rec) => {
		const family = findFlow(input.flowId)?.family;
		callService(
			rec,
			needs(input.carry.credentials, 'credentials'),
			needs(input.carry.identityId, 'an identity ID'),
			isGuest(input),
			family === 'enhanced' ? 'cognito' : 'sts'
		);
	})
);

/** Shows the next step the last call caused inside AWS; rejects if AWS refused there. */
const revealActor = fromPromise<StepOutput, StepInput>(async ({ input }) => {
	const [next] = input.pending;
	if (!next) throw new Error('The last call left nothing more to show');
	if (next.error) throw new StepRefusal({ ...next, error: next.error });
	return { steps: input.pending };
});

/** The implementations `runFlow` provides for the actors the machines name. */
export const flowActors = {
	signIn: signInActor,
	getId: getIdActor,
	getCredentials: getCredentialsActor,
	getOpenIdToken: getOpenIdTokenActor,
	assumeRole: assumeRoleActor,
	getDeveloperToken: getDeveloperTokenActor,
	returnToken: returnTokenActor,
	callService: callServiceActor,
	reveal: revealActor
};
