import type { SimClock } from './clock.ts';
import { signJwt, type SigningKey } from './jwt.ts';
import type { SeededRandom } from './random.ts';

/**
 * Social and OpenID Connect identity providers. Google, Sign in with Apple and generic OIDC issue
 * signed ID tokens; Facebook and Login with Amazon issue opaque access tokens that the identity pool
 * checks with the provider, as the fact sheet describes (1.0; 2.1).
 */

export type SocialProviderId = 'google' | 'apple' | 'oidc' | 'facebook' | 'amazon';

export interface JwtIdpOptions {
	id: 'google' | 'apple' | 'oidc';
	label: string;
	issuer: string;
	key: SigningKey;
	clientId: string;
	clock: SimClock;
	random: SeededRandom;
}

/** An issuer of RS256 ID tokens (Google, Apple, a generic OIDC provider). */
export class JwtIdentityProvider {
	readonly id: 'google' | 'apple' | 'oidc';
	readonly label: string;
	readonly issuer: string;
	readonly key: SigningKey;
	/** The app's client ID at this provider: the token's `aud`. */
	clientId: string;
	tokenValiditySeconds = 3600;
	readonly #subjects = new Map<string, string>();
	readonly #clock: SimClock;
	readonly #random: SeededRandom;

	constructor(options: JwtIdpOptions) {
		this.id = options.id;
		this.label = options.label;
		this.issuer = options.issuer;
		this.key = options.key;
		this.clientId = options.clientId;
		this.#clock = options.clock;
		this.#random = options.random;
	}

	/** The `Logins` key: the issuer without `https://` (EXT open-id). */
	get loginKey(): string {
		return this.issuer.replace(/^https:\/\//, '');
	}

	/** The stable subject for a user name at this provider. */
	subjectOf(user: string): string {
		let sub = this.#subjects.get(user);
		if (!sub) {
			sub =
				this.id === 'google'
					? this.#random.string(21, '0123456789')
					: this.id === 'apple'
						? `000${this.#random.string(3, '0123456789')}.${this.#random.hex(32)}.${this.#random.string(4, '0123456789')}`
						: this.#random.uuid();
			this.#subjects.set(user, sub);
		}
		return sub;
	}

	/** Signs the user in and returns the provider's ID token. */
	async issueIdToken(
		user: string,
		options: { audience?: string; expiresIn?: number; claims?: Record<string, unknown> } = {}
	): Promise<string> {
		const iat = this.#clock.seconds();
		return signJwt(
			{
				iss: this.issuer,
				aud: options.audience ?? this.clientId,
				sub: this.subjectOf(user),
				email: `${user}@example.com`,
				email_verified: true,
				iat,
				exp: iat + (options.expiresIn ?? this.tokenValiditySeconds),
				...options.claims
			},
			this.key
		);
	}
}

export interface OpaqueTokenInfo {
	/** The provider's app ID the token was issued to. */
	aud: string;
	/** The user's ID at the provider. */
	sub: string;
	iss: string;
	exp: number;
	iat: number;
}

/** Facebook and Login with Amazon: opaque access tokens, checked by asking the provider. */
export class AccessTokenProvider {
	readonly id: 'facebook' | 'amazon';
	readonly label: string;
	readonly loginKey: string;
	/** Set to false to simulate the provider not responding (ExternalServiceException). */
	available = true;
	/** The app ID registered at the provider. */
	appId: string;
	tokenValiditySeconds = 3600;
	readonly #tokens = new Map<string, OpaqueTokenInfo>();
	readonly #subjects = new Map<string, string>();
	readonly #clock: SimClock;
	readonly #random: SeededRandom;

	constructor(options: {
		id: 'facebook' | 'amazon';
		appId: string;
		clock: SimClock;
		random: SeededRandom;
	}) {
		this.id = options.id;
		this.label = options.id === 'facebook' ? 'Facebook' : 'Login with Amazon';
		this.loginKey = options.id === 'facebook' ? 'graph.facebook.com' : 'www.amazon.com';
		this.appId = options.appId;
		this.#clock = options.clock;
		this.#random = options.random;
	}

	/** The stable user ID for a user name at this provider. */
	subjectOf(user: string): string {
		let sub = this.#subjects.get(user);
		if (!sub) {
			sub =
				this.id === 'facebook'
					? this.#random.string(16, '0123456789')
					: `amzn1.account.${this.#random.string(28, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`;
			this.#subjects.set(user, sub);
		}
		return sub;
	}

	/** Signs the user in and returns an opaque access token. */
	issueAccessToken(user: string, options: { appId?: string; expiresIn?: number } = {}): string {
		const iat = this.#clock.seconds();
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
		const token =
			this.id === 'facebook'
				? `EAA${this.#random.string(120, alphabet)}`
				: `Atza|${this.#random.string(120, alphabet)}`;
		this.#tokens.set(token, {
			aud: options.appId ?? this.appId,
			sub: this.subjectOf(user),
			iss: this.loginKey,
			iat,
			exp: iat + (options.expiresIn ?? this.tokenValiditySeconds)
		});
		return token;
	}

	/** What the provider says about a token (its debug/profile endpoint), or undefined if unknown. */
	introspect(token: string): OpaqueTokenInfo | undefined {
		const info = this.#tokens.get(token);
		return info ? { ...info } : undefined;
	}
}
