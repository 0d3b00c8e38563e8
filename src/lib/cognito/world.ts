import { SimClock } from './clock.ts';
import { demoKeys } from './demo-keys.ts';
import { errors, toAwsError, type AwsService } from './errors.ts';
import { CognitoIdentityService } from './identity-pool.ts';
import { Iam } from './iam.ts';
import { generateSigningKey, lazySigningKey, type SigningKey } from './jwt.ts';
import { AccessTokenProvider, JwtIdentityProvider } from './providers.ts';
import { SeededRandom } from './random.ts';
import { SamlIdentityProvider } from './saml.ts';
import { authorizeSession, type AuthorizationDecision, type Session } from './sessions.ts';
import { StsService } from './sts.ts';
import { RequestRateLimiter } from './throttling.ts';
import type { TraceEvent, TraceObserver } from './trace.ts';
import type {
	IdentityPool,
	PolicyDocument,
	PrincipalTagAttributeMap,
	RoleMapping
} from './types.ts';
import { UserPool } from './user-pool.ts';
import type { ContextValue } from './policy-evaluator.ts';

/**
 * The simulated world: one AWS account in one Region with Cognito identity pools, IAM, STS and the
 * identity providers around them. Everything is deterministic for a given seed, clock and key set.
 */

export interface WorldKeys {
	userPool: SigningKey;
	otherUserPool: SigningKey;
	google: SigningKey;
	apple: SigningKey;
	oidc: SigningKey;
	cognitoIdentity: SigningKey;
}

export interface WorldOptions {
	/** Seed for IDs, keys and secrets (default 1). */
	seed?: number;
	/** Start of the simulated clock (default 2026-01-15T09:00:00Z). */
	now?: number | Date;
	region?: string;
	accountId?: string;
	/** Signing keys; the embedded demo keys by default. */
	keys?: WorldKeys;
}

export interface PoolRecord {
	pool: IdentityPool;
	roles: Record<string, string>;
	roleMappings?: Record<string, RoleMapping>;
	/** Attributes for access control, by provider name. */
	principalTagMaps?: Record<string, PrincipalTagAttributeMap>;
	createdAt: number;
}

export interface IdentityRecord {
	IdentityId: string;
	IdentityPoolId: string;
	/** Linked logins: provider name to the user's subject at that provider. */
	logins: Map<string, string>;
	CreationDate: number;
	LastModifiedDate: number;
	disabled: boolean;
	mergedInto?: string;
	developerUser?: string;
	extraDeveloperUsers?: string[];
}

/**
 * The embedded demo keys. Each is fetched and imported the first time it signs or verifies (WebCrypto
 * keys are immutable, so worlds share them).
 */
const demoKeySet = Object.fromEntries(
	Object.entries(demoKeys).map(([name, k]) => [name, lazySigningKey(k.kid, k.load)])
) as unknown as WorldKeys;

/** The embedded demo keys, loaded lazily one by one. */
export async function loadDemoKeys(): Promise<WorldKeys> {
	return demoKeySet;
}

/** Generates a fresh random key set (tokens then differ from run to run). */
export async function generateKeys(): Promise<WorldKeys> {
	const names: (keyof WorldKeys)[] = [
		'userPool',
		'otherUserPool',
		'google',
		'apple',
		'oidc',
		'cognitoIdentity'
	];
	const keys = await Promise.all(names.map((n) => generateSigningKey(`generated-${n}-1`)));
	return Object.fromEntries(names.map((n, i) => [n, keys[i]])) as unknown as WorldKeys;
}

/** One account in one Region: pools, identities, IAM, STS, identity providers and issued sessions. */
export class World {
	readonly region: string;
	readonly accountId: string;
	readonly clock: SimClock;
	readonly random: SeededRandom;
	readonly keys: WorldKeys;
	readonly iam: Iam;
	readonly cognitoIdentity: CognitoIdentityService;
	readonly sts: StsService;
	readonly userPools = new Map<string, UserPool>();
	/** Social and OIDC providers by Logins key. */
	readonly socialProviders = new Map<string, JwtIdentityProvider | AccessTokenProvider>();
	/** SAML providers by IAM provider ARN. */
	readonly samlProviders = new Map<string, SamlIdentityProvider>();
	readonly pools = new Map<string, PoolRecord>();
	readonly identities = new Map<string, IdentityRecord>();
	/** `<poolId>|<provider>|<subject>` to identity ID. */
	readonly loginIndex = new Map<string, string>();
	readonly sessions = new Map<string, Session>();
	/** Request-rate quotas (GetId, GetCredentialsForIdentity); off unless `throttling.enable()`. */
	readonly throttling = new RequestRateLimiter();
	readonly #observers = new Set<TraceObserver>();

	constructor(options: WorldOptions & { keys: WorldKeys }) {
		this.region = options.region ?? 'us-east-1';
		this.accountId = options.accountId ?? '111122223333';
		this.clock = new SimClock(options.now);
		this.random = new SeededRandom(options.seed ?? 1);
		this.keys = options.keys;
		this.iam = new Iam(this.accountId, this.random);
		this.cognitoIdentity = new CognitoIdentityService(this);
		this.sts = new StsService(this);
	}

	/** Creates an empty world with the demo keys (or the keys given). */
	static async create(options: WorldOptions = {}): Promise<World> {
		const keys = options.keys ?? (await loadDemoKeys());
		return new World({ ...options, keys });
	}

	/** Subscribes to trace events from every operation; returns the unsubscribe function. */
	observe(observer: TraceObserver): () => void {
		this.#observers.add(observer);
		return () => this.#observers.delete(observer);
	}

	/** Reports one step to the observers. */
	emit(event: Omit<TraceEvent, 'at'>): void {
		if (this.#observers.size === 0) return;
		const full = { ...event, at: this.clock.now() };
		for (const o of this.#observers) o(full);
	}

	/** Runs an operation: traces request, response or error, and turns any failure into an AwsError. */
	async run<T>(
		service: AwsService,
		operation: string,
		input: unknown,
		body: () => Promise<T>
	): Promise<T> {
		this.emit({ kind: 'request', operation, service, ok: true, detail: { input }, factRef: '' });
		try {
			if (service === 'cognito-identity') this.throttling.admit(operation, this.clock.now());
			const output = await body();
			this.emit({
				kind: 'response',
				operation,
				service,
				ok: true,
				detail: { output },
				factRef: ''
			});
			return output;
		} catch (err) {
			const e = toAwsError(err);
			this.emit({
				kind: 'error',
				operation,
				service,
				ok: false,
				detail: { error: e.toJSON() },
				factRef: e.factRef,
				ambiguous: e.ambiguous.length > 0 ? e.ambiguous : undefined
			});
			throw e;
		}
	}

	/** Index key for a linked login. */
	loginKey(poolId: string, provider: string, subject: string): string {
		return `${poolId}|${provider}|${subject}`;
	}

	/** Adds a user pool with a signing key (`<region>_<9 chars>` IDs). */
	createUserPool(name: string, key: SigningKey, id?: string): UserPool {
		const poolId =
			id ??
			`${this.region}_${this.random.string(9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
		const pool = new UserPool({
			region: this.region,
			id: poolId,
			name,
			key,
			clock: this.clock,
			random: this.random
		});
		this.userPools.set(poolId, pool);
		return pool;
	}

	/** The user pool behind a `cognito-idp.<region>.amazonaws.com/<id>` provider name. */
	userPoolByProviderName(providerName: string): UserPool | undefined {
		return [...this.userPools.values()].find((p) => p.providerName === providerName);
	}

	/** Registers a social or OIDC provider under its Logins key. */
	addSocialProvider(provider: JwtIdentityProvider | AccessTokenProvider): void {
		this.socialProviders.set(provider.loginKey, provider);
	}

	/** The social provider for a Logins key (`accounts.google.com`, `graph.facebook.com`, ...). */
	socialProviderByLoginKey(key: string): JwtIdentityProvider | AccessTokenProvider | undefined {
		const p = this.socialProviders.get(key);
		return p && p.id !== 'oidc' ? p : undefined;
	}

	/** The generic OIDC issuer for a Logins key (the issuer host). */
	oidcIssuerByLoginKey(key: string): JwtIdentityProvider | undefined {
		const p = this.socialProviders.get(key);
		return p instanceof JwtIdentityProvider ? p : undefined;
	}

	/** Registers a SAML IdP in IAM and returns it. */
	addSamlProvider(name: string, issuer: string, key: SigningKey): SamlIdentityProvider {
		const providerArn = `arn:aws:iam::${this.accountId}:saml-provider/${name}`;
		const idp = new SamlIdentityProvider({
			issuer,
			providerArn,
			key,
			clock: this.clock,
			random: this.random
		});
		this.samlProviders.set(providerArn, idp);
		return idp;
	}

	/** The pool record, or ResourceNotFoundException. */
	poolRecord(poolId: string): PoolRecord {
		const record = this.pools.get(poolId);
		if (!record) throw errors.resourceNotFound('IdentityPool', poolId);
		return record;
	}

	/** Changes pool settings directly (the "break it" switches); same fields as UpdateIdentityPool. */
	updatePool(poolId: string, patch: Partial<Omit<IdentityPool, 'IdentityPoolId'>>): IdentityPool {
		const record = this.poolRecord(poolId);
		record.pool = { ...record.pool, ...structuredClone(patch) };
		for (const [k, v] of Object.entries(patch))
			if (v === undefined) delete (record.pool as unknown as Record<string, unknown>)[k];
		return structuredClone(record.pool);
	}

	/** Sets default roles and role mappings directly (no signature needed; for the settings panel). */
	setPoolRoles(
		poolId: string,
		roles: Record<string, string>,
		roleMappings?: Record<string, RoleMapping>
	): void {
		const record = this.poolRecord(poolId);
		record.roles = { ...roles };
		record.roleMappings = roleMappings ? structuredClone(roleMappings) : undefined;
	}

	/** Replaces a role's trust policy. */
	setTrustPolicy(roleName: string, document: PolicyDocument): void {
		this.iam.updateAssumeRolePolicy(roleName, document);
	}

	/** Adds or replaces an inline permission policy of a role. */
	setRolePolicy(roleName: string, policyName: string, document: PolicyDocument): void {
		this.iam.putRolePolicy(roleName, policyName, document);
	}

	/** Evaluates whether credentials may perform an action on a resource (explicit deny wins). */
	authorize(
		accessKeyId: string,
		action: string,
		resource: string,
		context?: Record<string, ContextValue>
	): AuthorizationDecision {
		// Callers from the UI may pass anything; a decision is still owed.
		action = String(action ?? '');
		resource = String(resource ?? '');
		const session = this.sessions.get(accessKeyId);
		let decision: AuthorizationDecision;
		if (!session) {
			decision = {
				action,
				resource,
				allowed: false,
				decision: 'unknown-credentials',
				decidedBy: 'The security token included in the request is invalid.',
				ambiguous: []
			};
		} else {
			decision = authorizeSession(session, { action, resource, context }, this.clock.now());
		}
		this.emit({
			kind: 'authorize',
			operation: action,
			service: 'iam',
			ok: decision.allowed,
			detail: {
				Action: action,
				Resource: resource,
				Context: context ?? {},
				Decision: decision.decision,
				DecidedBy: decision.decidedBy,
				RoleArn: session?.role.Arn,
				Variables: session?.variables
			},
			factRef: 'IAMR-2023; ABAC',
			ambiguous: decision.ambiguous.length > 0 ? decision.ambiguous : undefined
		});
		return decision;
	}
}
