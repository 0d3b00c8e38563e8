import {
	AccessTokenProvider,
	JwtIdentityProvider,
	UserPool,
	World,
	cognitoTrustPolicy,
	isAwsError,
	signJwt,
	type PolicyDocument
} from '../cognito/index.ts';
import type { LabConfig } from './types.ts';
import { labProviders, labUser, labUserPoolSub, type LabProvider } from './providers.ts';

/**
 * Builds a simulator world from a user's configuration: the identity pool with its roles and
 * mappings, IAM roles with their trust and permission policies, and a stand-in for each identity
 * provider the pool names (same Logins key, issuer and client ID, a simulated signing key), so the
 * simulator checks the user's own settings exactly as it checks the demo pool's.
 */

export interface LabWorld {
	world: World;
	config: LabConfig;
	providers: LabProvider[];
	/** What the lab had to assume or could not set up, one sentence each. */
	notes: string[];
}

export interface BuildOptions {
	seed?: number;
	now?: number;
}

const labSamlIssuer = (name: string): string => `https://${name}.saml.lab.invalid`;

function addRole(
	world: World,
	notes: string[],
	name: string,
	trust: PolicyDocument,
	policies: Record<string, PolicyDocument>,
	max?: number
): void {
	try {
		world.iam.createRole({
			RoleName: name,
			AssumeRolePolicyDocument: trust,
			Policies: policies,
			...(max ? { MaxSessionDuration: max } : {})
		});
	} catch (err) {
		if (!isAwsError(err)) throw err;
		// IAM refuses the document, so in AWS this role could not carry it: the role trusts nobody.
		notes.push(
			`IAM refuses the trust policy of ${name} (${err.message}); the lab gives ${name} a trust policy that trusts no identity pool, as IAM leaves it.`
		);
		world.iam.createRole({
			RoleName: name,
			AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
			Policies: policies
		});
	}
}

/** Builds the world for a configuration; the same configuration, seed and time give the same world. */
export async function buildLabWorld(
	config: LabConfig,
	options: BuildOptions = {}
): Promise<LabWorld> {
	const world = await World.create({
		seed: options.seed ?? 1,
		...(options.now !== undefined ? { now: options.now } : {}),
		region: config.region,
		accountId: config.accountId
	});
	const notes: string[] = [];
	const { clock, random } = world;
	const pool = config.pool;
	const providers = labProviders(config);
	for (const p of providers) {
		if (p.kind === 'userpool') {
			const id = p.loginKey.slice(p.loginKey.indexOf('/') + 1);
			const region = p.loginKey.split('.')[1] ?? config.region;
			let up = world.userPools.get(id);
			if (!up) {
				up = new UserPool({ region, id, name: id, key: world.keys.userPool, clock, random });
				world.userPools.set(id, up);
			}
			up.addClient(p.clientId, p.clientId);
			// The lab user exists in the user pool, so a server-side token check finds them.
			(up.users.get(labUser) ?? up.addUser(labUser)).sub = labUserPoolSub;
		} else if (p.kind === 'google' || p.kind === 'apple' || p.kind === 'oidc') {
			world.addSocialProvider(
				new JwtIdentityProvider({
					id: p.kind,
					label: p.label,
					issuer: `https://${p.loginKey}`,
					key:
						p.kind === 'google'
							? world.keys.google
							: p.kind === 'apple'
								? world.keys.apple
								: world.keys.oidc,
					clientId: p.clientId,
					clock,
					random
				})
			);
			if (p.kind === 'oidc') {
				const arn =
					pool.OpenIdConnectProviderARNs?.find((a) => a.endsWith(`oidc-provider/${p.loginKey}`)) ??
					'';
				world.iam.createOpenIdConnectProvider(
					`https://${p.loginKey}`,
					config.oidcClientIds[arn] ?? [p.clientId]
				);
			}
		} else if (p.kind === 'facebook' || p.kind === 'amazon') {
			world.addSocialProvider(
				new AccessTokenProvider({ id: p.kind, appId: p.clientId, clock, random })
			);
		} else if (p.kind === 'saml') {
			const name = p.loginKey.slice(p.loginKey.lastIndexOf('/') + 1);
			world.addSamlProvider(name, labSamlIssuer(name), world.keys.oidc);
		}
	}
	for (const key of Object.keys(pool.SupportedLoginProviders ?? {}))
		if (key === 'api.twitter.com' || key === 'www.digits.com')
			notes.push(`${key} is configured, but the lab does not simulate it.`);

	for (const role of Object.values(config.iamRoles)) {
		const isGuest = role.Arn === config.roles['unauthenticated'];
		let trust = role.AssumeRolePolicyDocument;
		if (!trust) {
			trust = cognitoTrustPolicy(
				pool.IdentityPoolId,
				isGuest ? 'unauthenticated' : 'authenticated'
			);
			notes.push(
				`No trust policy was given for ${role.RoleName}; the lab assumes the documented one (aud = this pool, amr = ${isGuest ? 'unauthenticated' : 'authenticated'}). Paste aws iam get-role output to check the real one.`
			);
		}
		if (Object.keys(role.Policies).length === 0)
			notes.push(
				`No permission policy was given for ${role.RoleName}, so its credentials may do nothing here.`
			);
		addRole(world, notes, role.RoleName, trust, role.Policies, role.MaxSessionDuration);
	}
	world.pools.set(pool.IdentityPoolId, {
		pool: structuredClone(pool),
		roles: { ...config.roles },
		...(config.roleMappings ? { roleMappings: structuredClone(config.roleMappings) } : {}),
		createdAt: clock.now()
	});
	return { world, config, providers, notes };
}

/** Signs the lab user in at a provider with the claims given and returns what goes in Logins. */
export async function issueToken(
	lab: LabWorld,
	provider: LabProvider,
	claims: Record<string, unknown>
): Promise<string> {
	const { world } = lab;
	if (provider.kind === 'userpool') {
		const id = provider.loginKey.slice(provider.loginKey.indexOf('/') + 1);
		const up = world.userPools.get(id);
		if (!up) throw new Error(`No user pool ${id}`);
		return signJwt({ iss: `https://${provider.loginKey}`, ...claims }, up.key);
	}
	if (provider.kind === 'facebook' || provider.kind === 'amazon') {
		const p = world.socialProviders.get(provider.loginKey) as AccessTokenProvider;
		const aud = typeof claims['aud'] === 'string' ? claims['aud'] : provider.clientId;
		return p.issueAccessToken(labUser, { appId: aud });
	}
	if (provider.kind === 'saml') {
		const idp = world.samlProviders.get(provider.loginKey);
		if (!idp) throw new Error(`No SAML provider ${provider.loginKey}`);
		const roleKey = 'https://aws.amazon.com/SAML/Attributes/Role';
		const attributes: Record<string, string[]> = {};
		for (const [k, v] of Object.entries(claims))
			if (k !== roleKey) attributes[k] = (Array.isArray(v) ? v : [v]).map(String);
		const roles = claims[roleKey];
		idp.addUser(labUser, {
			attributes,
			roleArns: (Array.isArray(roles) ? roles : roles ? [roles] : []).map(String)
		});
		return idp.issueResponse(labUser);
	}
	const p = world.socialProviders.get(provider.loginKey) as JwtIdentityProvider;
	return signJwt({ iss: `https://${provider.loginKey}`, ...claims }, p.key);
}
