import type { Difficulty, Domain, QuestionType } from './types.ts';

/** Topic ids and their titles, in the order the app lists them. */
export const topics: Readonly<Record<string, string>> = {
	'user-vs-identity-pools': 'User pools vs identity pools',
	'when-identity-pools': 'When to use identity pools',
	'auth-flow': 'The authentication flow',
	'enhanced-vs-basic': 'Enhanced vs basic flow',
	'guest-access': 'Guest access',
	'developer-auth': 'Developer-authenticated identities',
	federation: 'Social, SAML and OIDC providers',
	'iam-roles': 'IAM roles',
	'role-mapping': 'Role mapping',
	'trust-policies': 'Role trust policies',
	'fine-grained-access': 'Fine-grained access',
	abac: 'Attributes for access control',
	lifetimes: 'Token and credential lifetimes',
	'identity-lifecycle': 'Identity lifecycle',
	'best-practices': 'Best practices',
	'app-integration': 'Identity pools in your code',
	'monitoring-and-quotas': 'Logging, quotas and throttling'
};

export const topicIds: readonly string[] = Object.keys(topics);
export const questionTypes: readonly QuestionType[] = ['single', 'multiple', 'order'];
export const domains: readonly Domain[] = [
	'development',
	'security',
	'deployment',
	'troubleshooting'
];
export const difficulties: readonly Difficulty[] = ['easy', 'medium', 'hard'];

/** The title of a topic id, or the id itself for an unknown one. */
export function topicTitle(id: string): string {
	return topics[id] ?? id;
}
