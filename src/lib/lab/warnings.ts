import type { PolicyDocument, PolicyStatement } from '../cognito/index.ts';
import { roleNameOf } from './shapes.ts';
import type { LabConfig } from './types.ts';

/**
 * Warnings from AWS's own guidance for identity pools. Each one names the AWS page that states it;
 * nothing is warned about that no AWS page states.
 */

export interface AwsSource {
	title: string;
	url: string;
}

export const awsPages = {
	securityBestPractices: {
		title: 'Security best practices for Amazon Cognito identity pools',
		url: 'https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html'
	},
	roleBasedAccessControl: {
		title: 'Using role-based access control',
		url: 'https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html'
	},
	iamRoles: {
		title: 'IAM roles (identity pools)',
		url: 'https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html'
	}
} satisfies Record<string, AwsSource>;

export interface LabWarning {
	id:
		| 'trust-without-aud'
		| 'trust-without-amr'
		| 'guest-access-on'
		| 'guest-role-broad'
		| 'classic-flow-on'
		| 'role-broad'
		| 'fallback-to-broad-role'
		| 'rule-on-user-editable-claim'
		| 'developer-with-federation';
	/** What it is about: a role name, a rule path or the pool. */
	subject: string;
	message: string;
	source: AwsSource;
}

const cognitoPrincipal = 'cognito-identity.amazonaws.com';

const statementsOf = (doc: PolicyDocument | undefined): PolicyStatement[] =>
	!doc ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];

const listOf = (v: string | string[] | undefined): string[] =>
	v === undefined ? [] : Array.isArray(v) ? v : [v];

function trustsCognito(st: PolicyStatement): boolean {
	if (st.Effect !== 'Allow' || !st.Principal || st.Principal === '*') return false;
	return listOf(st.Principal['Federated']).includes(cognitoPrincipal);
}

function conditionKeys(st: PolicyStatement): string[] {
	return Object.values(st.Condition ?? {}).flatMap((block) =>
		Object.keys(block).map((k) => k.toLowerCase())
	);
}

/** A statement that allows every action, every action of a service, or any action on every resource. */
export function broadStatement(st: PolicyStatement): string | undefined {
	if (st.Effect !== 'Allow') return undefined;
	if (st.NotAction !== undefined) return 'allows every action except some (NotAction)';
	const actions = listOf(st.Action);
	const wild = actions.find((a) => a === '*' || /^[\w-]+:\*$/.test(a));
	if (wild) return `allows ${wild === '*' ? 'every action' : `every ${wild.split(':')[0]} action`}`;
	const resources = listOf(st.Resource);
	if (resources.includes('*') && !st.Condition)
		return `allows ${actions.join(', ')} on every resource`;
	return undefined;
}

function broadPolicies(config: LabConfig, roleArn: string): string[] {
	const role = config.iamRoles[roleNameOf(roleArn)];
	if (!role) return [];
	return Object.entries(role.Policies).flatMap(([name, doc]) =>
		statementsOf(doc).flatMap((st, i) => {
			const why = broadStatement(st);
			return why ? [`policy ${name}, statement ${st.Sid ? `"${st.Sid}"` : i + 1}, ${why}`] : [];
		})
	);
}

/** Claims a user pool user may be able to change, through attributes the app client lets them write. */
const userAttributes = new Set([
	'email',
	'name',
	'given_name',
	'family_name',
	'middle_name',
	'nickname',
	'preferred_username',
	'profile',
	'picture',
	'website',
	'gender',
	'birthdate',
	'zoneinfo',
	'locale',
	'phone_number',
	'address'
]);

/** Every warning AWS's guidance gives for this configuration. */
export function configWarnings(config: LabConfig): LabWarning[] {
	const out: LabWarning[] = [];
	const sec = awsPages.securityBestPractices;
	for (const role of Object.values(config.iamRoles)) {
		for (const st of statementsOf(role.AssumeRolePolicyDocument)) {
			if (!trustsCognito(st)) continue;
			const keys = conditionKeys(st);
			if (!keys.includes(`${cognitoPrincipal}:aud`))
				out.push({
					id: 'trust-without-aud',
					subject: role.RoleName,
					message: `The trust policy of ${role.RoleName} trusts ${cognitoPrincipal} without a cognito-identity.amazonaws.com:aud condition, so it does not say which identity pool may use it. AWS recommends both aud and amr conditions on every role that trusts identity pools.`,
					source: sec
				});
			if (!keys.includes(`${cognitoPrincipal}:amr`))
				out.push({
					id: 'trust-without-amr',
					subject: role.RoleName,
					message: `The trust policy of ${role.RoleName} has no cognito-identity.amazonaws.com:amr condition, so it does not say whether guests or signed-in users may assume it. AWS recommends both aud and amr conditions on every role that trusts identity pools.`,
					source: sec
				});
		}
	}
	const pool = config.pool;
	if (pool.AllowUnauthenticatedIdentities)
		out.push({
			id: 'guest-access-on',
			subject: pool.IdentityPoolName,
			message:
				'Guest access is on: anyone who knows the identity pool ID can get guest credentials, so whatever the unauthenticated role allows is open to everyone. AWS advises leaving it off unless the app needs AWS resources before sign-in.',
			source: sec
		});
	const guestRole = config.roles['unauthenticated'];
	if (guestRole)
		for (const what of broadPolicies(config, guestRole))
			out.push({
				id: 'guest-role-broad',
				subject: roleNameOf(guestRole),
				message: `The guest role ${roleNameOf(guestRole)} has broad permissions (${what}). AWS advises granting guests access to specific resources only, with least privilege.`,
				source: sec
			});
	if (pool.AllowClassicFlow)
		out.push({
			id: 'classic-flow-on',
			subject: pool.IdentityPoolName,
			message:
				'The basic (classic) flow is allowed: the app chooses the role and makes the STS call itself, and guests get no scope-down policy. AWS recommends the enhanced flow by default.',
			source: sec
		});
	const authRole = config.roles['authenticated'];
	const signedInRoles = new Set<string>([
		...(authRole ? [authRole] : []),
		...Object.values(config.roleMappings ?? {}).flatMap(
			(m) => m.RulesConfiguration?.Rules.map((r) => r.RoleARN) ?? []
		)
	]);
	for (const arn of signedInRoles)
		for (const what of broadPolicies(config, arn))
			out.push({
				id: 'role-broad',
				subject: roleNameOf(arn),
				message: `${roleNameOf(arn)} has broad permissions (${what}). AWS advises least privilege: only the actions and resources the app needs.`,
				source: sec
			});
	for (const [key, mapping] of Object.entries(config.roleMappings ?? {})) {
		if (
			mapping.AmbiguousRoleResolution === 'AuthenticatedRole' &&
			authRole &&
			broadPolicies(config, authRole).length > 0
		)
			out.push({
				id: 'fallback-to-broad-role',
				subject: key,
				message: `When no role mapping for ${key} settles a role, Cognito falls back to the default authenticated role ${roleNameOf(authRole)}, which has broad permissions. AWS advises least privilege; consider AmbiguousRoleResolution Deny or a narrower default role.`,
				source: sec
			});
		mapping.RulesConfiguration?.Rules.forEach((rule, i) => {
			const claim = rule.Claim.toLowerCase();
			if (claim.startsWith('custom:') || userAttributes.has(claim))
				out.push({
					id: 'rule-on-user-editable-claim',
					subject: `RoleMappings["${key}"].RulesConfiguration.Rules[${i}]`,
					message: `Rule ${i + 1} for ${key} gives ${roleNameOf(rule.RoleARN)} by the claim ${rule.Claim}, a user attribute that users may be able to change themselves. AWS advises mapping privileged roles only from claims users cannot change (make the attribute read-only for the app client).`,
					source: awsPages.roleBasedAccessControl
				});
		});
	}
	if (
		pool.DeveloperProviderName &&
		((pool.SamlProviderARNs?.length ?? 0) > 0 || (pool.OpenIdConnectProviderARNs?.length ?? 0) > 0)
	)
		out.push({
			id: 'developer-with-federation',
			subject: pool.IdentityPoolName,
			message:
				'The pool has a developer provider and also SAML or OIDC providers. AWS advises keeping developer providers and single sign-on providers in separate identity pools, so internal and external sources of trust are not mixed.',
			source: sec
		});
	return out;
}
