import { errors, type AmbiguityNote } from './errors.ts';
import { authenticate } from './identity-auth.ts';
import { cognitoIdentityIssuer, cognitoIdentityProvider } from './login-validation.ts';
import { principalTagsFor } from './principal-tags.ts';
import { selectRole } from './role-selection.ts';
import {
	guestScopeDownNote,
	inlineGuestSessionPolicy,
	managedGuestSessionPolicy,
	managedGuestSessionPolicyArn
} from './scope-down.ts';
import { assumeRole } from './sts.ts';
import type {
	CallContext,
	GetCredentialsForIdentityInput,
	GetCredentialsForIdentityResponse
} from './types.ts';
import { checkId, checkLogins, checkRoleArn, requireObject } from './validation.ts';
import type { World } from './world.ts';

/**
 * The enhanced flow's credentials: GetCredentialsForIdentity picks the role, scopes guests down and
 * assumes the role inside AWS on the caller's behalf (AF; BLOG4).
 */

export const enhancedTrustNote: AmbiguityNote = {
	topic: 'trust-policies',
	note: "AWS documents this ambiguously: in the enhanced flow the role's trust policy must accept Cognito, but whether Cognito adds checks of its own is not documented; the simulator evaluates the same trust policy as STS does in the basic flow.",
	factRef: 'SDK-CI; RTP'
};

/** GetCredentialsForIdentity (enhanced flow): Cognito picks the role and assumes it for you. */
export async function getCredentialsForIdentity(
	world: World,
	input: GetCredentialsForIdentityInput,
	_ctx?: CallContext
): Promise<GetCredentialsForIdentityResponse> {
	const operation = 'GetCredentialsForIdentity';
	return world.run('cognito-identity', operation, input, async () => {
		const obj = requireObject(input);
		const identityId = checkId(obj, 'IdentityId') ?? '';
		const logins = checkLogins(obj);
		const customRoleArn = checkRoleArn(obj, 'CustomRoleArn');
		const { pool, identity, validated, amr } = await authenticate(
			world,
			operation,
			identityId,
			logins
		);
		const authenticated = amr.includes('authenticated');
		const selection = selectRole({
			authenticated,
			roles: pool.roles,
			roleMappings: pool.roleMappings,
			customRoleArn,
			logins: validated.map((l) => ({
				providerName: l.providerName,
				mappingKey: l.mappingKey,
				claims: l.claims,
				tokenRoles: l.tokenRoles,
				preferredRole: l.preferredRole,
				developer: l.kind === 'cognito',
				saml: l.kind === 'saml'
			}))
		});
		world.emit({
			kind: 'choose-role',
			operation,
			service: 'cognito-identity',
			ok: selection.ok,
			detail: {
				Authenticated: authenticated,
				Roles: pool.roles,
				RoleMappings: pool.roleMappings ?? {},
				CustomRoleArn: customRoleArn,
				Source: selection.source,
				RoleArn: selection.ok ? selection.roleArn : undefined,
				Rule: selection.ok ? selection.rule : undefined,
				MappingKey: selection.mappingKey,
				Explanation: selection.explanation
			},
			factRef: 'RBAC; UPG; API-GCFI',
			...(selection.ambiguous ? { ambiguous: selection.ambiguous } : {})
		});
		if (!selection.ok) throw selection.error;
		const role = world.iam.roleByArn(selection.roleArn);
		if (!role) {
			throw errors.invalidConfiguration(
				`The role ${selection.roleArn} does not exist, so Cognito cannot assume it.`
			);
		}
		const sessionPolicies = authenticated
			? []
			: [
					{ name: 'Cognito guest scope-down policy', document: inlineGuestSessionPolicy },
					{
						name: 'managed session policy AmazonCognitoUnAuthedIdentitiesSessionPolicy',
						document: managedGuestSessionPolicy
					}
				];
		const ambiguous: AmbiguityNote[] = authenticated ? [] : [guestScopeDownNote];
		if (!authenticated) {
			world.emit({
				kind: 'scope-down',
				operation,
				service: 'cognito-identity',
				ok: true,
				detail: {
					Policy: inlineGuestSessionPolicy,
					PolicyArns: [{ arn: managedGuestSessionPolicyArn }],
					Note: 'Guest credentials in the enhanced flow get only what both the role and this allow-list allow.'
				},
				factRef: 'IAMR-2023; MP-NEW',
				ambiguous
			});
		}
		const mapped = principalTagsFor(validated, pool.principalTagMaps);
		const principalTags =
			validated.find((l) => l.cognitoToken)?.cognitoToken?.principalTags ??
			(Object.keys(mapped.tags).length > 0 ? mapped.tags : undefined);
		ambiguous.push(...mapped.ambiguous);
		world.emit({
			kind: 'assume-role',
			operation,
			service: 'sts',
			ok: true,
			detail: {
				Caller: 'Amazon Cognito (inside AWS)',
				RoleArn: role.Arn,
				RoleSessionName: 'CognitoIdentityCredentials',
				WebIdentityClaims: {
					iss: cognitoIdentityIssuer,
					aud: pool.pool.IdentityPoolId,
					sub: identity.IdentityId,
					amr
				},
				DurationSeconds: 3600,
				...(authenticated
					? {}
					: {
							PolicyArns: [{ arn: managedGuestSessionPolicyArn }],
							Policy: '(inline scope-down policy)'
						})
			},
			factRef: 'AF; AF-2023; BLOG4; IAMR-2023'
		});
		const { session } = assumeRole(world, {
			operation,
			role,
			roleSessionName: 'CognitoIdentityCredentials',
			claims: {
				provider: cognitoIdentityProvider,
				aud: pool.pool.IdentityPoolId,
				sub: identity.IdentityId,
				amr,
				principalTags
			},
			durationSeconds: 3600,
			sessionPolicies,
			flow: 'enhanced',
			identityPoolId: pool.pool.IdentityPoolId,
			onDenied: () => {
				const err = errors.invalidConfiguration(
					`The trust policy of ${role.RoleName} does not let cognito-identity.amazonaws.com assume it for this identity (check the aud and amr conditions).`
				);
				err.ambiguous.push(enhancedTrustNote);
				return err;
			},
			ambiguous
		});
		const response: GetCredentialsForIdentityResponse = {
			IdentityId: identity.IdentityId,
			Credentials: {
				AccessKeyId: session.accessKeyId,
				SecretKey: session.secretAccessKey,
				SessionToken: session.sessionToken,
				Expiration: new Date(session.expiration)
			}
		};
		world.emit({
			kind: 'issue-credentials',
			operation,
			service: 'cognito-identity',
			ok: true,
			detail: {
				IdentityId: identity.IdentityId,
				RoleArn: role.Arn,
				AccessKeyId: session.accessKeyId,
				Expiration: response.Credentials.Expiration.toISOString(),
				LifetimeSeconds: 3600
			},
			factRef: 'AF; SDK-CI',
			ambiguous
		});
		return response;
	});
}
