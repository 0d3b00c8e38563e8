import type { AmbiguityNote } from './errors.ts';
import { signJwt } from './jwt.ts';
import { cognitoIdentityIssuer } from './login-validation.ts';
import type { World } from './world.ts';

export const developerTokenLifetimeNote: AmbiguityNote = {
	topic: 'lifetimes',
	note: 'AWS documents this ambiguously: the TokenDuration reference says STS credentials from a developer token last at most one hour, which conflicts with the STS 1-12 hour rule; the simulator follows STS.',
	factRef: 'SDK-CI; SDK-STS'
};

/**
 * Signs a Cognito OpenID token (GetOpenIdToken, GetOpenIdTokenForDeveloperIdentity): `aud` is the
 * pool, `sub` the identity, and principal tags ride in the AWS tags claim.
 */
export async function issueToken(
	world: World,
	operation: string,
	poolId: string,
	identityId: string,
	amr: string[],
	seconds: number,
	principalTags?: Record<string, string>
): Promise<string> {
	const iat = world.clock.seconds();
	const payload: Record<string, unknown> = {
		iss: cognitoIdentityIssuer,
		sub: identityId,
		aud: poolId,
		amr,
		iat,
		exp: iat + seconds
	};
	if (principalTags && Object.keys(principalTags).length > 0) {
		payload['https://aws.amazon.com/tags'] = {
			principal_tags: Object.fromEntries(Object.entries(principalTags).map(([k, v]) => [k, [v]]))
		};
	}
	const token = await signJwt(payload, world.keys.cognitoIdentity);
	world.emit({
		kind: 'issue-token',
		operation,
		service: 'cognito-identity',
		ok: true,
		detail: { Claims: payload, LifetimeSeconds: seconds },
		factRef: operation === 'GetOpenIdToken' ? 'AF; SDK-CI' : 'DEV; SDK-CI',
		ambiguous: operation === 'GetOpenIdToken' ? undefined : [developerTokenLifetimeNote]
	});
	return token;
}
