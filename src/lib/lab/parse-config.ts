import type { IdentityPool, RoleMapping } from '../cognito/index.ts';
import { Checker, isObject } from './checker.ts';
import { isTemplate, readTemplate, type TemplateContext } from './cloudformation.ts';
import { readDocuments } from './read-documents.ts';
import { readCliOutput, roleNameOf, type ConfigPart } from './shapes.ts';
import {
	expectedInput,
	nothingGiven,
	type LabConfig,
	type LabInput,
	type LabParseResult,
	type LabProblem,
	type LabRole
} from './types.ts';

/**
 * Reads everything the user pasted or dropped into one configuration: AWS CLI outputs and
 * CloudFormation templates, in any order. Total: any text gives either a configuration or a list
 * of problems with their field paths, and nothing half-read is kept.
 */

/** Reads inputs into a configuration, using the user's answers for placeholders. */
export function parseLabConfig(
	inputs: readonly LabInput[],
	answers: Record<string, string> = {}
): LabParseResult {
	const problems: LabProblem[] = [];
	const read: string[] = [];
	const parts: { source: string; part: ConfigPart }[] = [];
	const ctx: TemplateContext = { answers, placeholders: [], notes: [] };
	if (inputs.length === 0) return nothingGiven();
	for (const input of inputs) {
		const { docs, errors } = readDocuments(String(input.text ?? ''));
		for (const e of errors) problems.push({ source: input.name, path: '', message: e });
		docs.forEach((doc, i) => {
			const source = docs.length > 1 ? `${input.name} (document ${i + 1})` : input.name;
			const c = new Checker(source);
			if (isTemplate(doc)) {
				const got = readTemplate(c, doc, ctx);
				read.push(`${source}: CloudFormation template`);
				for (const part of got) parts.push({ source, part });
			} else {
				const got = readCliOutput(c, doc, input.attachTo);
				if (!got) c.fail('', `is not a configuration the lab reads; ${expectedInput}`);
				else {
					read.push(`${source}: ${got.command}`);
					for (const part of got.parts) parts.push({ source, part });
				}
			}
			problems.push(...c.problems);
		});
	}
	if (problems.length > 0) return { ok: false, problems, read };
	return combine(parts, ctx, answers, read);
}

function combine(
	parts: { source: string; part: ConfigPart }[],
	ctx: TemplateContext,
	answers: Record<string, string>,
	read: string[]
): LabParseResult {
	const problems: LabProblem[] = [];
	const pools = parts.filter((p) => p.part.kind === 'pool') as {
		source: string;
		part: ConfigPart & { kind: 'pool' };
	}[];
	const distinct = [...new Set(pools.map((p) => p.part.pool.IdentityPoolId))];
	if (pools.length === 0)
		problems.push({
			source: 'Configuration',
			path: '',
			message:
				'has no identity pool: add the output of aws cognito-identity describe-identity-pool, or a template with an AWS::Cognito::IdentityPool'
		});
	if (distinct.length > 1)
		problems.push({
			source: 'Configuration',
			path: 'IdentityPoolId',
			message: `names several identity pools (${distinct.join(', ')}); the lab checks one pool at a time`
		});
	const pool: IdentityPool | undefined = pools[pools.length - 1]?.part.pool;
	let roles: Record<string, string> = {};
	let roleMappings: Record<string, RoleMapping> | undefined;
	for (const { source, part } of parts) {
		if (part.kind !== 'roles') continue;
		if (pool && part.identityPoolId && part.identityPoolId !== pool.IdentityPoolId)
			problems.push({
				source,
				path: 'IdentityPoolId',
				message: `is ${part.identityPoolId}, but the identity pool pasted is ${pool.IdentityPoolId}`
			});
		roles = { ...roles, ...part.roles };
		if (part.roleMappings) roleMappings = { ...(roleMappings ?? {}), ...part.roleMappings };
	}
	const notes = [...ctx.notes];
	const region = pool?.IdentityPoolId.split(':')[0] ?? 'us-east-1';
	const arns = [
		...Object.values(roles),
		...Object.values(roleMappings ?? {}).flatMap(
			(m) => m.RulesConfiguration?.Rules.map((r) => r.RoleARN) ?? []
		),
		...parts.flatMap(({ part }) => (part.kind === 'role' ? [part.arn] : []))
	];
	const accounts = [...new Set(arns.map((a) => a.split(':')[4] ?? ''))].filter(Boolean);
	let accountId = answers['AWS::AccountId'] || accounts[0] || '';
	if (!accountId) {
		accountId = '123456789012';
		if (!ctx.placeholders.some((p) => p.key === 'AWS::AccountId'))
			ctx.placeholders.push({
				key: 'AWS::AccountId',
				path: 'AWS::AccountId',
				value: accountId,
				why: 'No role ARN names the account.'
			});
	}
	if (accounts.length > 1)
		notes.push(
			`Role ARNs name several accounts (${accounts.join(', ')}); the lab simulates account ${accountId}, so roles of other accounts do not exist in it.`
		);

	const iamRoles: Record<string, LabRole> = {};
	const roleFor = (name: string, arn?: string): LabRole =>
		(iamRoles[name] ??= {
			RoleName: name,
			Arn: arn ?? `arn:aws:iam::${accountId}:role/${name}`,
			Policies: {}
		});
	for (const { part } of parts) {
		if (part.kind === 'role') {
			const r = roleFor(part.roleName, part.arn);
			r.Arn = part.arn;
			r.AssumeRolePolicyDocument = part.trust;
			if (part.maxSessionDuration) r.MaxSessionDuration = part.maxSessionDuration;
		}
	}
	for (const { source, part } of parts) {
		if (part.kind === 'role-policy')
			roleFor(part.roleName).Policies[part.policyName] = part.document;
		if (part.kind === 'managed-policy') {
			let names = part.roleNames;
			const known = Object.keys(iamRoles);
			if (names.length === 0 && known.length === 1) {
				names = known;
				notes.push(
					`${source}: the managed policy is taken to be attached to ${known[0]}, the only role given.`
				);
			}
			if (names.length === 0)
				problems.push({
					source,
					path: 'PolicyVersion',
					message: 'is a managed policy; choose the role it is attached to'
				});
			for (const n of names) roleFor(n).Policies[part.policyName] = part.document;
		}
	}
	for (const arn of arns) roleFor(roleNameOf(arn), arn);

	const oidcClientIds: Record<string, string[]> = {};
	for (const { part } of parts)
		if (part.kind === 'oidc-provider') oidcClientIds[part.arn] = part.clientIds;
	for (const arn of pool?.OpenIdConnectProviderARNs ?? []) {
		if (oidcClientIds[arn]?.length) continue;
		const key = `Client ID for ${arn.slice(arn.indexOf('oidc-provider/') + 14)}`;
		const answer = answers[key];
		if (answer) oidcClientIds[arn] = answer.split(',').map((s) => s.trim());
		else {
			oidcClientIds[arn] = ['your-client-id'];
			ctx.placeholders.push({
				key,
				path: 'OpenIdConnectProviderARNs',
				value: 'your-client-id',
				why: 'The audience (client ID) registered on the IAM OIDC provider; aws iam get-open-id-connect-provider prints it as ClientIDList.'
			});
		}
	}
	if (problems.length > 0 || !pool) return { ok: false, problems, read };
	const config: LabConfig = {
		region,
		accountId,
		pool,
		roles,
		...(roleMappings ? { roleMappings } : {}),
		iamRoles,
		oidcClientIds,
		placeholders: ctx.placeholders,
		read,
		notes
	};
	return { ok: true, config };
}

/** Whether a stored value is a configuration this version of the lab can use. */
export function isLabConfig(value: unknown): value is LabConfig {
	return (
		isObject(value) &&
		isObject(value['pool']) &&
		typeof value['region'] === 'string' &&
		isObject(value['iamRoles'])
	);
}
