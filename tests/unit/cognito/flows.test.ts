import { describe, expect, it } from 'vitest';
import {
	AwsError,
	createDemoWorld,
	decodeJwt,
	demo,
	signIn,
	type TraceEvent
} from '../../../src/lib/cognito/index.ts';

describe('enhanced flow, authenticated (AF 1.1)', () => {
	it('GetId then GetCredentialsForIdentity gives 1-hour credentials with SecretKey (AF; SDK-CI)', async () => {
		const world = await createDemoWorld();
		const login = await signIn(world, 'userpool', { user: 'bob' });
		const { IdentityId } = await world.cognitoIdentity.GetId({
			IdentityPoolId: demo.identityPoolId,
			Logins: { [login.loginKey]: login.token }
		});
		expect(IdentityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
		const out = await world.cognitoIdentity.GetCredentialsForIdentity({
			IdentityId,
			Logins: { [login.loginKey]: login.token }
		});
		expect(out.IdentityId).toBe(IdentityId);
		expect(out.Credentials.AccessKeyId).toMatch(/^ASIA/);
		expect(out.Credentials.SecretKey).toHaveLength(40);
		expect(out.Credentials.Expiration.getTime() - world.clock.now()).toBe(3600_000);
		expect(world.sessions.get(out.Credentials.AccessKeyId)?.role.Arn).toBe(
			demo.roles.authenticated
		);
	});

	it('reports inside-AWS steps to observers', async () => {
		const world = await createDemoWorld();
		const events: TraceEvent[] = [];
		world.observe((e) => events.push(e));
		const login = await signIn(world, 'google');
		const Logins = { [login.loginKey]: login.token };
		const { IdentityId } = await world.cognitoIdentity.GetId({
			IdentityPoolId: demo.identityPoolId,
			Logins
		});
		await world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId, Logins });
		expect(events.map((e) => e.kind)).toEqual([
			'request',
			'validate-login',
			'create-identity',
			'link-login',
			'response',
			'request',
			'validate-login',
			'choose-role',
			'assume-role',
			'check-trust',
			'issue-credentials',
			'response'
		]);
	});

	it('refuses the user pool access token: missing aud (REPOST-AUD)', async () => {
		const world = await createDemoWorld();
		const login = await signIn(world, 'userpool');
		const err = await world.cognitoIdentity
			.GetId({
				IdentityPoolId: demo.identityPoolId,
				Logins: { [login.loginKey]: login.accessToken ?? '' }
			})
			.catch((e: unknown) => e);
		expect(err).toBeInstanceOf(AwsError);
		expect((err as AwsError).name).toBe('NotAuthorizedException');
		expect((err as AwsError).message).toBe('Invalid login token. Missing a required claim: aud');
		expect(decodeJwt(login.accessToken).payload?.['client_id']).toBe(demo.userPoolClientId);
	});

	it('basic flow traces the app-side STS call: validate token, assume role, check trust, issue credentials', async () => {
		const world = await createDemoWorld();
		const { IdentityId } = await world.cognitoIdentity.GetId({
			IdentityPoolId: demo.identityPoolId
		});
		const { Token } = await world.cognitoIdentity.GetOpenIdToken({ IdentityId });
		const events: TraceEvent[] = [];
		world.observe((e) => events.push(e));
		await world.sts.AssumeRoleWithWebIdentity({
			RoleArn: demo.roles.unauthenticated,
			RoleSessionName: 'guest',
			WebIdentityToken: Token
		});
		expect(events.map((e) => `${e.service}:${e.kind}`)).toEqual([
			'sts:request',
			'sts:validate-login',
			'sts:assume-role',
			'sts:check-trust',
			'sts:issue-credentials',
			'sts:response'
		]);
		expect(events[2]?.detail['WebIdentityClaims']).toEqual({
			provider: 'cognito-identity.amazonaws.com',
			aud: demo.identityPoolId,
			sub: IdentityId,
			amr: ['unauthenticated'],
			principalTags: undefined
		});
	});
});
