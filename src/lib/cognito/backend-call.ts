import { demoBackendCredentials } from './demo-world.ts';
import { toAwsError } from './errors.ts';
import { signSigV4, verifySigV4 } from './sigv4.ts';
import type { CallContext } from './types.ts';
import type { World } from './world.ts';

/**
 * A signed call from your backend, as the AWS SDK sends it: the JSON 1.1 HTTP request signed with
 * SigV4 using the backend's access key pair, checked as AWS checks it, then run as the key's
 * principal. The signed request is traced (`check-signature`) so the inspector can show it.
 */
export async function callAsBackend<T>(
	world: World,
	operation: string,
	input: unknown,
	run: (ctx: CallContext) => Promise<T>,
	credentials: { accessKeyId: string; secretAccessKey: string } = demoBackendCredentials
): Promise<T> {
	const host = `cognito-identity.${world.region}.amazonaws.com`;
	const body = JSON.stringify(input);
	const unsigned = {
		method: 'POST',
		path: '/',
		headers: {
			host,
			'content-type': 'application/x-amz-json-1.1',
			'x-amz-target': `AWSCognitoIdentityService.${operation}`
		},
		body
	};
	const headers = await signSigV4(unsigned, credentials, {
		region: world.region,
		service: 'cognito-identity',
		now: world.clock.now()
	});
	const http = { method: 'POST', url: `https://${host}/`, headers, body: input };
	try {
		const { principalArn } = await verifySigV4(
			{ ...unsigned, headers },
			operation,
			(id) => world.iam.accessKeys.get(id),
			world.clock.now()
		);
		world.emit({
			kind: 'check-signature',
			operation,
			service: 'cognito-identity',
			ok: true,
			detail: { SignedRequest: http, Principal: principalArn },
			factRef: 'SIGV4; DEV'
		});
		return await run({ signed: true, principalArn });
	} catch (err) {
		const e = toAwsError(err);
		if (e.name.endsWith('SignatureException') || e.name === 'UnrecognizedClientException') {
			world.emit({
				kind: 'check-signature',
				operation,
				service: 'cognito-identity',
				ok: false,
				detail: { SignedRequest: http, Error: { name: e.name, message: e.message } },
				factRef: 'SIGV4'
			});
		}
		throw e;
	}
}
