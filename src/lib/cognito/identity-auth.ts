import { errors } from './errors.ts';
import { resolveIdentity, usableIdentity } from './identity-store.ts';
import { validateLogin, type ValidatedLogin } from './login-validation.ts';
import type { IdentityRecord, PoolRecord, World } from './world.ts';

/**
 * How the public Cognito Identity operations prove who is calling: every login token is validated,
 * and the logins must belong to the identity the call names (AF-2023).
 */

/** Validates each login of a call, emitting one trace event per login; the first failure throws. */
export async function validateAll(
	world: World,
	operation: string,
	pool: PoolRecord,
	logins: Record<string, string>
): Promise<ValidatedLogin[]> {
	const out: ValidatedLogin[] = [];
	for (const [providerName, token] of Object.entries(logins)) {
		try {
			const login = await validateLogin(world, pool.pool, providerName, token);
			world.emit({
				kind: 'validate-login',
				operation,
				service: 'cognito-identity',
				ok: true,
				detail: {
					ProviderName: providerName,
					Kind: login.kind,
					Subject: login.subject,
					Claims: login.claims
				},
				factRef: 'AF-2023; AF'
			});
			out.push(login);
		} catch (err) {
			const e = err as { name?: string; message?: string };
			world.emit({
				kind: 'validate-login',
				operation,
				service: 'cognito-identity',
				ok: false,
				detail: { ProviderName: providerName, Error: { name: e.name, message: e.message } },
				factRef: 'AF-2023'
			});
			throw err;
		}
	}
	return out;
}

/** The external (non-Cognito) logins of a call, as identity links. */
export function authLogins(
	validated: ValidatedLogin[]
): { providerName: string; subject: string }[] {
	return validated
		.filter((l) => l.kind !== 'cognito')
		.map((l) => ({ providerName: l.providerName, subject: l.subject }));
}

/** Refuses guest calls on a pool without unauthenticated identities (IDP). */
export function checkGuest(pool: PoolRecord): void {
	if (!pool.pool.AllowUnauthenticatedIdentities) throw errors.unauthenticatedNotSupported();
}

export interface Authenticated {
	pool: PoolRecord;
	identity: IdentityRecord;
	validated: ValidatedLogin[];
	amr: string[];
}

/** Shared by GetCredentialsForIdentity and GetOpenIdToken: checks logins against the identity. */
export async function authenticate(
	world: World,
	operation: string,
	identityId: string,
	logins: Record<string, string> | undefined
): Promise<Authenticated> {
	const identity = usableIdentity(world, identityId);
	const pool = world.poolRecord(identity.IdentityPoolId);
	if (!logins || Object.keys(logins).length === 0) {
		if (identity.logins.size > 0) throw errors.loginsDontMatch();
		checkGuest(pool);
		return { pool, identity, validated: [], amr: ['unauthenticated'] };
	}
	const validated = await validateAll(world, operation, pool, logins);
	const dev = validated.find((l) => l.cognitoToken);
	if (dev?.cognitoToken) {
		if (dev.cognitoToken.identityId !== identity.IdentityId) throw errors.loginsDontMatch();
		return { pool, identity, validated, amr: dev.cognitoToken.amr };
	}
	const resolved = resolveIdentity(world, operation, pool, authLogins(validated), identity);
	return {
		pool,
		identity: resolved,
		validated,
		amr: ['authenticated', ...[...resolved.logins.keys()].filter((k) => k in logins)]
	};
}
