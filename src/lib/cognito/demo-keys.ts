/**
 * Demo RSA-2048 signing keys (RS256), generated once with WebCrypto so that a demo world signs the
 * same tokens for the same seed and clock. They sign simulated tokens only and protect nothing.
 * Each key is its own module, loaded on first use, so a page fetches only the keys its flow signs with.
 */

export interface DemoKey {
	kid: string;
	load: () => Promise<JsonWebKey>;
}

export const demoKeys = {
	userPool: {
		kid: 'demo-user-pool-1',
		load: () => import('./demo-keys/user-pool.ts').then((m) => m.jwk)
	},
	otherUserPool: {
		kid: 'demo-other-user-pool-1',
		load: () => import('./demo-keys/other-user-pool.ts').then((m) => m.jwk)
	},
	google: { kid: 'demo-google-1', load: () => import('./demo-keys/google.ts').then((m) => m.jwk) },
	apple: { kid: 'demo-apple-1', load: () => import('./demo-keys/apple.ts').then((m) => m.jwk) },
	oidc: { kid: 'demo-oidc-1', load: () => import('./demo-keys/oidc.ts').then((m) => m.jwk) },
	cognitoIdentity: {
		kid: 'demo-cognito-identity-1',
		load: () => import('./demo-keys/cognito-identity.ts').then((m) => m.jwk)
	}
} satisfies Record<string, DemoKey>;
