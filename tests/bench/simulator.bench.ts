import { bench, describe } from 'vitest';
import { createDemoWorld, demo, signIn } from '../../src/lib/cognito/index.ts';

const world = await createDemoWorld({ seed: 7 });

describe('identity-pool simulator, whole flows', () => {
	bench('enhanced flow: user pool sign-in, GetId, GetCredentialsForIdentity', async () => {
		const login = await signIn(world, 'userpool', { user: 'bob' });
		const Logins = { [login.loginKey]: login.token };
		const { IdentityId } = await world.cognitoIdentity.GetId({
			IdentityPoolId: demo.identityPoolId,
			Logins
		});
		await world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId, Logins });
	});

	bench(
		'basic flow: user pool sign-in, GetId, GetOpenIdToken, AssumeRoleWithWebIdentity',
		async () => {
			const login = await signIn(world, 'userpool', { user: 'bob' });
			const Logins = { [login.loginKey]: login.token };
			const { IdentityId } = await world.cognitoIdentity.GetId({
				IdentityPoolId: demo.identityPoolId,
				Logins
			});
			const { Token } = await world.cognitoIdentity.GetOpenIdToken({ IdentityId, Logins });
			await world.sts.AssumeRoleWithWebIdentity({
				RoleArn: demo.roles.editor,
				RoleSessionName: 'bench',
				WebIdentityToken: Token
			});
		}
	);
});
