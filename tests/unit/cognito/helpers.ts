import { expect } from 'vitest';
import {
	AwsError,
	demo,
	signIn,
	type DemoProviderId,
	type DemoWorld,
	type SignInOptions
} from '../../../src/lib/cognito/index.ts';

/** Awaits a promise that must reject with an AwsError, and returns that error. */
export async function awsError(promise: Promise<unknown>): Promise<AwsError> {
	const result = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(result).toBeInstanceOf(AwsError);
	return result as AwsError;
}

/** Signs in and runs GetId + GetCredentialsForIdentity (enhanced flow). */
export async function enhanced(
	world: DemoWorld,
	provider: DemoProviderId,
	options: SignInOptions & { customRoleArn?: string } = {}
): Promise<{ identityId: string; accessKeyId: string; roleArn: string | undefined }> {
	const login = await signIn(world, provider, options);
	const Logins = { [login.loginKey]: login.token };
	const { IdentityId } = await world.cognitoIdentity.GetId({
		IdentityPoolId: demo.identityPoolId,
		Logins
	});
	const out = await world.cognitoIdentity.GetCredentialsForIdentity({
		IdentityId,
		Logins,
		...(options.customRoleArn ? { CustomRoleArn: options.customRoleArn } : {})
	});
	return {
		identityId: out.IdentityId,
		accessKeyId: out.Credentials.AccessKeyId,
		roleArn: world.sessions.get(out.Credentials.AccessKeyId)?.role.Arn
	};
}

export const signed = { signed: true, principalArn: 'arn:aws:iam::111122223333:user/backend' };

/**
 * An administrator's signing setup for SDK clients: an IAM user allowed every Cognito Identity
 * action and iam:PassRole, its key pair, and the clock offset that makes the SDK sign at the
 * simulated time.
 */
export function adminSigning(world: DemoWorld): {
	credentials: { accessKeyId: string; secretAccessKey: string };
	systemClockOffset: number;
} {
	const arn = world.iam.createUser('pool-admin-sdk', {
		Admin: {
			Version: '2012-10-17',
			Statement: [
				{ Effect: 'Allow', Action: ['cognito-identity:*', 'iam:PassRole'], Resource: '*' }
			]
		}
	});
	const credentials = {
		accessKeyId: 'AKIAPOOLLABADMIN0001',
		secretAccessKey: 'poolLabTestAdminSecretKey000000000000000'
	};
	world.iam.addAccessKey(arn, credentials.accessKeyId, credentials.secretAccessKey);
	return { credentials, systemClockOffset: world.clock.now() - Date.now() };
}
