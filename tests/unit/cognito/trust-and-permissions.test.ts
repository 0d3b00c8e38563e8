import { describe, expect, it } from 'vitest';
import {
	checkTrustDocument,
	cognitoTrustPolicy,
	createDemoWorld,
	demo,
	evaluatePolicies,
	signIn,
	substituteVariables,
	wildcardMatch,
	type PolicyDocument
} from '../../../src/lib/cognito/index.ts';
import { awsError, enhanced, signed } from './helpers.ts';

const claims = (amr: string[], aud: string = demo.identityPoolId, sub = 'us-east-1:abc') => ({
	provider: 'cognito-identity.amazonaws.com',
	aud,
	sub,
	amr
});

describe('trust policies (RTP; IAMR-2023 4)', () => {
	it('the documented policy admits the right pool and amr only', () => {
		const doc = cognitoTrustPolicy(demo.identityPoolId, 'authenticated');
		expect(checkTrustDocument(doc, claims(['authenticated', 'graph.facebook.com'])).allowed).toBe(
			true
		);
		expect(checkTrustDocument(doc, claims(['unauthenticated'])).allowed).toBe(false);
		expect(checkTrustDocument(doc, claims(['authenticated'], 'us-east-1:other')).allowed).toBe(
			false
		);
		expect(
			checkTrustDocument(doc, { ...claims(['authenticated']), provider: 'accounts.google.com' })
				.allowed
		).toBe(false);
	});

	it('amr can restrict a role to one provider (ForAnyValue:StringLike)', () => {
		const doc = cognitoTrustPolicy(demo.identityPoolId, 'graph.facebook.com');
		expect(checkTrustDocument(doc, claims(['authenticated', 'graph.facebook.com'])).allowed).toBe(
			true
		);
		expect(checkTrustDocument(doc, claims(['authenticated', 'accounts.google.com'])).allowed).toBe(
			false
		);
	});

	it('aud may list several pools; sub can pin identities (StringEquals)', () => {
		const doc: PolicyDocument = {
			Statement: {
				Effect: 'Allow',
				Principal: { Federated: 'cognito-identity.amazonaws.com' },
				Action: 'sts:AssumeRoleWithWebIdentity',
				Condition: {
					StringEquals: {
						'cognito-identity.amazonaws.com:aud': ['us-east-1:p1', 'us-east-1:p2'],
						'cognito-identity.amazonaws.com:sub': 'us-east-1:only'
					}
				}
			}
		};
		expect(
			checkTrustDocument(doc, claims(['authenticated'], 'us-east-1:p2', 'us-east-1:only')).allowed
		).toBe(true);
		expect(
			checkTrustDocument(doc, claims(['authenticated'], 'us-east-1:p2', 'us-east-1:else')).allowed
		).toBe(false);
	});

	it('session tags also need sts:TagSession (ABAC)', () => {
		const doc: PolicyDocument = {
			Statement: [
				{
					Effect: 'Allow',
					Principal: { Federated: 'cognito-identity.amazonaws.com' },
					Action: 'sts:AssumeRoleWithWebIdentity'
				}
			]
		};
		const r = checkTrustDocument(doc, {
			...claims(['authenticated']),
			principalTags: { department: 'x' }
		});
		expect(r.allowed).toBe(false);
		expect(r.decidedBy).toBe('trust policy does not allow sts:TagSession for the session tags');
	});

	it('enhanced flow: a wrong aud becomes InvalidIdentityPoolConfigurationException (SDK-CI; GH-AUTH196)', async () => {
		const world = await createDemoWorld();
		world.setTrustPolicy(
			'PoolLabAuthRole',
			cognitoTrustPolicy('us-east-1:11111111-1111-4111-8111-111111111111', 'authenticated')
		);
		const err = await awsError(enhanced(world, 'google'));
		expect(err.name).toBe('InvalidIdentityPoolConfigurationException');
		expect(err.message).toBe(
			'Invalid identity pool configuration. Check assigned IAM roles for this pool.'
		);
	});

	it('enhanced flow: a wrong amr for guests also fails the internal assume-role', async () => {
		const world = await createDemoWorld();
		world.setTrustPolicy(
			'PoolLabGuestRole',
			cognitoTrustPolicy(demo.identityPoolId, 'authenticated')
		);
		const { IdentityId } = await world.cognitoIdentity.GetId({
			IdentityPoolId: demo.identityPoolId
		});
		const err = await awsError(world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId }));
		expect(err.name).toBe('InvalidIdentityPoolConfigurationException');
	});

	it('basic flow: the app may pick any role whose trust admits the token, others get AccessDenied (AF; RTP)', async () => {
		const world = await createDemoWorld();
		const login = await signIn(world, 'facebook');
		const Logins = { [login.loginKey]: login.token };
		const { IdentityId } = await world.cognitoIdentity.GetId({
			IdentityPoolId: demo.identityPoolId,
			Logins
		});
		const { Token } = await world.cognitoIdentity.GetOpenIdToken({ IdentityId, Logins });
		const ok = await world.sts.AssumeRoleWithWebIdentity({
			RoleArn: demo.roles.admin,
			RoleSessionName: 'pick',
			WebIdentityToken: Token
		});
		expect(ok.AssumedRoleUser.Arn).toContain('PoolLabAdminRole/pick');
		const denied = await awsError(
			world.sts.AssumeRoleWithWebIdentity({
				RoleArn: demo.roles.unauthenticated,
				RoleSessionName: 'pick',
				WebIdentityToken: Token
			})
		);
		expect(denied.code).toBe('AccessDenied');
		expect(denied.httpStatus).toBe(403);
		const missing = await awsError(
			world.sts.AssumeRoleWithWebIdentity({
				RoleArn: 'arn:aws:iam::111122223333:role/Nope',
				RoleSessionName: 'pick',
				WebIdentityToken: Token
			})
		);
		expect(missing.code).toBe('AccessDenied');
	});

	it('a role with no conditions fails closed only if the principal differs (the evaluator is literal)', () => {
		const open: PolicyDocument = {
			Statement: {
				Effect: 'Allow',
				Principal: { Federated: 'cognito-identity.amazonaws.com' },
				Action: 'sts:AssumeRoleWithWebIdentity'
			}
		};
		expect(checkTrustDocument(open, claims(['unauthenticated'], 'us-east-1:any')).allowed).toBe(
			true
		);
		expect(
			checkTrustDocument({ Statement: { ...open.Statement, Principal: '*' } as never }, claims([]))
				.allowed
		).toBe(true);
		expect(
			checkTrustDocument({ Statement: { Effect: 'Allow', Action: 'sts:*' } }, claims([])).allowed
		).toBe(false);
	});
});

describe('authorize: what the credentials can do (IAMR-2023 7)', () => {
	it("S3 per-identity prefix: own objects yes, someone else's no; ListBucket needs the s3:prefix condition", async () => {
		const world = await createDemoWorld();
		const { identityId, accessKeyId } = await enhanced(world, 'google');
		const own = world.authorize(
			accessKeyId,
			's3:GetObject',
			`arn:aws:s3:::${demo.bucket}/${identityId}/photo.jpg`
		);
		expect(own).toMatchObject({ allowed: true, decision: 'allow' });
		expect(own.decidedBy).toBe('role policy "PerIdentityData" statement "ReadWriteOwnObjects"');
		const other = world.authorize(
			accessKeyId,
			's3:GetObject',
			`arn:aws:s3:::${demo.bucket}/us-east-1:someone/photo.jpg`
		);
		expect(other).toMatchObject({ allowed: false, decision: 'implicit-deny' });
		expect(
			world.authorize(accessKeyId, 's3:ListBucket', `arn:aws:s3:::${demo.bucket}`, {
				's3:prefix': `${identityId}/`
			}).allowed
		).toBe(true);
		expect(
			world.authorize(accessKeyId, 's3:ListBucket', `arn:aws:s3:::${demo.bucket}`, {
				's3:prefix': 'other/'
			}).allowed
		).toBe(false);
		expect(
			world.authorize(accessKeyId, 's3:ListBucket', `arn:aws:s3:::${demo.bucket}`).allowed
		).toBe(false);
	});

	it('DynamoDB LeadingKeys with ForAllValues:StringEquals', async () => {
		const world = await createDemoWorld();
		const { identityId, accessKeyId } = await enhanced(world, 'userpool', { user: 'bob' });
		const q = (keys: string[]) =>
			world.authorize(accessKeyId, 'dynamodb:Query', demo.tableArn, {
				'dynamodb:LeadingKeys': keys
			});
		expect(q([identityId]).allowed).toBe(true);
		expect(q([identityId, 'us-east-1:other']).allowed).toBe(false);
		expect(q([]).allowed).toBe(true);
	});

	it('explicit deny wins over an allow and is named by Sid', async () => {
		const world = await createDemoWorld();
		world.setPoolRoles(demo.identityPoolId, { authenticated: demo.roles.admin });
		const { accessKeyId } = await enhanced(world, 'google');
		expect(
			world.authorize(accessKeyId, 's3:PutObject', `arn:aws:s3:::${demo.bucket}/x`).allowed
		).toBe(true);
		const d = world.authorize(accessKeyId, 's3:DeleteBucket', `arn:aws:s3:::${demo.bucket}`);
		expect(d).toMatchObject({ allowed: false, decision: 'explicit-deny' });
		expect(d.decidedBy).toBe('explicit deny: role policy "Admin" statement "NeverDeleteBucket"');
	});

	it('expired and unknown credentials are refused', async () => {
		const world = await createDemoWorld();
		const { accessKeyId, identityId } = await enhanced(world, 'google');
		const res = `arn:aws:s3:::${demo.bucket}/${identityId}/a`;
		world.clock.advance(3600_000);
		expect(world.authorize(accessKeyId, 's3:GetObject', res).decision).toBe('expired');
		expect(world.authorize('ASIANOPE', 's3:GetObject', res).decision).toBe('unknown-credentials');
	});

	it('principal tags from a developer token fill ${aws:PrincipalTag/...} (ABAC)', async () => {
		const world = await createDemoWorld();
		const dev = await world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(
			{
				IdentityPoolId: demo.identityPoolId,
				Logins: { [demo.developerProviderName]: 'u1' },
				PrincipalTags: { department: 'finance' }
			},
			signed
		);
		const out = await world.cognitoIdentity.GetCredentialsForIdentity({
			IdentityId: dev.IdentityId,
			Logins: { 'cognito-identity.amazonaws.com': dev.Token }
		});
		const key = out.Credentials.AccessKeyId;
		expect(
			world.authorize(key, 's3:GetObject', `arn:aws:s3:::${demo.bucket}/departments/finance/q1.csv`)
				.allowed
		).toBe(true);
		expect(
			world.authorize(key, 's3:GetObject', `arn:aws:s3:::${demo.bucket}/departments/sales/q1.csv`)
				.allowed
		).toBe(false);
	});
});

describe('guest scope-down session policy (IAMR-2023; MP-NEW 5)', () => {
	it('enhanced-flow guests get role ∩ allow-list; basic-flow guests get the role only', async () => {
		const world = await createDemoWorld();
		world.setRolePolicy('PoolLabGuestRole', 'TooMuch', {
			Statement: [{ Sid: 'ListRoles', Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }]
		});
		const { IdentityId } = await world.cognitoIdentity.GetId({
			IdentityPoolId: demo.identityPoolId
		});
		const enhancedCreds = await world.cognitoIdentity.GetCredentialsForIdentity({ IdentityId });
		const ek = enhancedCreds.Credentials.AccessKeyId;
		expect(world.authorize(ek, 'polly:SynthesizeSpeech', '*').allowed).toBe(true);
		expect(world.authorize(ek, 'mobiletargeting:PutEvents', '*').allowed).toBe(true);
		const iam = world.authorize(ek, 'iam:ListRoles', '*');
		expect(iam.allowed).toBe(false);
		expect(iam.decidedBy).toContain('but the session policy does not');
		expect(iam.ambiguous[0]?.topic).toBe('guest-access');

		const { Token } = await world.cognitoIdentity.GetOpenIdToken({ IdentityId });
		const basic = await world.sts.AssumeRoleWithWebIdentity({
			RoleArn: demo.roles.unauthenticated,
			RoleSessionName: 'guest',
			WebIdentityToken: Token
		});
		expect(world.authorize(basic.Credentials.AccessKeyId, 'iam:ListRoles', '*').allowed).toBe(true);
	});

	it('authenticated identities get no scope-down (GH-RUM172)', async () => {
		const world = await createDemoWorld();
		world.setRolePolicy('PoolLabAuthRole', 'Iam', {
			Statement: [{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }]
		});
		const { accessKeyId } = await enhanced(world, 'google');
		expect(world.authorize(accessKeyId, 'iam:ListRoles', '*').allowed).toBe(true);
	});

	it('an app-supplied session policy in basic flow narrows the role', async () => {
		const world = await createDemoWorld();
		const { IdentityId } = await world.cognitoIdentity.GetId({
			IdentityPoolId: demo.identityPoolId
		});
		const { Token } = await world.cognitoIdentity.GetOpenIdToken({ IdentityId });
		const out = await world.sts.AssumeRoleWithWebIdentity({
			RoleArn: demo.roles.unauthenticated,
			RoleSessionName: 'guest',
			WebIdentityToken: Token,
			Policy: JSON.stringify({
				Version: '2012-10-17',
				Statement: [{ Effect: 'Allow', Action: 'polly:*', Resource: '*' }]
			})
		});
		expect(out.PackedPolicySize).toBeGreaterThan(0);
		const k = out.Credentials.AccessKeyId;
		expect(world.authorize(k, 'polly:SynthesizeSpeech', '*').allowed).toBe(true);
		expect(world.authorize(k, 's3:GetObject', `arn:aws:s3:::${demo.publicBucket}/a`).allowed).toBe(
			false
		);
	});
});

describe('policy evaluator details', () => {
	it('wildcards, NotAction, NotResource, IfExists, Null, Bool, numeric and unknown operators', () => {
		expect(wildcardMatch('s3:Get*', 'S3:GETOBJECT', true)).toBe(true);
		expect(wildcardMatch('a?c', 'abc')).toBe(true);
		expect(substituteVariables('x/${aws:username}', {})).toBeUndefined();
		expect(substituteVariables('${*}${?}${$}', {})).toBe('*?$');
		const decide = (
			Condition: Record<string, Record<string, string | string[] | boolean>>,
			context: Record<string, string | string[]>
		) =>
			evaluatePolicies(
				[
					{
						name: 'p',
						document: { Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition } }
					}
				],
				{
					action: 'a:b',
					resource: 'r',
					context
				}
			).decision;
		expect(decide({ StringEqualsIfExists: { k: 'v' } }, {})).toBe('allow');
		expect(decide({ StringEquals: { k: 'v' } }, {})).toBe('implicit-deny');
		expect(decide({ StringNotEquals: { k: 'v' } }, {})).toBe('allow');
		expect(decide({ StringNotEquals: { k: 'v' } }, { k: 'v' })).toBe('implicit-deny');
		expect(decide({ Null: { k: 'true' } }, {})).toBe('allow');
		expect(decide({ Null: { k: 'false' } }, {})).toBe('implicit-deny');
		expect(decide({ Bool: { k: true } }, { k: 'true' })).toBe('allow');
		expect(decide({ StringEqualsIgnoreCase: { k: 'ABC' } }, { k: 'abc' })).toBe('allow');
		expect(
			decide({ ArnLike: { k: 'arn:aws:iam::*:role/*' } }, { k: 'arn:aws:iam::1:role/x' })
		).toBe('allow');
		expect(decide({ ArnEquals: { k: 'arn:x' } }, { k: 'arn:x' })).toBe('allow');
		expect(decide({ NumericLessThan: { k: '5' } }, { k: '3' })).toBe('allow');
		expect(decide({ NumericGreaterThanEquals: { k: '5' } }, { k: '3' })).toBe('implicit-deny');
		expect(decide({ NumericEquals: { k: '5' } }, { k: '5' })).toBe('allow');
		expect(decide({ NumericLessThanEquals: { k: '5' } }, { k: '5' })).toBe('allow');
		expect(decide({ NumericGreaterThan: { k: '5' } }, { k: '6' })).toBe('allow');
		expect(decide({ DateEquals: { k: 'x' } }, { k: 'x' })).toBe('implicit-deny');
		expect(decide({ 'ForAnyValue:StringEquals': { k: 'v' } }, {})).toBe('implicit-deny');
		expect(decide({ 'ForAnyValue:StringNotLike': { k: 'a*' } }, { k: ['ab', 'cd'] })).toBe('allow');
		const r = evaluatePolicies(
			[
				{
					name: 'p',
					document: {
						Statement: [
							{ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:secret' },
							{ Effect: 'Allow', Action: 'iam:Get*', Resource: 'arn:*' }
						]
					}
				}
			],
			{ action: 's3:GetObject', resource: 'arn:secret', context: {} }
		);
		expect(r.statements.map((s) => s.reason)).toEqual([
			'resource is excluded by NotResource',
			'action does not match'
		]);
		expect(
			evaluatePolicies(
				[
					{
						name: 'p',
						document: { Statement: { Effect: 'Allow', NotAction: 's3:*', Resource: '*' } }
					}
				],
				{
					action: 's3:GetObject',
					resource: 'x',
					context: {}
				}
			).statements[0]?.reason
		).toBe('action is excluded by NotAction');
	});
});
