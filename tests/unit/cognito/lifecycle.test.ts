import { describe, expect, it } from 'vitest';
import { createDemoWorld, demo, signIn, type TraceEvent } from '../../../src/lib/cognito/index.ts';
import { awsError, signed } from './helpers.ts';

const poolId = demo.identityPoolId;

describe('identity IDs, linking and merging (AF-2023; SDK-CI 8)', () => {
	it('the same login always maps to the same identity ID', async () => {
		const world = await createDemoWorld();
		const a = await signIn(world, 'google', { user: 'bob' });
		const first = await world.cognitoIdentity.GetId({
			IdentityPoolId: poolId,
			Logins: { [a.loginKey]: a.token }
		});
		world.clock.advance(60_000);
		const b = await signIn(world, 'google', { user: 'bob' });
		const second = await world.cognitoIdentity.GetId({
			IdentityPoolId: poolId,
			Logins: { [b.loginKey]: b.token }
		});
		expect(second.IdentityId).toBe(first.IdentityId);
	});

	it('guests get a new identity on every GetId (AF-2023 1.2)', async () => {
		const world = await createDemoWorld();
		const a = await world.cognitoIdentity.GetId({ IdentityPoolId: poolId });
		const b = await world.cognitoIdentity.GetId({ IdentityPoolId: poolId, Logins: {} });
		expect(a.IdentityId).not.toBe(b.IdentityId);
	});

	it('several logins in one GetId link to one identity; either login finds it later (EXT)', async () => {
		const world = await createDemoWorld();
		const g = await signIn(world, 'google', { user: 'bob' });
		const f = await signIn(world, 'facebook', { user: 'bob' });
		const { IdentityId } = await world.cognitoIdentity.GetId({
			IdentityPoolId: poolId,
			Logins: { [g.loginKey]: g.token, [f.loginKey]: f.token }
		});
		const viaFacebook = await world.cognitoIdentity.GetId({
			IdentityPoolId: poolId,
			Logins: { [f.loginKey]: f.token }
		});
		expect(viaFacebook.IdentityId).toBe(IdentityId);
		const desc = await world.cognitoIdentity.DescribeIdentity({ IdentityId }, signed);
		expect(desc.Logins).toEqual(['accounts.google.com', 'graph.facebook.com']);
	});

	it('a guest that signs in keeps its identity ID (SWITCH)', async () => {
		const world = await createDemoWorld();
		const { IdentityId } = await world.cognitoIdentity.GetId({ IdentityPoolId: poolId });
		const g = await signIn(world, 'google', { user: 'carol' });
		const out = await world.cognitoIdentity.GetCredentialsForIdentity({
			IdentityId,
			Logins: { [g.loginKey]: g.token }
		});
		expect(out.IdentityId).toBe(IdentityId);
		expect(world.sessions.get(out.Credentials.AccessKeyId)?.role.Arn).toBe(
			demo.roles.authenticated
		);
	});

	it('a login linked elsewhere merges identities: the parent ID comes back, the other is disabled (AF-2023 8.3)', async () => {
		const world = await createDemoWorld();
		const events: TraceEvent[] = [];
		world.observe((e) => events.push(e));
		const g = await signIn(world, 'google', { user: 'bob' });
		const parent = await world.cognitoIdentity.GetId({
			IdentityPoolId: poolId,
			Logins: { [g.loginKey]: g.token }
		});
		const guest = await world.cognitoIdentity.GetId({ IdentityPoolId: poolId });
		const out = await world.cognitoIdentity.GetOpenIdToken({
			IdentityId: guest.IdentityId,
			Logins: { [g.loginKey]: g.token }
		});
		expect(out.IdentityId).toBe(parent.IdentityId);
		expect(
			events.some(
				(e) => e.kind === 'merge-identities' && e.detail['DisabledIdentityId'] === guest.IdentityId
			)
		).toBe(true);
		const err = await awsError(
			world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId: guest.IdentityId })
		);
		expect(err.message).toBe(`Access to identity '${guest.IdentityId}' is forbidden.`);
		const all = await world.cognitoIdentity.ListIdentities(
			{ IdentityPoolId: poolId, MaxResults: 60 },
			signed
		);
		expect(all.Identities.map((i) => i.IdentityId)).toContain(guest.IdentityId);
		const visible = await world.cognitoIdentity.ListIdentities(
			{ IdentityPoolId: poolId, MaxResults: 60, HideDisabled: true },
			signed
		);
		expect(visible.Identities.map((i) => i.IdentityId)).toEqual([parent.IdentityId]);
	});

	it('GetId with two logins of two identities merges them', async () => {
		const world = await createDemoWorld();
		const g = await signIn(world, 'google', { user: 'bob' });
		const f = await signIn(world, 'facebook', { user: 'bob' });
		const a = await world.cognitoIdentity.GetId({
			IdentityPoolId: poolId,
			Logins: { [g.loginKey]: g.token }
		});
		const b = await world.cognitoIdentity.GetId({
			IdentityPoolId: poolId,
			Logins: { [f.loginKey]: f.token }
		});
		const merged = await world.cognitoIdentity.GetId({
			IdentityPoolId: poolId,
			Logins: { [g.loginKey]: g.token, [f.loginKey]: f.token }
		});
		expect(merged.IdentityId).toBe(a.IdentityId);
		expect(world.identities.get(b.IdentityId)?.disabled).toBe(true);
	});

	it('a second login from the same provider on one identity is a ResourceConflictException (AF-2023 8.2)', async () => {
		const world = await createDemoWorld();
		const bob = await signIn(world, 'google', { user: 'bob' });
		const carol = await signIn(world, 'google', { user: 'carol' });
		const { IdentityId } = await world.cognitoIdentity.GetId({
			IdentityPoolId: poolId,
			Logins: { [bob.loginKey]: bob.token }
		});
		const err = await awsError(
			world.cognitoIdentity.GetCredentialsForIdentity({
				IdentityId,
				Logins: { [carol.loginKey]: carol.token }
			})
		);
		expect(err.name).toBe('ResourceConflictException');
		const f1 = await signIn(world, 'facebook', { user: 'bob' });
		const f2 = await signIn(world, 'facebook', { user: 'carol' });
		await world.cognitoIdentity.GetId({
			IdentityPoolId: poolId,
			Logins: { [f1.loginKey]: f1.token }
		});
		const carolId = await world.cognitoIdentity.GetId({
			IdentityPoolId: poolId,
			Logins: { [f2.loginKey]: f2.token, [carol.loginKey]: carol.token }
		});
		const merge = await awsError(
			world.cognitoIdentity.GetId({
				IdentityPoolId: poolId,
				Logins: { [bob.loginKey]: bob.token, [f2.loginKey]: f2.token }
			})
		);
		expect(merge.name).toBe('ResourceConflictException');
		expect(carolId.IdentityId).toBeTruthy();
	});

	it('an authenticated identity without Logins is refused; so is an unknown identity', async () => {
		const world = await createDemoWorld();
		const g = await signIn(world, 'google');
		const { IdentityId } = await world.cognitoIdentity.GetId({
			IdentityPoolId: poolId,
			Logins: { [g.loginKey]: g.token }
		});
		const err = await awsError(world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId }));
		expect(err.message).toBe(
			"Logins don't match. Please include at least one valid login for this identity or identity pool"
		);
		const missing = await awsError(
			world.cognitoIdentity.GetCredentialsForIdentity({
				IdentityId: 'us-east-1:00000000-0000-4000-8000-000000000000'
			})
		);
		expect(missing.name).toBe('ResourceNotFoundException');
	});

	it('UnlinkIdentity removes a login; the login then gets a new identity (SDK-CI 8.4)', async () => {
		const world = await createDemoWorld();
		const g = await signIn(world, 'google');
		const f = await signIn(world, 'facebook');
		const Logins = { [g.loginKey]: g.token, [f.loginKey]: f.token };
		const { IdentityId } = await world.cognitoIdentity.GetId({ IdentityPoolId: poolId, Logins });
		await world.cognitoIdentity.UnlinkIdentity({
			IdentityId,
			Logins,
			LoginsToRemove: ['graph.facebook.com', 'www.amazon.com']
		});
		const again = await world.cognitoIdentity.GetId({
			IdentityPoolId: poolId,
			Logins: { [f.loginKey]: f.token }
		});
		expect(again.IdentityId).not.toBe(IdentityId);
		const other = await signIn(world, 'google', { user: 'dave' });
		expect(
			(
				await awsError(
					world.cognitoIdentity.UnlinkIdentity({
						IdentityId,
						Logins: { [other.loginKey]: other.token },
						LoginsToRemove: []
					})
				)
			).name
		).toBe('NotAuthorizedException');
		expect(
			(
				await awsError(
					world.cognitoIdentity.UnlinkIdentity({
						IdentityId,
						Logins,
						LoginsToRemove: undefined as never
					})
				)
			).name
		).toBe('InvalidParameterException');
		await world.cognitoIdentity.UnlinkIdentity({
			IdentityId,
			Logins: { [g.loginKey]: g.token },
			LoginsToRemove: [g.loginKey]
		});
		const gone = await awsError(world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId }));
		expect(gone.message).toBe(`Access to identity '${IdentityId}' is forbidden.`);
	});
});

describe('developer-authenticated identities (DEV; AF 1.5, 1.6)', () => {
	const dev = (user: string, extra: Record<string, unknown> = {}) => ({
		IdentityPoolId: poolId,
		Logins: { [demo.developerProviderName]: user },
		...extra
	});

	it('needs a signed call', async () => {
		const world = await createDemoWorld();
		const err = await awsError(world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(dev('u1')));
		expect(err.name).toBe('MissingAuthenticationTokenException');
	});

	it('returns the same identity for the same user identifier; token lasts 15 minutes by default, TokenDuration up to 24 h', async () => {
		const world = await createDemoWorld();
		const a = await world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(dev('u1'), signed);
		const b = await world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(
			dev('u1', { TokenDuration: 86400 }),
			signed
		);
		expect(b.IdentityId).toBe(a.IdentityId);
		const claims = (t: string) =>
			JSON.parse(atob((t.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as Record<
				string,
				number | string[]
			>;
		const ca = claims(a.Token);
		expect(Number(ca['exp']) - Number(ca['iat'])).toBe(900);
		expect(ca['amr']).toEqual(['authenticated', demo.developerProviderName]);
		const cb = claims(b.Token);
		expect(Number(cb['exp']) - Number(cb['iat'])).toBe(86400);
		expect(
			(
				await awsError(
					world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(
						dev('u1', { TokenDuration: 86401 }),
						signed
					)
				)
			).name
		).toBe('InvalidParameterException');
	});

	it('attaching a user identifier already registered elsewhere is DeveloperUserAlreadyRegisteredException', async () => {
		const world = await createDemoWorld();
		await world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(dev('u1'), signed);
		const other = await world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(dev('u2'), signed);
		const err = await awsError(
			world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(
				dev('u1', { IdentityId: other.IdentityId }),
				signed
			)
		);
		expect(err.name).toBe('DeveloperUserAlreadyRegisteredException');
	});

	it('can attach to a guest identity and link a public login in the same call (DEV 8.2)', async () => {
		const world = await createDemoWorld();
		const { IdentityId } = await world.cognitoIdentity.GetId({ IdentityPoolId: poolId });
		const g = await signIn(world, 'google');
		const out = await world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(
			{
				IdentityPoolId: poolId,
				IdentityId,
				Logins: { [demo.developerProviderName]: 'u9', [g.loginKey]: g.token }
			},
			signed
		);
		expect(out.IdentityId).toBe(IdentityId);
		const viaGoogle = await world.cognitoIdentity.GetId({
			IdentityPoolId: poolId,
			Logins: { [g.loginKey]: g.token }
		});
		expect(viaGoogle.IdentityId).toBe(IdentityId);
	});

	it('the developer token works only for its own identity and its own pool', async () => {
		const world = await createDemoWorld();
		const a = await world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(dev('u1'), signed);
		const b = await world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(dev('u2'), signed);
		const err = await awsError(
			world.cognitoIdentity.GetCredentialsForIdentity({
				IdentityId: b.IdentityId,
				Logins: { 'cognito-identity.amazonaws.com': a.Token }
			})
		);
		expect(err.name).toBe('NotAuthorizedException');
		const viaGetId = await world.cognitoIdentity.GetId({
			IdentityPoolId: poolId,
			Logins: { 'cognito-identity.amazonaws.com': a.Token }
		});
		expect(viaGetId.IdentityId).toBe(a.IdentityId);
	});

	it('the DeveloperProviderName is not a valid key for GetId (AF-2023 2.1)', async () => {
		const world = await createDemoWorld();
		const err = await awsError(
			world.cognitoIdentity.GetId({
				IdentityPoolId: poolId,
				Logins: { [demo.developerProviderName]: 'u1' }
			})
		);
		expect(err.name).toBe('NotAuthorizedException');
	});

	it('needs the pool developer provider in Logins', async () => {
		const world = await createDemoWorld();
		const err = await awsError(
			world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(
				{ IdentityPoolId: poolId, Logins: { other: 'x' } },
				signed
			)
		);
		expect(err.name).toBe('InvalidParameterException');
		world.updatePool(poolId, { DeveloperProviderName: undefined });
		expect(
			(await awsError(world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(dev('u1'), signed)))
				.message
		).toContain('no developer provider name');
	});

	it('LookupDeveloperIdentity and MergeDeveloperIdentities (SDK-CI 8.3)', async () => {
		const world = await createDemoWorld();
		const a = await world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(dev('u1'), signed);
		const b = await world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(dev('u2'), signed);
		expect(
			await world.cognitoIdentity.LookupDeveloperIdentity(
				{ IdentityPoolId: poolId, DeveloperUserIdentifier: 'u1' },
				signed
			)
		).toEqual({
			IdentityId: a.IdentityId,
			DeveloperUserIdentifierList: ['u1']
		});
		expect(
			(
				await awsError(
					world.cognitoIdentity.LookupDeveloperIdentity(
						{ IdentityPoolId: poolId, IdentityId: b.IdentityId, DeveloperUserIdentifier: 'u1' },
						signed
					)
				)
			).name
		).toBe('ResourceConflictException');
		const merged = await world.cognitoIdentity.MergeDeveloperIdentities(
			{
				IdentityPoolId: poolId,
				SourceUserIdentifier: 'u2',
				DestinationUserIdentifier: 'u1',
				DeveloperProviderName: demo.developerProviderName
			},
			signed
		);
		expect(merged.IdentityId).toBe(a.IdentityId);
		expect(world.identities.get(b.IdentityId)?.disabled).toBe(true);
		const lookup = await world.cognitoIdentity.LookupDeveloperIdentity(
			{ IdentityPoolId: poolId, IdentityId: a.IdentityId },
			signed
		);
		expect(lookup.DeveloperUserIdentifierList).toEqual(['u1', 'u2']);
		expect(
			(
				await awsError(
					world.cognitoIdentity.MergeDeveloperIdentities(
						{
							IdentityPoolId: poolId,
							SourceUserIdentifier: 'u3',
							DestinationUserIdentifier: 'u1',
							DeveloperProviderName: demo.developerProviderName
						},
						signed
					)
				)
			).name
		).toBe('ResourceNotFoundException');
		expect(
			(
				await awsError(
					world.cognitoIdentity.MergeDeveloperIdentities(
						{
							IdentityPoolId: poolId,
							SourceUserIdentifier: 'u2',
							DestinationUserIdentifier: 'u1',
							DeveloperProviderName: 'other'
						},
						signed
					)
				)
			).name
		).toBe('InvalidParameterException');
	});
});

describe('pool administration (signed; SDK-CI 3.1)', () => {
	it('Create, Describe, Update, List and Delete identity pools', async () => {
		const world = await createDemoWorld();
		const ci = world.cognitoIdentity;
		expect(
			(
				await awsError(
					ci.CreateIdentityPool({ IdentityPoolName: 'x', AllowUnauthenticatedIdentities: false })
				)
			).name
		).toBe('MissingAuthenticationTokenException');
		const pool = await ci.CreateIdentityPool(
			{
				IdentityPoolName: 'My pool',
				AllowUnauthenticatedIdentities: false,
				DeveloperProviderName: 'login.example'
			},
			signed
		);
		expect(await ci.DescribeIdentityPool({ IdentityPoolId: pool.IdentityPoolId }, signed)).toEqual(
			pool
		);
		const changed = await awsError(
			ci.UpdateIdentityPool({ ...pool, DeveloperProviderName: 'login.other' }, signed)
		);
		expect(changed.message).toBe('DeveloperProviderName cannot be changed once set.');
		const updated = await ci.UpdateIdentityPool({ ...pool, AllowClassicFlow: true }, signed);
		expect(updated.AllowClassicFlow).toBe(true);
		const list = await ci.ListIdentityPools({ MaxResults: 1 }, signed);
		expect(list.IdentityPools).toHaveLength(1);
		expect(list.NextToken).toBe('1');
		const page2 = await ci.ListIdentityPools({ MaxResults: 1, NextToken: '1' }, signed);
		expect(page2.IdentityPools[0]?.IdentityPoolId).toBe(pool.IdentityPoolId);
		await ci.DeleteIdentityPool({ IdentityPoolId: demo.identityPoolId }, signed);
		expect((await awsError(ci.GetId({ IdentityPoolId: demo.identityPoolId }))).name).toBe(
			'ResourceNotFoundException'
		);
		expect(
			(await awsError(ci.GetIdentityPoolRoles({ IdentityPoolId: demo.identityPoolId }, signed)))
				.message
		).toBe(`IdentityPool '${demo.identityPoolId}' not found.`);
	});

	it('validates names, booleans, providers and list sizes with InvalidParameterException', async () => {
		const world = await createDemoWorld();
		const create = (input: Record<string, unknown>) =>
			world.cognitoIdentity.CreateIdentityPool(input as never, signed);
		const base = { IdentityPoolName: 'ok', AllowUnauthenticatedIdentities: true };
		for (const bad of [
			{ ...base, IdentityPoolName: 'bad/name' },
			{ ...base, IdentityPoolName: 'x'.repeat(129) },
			{ IdentityPoolName: 'ok' },
			{ ...base, AllowClassicFlow: 'yes' },
			{ ...base, DeveloperProviderName: 'has space' },
			{
				...base,
				SupportedLoginProviders: Object.fromEntries(
					Array.from({ length: 11 }, (_, i) => [`p${i}.com`, 'id'])
				)
			},
			{ ...base, CognitoIdentityProviders: 'nope' },
			{ ...base, CognitoIdentityProviders: [{ ProviderName: 'bad name', ClientId: 'c' }] },
			{ ...base, OpenIdConnectProviderARNs: 'arn' },
			{ ...base, IdentityPoolName: 5 }
		]) {
			const err = await awsError(create(bad));
			expect(err.name).toBe('InvalidParameterException');
			expect(err.httpStatus).toBe(400);
			expect(err.$fault).toBe('client');
		}
	});
});
