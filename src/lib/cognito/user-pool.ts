import type { SimClock } from './clock.ts';
import { errors } from './errors.ts';
import { signJwt, type SigningKey } from './jwt.ts';
import type { SeededRandom } from './random.ts';

/**
 * A Cognito user pool as an identity provider: users, app clients and groups, issuing ID and access
 * tokens shaped like the real ones (UPG; UPIP; REPOST-AUD).
 */

export interface UserPoolGroup {
	GroupName: string;
	RoleArn?: string;
	/** Non-negative; 0 is the highest priority; lower beats higher or none (UPG). */
	Precedence?: number;
}

export interface UserPoolUser {
	username: string;
	sub: string;
	password: string;
	attributes: Record<string, string>;
	groups: string[];
	/** Set by a global sign-out: tokens issued before this time fail a server-side token check. */
	signedOutAt?: number;
	deleted: boolean;
}

export interface UserPoolClient {
	ClientId: string;
	ClientName: string;
}

export interface UserPoolTokens {
	IdToken: string;
	AccessToken: string;
	RefreshToken: string;
	ExpiresIn: number;
	TokenType: 'Bearer';
}

export interface UserPoolOptions {
	region: string;
	id: string;
	name: string;
	key: SigningKey;
	clock: SimClock;
	random: SeededRandom;
	/** ID and access token lifetime in seconds (5 minutes to 1 day; default 1 hour). */
	tokenValiditySeconds?: number;
}

/** Works out `cognito:preferred_role` from group precedence (UPG; RBAC). */
export function preferredRole(groups: readonly UserPoolGroup[]): string | undefined {
	const withRoles = groups.filter((g) => g.RoleArn);
	if (withRoles.length === 0) return undefined;
	const rank = (g: UserPoolGroup): number => g.Precedence ?? Number.POSITIVE_INFINITY;
	const best = Math.min(...withRoles.map(rank));
	const top = new Set(withRoles.filter((g) => rank(g) === best).map((g) => g.RoleArn));
	// Equal precedence with different roles leaves the preferred role unset.
	return top.size === 1 ? [...top][0] : undefined;
}

/** One user pool: its users, app clients and groups, and the tokens it signs. */
export class UserPool {
	readonly region: string;
	readonly id: string;
	readonly name: string;
	readonly key: SigningKey;
	tokenValiditySeconds: number;
	readonly users = new Map<string, UserPoolUser>();
	readonly clients = new Map<string, UserPoolClient>();
	readonly groups = new Map<string, UserPoolGroup>();
	readonly #clock: SimClock;
	readonly #random: SeededRandom;

	constructor(options: UserPoolOptions) {
		this.region = options.region;
		this.id = options.id;
		this.name = options.name;
		this.key = options.key;
		this.tokenValiditySeconds = options.tokenValiditySeconds ?? 3600;
		this.#clock = options.clock;
		this.#random = options.random;
	}

	/** The token issuer URL, `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
	get issuer(): string {
		return `https://cognito-idp.${this.region}.amazonaws.com/${this.id}`;
	}

	/** The identity pool `Logins` key and `ProviderName`: the issuer without the scheme (UPIP). */
	get providerName(): string {
		return `cognito-idp.${this.region}.amazonaws.com/${this.id}`;
	}

	/** Adds an app client; the ID is 26 lowercase alphanumerics like the real ones. */
	addClient(name: string, clientId?: string): UserPoolClient {
		const client = {
			ClientId: clientId ?? this.#random.string(26, 'abcdefghijklmnopqrstuvwxyz0123456789'),
			ClientName: name
		};
		this.clients.set(client.ClientId, client);
		return client;
	}

	/** Adds or replaces a group. */
	putGroup(group: UserPoolGroup): void {
		this.groups.set(group.GroupName, { ...group });
	}

	/** Adds a user; `sub` is a stable UUID from the seeded random source. */
	addUser(
		username: string,
		options: { password?: string; attributes?: Record<string, string>; groups?: string[] } = {}
	): UserPoolUser {
		const user: UserPoolUser = {
			username,
			sub: this.#random.uuid(),
			password: options.password ?? 'Passw0rd!',
			attributes: { ...(options.attributes ?? {}) },
			groups: [...(options.groups ?? [])],
			deleted: false
		};
		this.users.set(username, user);
		return user;
	}

	/** Puts a user in a group. */
	addUserToGroup(username: string, groupName: string): void {
		const user = this.users.get(username);
		if (user && !user.groups.includes(groupName)) user.groups.push(groupName);
	}

	/** GlobalSignOut: tokens issued before now fail a server-side token check. */
	globalSignOut(username: string): void {
		const user = this.users.get(username);
		if (user) user.signedOutAt = this.#clock.seconds();
	}

	/** AdminDeleteUser. */
	deleteUser(username: string): void {
		const user = this.users.get(username);
		if (user) user.deleted = true;
	}

	/** The user's groups, sorted by precedence, as the ID token lists them. */
	groupsOf(user: UserPoolUser): UserPoolGroup[] {
		return user.groups
			.map((g) => this.groups.get(g))
			.filter((g): g is UserPoolGroup => g !== undefined);
	}

	/** Whether a token issued at `iat` for this subject is still honoured (ServerSideTokenCheck). */
	isTokenRevoked(sub: string, iat: number): boolean {
		const user = [...this.users.values()].find((u) => u.sub === sub);
		if (!user || user.deleted) return true;
		return user.signedOutAt !== undefined && iat <= user.signedOutAt;
	}

	/** Signs a user in through an app client (like InitiateAuth) and issues ID and access tokens. */
	async signIn(
		username: string,
		clientId: string,
		password?: string,
		validitySeconds = this.tokenValiditySeconds
	): Promise<UserPoolTokens> {
		const user = this.users.get(username);
		const client = this.clients.get(clientId);
		if (!client) throw errors.invalidParameter(`User pool client ${clientId} does not exist.`);
		if (!user || user.deleted || (password !== undefined && password !== user.password)) {
			throw errors.notAuthorized('Incorrect username or password.', {
				explanation: 'The user pool did not accept the user name and password.',
				fix: 'Check the credentials of the demo user.',
				factRef: 'SCEN'
			});
		}
		const iat = this.#clock.seconds();
		const exp = iat + validitySeconds;
		const groups = this.groupsOf(user);
		const roles = [...new Set(groups.map((g) => g.RoleArn).filter((r): r is string => !!r))];
		const preferred = preferredRole(groups);
		const common = { sub: user.sub, iss: this.issuer, auth_time: iat, iat, exp };
		const groupClaims: Record<string, unknown> = {};
		if (groups.length > 0) groupClaims['cognito:groups'] = groups.map((g) => g.GroupName);
		if (roles.length > 0) groupClaims['cognito:roles'] = roles;
		if (preferred) groupClaims['cognito:preferred_role'] = preferred;
		const idPayload = {
			...common,
			...groupClaims,
			aud: client.ClientId,
			token_use: 'id',
			'cognito:username': user.username,
			event_id: this.#random.uuid(),
			jti: this.#random.uuid(),
			email_verified: true,
			...user.attributes
		};
		const accessPayload = {
			...common,
			...(groups.length > 0 ? { 'cognito:groups': groupClaims['cognito:groups'] } : {}),
			client_id: client.ClientId,
			token_use: 'access',
			scope: 'aws.cognito.signin.user.admin',
			username: user.username,
			event_id: idPayload.event_id,
			jti: this.#random.uuid(),
			origin_jti: this.#random.uuid()
		};
		const [IdToken, AccessToken] = await Promise.all([
			signJwt(idPayload, this.key),
			signJwt(accessPayload, this.key)
		]);
		return {
			IdToken,
			AccessToken,
			RefreshToken: this.#random.string(
				64,
				'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
			),
			ExpiresIn: validitySeconds,
			TokenType: 'Bearer'
		};
	}
}
