import { errors } from './errors.ts';

/**
 * Request-rate quotas of identity pools, as an optional setting of the simulated world. AWS counts
 * requests per operation, per account and Region, in requests per second (QUOTA-2023); over the
 * quota a call fails with TooManyRequestsException. Off by default so that demo runs never meet it.
 */

/**
 * Default quotas in requests per second (adjustable in Service Quotas). GetId 25: the live quotas
 * page, as quoted in aws-amplify/amplify-android#3001 and QUOTA-2023. GetCredentialsForIdentity
 * 200: QUOTA-2023 (the 2023 guide; the live value was not re-read).
 */
export const identityPoolRateQuotas: Readonly<Record<string, number>> = {
	GetId: 25,
	GetCredentialsForIdentity: 200
};

const windowMs = 1000;

/** Counts accepted requests per operation over the last second of the simulated clock. */
export class RequestRateLimiter {
	#limits: Record<string, number> | undefined;
	readonly #accepted = new Map<string, number[]>();

	/** Whether quotas are enforced. */
	get enabled(): boolean {
		return this.#limits !== undefined;
	}

	/** The enforced quotas (requests per second, by operation), or undefined when off. */
	get limits(): Readonly<Record<string, number>> | undefined {
		return this.#limits ? { ...this.#limits } : undefined;
	}

	/** Enforces the given quotas (AWS's defaults unless others are given, as after an increase). */
	enable(limits: Readonly<Record<string, number>> = identityPoolRateQuotas): void {
		this.#limits = { ...limits };
		this.#accepted.clear();
	}

	/** Stops enforcing quotas and forgets what was counted. */
	disable(): void {
		this.#limits = undefined;
		this.#accepted.clear();
	}

	/**
	 * Admits one request at `now`, or throws TooManyRequestsException when the operation already
	 * had its quota of requests in the second before. Refused requests are not counted.
	 */
	admit(operation: string, now: number): void {
		const limit = this.#limits?.[operation];
		if (limit === undefined) return;
		const recent = (this.#accepted.get(operation) ?? []).filter(
			(t) => t > now - windowMs && t <= now
		);
		if (recent.length >= limit) {
			this.#accepted.set(operation, recent);
			throw errors.tooManyRequests(operation, limit);
		}
		recent.push(now);
		this.#accepted.set(operation, recent);
	}
}
