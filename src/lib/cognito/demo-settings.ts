import {
	demo,
	signIn,
	type DemoProviderId,
	type DemoWorld,
	type SignInResult
} from './demo-world.ts';
import { isAwsError, type AwsError } from './errors.ts';
import { decodeJwt, tamperJwt } from './jwt.ts';
import { base64DecodeText, base64EncodeText } from './saml.ts';
import { cognitoTrustPolicy } from './trust-policy.ts';
import type { LoginsMap, PolicyDocument, RoleMapping } from './types.ts';

/**
 * The "break it" switches applied to a demo world: the same field names as the flow settings, so
 * the flow runner can pass its settings object straight in.
 */

export interface DemoSettings {
	guestAccess: boolean;
	classicFlow: boolean;
	roleMapping: 'default' | 'token' | 'rules' | 'rules-no-match-deny' | 'rules-no-match-default';
	trust: 'correct' | 'wrong-aud' | 'wrong-amr' | 'no-conditions';
}

export interface LoginBreaks {
	expireToken?: boolean;
	tamperClaim?: boolean;
	sendAccessToken?: boolean;
	otherPoolToken?: boolean;
}

/** RoleMappings keys of the demo providers (user pools add `:<client id>`). */
export const demoMappingKeys: Record<Exclude<DemoProviderId, 'developer'>, string> = {
	userpool: demo.userPoolMappingKey,
	google: 'accounts.google.com',
	facebook: 'graph.facebook.com',
	amazon: 'www.amazon.com',
	apple: 'appleid.apple.com',
	oidc: demo.oidcProviderName,
	saml: demo.samlProviderArn
};

const claimForRules: Record<Exclude<DemoProviderId, 'developer'>, [string, string]> = {
	userpool: ['aud', demo.userPoolClientId],
	google: ['aud', demo.googleClientId],
	facebook: ['aud', demo.facebookAppId],
	amazon: ['aud', demo.amazonAppId],
	apple: ['aud', demo.appleClientId],
	oidc: ['aud', demo.oidcClientId],
	saml: ['iss', demo.samlIssuer]
};

/** The RoleMappings a roleMapping setting stands for: Token for the user pool, or one rule per provider. */
export function demoRoleMappings(
	setting: DemoSettings['roleMapping']
): Record<string, RoleMapping> | undefined {
	if (setting === 'default') return undefined;
	if (setting === 'token') {
		return {
			[demo.userPoolMappingKey]: { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' }
		};
	}
	const matching = setting === 'rules';
	const resolution = setting === 'rules-no-match-deny' ? 'Deny' : 'AuthenticatedRole';
	return Object.fromEntries(
		Object.entries(demoMappingKeys).map(([provider, key]) => {
			const [claim, value] = claimForRules[provider as keyof typeof claimForRules];
			return [
				key,
				{
					Type: 'Rules',
					AmbiguousRoleResolution: resolution,
					RulesConfiguration: {
						Rules: [
							{
								Claim: claim,
								MatchType: 'Equals',
								Value: matching ? value : 'no-such-value',
								RoleARN: demo.roles.editor
							}
						]
					}
				}
			];
		})
	);
}

function trustFor(
	setting: DemoSettings['trust'],
	amr: 'authenticated' | 'unauthenticated'
): PolicyDocument {
	if (setting === 'wrong-aud') {
		return cognitoTrustPolicy('us-east-1:99999999-9999-4999-8999-999999999999', amr);
	}
	if (setting === 'wrong-amr') {
		return cognitoTrustPolicy(
			demo.identityPoolId,
			amr === 'authenticated' ? 'unauthenticated' : 'authenticated'
		);
	}
	if (setting === 'no-conditions') {
		return {
			Version: '2012-10-17',
			Statement: [
				{
					Sid: 'TrustAnyPool',
					Effect: 'Allow',
					Principal: { Federated: 'cognito-identity.amazonaws.com' },
					Action: 'sts:AssumeRoleWithWebIdentity'
				}
			]
		};
	}
	return cognitoTrustPolicy(demo.identityPoolId, amr);
}

/**
 * Applies the pool and role switches. Returns the errors AWS would give while making the change:
 * IAM refuses a trust policy with no conditions (IAMR; SECBP), so that role keeps its old policy.
 */
export function applyDemoSettings(world: DemoWorld, settings: Partial<DemoSettings>): AwsError[] {
	const refused: AwsError[] = [];
	if (settings.guestAccess !== undefined) {
		world.updatePool(demo.identityPoolId, { AllowUnauthenticatedIdentities: settings.guestAccess });
	}
	if (settings.classicFlow !== undefined) {
		world.updatePool(demo.identityPoolId, { AllowClassicFlow: settings.classicFlow });
	}
	if (settings.roleMapping !== undefined) {
		const record = world.poolRecord(demo.identityPoolId);
		world.setPoolRoles(demo.identityPoolId, record.roles, demoRoleMappings(settings.roleMapping));
	}
	if (settings.trust !== undefined) {
		const poolRoles = new Set<string>(Object.values(demo.roles));
		for (const role of world.iam.roles.values()) {
			if (!poolRoles.has(role.Arn)) continue;
			const amr = role.Arn === demo.roles.unauthenticated ? 'unauthenticated' : 'authenticated';
			try {
				world.setTrustPolicy(role.RoleName, trustFor(settings.trust, amr));
			} catch (err) {
				if (!isAwsError(err)) throw err;
				if (!refused.some((e) => e.message === err.message)) refused.push(err);
			}
		}
	}
	return refused;
}

export interface DemoLogin {
	login: SignInResult;
	/** The Logins map the app sends, after any breaks. */
	logins: LoginsMap;
	/** Breaks that do not apply to this provider, in words. */
	notApplied: string[];
}

function tamper(login: SignInResult): string {
	if (login.tokenKind === 'saml-response') {
		const xml = base64DecodeText(login.token) ?? '';
		return base64EncodeText(xml.replace(/(<saml:NameID[^>]*>)[^<]*/, '$1admin'));
	}
	if (decodeJwt(login.token).payload) {
		return tamperJwt(login.token, {
			'cognito:preferred_role': demo.roles.admin,
			'cognito:groups': ['admins'],
			email: 'admin@example.com'
		});
	}
	// Opaque access tokens: change one character, as an attacker guessing a token would.
	const last = login.token.at(-1) === 'A' ? 'B' : 'A';
	return login.token.slice(0, -1) + last;
}

/** Signs in at a demo provider and applies the token switches, giving the Logins map to send. */
export async function demoLogin(
	world: DemoWorld,
	provider: DemoProviderId,
	breaks: LoginBreaks = {},
	user = 'alice'
): Promise<DemoLogin> {
	const notApplied: string[] = [];
	const otherPool = !!breaks.otherPoolToken && provider === 'userpool';
	if (breaks.otherPoolToken && !otherPool)
		notApplied.push('otherPoolToken applies to user pools only');
	let login: SignInResult;
	if (breaks.expireToken && provider !== 'developer') {
		// Sign in far enough in the past that the token has already expired now.
		const back = 2 * 86_400_000;
		world.clock.advance(-back);
		try {
			login = await signIn(world, provider, { user, otherPool });
		} finally {
			world.clock.advance(back);
		}
	} else {
		if (breaks.expireToken)
			notApplied.push('expireToken does not apply to developer user identifiers');
		login = await signIn(world, provider, { user, otherPool });
	}
	let token = login.token;
	if (breaks.sendAccessToken) {
		if (login.accessToken) token = login.accessToken;
		else
			notApplied.push(
				`sendAccessToken: ${provider} ${login.tokenKind === 'access-token' ? 'already uses an access token' : 'has no separate access token here'}`
			);
	}
	if (breaks.tamperClaim) {
		if (provider === 'developer')
			notApplied.push('tamperClaim does not apply to developer user identifiers');
		else token = tamper({ ...login, token });
	}
	const key = otherPool ? demo.userPoolProvider : login.loginKey;
	return { login, logins: { [key]: token }, notApplied };
}
