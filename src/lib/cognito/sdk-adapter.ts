import { AwsError, toAwsError } from './errors.ts';
import { isPublicOperation } from './identity-pool.ts';
import { verifySigV4 } from './sigv4.ts';
import type { CallContext } from './types.ts';
import type { World } from './world.ts';

/**
 * A request handler for the AWS SDK for JavaScript v3 (`requestHandler` option of
 * CognitoIdentityClient and STSClient) that answers from the simulator instead of the network. It
 * speaks the wire protocols: JSON 1.1 with `X-Amz-Target` for Cognito Identity, and the query
 * protocol with XML responses for STS. It imports nothing from the SDK.
 */

export interface SimHttpRequest {
	method: string;
	hostname?: string;
	path?: string;
	query?: Record<string, string | string[] | null | undefined>;
	headers: Record<string, string>;
	body?: unknown;
}

export interface SimHttpResponse {
	statusCode: number;
	reason?: string;
	headers: Record<string, string>;
	body: Uint8Array;
}

export interface SimulatorRequestHandlerOptions {
	/** Sees every request and response, e.g. to show the wire format in the inspector. */
	onExchange?: (exchange: {
		request: SimHttpRequest;
		response: SimHttpResponse;
		bodyText: string;
	}) => void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function header(headers: Record<string, string>, name: string): string | undefined {
	const lower = name.toLowerCase();
	for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === lower) return v;
	return undefined;
}

function bodyText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) return decoder.decode(body);
	return String(body);
}

/** Dates become epoch seconds, as JSON 1.1 sends timestamps. */
function toWireJson(value: unknown): unknown {
	if (value instanceof Date) return value.getTime() / 1000;
	if (Array.isArray(value)) return value.map(toWireJson);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value)
				.filter(([, v]) => v !== undefined)
				.map(([k, v]) => [k, toWireJson(v)])
		);
	}
	return value;
}

function xmlEscape(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

function toXml(value: unknown): string {
	if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
	if (value && typeof value === 'object') {
		return Object.entries(value)
			.filter(([, v]) => v !== undefined)
			.map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
			.join('');
	}
	return xmlEscape(String(value));
}

const cognitoOperations = new Set([
	'GetId',
	'GetCredentialsForIdentity',
	'GetOpenIdToken',
	'GetOpenIdTokenForDeveloperIdentity',
	'CreateIdentityPool',
	'UpdateIdentityPool',
	'DescribeIdentityPool',
	'DeleteIdentityPool',
	'ListIdentityPools',
	'SetIdentityPoolRoles',
	'GetIdentityPoolRoles',
	'DescribeIdentity',
	'ListIdentities',
	'DeleteIdentities',
	'UnlinkIdentity',
	'LookupDeveloperIdentity',
	'MergeDeveloperIdentities',
	'SetPrincipalTagAttributeMap',
	'GetPrincipalTagAttributeMap'
]);

const stsNamespace = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** An SDK v3 `requestHandler` that sends every request to the simulated world. */
export class SimulatorRequestHandler {
	readonly #world: World;
	readonly #options: SimulatorRequestHandlerOptions;
	#requests = 0;

	constructor(world: World, options: SimulatorRequestHandlerOptions = {}) {
		this.#world = world;
		this.#options = options;
	}

	/** The SDK asks handlers for their configuration; the simulator has none. */
	httpHandlerConfigs(): Record<string, never> {
		return {};
	}

	/** Part of the SDK handler contract; nothing to update. */
	updateHttpClientConfig(): void {}

	/** Part of the SDK handler contract; nothing to release. */
	destroy(): void {}

	#requestId(): string {
		this.#requests += 1;
		const n = this.#requests.toString(16).padStart(12, '0');
		return `00000000-0000-4000-8000-${n}`;
	}

	/**
	 * Public operations are answered unsigned; every other one must carry a SigV4 signature made
	 * with an access key IAM knows, and then runs as that key's principal.
	 */
	async #context(request: SimHttpRequest, operation: string, text: string): Promise<CallContext> {
		if (isPublicOperation(operation)) return { signed: false };
		const { principalArn } = await verifySigV4(
			{ ...request, body: text },
			operation,
			(id) => this.#world.iam.accessKeys.get(id),
			this.#world.clock.now()
		);
		return { signed: true, principalArn };
	}

	/** Answers one SDK request; never rejects (failures become AWS error responses). */
	async handle(request: SimHttpRequest): Promise<{ response: SimHttpResponse }> {
		const text = bodyText(request.body);
		const target = header(request.headers, 'x-amz-target');
		const response = target
			? await this.#cognito(request, target, text)
			: await this.#sts(request, text);
		this.#options.onExchange?.({ request, response, bodyText: decoder.decode(response.body) });
		return { response };
	}

	async #cognito(request: SimHttpRequest, target: string, text: string): Promise<SimHttpResponse> {
		const requestId = this.#requestId();
		const jsonError = (err: AwsError): SimHttpResponse => ({
			statusCode: err.httpStatus,
			headers: {
				'content-type': 'application/x-amz-json-1.1',
				'x-amzn-requestid': requestId,
				'x-amzn-errortype': `${err.code}:`
			},
			body: encoder.encode(JSON.stringify({ __type: err.code, message: err.message }))
		});
		const operation = target.replace(/^AWSCognitoIdentityService\./, '');
		if (!cognitoOperations.has(operation) || !target.startsWith('AWSCognitoIdentityService.')) {
			return jsonError(
				new AwsError('UnknownOperationException', `Unknown operation ${target}`, {
					service: 'cognito-identity',
					explanation: 'The simulator does not model this operation.',
					fix: 'Use one of the modelled Cognito Identity operations.',
					factRef: 'SDK-CI'
				})
			);
		}
		// AWS checks the signature before it reads the body.
		let ctx: CallContext;
		try {
			ctx = await this.#context(request, operation, text);
		} catch (err) {
			return jsonError(toAwsError(err));
		}
		let input: unknown;
		try {
			input = text === '' ? {} : JSON.parse(text);
		} catch {
			return jsonError(
				toAwsError(
					new AwsError(
						'SerializationException',
						'Start of structure or map found where not expected.',
						{
							service: 'cognito-identity',
							explanation: 'The request body is not valid JSON.',
							fix: 'Send a JSON object.',
							factRef: 'SDK-CI'
						}
					)
				)
			);
		}
		try {
			const service = this.#world.cognitoIdentity as unknown as Record<
				string,
				(input: unknown, ctx: CallContext) => Promise<unknown>
			>;
			const fn = service[operation];
			const output = await fn!.call(this.#world.cognitoIdentity, input, ctx);
			return {
				statusCode: 200,
				headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
				body: encoder.encode(JSON.stringify(toWireJson(output)))
			};
		} catch (err) {
			return jsonError(toAwsError(err));
		}
	}

	async #sts(_request: SimHttpRequest, text: string): Promise<SimHttpResponse> {
		const requestId = this.#requestId();
		const params = new URLSearchParams(text);
		const action = params.get('Action') ?? '';
		const xmlError = (err: AwsError): SimHttpResponse => ({
			statusCode: err.httpStatus,
			headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
			body: encoder.encode(
				`<ErrorResponse xmlns="${stsNamespace}"><Error><Type>${err.$fault === 'server' ? 'Receiver' : 'Sender'}</Type>` +
					`<Code>${xmlEscape(err.code)}</Code><Message>${xmlEscape(err.message)}</Message></Error>` +
					`<RequestId>${requestId}</RequestId></ErrorResponse>`
			)
		});
		if (action !== 'AssumeRoleWithWebIdentity') {
			return xmlError(
				new AwsError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`, {
					service: 'sts',
					explanation: 'The simulator models only AssumeRoleWithWebIdentity in STS.',
					fix: 'Call AssumeRoleWithWebIdentity.',
					factRef: 'SDK-STS'
				})
			);
		}
		const policyArns: { arn?: string }[] = [];
		for (let i = 1; params.has(`PolicyArns.member.${i}.arn`); i++) {
			policyArns.push({ arn: params.get(`PolicyArns.member.${i}.arn`) ?? undefined });
		}
		const duration = params.get('DurationSeconds');
		const input = {
			RoleArn: params.get('RoleArn') ?? undefined,
			RoleSessionName: params.get('RoleSessionName') ?? undefined,
			WebIdentityToken: params.get('WebIdentityToken') ?? undefined,
			ProviderId: params.get('ProviderId') ?? undefined,
			Policy: params.get('Policy') ?? undefined,
			DurationSeconds: duration === null ? undefined : Number(duration),
			PolicyArns: policyArns.length > 0 ? policyArns : undefined
		};
		try {
			const output = await this.#world.sts.AssumeRoleWithWebIdentity(
				input as Parameters<World['sts']['AssumeRoleWithWebIdentity']>[0]
			);
			return {
				statusCode: 200,
				headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
				body: encoder.encode(
					`<AssumeRoleWithWebIdentityResponse xmlns="${stsNamespace}">` +
						`<AssumeRoleWithWebIdentityResult>${toXml(output)}</AssumeRoleWithWebIdentityResult>` +
						`<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
						`</AssumeRoleWithWebIdentityResponse>`
				)
			};
		} catch (err) {
			return xmlError(toAwsError(err));
		}
	}
}
