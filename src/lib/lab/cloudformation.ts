import { Checker, childPath, isObject, patterns, type JsonObject } from './checker.ts';
import { checkPolicy, checkPool, checkRoleMapping, roleNameOf, type ConfigPart } from './shapes.ts';
import type { Placeholder } from './types.ts';
import type { RoleMapping } from '../cognito/index.ts';

/**
 * CloudFormation templates (JSON, or YAML with short forms already expanded): the identity pool,
 * its role attachment, IAM roles and policies, and the OIDC and SAML providers they name. Intrinsic
 * functions are resolved where the template settles them (`Ref` to a parameter's default, a role's
 * ARN); anything only known after deployment becomes a placeholder the user can answer.
 */

export interface TemplateContext {
	/** Answers by placeholder key (`AWS::AccountId`, `Ref UserPool`, ...). */
	answers: Record<string, string>;
	placeholders: Placeholder[];
	notes: string[];
}

interface Resource {
	Type: string;
	Properties: JsonObject;
}

/** Whether a JSON value looks like a CloudFormation template. */
export function isTemplate(doc: unknown): doc is JsonObject {
	return isObject(doc) && isObject(doc['Resources']);
}

/** A stable GUID-like suffix from a name, so a placeholder pool ID has AWS's REGION:GUID shape. */
function guidFrom(name: string): string {
	let h = 2166136261;
	const hex: string[] = [];
	for (let round = 0; round < 4; round++) {
		for (const ch of `${name}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
		hex.push(h.toString(16).padStart(8, '0'));
	}
	const s = hex.join('');
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-8${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

class Resolver {
	readonly c: Checker;
	readonly ctx: TemplateContext;
	readonly resources: Record<string, Resource>;
	readonly parameters: JsonObject;

	constructor(
		c: Checker,
		ctx: TemplateContext,
		resources: Record<string, Resource>,
		parameters: JsonObject
	) {
		this.c = c;
		this.ctx = ctx;
		this.resources = resources;
		this.parameters = parameters;
	}

	/** A value the template cannot settle: the user's answer, or a shown placeholder. */
	ask(key: string, path: string, fallback: string, why: string): string {
		const answer = this.ctx.answers[key];
		if (answer !== undefined && answer !== '') return answer;
		if (!this.ctx.placeholders.some((p) => p.key === key))
			this.ctx.placeholders.push({ key, path, value: fallback, why });
		return fallback;
	}

	get region(): string {
		return this.ask(
			'AWS::Region',
			'AWS::Region',
			'us-east-1',
			'The Region the stack is deployed in.'
		);
	}

	get accountId(): string {
		return this.ask(
			'AWS::AccountId',
			'AWS::AccountId',
			'123456789012',
			'The AWS account the stack is deployed in.'
		);
	}

	ref(name: string, path: string): string {
		switch (name) {
			case 'AWS::Region':
				return this.region;
			case 'AWS::AccountId':
				return this.accountId;
			case 'AWS::Partition':
				return 'aws';
			case 'AWS::URLSuffix':
				return 'amazonaws.com';
			case 'AWS::StackName':
				return this.ask('AWS::StackName', path, 'my-stack', 'The stack name.');
			case 'AWS::NoValue':
				return '';
		}
		const param = this.parameters[name];
		if (isObject(param)) {
			const def = param['Default'];
			if (typeof def === 'string' || typeof def === 'number' || typeof def === 'boolean')
				return this.ask(
					`Ref ${name}`,
					path,
					String(def),
					`Parameter ${name} (its default is used).`
				);
			return this.ask(`Ref ${name}`, path, `<${name}>`, `Parameter ${name} has no default.`);
		}
		const res = this.resources[name];
		if (!res) {
			this.c.fail(
				path,
				`Ref names "${name}", which is neither a parameter nor a resource of this template`
			);
			return `<${name}>`;
		}
		const props = res.Properties;
		switch (res.Type) {
			case 'AWS::Cognito::IdentityPool':
				return this.ask(
					`Ref ${name}`,
					path,
					`${this.region}:${guidFrom(name)}`,
					`The identity pool ID AWS assigns to ${name} when the stack is created.`
				);
			case 'AWS::IAM::Role':
				return typeof props['RoleName'] === 'string'
					? props['RoleName']
					: this.ask(
							`Ref ${name}`,
							path,
							name,
							`${name} has no RoleName, so CloudFormation generates one.`
						);
			case 'AWS::Cognito::UserPool':
				return this.ask(
					`Ref ${name}`,
					path,
					`${this.region}_${name
						.replace(/[^A-Za-z0-9]/g, '')
						.slice(0, 9)
						.padEnd(9, '0')}`,
					`The user pool ID AWS assigns to ${name}.`
				);
			case 'AWS::Cognito::UserPoolClient':
				return this.ask(
					`Ref ${name}`,
					path,
					`${name.replace(/[^A-Za-z0-9]/g, '').toLowerCase()}clientid`,
					`The app client ID AWS assigns to ${name}.`
				);
			case 'AWS::IAM::OIDCProvider': {
				const url =
					typeof props['Url'] === 'string'
						? props['Url']
						: this.resolveString(props['Url'], childPath(path, 'Url'));
				return `arn:aws:iam::${this.accountId}:oidc-provider/${url.replace(/^https:\/\//, '')}`;
			}
			case 'AWS::IAM::ManagedPolicy': {
				const n =
					typeof props['ManagedPolicyName'] === 'string' ? props['ManagedPolicyName'] : name;
				return `arn:aws:iam::${this.accountId}:policy/${n}`;
			}
			case 'AWS::IAM::SAMLProvider': {
				const n =
					typeof props['Name'] === 'string'
						? props['Name']
						: this.ask(
								`Ref ${name}`,
								path,
								name,
								`${name} has no Name, so CloudFormation generates one.`
							);
				return n.startsWith('arn:') ? n : `arn:aws:iam::${this.accountId}:saml-provider/${n}`;
			}
			default:
				return this.ask(
					`Ref ${name}`,
					path,
					`<${name}>`,
					`The value of ${name} (${res.Type}) is only known after deployment.`
				);
		}
	}

	getAtt(name: string, attr: string, path: string): string {
		const res = this.resources[name];
		if (!res) {
			this.c.fail(path, `Fn::GetAtt names "${name}", which is not a resource of this template`);
			return `<${name}.${attr}>`;
		}
		if (res.Type === 'AWS::IAM::Role' && attr === 'Arn') {
			const pathPrefix = typeof res.Properties['Path'] === 'string' ? res.Properties['Path'] : '/';
			return `arn:aws:iam::${this.accountId}:role${pathPrefix}${this.ref(name, path)}`;
		}
		if (res.Type === 'AWS::Cognito::UserPool' && attr === 'ProviderName')
			return `cognito-idp.${this.region}.amazonaws.com/${this.ref(name, path)}`;
		if (res.Type === 'AWS::Cognito::IdentityPool' && attr === 'Name') {
			const n = res.Properties['IdentityPoolName'];
			return typeof n === 'string' ? n : name;
		}
		if (res.Type === 'AWS::Cognito::IdentityPool' && attr === 'Id') return this.ref(name, path);
		return this.ask(
			`GetAtt ${name}.${attr}`,
			path,
			`<${name}.${attr}>`,
			`The ${attr} of ${name} is only known after deployment.`
		);
	}

	sub(template: string, vars: JsonObject, path: string): string {
		return template
			.replace(/\$\{([^}!]+)\}/g, (_m, expr: string) => {
				const key = expr.trim();
				if (Object.hasOwn(vars, key)) return this.resolveString(vars[key], childPath(path, key));
				const dot = key.indexOf('.');
				if (dot > 0 && !key.startsWith('AWS::'))
					return this.getAtt(key.slice(0, dot), key.slice(dot + 1), path);
				return this.ref(key, path);
			})
			.replace(/\$\{!/g, '${');
	}

	resolveString(value: unknown, path: string): string {
		const v = this.resolve(value, path);
		if (typeof v === 'string') return v;
		if (typeof v === 'number' || typeof v === 'boolean') return String(v);
		this.c.fail(path, 'must resolve to a string');
		return '';
	}

	/** Resolves intrinsic functions everywhere inside a value. */
	resolve(value: unknown, path: string): unknown {
		if (Array.isArray(value)) return value.map((v, i) => this.resolve(v, childPath(path, i)));
		if (!isObject(value)) return value;
		const keys = Object.keys(value);
		if (keys.length === 1) {
			const key = keys[0] ?? '';
			const arg = value[key];
			const at = childPath(path, key);
			if (key === 'Ref')
				return typeof arg === 'string'
					? this.ref(arg, at)
					: this.c.fail(at, 'must name a parameter or resource');
			if (key === 'Fn::GetAtt') {
				const parts = Array.isArray(arg)
					? arg.map(String)
					: typeof arg === 'string'
						? arg.split('.')
						: [];
				if (parts.length !== 2) return this.c.fail(at, 'must be [LogicalName, Attribute]');
				return this.getAtt(parts[0] ?? '', parts[1] ?? '', at);
			}
			if (key === 'Fn::Sub') {
				if (typeof arg === 'string') return this.sub(arg, {}, at);
				if (Array.isArray(arg) && typeof arg[0] === 'string' && isObject(arg[1]))
					return this.sub(arg[0], arg[1], at);
				return this.c.fail(at, 'must be a string or [string, {variables}]');
			}
			if (key === 'Fn::Join') {
				if (
					Array.isArray(arg) &&
					typeof arg[0] === 'string' &&
					Array.isArray(this.resolve(arg[1], at))
				)
					return (this.resolve(arg[1], childPath(at, 1)) as unknown[])
						.map((x) => String(x))
						.join(arg[0]);
				return this.c.fail(at, 'must be [delimiter, [values]]');
			}
			if (key.startsWith('Fn::') || key === 'Condition') {
				const shown = JSON.stringify(value).slice(0, 80);
				return this.ask(
					`${key} at ${path}`,
					path,
					`<${key}>`,
					`${shown} is not worked out by the lab; give the value it has in your stack.`
				);
			}
		}
		const out: JsonObject = {};
		for (const k of keys) out[k] = this.resolve(value[k], childPath(path, k));
		return out;
	}
}

function tagMap(value: unknown): unknown {
	if (!Array.isArray(value)) return value;
	return Object.fromEntries(
		value.filter(isObject).map((t) => [String(t['Key'] ?? ''), String(t['Value'] ?? '')])
	);
}

/** Reads a template's identity pool, role attachment, roles, policies and providers. */
export function readTemplate(c: Checker, doc: JsonObject, ctx: TemplateContext): ConfigPart[] {
	const resourcesValue = c.object(doc['Resources'], 'Resources') ?? {};
	const resources: Record<string, Resource> = {};
	for (const [name, r] of Object.entries(resourcesValue)) {
		const path = childPath('Resources', name);
		if (!isObject(r)) {
			c.fail(path, 'must be an object with Type and Properties');
			continue;
		}
		const type = typeof r['Type'] === 'string' ? r['Type'] : '';
		if (!type) c.fail(childPath(path, 'Type'), 'is required');
		resources[name] = { Type: type, Properties: isObject(r['Properties']) ? r['Properties'] : {} };
	}
	const parameters = isObject(doc['Parameters']) ? doc['Parameters'] : {};
	const r = new Resolver(c, ctx, resources, parameters);
	const parts: ConfigPart[] = [];
	const attached: { roleName: string; arn: string }[] = [];
	const managedArns = new Map<string, ConfigPart & { kind: 'managed-policy' }>();
	const pools = Object.entries(resources).filter(
		([, v]) => v.Type === 'AWS::Cognito::IdentityPool'
	);
	if (pools.length === 0) c.fail('Resources', 'holds no AWS::Cognito::IdentityPool');
	if (pools.length > 1)
		c.fail(
			'Resources',
			`holds ${pools.length} identity pools (${pools.map(([n]) => n).join(', ')}); the lab checks one pool at a time, so paste a template with one`
		);
	for (const [name, res] of Object.entries(resources)) {
		const path = childPath(childPath('Resources', name), 'Properties');
		const props = r.resolve(res.Properties, path) as JsonObject;
		switch (res.Type) {
			case 'AWS::Cognito::IdentityPool': {
				if (pools.length !== 1) break;
				const { CognitoEvents: _e, CognitoStreams: _s, PushSync: _p, ...rest } = props;
				if (rest['IdentityPoolTags'] !== undefined)
					rest['IdentityPoolTags'] = tagMap(rest['IdentityPoolTags']);
				if (rest['IdentityPoolName'] === undefined) rest['IdentityPoolName'] = name;
				const pool = checkPool(c, rest, path, { idRequired: false });
				if (pool)
					parts.push({
						kind: 'pool',
						pool: { ...pool, IdentityPoolId: r.ref(name, path) },
						idFromInput: false
					});
				break;
			}
			case 'AWS::Cognito::IdentityPoolRoleAttachment': {
				const idValue = c.requiredString(props, 'IdentityPoolId', path, {
					pattern: patterns.identityPoolId,
					what: 'REGION:GUID'
				});
				const roles: Record<string, string> = {};
				const rp = childPath(path, 'Roles');
				const ro = props['Roles'] === undefined ? {} : c.object(props['Roles'], rp);
				for (const [k, v] of Object.entries(ro ?? {})) {
					if (k !== 'authenticated' && k !== 'unauthenticated') {
						c.fail(
							childPath(rp, k),
							'is not a role kind; must be one of authenticated, unauthenticated'
						);
						continue;
					}
					const arn = c.string(v, childPath(rp, k), {
						pattern: patterns.roleArn,
						what: 'an IAM role ARN'
					});
					if (arn) roles[k] = arn;
				}
				let roleMappings: Record<string, RoleMapping> | undefined;
				if (props['RoleMappings'] !== undefined) {
					const mp = childPath(path, 'RoleMappings');
					const mo = c.object(props['RoleMappings'], mp) ?? {};
					roleMappings = {};
					for (const [key, m] of Object.entries(mo)) {
						const p = childPath(mp, key);
						if (!isObject(m)) {
							c.fail(p, 'must be an object');
							continue;
						}
						const { IdentityProvider, ...mapping } = m;
						// Without IdentityProvider, CloudFormation uses the map key as the provider.
						const provider =
							typeof IdentityProvider === 'string' && IdentityProvider !== ''
								? IdentityProvider
								: key;
						const checked = checkRoleMapping(c, mapping, p);
						if (checked) roleMappings[provider] = checked;
					}
				}
				if (idValue)
					parts.push({
						kind: 'roles',
						identityPoolId: idValue,
						roles,
						...(roleMappings ? { roleMappings } : {})
					});
				break;
			}
			case 'AWS::IAM::Role': {
				const roleName =
					typeof res.Properties['RoleName'] === 'string'
						? res.Properties['RoleName']
						: r.ref(name, path);
				const arn = r.getAtt(name, 'Arn', path);
				const trustValue = c.required(props, 'AssumeRolePolicyDocument', path);
				const trust =
					trustValue === undefined
						? undefined
						: checkPolicy(c, trustValue, childPath(path, 'AssumeRolePolicyDocument'), 'trust');
				const max =
					props['MaxSessionDuration'] === undefined
						? undefined
						: c.integer(
								props['MaxSessionDuration'],
								childPath(path, 'MaxSessionDuration'),
								3600,
								43200
							);
				if (trust)
					parts.push({
						kind: 'role',
						roleName,
						arn,
						trust,
						...(max ? { maxSessionDuration: max } : {})
					});
				const policies =
					props['Policies'] === undefined
						? []
						: (c.list(props['Policies'], childPath(path, 'Policies')) ?? []);
				policies.forEach((pol, i) => {
					const pp = childPath(childPath(path, 'Policies'), i);
					if (!isObject(pol))
						return void c.fail(pp, 'must be an object with PolicyName and PolicyDocument');
					const policyName = c.requiredString(pol, 'PolicyName', pp, { min: 1, max: 128 });
					const docValue = c.required(pol, 'PolicyDocument', pp);
					const document =
						docValue === undefined
							? undefined
							: checkPolicy(c, docValue, childPath(pp, 'PolicyDocument'), 'permissions');
					if (policyName && document)
						parts.push({ kind: 'role-policy', roleName, policyName, document });
				});
				const managed = Array.isArray(props['ManagedPolicyArns']) ? props['ManagedPolicyArns'] : [];
				for (const m of managed) if (typeof m === 'string') attached.push({ roleName, arn: m });
				break;
			}
			case 'AWS::IAM::Policy':
			case 'AWS::IAM::ManagedPolicy': {
				const policyName = String(props['PolicyName'] ?? props['ManagedPolicyName'] ?? name);
				const docValue = c.required(props, 'PolicyDocument', path);
				const document =
					docValue === undefined
						? undefined
						: checkPolicy(c, docValue, childPath(path, 'PolicyDocument'), 'permissions');
				const roleNames = Array.isArray(props['Roles'])
					? props['Roles'].map((x) => roleNameOf(String(x)))
					: [];
				if (document) {
					const part = { kind: 'managed-policy' as const, policyName, document, roleNames };
					parts.push(part);
					if (res.Type === 'AWS::IAM::ManagedPolicy') managedArns.set(r.ref(name, path), part);
				}
				break;
			}
			case 'AWS::IAM::OIDCProvider': {
				const url = typeof props['Url'] === 'string' ? props['Url'] : '';
				const clientIds = Array.isArray(props['ClientIdList'])
					? props['ClientIdList'].map(String)
					: [];
				parts.push({
					kind: 'oidc-provider',
					arn: `arn:aws:iam::${r.accountId}:oidc-provider/${url.replace(/^https:\/\//, '')}`,
					clientIds
				});
				break;
			}
		}
	}
	for (const { roleName, arn } of attached) {
		const part = managedArns.get(arn);
		if (part) {
			if (!part.roleNames.includes(roleName)) part.roleNames.push(roleName);
		} else
			ctx.notes.push(
				`${roleName} has the managed policy ${arn}; the template does not hold its statements, so paste its aws iam get-policy-version output (choosing ${roleName}) to include them.`
			);
	}
	return parts;
}
