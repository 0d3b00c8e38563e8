import type { ProviderId } from '../flows/catalogue.ts';
import type { LabConfig } from './types.ts';

/**
 * The sign-in options a configuration has, and the lab user's token claims at each: what the
 * lab's pickers show before anything runs, so the lab screen loads without the simulator (which
 * ./build-world.ts and ./lab-run.ts bring when a flow runs).
 */

/** One sign-in option of the pool, as the lab's pickers show it. */
export interface LabProvider {
	/** Stable within one configuration, e.g. `userpool:eu-west-1_NotesUsr1:<client>`. */
	id: string;
	/** The kind of provider, which decides the token and the diagram's wording. */
	kind: ProviderId;
	label: string;
	/** The key the app puts in Logins. */
	loginKey: string;
	/** The key of this provider in RoleMappings (user pools add `:<app client ID>`). */
	mappingKey: string;
	/** The client (audience) ID the pool expects in the token. */
	clientId: string;
}

/** The lab's one user at every provider. */
export const labUser = 'lab-user';

/** The lab user's `sub` in every user pool. */
export const labUserPoolSub = '7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b';

/** The same start time for every lab run, so a run repeats exactly. */
export const labStart = Date.UTC(2026, 0, 15, 12, 0, 0);

/** The sign-in options a configuration has, without building a world. */
export function labProviders(config: LabConfig): LabProvider[] {
	const out: LabProvider[] = [];
	const pool = config.pool;
	for (const up of pool.CognitoIdentityProviders ?? []) {
		if (!up.ProviderName || !up.ClientId) continue;
		const id = up.ProviderName.slice(up.ProviderName.indexOf('/') + 1);
		out.push({
			id: `userpool:${id}:${up.ClientId}`,
			kind: 'userpool',
			label: `User pool ${id} (client ${up.ClientId})`,
			loginKey: up.ProviderName,
			mappingKey: `${up.ProviderName}:${up.ClientId}`,
			clientId: up.ClientId
		});
	}
	const social: Record<string, { kind: ProviderId; label: string }> = {
		'accounts.google.com': { kind: 'google', label: 'Google' },
		'graph.facebook.com': { kind: 'facebook', label: 'Facebook' },
		'www.amazon.com': { kind: 'amazon', label: 'Login with Amazon' },
		'appleid.apple.com': { kind: 'apple', label: 'Sign in with Apple' }
	};
	for (const [key, appId] of Object.entries(pool.SupportedLoginProviders ?? {})) {
		const s = social[key];
		if (!s) continue;
		out.push({
			id: key,
			kind: s.kind,
			label: s.label,
			loginKey: key,
			mappingKey: key,
			clientId: appId.split(',')[0]?.trim() ?? appId
		});
	}
	for (const arn of pool.OpenIdConnectProviderARNs ?? []) {
		const host = arn.slice(arn.indexOf('oidc-provider/') + 'oidc-provider/'.length);
		out.push({
			id: `oidc:${host}`,
			kind: 'oidc',
			label: `OpenID Connect ${host}`,
			loginKey: host,
			mappingKey: host,
			clientId: config.oidcClientIds[arn]?.[0] ?? 'your-client-id'
		});
	}
	for (const arn of pool.SamlProviderARNs ?? []) {
		out.push({
			id: `saml:${arn}`,
			kind: 'saml',
			label: `SAML ${arn.slice(arn.lastIndexOf('/') + 1)}`,
			loginKey: arn,
			mappingKey: arn,
			clientId: 'urn:amazon:webservices'
		});
	}
	return out;
}

/** The claims a provider's token carries for the lab user before any edits (`now` in epoch seconds). */
export function defaultClaims(
	config: LabConfig,
	provider: LabProvider,
	now: number
): Record<string, unknown> {
	switch (provider.kind) {
		case 'userpool':
			return {
				iss: `https://${provider.loginKey}`,
				sub: labUserPoolSub,
				aud: provider.clientId,
				token_use: 'id',
				'cognito:username': labUser,
				email: 'lab-user@example.com',
				iat: now,
				exp: now + 3600
			};
		case 'facebook':
		case 'amazon':
			return { aud: provider.clientId };
		case 'saml':
			return {
				'https://aws.amazon.com/SAML/Attributes/Role': Object.values(config.iamRoles)
					.map((r) => r.Arn)
					.slice(0, 1)
			};
		default:
			return {
				iss: `https://${provider.loginKey}`,
				sub: '108877665544332211009',
				aud: provider.clientId,
				iat: now,
				exp: now + 3600
			};
	}
}
