import {
	base64DecodeText,
	base64EncodeText,
	demoBackendCredentials,
	developerAuthenticatedIdentitiesPolicy,
	identityPoolRateQuotas,
	tamperJwt,
	type DemoWorld,
	type PolicyDocument,
	type RoleMapping
} from '../cognito/index.ts';
import type { ProviderId } from './catalogue.ts';
import type { BreakSettings } from './types.ts';

/**
 * What the "break it" settings do to the demo world and to the tokens the app sends: pool flags,
 * role mappings, trust policies, and edited tokens. The flow then runs unchanged and AWS refuses
 * where it would.
 */

/** Changes the demo world as the settings ask, before anything runs. */
export function applyWorldSettings(
	world: DemoWorld,
	provider: ProviderId | undefined,
	s: BreakSettings
): void {
	const { demo } = world;
	if (!s.guestAccess)
		world.updatePool(demo.identityPoolId, { AllowUnauthenticatedIdentities: false });
	if (!s.classicFlow) world.updatePool(demo.identityPoolId, { AllowClassicFlow: false });
	if (s.roleMapping !== 'default' && provider) {
		world.setPoolRoles(
			demo.identityPoolId,
			{ authenticated: demo.roles.authenticated, unauthenticated: demo.roles.unauthenticated },
			{ [mappingKeyOf(world, provider)]: roleMappingFor(world, provider, s.roleMapping) }
		);
	}
	if (!s.backendPermission) {
		// The backend keeps the other developer actions; only the one the flow needs is gone.
		const statement = [developerAuthenticatedIdentitiesPolicy.Statement].flat()[0]!;
		const actions = [statement.Action ?? []]
			.flat()
			.filter((a) => a !== 'cognito-identity:GetOpenIdTokenForDeveloperIdentity');
		world.iam.putUserPolicy(
			demoBackendCredentials.principalArn,
			'AmazonCognitoDeveloperAuthenticatedIdentities',
			{
				Version: '2012-10-17',
				Statement: [{ ...statement, Sid: 'DeveloperActionsWithoutTokens', Action: actions }]
			}
		);
	}
	if (s.getIdBurst) {
		// Other callers in the account use up GetId's quota in the second the app calls it.
		world.throttling.enable();
		const quota = identityPoolRateQuotas['GetId'] ?? 0;
		for (let i = 0; i < quota; i++) world.throttling.admit('GetId', world.clock.now());
	}
	if (s.trust !== 'correct') {
		for (const arn of Object.values(demo.roles)) {
			const roleName = arn.slice(arn.lastIndexOf('/') + 1);
			const guestRole = arn === demo.roles.unauthenticated;
			world.setTrustPolicy(roleName, brokenTrustPolicy(world, s.trust, guestRole));
		}
	}
}

/** The RoleMappings key for a provider: user pools add `:<app client id>`. */
function mappingKeyOf(world: DemoWorld, provider: ProviderId): string {
	const { demo } = world;
	switch (provider) {
		case 'userpool':
			return demo.userPoolMappingKey;
		case 'google':
			return 'accounts.google.com';
		case 'facebook':
			return 'graph.facebook.com';
		case 'amazon':
			return 'www.amazon.com';
		case 'apple':
			return 'appleid.apple.com';
		case 'oidc':
			return demo.oidcProviderName;
		case 'saml':
			return demo.samlProviderArn;
	}
}

/** A claim every demo provider's token carries, with alice's value, for a rule that matches. */
function ruleClaim(world: DemoWorld, provider: ProviderId): { Claim: string; Value: string } {
	const { demo } = world;
	switch (provider) {
		case 'userpool':
			return { Claim: 'custom:dept', Value: 'engineering' };
		case 'saml':
			return {
				Claim: 'https://aws.amazon.com/SAML/Attributes/PrincipalTag:department',
				Value: 'engineering'
			};
		case 'google':
			return { Claim: 'aud', Value: demo.googleClientId };
		case 'facebook':
			return { Claim: 'aud', Value: demo.facebookAppId };
		case 'amazon':
			return { Claim: 'aud', Value: demo.amazonAppId };
		case 'apple':
			return { Claim: 'aud', Value: demo.appleClientId };
		case 'oidc':
			return { Claim: 'aud', Value: demo.oidcClientId };
	}
}

function roleMappingFor(
	world: DemoWorld,
	provider: ProviderId,
	mapping: Exclude<BreakSettings['roleMapping'], 'default'>
): RoleMapping {
	if (mapping === 'token') return { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' };
	const claim = ruleClaim(world, provider);
	const matches = mapping === 'rules';
	return {
		Type: 'Rules',
		AmbiguousRoleResolution: mapping === 'rules-no-match-deny' ? 'Deny' : 'AuthenticatedRole',
		RulesConfiguration: {
			Rules: [
				{
					Claim: claim.Claim,
					MatchType: 'Equals',
					Value: matches ? claim.Value : `not-${claim.Value}`,
					RoleARN: world.demo.roles.editor
				}
			]
		}
	};
}

const otherPoolId = 'us-east-1:9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

/** The trust policy a "break it" choice puts on a role. */
function brokenTrustPolicy(
	world: DemoWorld,
	trust: Exclude<BreakSettings['trust'], 'correct'>,
	guestRole: boolean
): PolicyDocument {
	if (trust === 'no-conditions') {
		// IAM refuses a Cognito trust statement without conditions, so the role trusts no identity pool.
		return { Version: '2012-10-17', Statement: [] };
	}
	const amr = guestRole ? 'unauthenticated' : 'authenticated';
	return {
		Version: '2012-10-17',
		Statement: [
			{
				Sid: 'TrustCognitoIdentityPool',
				Effect: 'Allow',
				Principal: { Federated: 'cognito-identity.amazonaws.com' },
				Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
				Condition: {
					StringEquals: {
						'cognito-identity.amazonaws.com:aud':
							trust === 'wrong-aud' ? otherPoolId : world.demo.identityPoolId
					},
					'ForAnyValue:StringLike': {
						'cognito-identity.amazonaws.com:amr':
							trust === 'wrong-amr' ? (guestRole ? 'authenticated' : 'unauthenticated') : amr
					}
				}
			}
		]
	};
}

/** Changes the token after it was signed, as an attacker (or a bug) would. */
export function tamperToken(provider: ProviderId | 'cognito', token: string, user: string): string {
	if (provider === 'saml') {
		const xml = base64DecodeText(token) ?? '';
		return base64EncodeText(xml.split(`>${user}<`).join('>mallory<'));
	}
	if (provider === 'facebook' || provider === 'amazon') return `${token.slice(0, -4)}XXXX`;
	return tamperJwt(
		token,
		provider === 'cognito' ? { amr: ['authenticated', 'admin'] } : { sub: 'mallory' }
	);
}
