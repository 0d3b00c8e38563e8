import { errors } from './errors.ts';
import { decodeJwt } from './jwt.ts';
import { AccessTokenProvider, JwtIdentityProvider } from './providers.ts';
import { cognitoTrustPolicy } from './trust-policy.ts';
import type { PolicyDocument } from './types.ts';
import type { UserPool } from './user-pool.ts';
import { World, type WorldOptions } from './world.ts';

/**
 * The ready-made demo world the app runs on. Everything here is fixed, so lessons, quizzes and
 * tests can name it (see src/lib/cognito/README.md):
 *
 * - Region `us-east-1`, account `111122223333`, clock 2026-01-15T09:00:00Z unless `now` is given.
 * - Identity pool `us-east-1:0b7a3c5e-1d2f-4a6b-8c9d-0e1f2a3b4c5d` ("PoolLabDemo"): guests and
 *   classic flow on; user pool, Google, Facebook, Login with Amazon, Apple, OIDC, SAML and developer
 *   provider `login.poollab.example` configured.
 * - User pool `us-east-1_Lab4Demo1` (client `webclient0poollab0demo0001`) with users alice (groups
 *   admins p1 and editors p5), bob (editors), carol (no groups), dave (team-a and team-b, both p3, so
 *   no preferred role); all with password `Passw0rd!`. A second user pool `us-east-1_Other0001` is
 *   not configured on the identity pool (the "token from another pool" case).
 * - Backend role PoolLabBackendRole (AmazonCognitoDeveloperAuthenticatedIdentities permissions).
 * - Roles PoolLabAuthRole, PoolLabGuestRole, PoolLabAdminRole, PoolLabEditorRole, PoolLabTeamARole,
 *   PoolLabTeamBRole, PoolLabSamlAdminRole, PoolLabSamlReadRole; S3 bucket `poollab-user-files` with
 *   per-identity prefixes, DynamoDB table `PoolLabNotes` with LeadingKeys, public bucket `poollab-public`.
 */

export const demo = {
	region: 'us-east-1',
	accountId: '111122223333',
	identityPoolId: 'us-east-1:0b7a3c5e-1d2f-4a6b-8c9d-0e1f2a3b4c5d',
	identityPoolName: 'PoolLabDemo',
	userPoolId: 'us-east-1_Lab4Demo1',
	userPoolProvider: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Lab4Demo1',
	userPoolClientId: 'webclient0poollab0demo0001',
	otherUserPoolId: 'us-east-1_Other0001',
	otherUserPoolProvider: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Other0001',
	otherUserPoolClientId: 'otherclient0poollab000001',
	/** The RoleMappings key for the user pool: provider name plus `:<client id>` (SDK-CI). */
	userPoolMappingKey:
		'cognito-idp.us-east-1.amazonaws.com/us-east-1_Lab4Demo1:webclient0poollab0demo0001',
	googleClientId: '123456789012-poollab.apps.googleusercontent.com',
	appleClientId: 'com.example.poollab',
	facebookAppId: '1234567890123456',
	amazonAppId: 'amzn1.application-oa2-client.poollabdemo',
	oidcIssuer: 'https://login.example.com',
	oidcProviderName: 'login.example.com',
	oidcClientId: 'poollab-web',
	oidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/login.example.com',
	samlProviderArn: 'arn:aws:iam::111122223333:saml-provider/ExampleIdP',
	samlIssuer: 'https://idp.example.com/saml',
	developerProviderName: 'login.poollab.example',
	users: ['alice', 'bob', 'carol', 'dave'] as const,
	password: 'Passw0rd!',
	roles: {
		authenticated: 'arn:aws:iam::111122223333:role/PoolLabAuthRole',
		unauthenticated: 'arn:aws:iam::111122223333:role/PoolLabGuestRole',
		admin: 'arn:aws:iam::111122223333:role/PoolLabAdminRole',
		editor: 'arn:aws:iam::111122223333:role/PoolLabEditorRole',
		teamA: 'arn:aws:iam::111122223333:role/PoolLabTeamARole',
		teamB: 'arn:aws:iam::111122223333:role/PoolLabTeamBRole',
		samlAdmin: 'arn:aws:iam::111122223333:role/PoolLabSamlAdminRole',
		samlRead: 'arn:aws:iam::111122223333:role/PoolLabSamlReadRole'
	},
	/** Your backend's role, with the AWS managed policy AmazonCognitoDeveloperAuthenticatedIdentities (MP-DEV). */
	backendRoleArn: 'arn:aws:iam::111122223333:role/PoolLabBackendRole',
	bucket: 'poollab-user-files',
	publicBucket: 'poollab-public',
	table: 'PoolLabNotes',
	tableArn: 'arn:aws:dynamodb:us-east-1:111122223333:table/PoolLabNotes'
} as const;

/**
 * The demo backend's long-term access key pair: an IAM user with the AWS managed policy
 * AmazonCognitoDeveloperAuthenticatedIdentities (MP-DEV). Give it to any AWS SDK client as
 * `credentials` and the simulator verifies its SigV4 signatures. A made-up demo key; it works only here.
 */
export const demoBackendCredentials = {
	accessKeyId: 'AKIAPOOLLABBACKEND01',
	secretAccessKey: 'poolLabDemoBackendSecretKey0000000000000',
	principalArn: 'arn:aws:iam::111122223333:user/pool-lab-backend'
} as const;

const sub = '${cognito-identity.amazonaws.com:sub}';

/** Per-identity S3 prefix and DynamoDB leading keys, as documented (IAMR-2023 7). */
export const perIdentityDataPolicy: PolicyDocument = {
	Version: '2012-10-17',
	Statement: [
		{
			Sid: 'ListOwnPrefix',
			Effect: 'Allow',
			Action: 's3:ListBucket',
			Resource: `arn:aws:s3:::${demo.bucket}`,
			Condition: { StringLike: { 's3:prefix': [`${sub}/*`] } }
		},
		{
			Sid: 'ReadWriteOwnObjects',
			Effect: 'Allow',
			Action: ['s3:GetObject', 's3:PutObject'],
			Resource: `arn:aws:s3:::${demo.bucket}/${sub}/*`
		},
		{
			Sid: 'OwnItemsOnly',
			Effect: 'Allow',
			Action: [
				'dynamodb:GetItem',
				'dynamodb:BatchGetItem',
				'dynamodb:Query',
				'dynamodb:PutItem',
				'dynamodb:UpdateItem',
				'dynamodb:DeleteItem',
				'dynamodb:BatchWriteItem'
			],
			Resource: demo.tableArn,
			Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [sub] } }
		}
	]
};

/** What the AWS managed policy AmazonCognitoDeveloperAuthenticatedIdentities allows (MP-DEV). */
export const developerAuthenticatedIdentitiesPolicy: PolicyDocument = {
	Version: '2012-10-17',
	Statement: [
		{
			Sid: 'AmazonCognitoDeveloperAuthenticatedIdentities',
			Effect: 'Allow',
			Action: [
				'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
				'cognito-identity:LookupDeveloperIdentity',
				'cognito-identity:MergeDeveloperIdentities',
				'cognito-identity:UnlinkDeveloperIdentity'
			],
			Resource: '*'
		}
	]
};

const guestPolicy: PolicyDocument = {
	Version: '2012-10-17',
	Statement: [
		{
			Sid: 'ReadPublicFiles',
			Effect: 'Allow',
			Action: 's3:GetObject',
			Resource: `arn:aws:s3:::${demo.publicBucket}/*`
		},
		{ Sid: 'SpeakText', Effect: 'Allow', Action: 'polly:SynthesizeSpeech', Resource: '*' },
		{ Sid: 'SendAnalytics', Effect: 'Allow', Action: 'mobiletargeting:PutEvents', Resource: '*' }
	]
};

const adminPolicy: PolicyDocument = {
	Version: '2012-10-17',
	Statement: [
		{
			Sid: 'ManageUserFiles',
			Effect: 'Allow',
			Action: 's3:*',
			Resource: [`arn:aws:s3:::${demo.bucket}`, `arn:aws:s3:::${demo.bucket}/*`]
		},
		{ Sid: 'NeverDeleteBucket', Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }
	]
};

const readOnlyPolicy: PolicyDocument = {
	Version: '2012-10-17',
	Statement: [
		{
			Sid: 'ReadUserFiles',
			Effect: 'Allow',
			Action: 's3:GetObject',
			Resource: `arn:aws:s3:::${demo.bucket}/*`
		}
	]
};

const abacPolicy: PolicyDocument = {
	Version: '2012-10-17',
	Statement: [
		{
			Sid: 'DepartmentFolder',
			Effect: 'Allow',
			Action: 's3:GetObject',
			Resource: `arn:aws:s3:::${demo.bucket}/departments/\${aws:PrincipalTag/department}/*`
		}
	]
};

export interface DemoWorld extends World {
	readonly demo: typeof demo;
	readonly userPool: UserPool;
	readonly otherUserPool: UserPool;
}

/**
 * Builds the demo world described above. `seed` changes generated IDs and secrets; `now` sets the
 * clock. The same seed and clock give the same identity IDs, tokens and credentials.
 */
export async function createDemoWorld(
	options: Pick<WorldOptions, 'seed' | 'now' | 'keys'> = {}
): Promise<DemoWorld> {
	const world = await World.create({ ...options, region: demo.region, accountId: demo.accountId });
	const { clock, random } = world;

	const userPool = world.createUserPool('PoolLabUsers', world.keys.userPool, demo.userPoolId);
	userPool.addClient('web', demo.userPoolClientId);
	userPool.putGroup({ GroupName: 'admins', RoleArn: demo.roles.admin, Precedence: 1 });
	userPool.putGroup({ GroupName: 'editors', RoleArn: demo.roles.editor, Precedence: 5 });
	userPool.putGroup({ GroupName: 'team-a', RoleArn: demo.roles.teamA, Precedence: 3 });
	userPool.putGroup({ GroupName: 'team-b', RoleArn: demo.roles.teamB, Precedence: 3 });
	userPool.addUser('alice', {
		groups: ['admins', 'editors'],
		attributes: { email: 'alice@example.com', 'custom:dept': 'engineering' }
	});
	userPool.addUser('bob', {
		groups: ['editors'],
		attributes: { email: 'bob@example.com', 'custom:dept': 'sales' }
	});
	userPool.addUser('carol', {
		attributes: { email: 'carol@example.com', 'custom:dept': 'support' }
	});
	userPool.addUser('dave', {
		groups: ['team-a', 'team-b'],
		attributes: { email: 'dave@example.com', 'custom:dept': 'engineering' }
	});

	const otherUserPool = world.createUserPool(
		'OtherUsers',
		world.keys.otherUserPool,
		demo.otherUserPoolId
	);
	otherUserPool.addClient('other', demo.otherUserPoolClientId);
	for (const name of demo.users) otherUserPool.addUser(name);

	world.addSocialProvider(
		new JwtIdentityProvider({
			id: 'google',
			label: 'Google',
			issuer: 'https://accounts.google.com',
			key: world.keys.google,
			clientId: demo.googleClientId,
			clock,
			random
		})
	);
	world.addSocialProvider(
		new JwtIdentityProvider({
			id: 'apple',
			label: 'Sign in with Apple',
			issuer: 'https://appleid.apple.com',
			key: world.keys.apple,
			clientId: demo.appleClientId,
			clock,
			random
		})
	);
	world.addSocialProvider(
		new JwtIdentityProvider({
			id: 'oidc',
			label: 'OpenID Connect provider',
			issuer: demo.oidcIssuer,
			key: world.keys.oidc,
			clientId: demo.oidcClientId,
			clock,
			random
		})
	);
	world.addSocialProvider(
		new AccessTokenProvider({ id: 'facebook', appId: demo.facebookAppId, clock, random })
	);
	world.addSocialProvider(
		new AccessTokenProvider({ id: 'amazon', appId: demo.amazonAppId, clock, random })
	);
	world.iam.createOpenIdConnectProvider(demo.oidcIssuer, [demo.oidcClientId]);
	// The SAML IdP signs with the OIDC demo key: a separate simulated organisation's key either way.
	const saml = world.addSamlProvider('ExampleIdP', demo.samlIssuer, world.keys.oidc);
	for (const name of demo.users) {
		saml.addUser(name, {
			attributes: {
				'https://aws.amazon.com/SAML/Attributes/PrincipalTag:department': [
					name === 'bob' ? 'sales' : 'engineering'
				]
			},
			roleArns:
				name === 'alice' ? [demo.roles.samlAdmin, demo.roles.samlRead] : [demo.roles.samlRead]
		});
	}

	const auth = cognitoTrustPolicy(demo.identityPoolId, 'authenticated');
	const unauth = cognitoTrustPolicy(demo.identityPoolId, 'unauthenticated');
	world.iam.createRole({
		RoleName: 'PoolLabAuthRole',
		AssumeRolePolicyDocument: auth,
		Policies: { PerIdentityData: perIdentityDataPolicy, DepartmentFiles: abacPolicy }
	});
	world.iam.createRole({
		RoleName: 'PoolLabGuestRole',
		AssumeRolePolicyDocument: unauth,
		Policies: { GuestAccess: guestPolicy }
	});
	world.iam.createRole({
		RoleName: 'PoolLabAdminRole',
		AssumeRolePolicyDocument: auth,
		MaxSessionDuration: 14400,
		Policies: { Admin: adminPolicy }
	});
	world.iam.createRole({
		RoleName: 'PoolLabEditorRole',
		AssumeRolePolicyDocument: auth,
		Policies: { PerIdentityData: perIdentityDataPolicy }
	});
	world.iam.createRole({
		RoleName: 'PoolLabTeamARole',
		AssumeRolePolicyDocument: auth,
		Policies: { ReadOnly: readOnlyPolicy }
	});
	world.iam.createRole({
		RoleName: 'PoolLabTeamBRole',
		AssumeRolePolicyDocument: auth,
		Policies: { ReadOnly: readOnlyPolicy }
	});
	world.iam.createRole({
		RoleName: 'PoolLabSamlAdminRole',
		AssumeRolePolicyDocument: auth,
		Policies: { Admin: adminPolicy }
	});
	world.iam.createRole({
		RoleName: 'PoolLabSamlReadRole',
		AssumeRolePolicyDocument: auth,
		Policies: { ReadOnly: readOnlyPolicy }
	});

	world.iam.createRole({
		RoleName: 'PoolLabBackendRole',
		AssumeRolePolicyDocument: {
			Version: '2012-10-17',
			Statement: [
				{
					Effect: 'Allow',
					Principal: { Service: 'lambda.amazonaws.com' },
					Action: 'sts:AssumeRole'
				}
			]
		},
		Policies: {
			AmazonCognitoDeveloperAuthenticatedIdentities: developerAuthenticatedIdentitiesPolicy
		}
	});
	world.iam.createUser('pool-lab-backend', {
		AmazonCognitoDeveloperAuthenticatedIdentities: developerAuthenticatedIdentitiesPolicy
	});
	world.iam.addAccessKey(
		demoBackendCredentials.principalArn,
		demoBackendCredentials.accessKeyId,
		demoBackendCredentials.secretAccessKey
	);

	world.pools.set(demo.identityPoolId, {
		pool: {
			IdentityPoolId: demo.identityPoolId,
			IdentityPoolName: demo.identityPoolName,
			AllowUnauthenticatedIdentities: true,
			AllowClassicFlow: true,
			SupportedLoginProviders: {
				'accounts.google.com': demo.googleClientId,
				'graph.facebook.com': demo.facebookAppId,
				'www.amazon.com': demo.amazonAppId,
				'appleid.apple.com': demo.appleClientId
			},
			DeveloperProviderName: demo.developerProviderName,
			OpenIdConnectProviderARNs: [demo.oidcProviderArn],
			CognitoIdentityProviders: [
				{
					ProviderName: demo.userPoolProvider,
					ClientId: demo.userPoolClientId,
					ServerSideTokenCheck: false
				}
			],
			SamlProviderARNs: [demo.samlProviderArn]
		},
		roles: { authenticated: demo.roles.authenticated, unauthenticated: demo.roles.unauthenticated },
		createdAt: clock.now()
	});

	return Object.assign(world, { demo, userPool, otherUserPool }) as DemoWorld;
}

export type DemoProviderId =
	'userpool' | 'google' | 'facebook' | 'amazon' | 'apple' | 'oidc' | 'saml' | 'developer';

export interface SignInOptions {
	/** Demo user name (default `alice`). */
	user?: string;
	/** Token lifetime in seconds. */
	expiresIn?: number;
	/** User pool only: sign in at the second, unconfigured pool. */
	otherPool?: boolean;
}

export interface SignInResult {
	provider: DemoProviderId;
	/** The key to use in `Logins` (for developer identities: the DeveloperProviderName, used by the backend). */
	loginKey: string;
	/** The value for `Logins`: ID token, access token, SAML response or developer user identifier. */
	token: string;
	/** What kind of proof `token` is (AF 1.0). */
	tokenKind: 'id-token' | 'access-token' | 'saml-response' | 'developer-user-id';
	/** User pools also return an access token, which identity pools refuse (REPOST-AUD). */
	accessToken?: string;
	/** Decoded claims where the token is a JWT. */
	claims?: Record<string, unknown>;
	/** Epoch ms when the token stops being accepted (undefined for developer IDs). */
	expiresAt?: number;
}

/** Signs a demo user in at one of the demo providers, as the app would before calling Cognito. */
export async function signIn(
	world: DemoWorld,
	provider: DemoProviderId,
	options: SignInOptions = {}
): Promise<SignInResult> {
	const user = options.user ?? 'alice';
	const now = world.clock.now();
	const expiresAt = (s: number): number => now + s * 1000;
	switch (provider) {
		case 'userpool': {
			const pool = options.otherPool ? world.otherUserPool : world.userPool;
			const client = options.otherPool ? demo.otherUserPoolClientId : demo.userPoolClientId;
			const tokens = await pool.signIn(user, client, demo.password, options.expiresIn);
			return {
				provider,
				loginKey: pool.providerName,
				token: tokens.IdToken,
				tokenKind: 'id-token',
				accessToken: tokens.AccessToken,
				claims: decodeJwt(tokens.IdToken).payload,
				expiresAt: expiresAt(tokens.ExpiresIn)
			};
		}
		case 'google':
		case 'apple':
		case 'oidc': {
			const key =
				provider === 'google'
					? 'accounts.google.com'
					: provider === 'apple'
						? 'appleid.apple.com'
						: demo.oidcProviderName;
			const idp = world.socialProviders.get(key) as JwtIdentityProvider;
			const token = await idp.issueIdToken(user, { expiresIn: options.expiresIn });
			return {
				provider,
				loginKey: key,
				token,
				tokenKind: 'id-token',
				claims: decodeJwt(token).payload,
				expiresAt: expiresAt(options.expiresIn ?? idp.tokenValiditySeconds)
			};
		}
		case 'facebook':
		case 'amazon': {
			const key = provider === 'facebook' ? 'graph.facebook.com' : 'www.amazon.com';
			const idp = world.socialProviders.get(key) as AccessTokenProvider;
			const token = idp.issueAccessToken(user, { expiresIn: options.expiresIn });
			return {
				provider,
				loginKey: key,
				token,
				tokenKind: 'access-token',
				expiresAt: expiresAt(options.expiresIn ?? idp.tokenValiditySeconds)
			};
		}
		case 'saml': {
			const idp = world.samlProviders.get(demo.samlProviderArn);
			const token = (await idp?.issueResponse(user, { expiresIn: options.expiresIn })) ?? '';
			return {
				provider,
				loginKey: demo.samlProviderArn,
				token,
				tokenKind: 'saml-response',
				expiresAt: expiresAt(options.expiresIn ?? 300)
			};
		}
		case 'developer':
			return {
				provider,
				loginKey: demo.developerProviderName,
				token: `user-${user}`,
				tokenKind: 'developer-user-id'
			};
		default:
			throw errors.invalidParameter(`Unknown identity provider ${String(provider)}.`);
	}
}
