import { errors } from './errors.ts';
import type { SeededRandom } from './random.ts';
import type { IamRole, PolicyDocument } from './types.ts';

/**
 * The IAM side of the world: roles with trust and permission policies, and the OIDC and SAML
 * identity providers registered in the account.
 */

export interface OidcProviderRecord {
	Arn: string;
	/** Issuer host and path, e.g. `login.example.com`. */
	Url: string;
	ClientIDList: string[];
}

export interface CreateRoleInput {
	RoleName: string;
	AssumeRolePolicyDocument: PolicyDocument;
	MaxSessionDuration?: number;
	Policies?: Record<string, PolicyDocument>;
	Description?: string;
}

const roleArnPattern = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

/** Splits a role ARN into account and role name, or undefined when it is not one. */
export function parseRoleArn(arn: string): { accountId: string; roleName: string } | undefined {
	const m = roleArnPattern.exec(arn);
	return m ? { accountId: m[1] ?? '', roleName: m[2] ?? '' } : undefined;
}

/** Whether a trust policy lets cognito-identity.amazonaws.com in without an `aud` condition, which IAM refuses (IAMR; SECBP). */
export function openCognitoTrustStatement(document: PolicyDocument): boolean {
	const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
	return statements.some((st) => {
		if (st.Effect !== 'Allow' || !st.Principal || st.Principal === '*') return false;
		const federated = st.Principal['Federated'];
		const ids = Array.isArray(federated) ? federated : [federated];
		if (!ids.includes('cognito-identity.amazonaws.com')) return false;
		const keys = Object.values(st.Condition ?? {}).flatMap((block) => Object.keys(block));
		return !keys.some((k) => k.toLowerCase() === 'cognito-identity.amazonaws.com:aud');
	});
}

/** The account's IAM: roles and the OIDC providers registered in it. */
export class Iam {
	readonly accountId: string;
	readonly roles = new Map<string, IamRole>();
	readonly oidcProviders = new Map<string, OidcProviderRecord>();
	/** IAM users by ARN with their inline policies. */
	readonly users = new Map<
		string,
		{ UserName: string; Arn: string; Policies: Record<string, PolicyDocument> }
	>();
	/** Long-term access keys by access key ID, with the principal they sign as (SigV4). */
	readonly accessKeys = new Map<string, { secretAccessKey: string; principalArn: string }>();
	readonly #random: SeededRandom;

	constructor(accountId: string, random: SeededRandom) {
		this.accountId = accountId;
		this.#random = random;
	}

	/** Creates (or replaces) a role; MaxSessionDuration defaults to one hour. */
	createRole(input: CreateRoleInput): IamRole {
		if (openCognitoTrustStatement(input.AssumeRolePolicyDocument))
			throw errors.iamOpenCognitoTrust();
		const max = input.MaxSessionDuration ?? 3600;
		if (!Number.isInteger(max) || max < 3600 || max > 43200) {
			throw errors.iamValidation(
				`1 validation error detected: Value '${max}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200`
			);
		}
		const role: IamRole = {
			RoleName: input.RoleName,
			Arn: `arn:aws:iam::${this.accountId}:role/${input.RoleName}`,
			RoleId: `AROA${this.#random.string(17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
			AssumeRolePolicyDocument: structuredClone(input.AssumeRolePolicyDocument),
			MaxSessionDuration: max,
			Policies: structuredClone(input.Policies ?? {}),
			Description: input.Description
		};
		this.roles.set(role.RoleName, role);
		return role;
	}

	/** The role with this name. */
	getRole(roleName: string): IamRole | undefined {
		return this.roles.get(roleName);
	}

	/** The role behind an ARN in this account, if it exists. */
	roleByArn(arn: string): IamRole | undefined {
		const parsed = parseRoleArn(arn);
		if (!parsed || parsed.accountId !== this.accountId) return undefined;
		return this.roles.get(parsed.roleName);
	}

	#mustGet(roleName: string): IamRole {
		const role = this.roles.get(roleName);
		if (!role) throw errors.iamNoSuchEntity(roleName);
		return role;
	}

	/** UpdateAssumeRolePolicy: replaces the trust policy. */
	updateAssumeRolePolicy(roleName: string, document: PolicyDocument): void {
		const role = this.#mustGet(roleName);
		if (openCognitoTrustStatement(document)) throw errors.iamOpenCognitoTrust();
		role.AssumeRolePolicyDocument = structuredClone(document);
	}

	/** PutRolePolicy: adds or replaces an inline permission policy. */
	putRolePolicy(roleName: string, policyName: string, document: PolicyDocument): void {
		this.#mustGet(roleName).Policies[policyName] = structuredClone(document);
	}

	/** DeleteRolePolicy. */
	deleteRolePolicy(roleName: string, policyName: string): void {
		delete this.#mustGet(roleName).Policies[policyName];
	}

	/** UpdateRole: changes MaxSessionDuration (1 to 12 hours). */
	setMaxSessionDuration(roleName: string, seconds: number): void {
		if (!Number.isInteger(seconds) || seconds < 3600 || seconds > 43200) {
			throw errors.iamValidation(
				`1 validation error detected: Value '${seconds}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200`
			);
		}
		this.#mustGet(roleName).MaxSessionDuration = seconds;
	}

	/** CreateUser with inline policies; returns the user's ARN. */
	createUser(userName: string, policies: Record<string, PolicyDocument> = {}): string {
		const arn = `arn:aws:iam::${this.accountId}:user/${userName}`;
		this.users.set(arn, { UserName: userName, Arn: arn, Policies: structuredClone(policies) });
		return arn;
	}

	/** PutUserPolicy: adds or replaces an inline policy of a user (by ARN). */
	putUserPolicy(userArn: string, policyName: string, document: PolicyDocument): void {
		const user = this.users.get(userArn);
		if (!user) throw errors.iamValidation(`The user ${userArn} cannot be found.`);
		user.Policies[policyName] = structuredClone(document);
	}

	/** DeleteUserPolicy: removes an inline policy of a user (by ARN). */
	deleteUserPolicy(userArn: string, policyName: string): void {
		const user = this.users.get(userArn);
		if (!user) throw errors.iamValidation(`The user ${userArn} cannot be found.`);
		delete user.Policies[policyName];
	}

	/** CreateAccessKey with a given key pair (the demo world's is fixed, so SDK clients can sign). */
	addAccessKey(principalArn: string, accessKeyId: string, secretAccessKey: string): void {
		this.accessKeys.set(accessKeyId, { secretAccessKey, principalArn });
	}

	/** The permission policies of a user or role ARN in this account; undefined for principals IAM here does not know. */
	principalPolicies(arn: string): { name: string; document: PolicyDocument }[] | undefined {
		const owner = this.users.get(arn) ?? this.roleByArn(arn);
		if (!owner) return undefined;
		return Object.entries(owner.Policies).map(([name, document]) => ({
			name: `policy "${name}"`,
			document
		}));
	}

	/** CreateOpenIDConnectProvider. */
	createOpenIdConnectProvider(url: string, clientIds: string[]): OidcProviderRecord {
		const host = url.replace(/^https:\/\//, '');
		const record = {
			Arn: `arn:aws:iam::${this.accountId}:oidc-provider/${host}`,
			Url: host,
			ClientIDList: [...clientIds]
		};
		this.oidcProviders.set(record.Arn, record);
		return record;
	}

	/** The OIDC provider registered for an issuer host, if any. */
	oidcProviderFor(issuer: string): OidcProviderRecord | undefined {
		const host = issuer.replace(/^https:\/\//, '');
		return [...this.oidcProviders.values()].find((p) => p.Url === host);
	}
}
