import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseLabConfig } from '../../../src/lib/lab/parse-config.ts';
import { formatProblem, type LabParseResult } from '../../../src/lib/lab/types.ts';
import { cliInputs, edited, fixture, input } from './fixtures.ts';

function problems(result: LabParseResult): string[] {
	return result.ok ? [] : result.problems.map(formatProblem);
}

function config(result: LabParseResult) {
	if (!result.ok) throw new Error(problems(result).join('\n'));
	return result.config;
}

const rulesKey =
	'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_NotesUsr1:4notesappwebclient0000001';

describe('AWS CLI outputs', () => {
	it('reads a pool, its roles and mappings, and the IAM roles with their policies', () => {
		const c = config(parseLabConfig(cliInputs()));
		expect(c.region).toBe('eu-west-1');
		expect(c.accountId).toBe('444455556666');
		expect(c.pool.AllowClassicFlow).toBe(false);
		expect(c.pool.SupportedLoginProviders?.['graph.facebook.com']).toBe('6655443322110099');
		expect(c.roles.unauthenticated).toBe('arn:aws:iam::444455556666:role/NotesGuestRole');
		expect(c.roleMappings?.[rulesKey]?.RulesConfiguration?.Rules).toHaveLength(2);
		expect(Object.keys(c.iamRoles).sort()).toEqual([
			'NotesAdminRole',
			'NotesAuthRole',
			'NotesGuestRole',
			'NotesProRole'
		]);
		expect(Object.keys(c.iamRoles['NotesGuestRole']?.Policies ?? {})).toEqual(['GuestAccess']);
		expect(c.iamRoles['NotesAdminRole']?.AssumeRolePolicyDocument).toBeUndefined();
		expect(c.read).toContain(
			'get-identity-pool-roles.json: aws cognito-identity get-identity-pool-roles'
		);
	});

	it('asks for the OIDC client ID, which the pool output does not hold, and uses the answer', () => {
		const first = config(parseLabConfig(cliInputs()));
		const key = 'Client ID for login.notes.example';
		expect(first.placeholders.map((p) => p.key)).toContain(key);
		const answered = config(parseLabConfig(cliInputs(), { [key]: 'notes-web' }));
		expect(
			answered.oidcClientIds['arn:aws:iam::444455556666:oidc-provider/login.notes.example']
		).toEqual(['notes-web']);
		expect(answered.placeholders.map((p) => p.key)).not.toContain(key);
	});

	it('reads several outputs pasted one after another in one text', () => {
		const text = [
			'describe-identity-pool.json',
			'get-identity-pool-roles.json',
			'get-role-auth.json'
		]
			.map(fixture)
			.join('\n');
		const c = config(parseLabConfig([{ name: 'Paste 1', text }]));
		expect(c.read).toEqual([
			'Paste 1 (document 1): aws cognito-identity describe-identity-pool',
			'Paste 1 (document 2): aws cognito-identity get-identity-pool-roles',
			'Paste 1 (document 3): aws iam get-role'
		]);
	});

	it('attaches a managed policy version to the role the user chose', () => {
		const c = config(
			parseLabConfig([...cliInputs(), input('get-policy-version.json', 'NotesAuthRole')])
		);
		expect(Object.keys(c.iamRoles['NotesAuthRole']?.Policies ?? {})).toContain(
			'managed policy (v3)'
		);
	});

	it('asks which role a managed policy belongs to when several roles were given', () => {
		expect(problems(parseLabConfig([...cliInputs(), input('get-policy-version.json')]))).toEqual([
			'get-policy-version.json: PolicyVersion: is a managed policy; choose the role it is attached to'
		]);
	});

	it('reads a URL-encoded trust policy as the IAM API returns it', () => {
		const doc = JSON.parse(fixture('get-role-auth.json'));
		doc.Role.AssumeRolePolicyDocument = encodeURIComponent(
			JSON.stringify(doc.Role.AssumeRolePolicyDocument)
		);
		const c = config(
			parseLabConfig([
				input('describe-identity-pool.json'),
				{ name: 'role', text: JSON.stringify(doc) }
			])
		);
		expect(c.iamRoles['NotesAuthRole']?.AssumeRolePolicyDocument?.Statement).toHaveLength(1);
	});
});

describe('problems, each with its field path', () => {
	const cases: [string, () => ReturnType<typeof edited>, string[]][] = [
		[
			'a bad MatchType in the third rule',
			() =>
				edited('get-identity-pool-roles.json', (d) => {
					d.RoleMappings[rulesKey].RulesConfiguration.Rules.push({
						Claim: 'x',
						MatchType: 'Like',
						Value: 'y',
						RoleARN: 'arn:aws:iam::444455556666:role/X'
					});
				}),
			[
				`get-identity-pool-roles.json: RoleMappings["${rulesKey}"].RulesConfiguration.Rules[2].MatchType: must be one of Equals, Contains, StartsWith, NotEqual, not "Like"`
			]
		],
		[
			'a missing AmbiguousRoleResolution and a role ARN that is not one',
			() =>
				edited('get-identity-pool-roles.json', (d) => {
					delete d.RoleMappings[rulesKey].AmbiguousRoleResolution;
					d.Roles.authenticated = 'NotesAuthRole';
				}),
			[
				'get-identity-pool-roles.json: Roles.authenticated: must be an IAM role ARN, not "NotesAuthRole"',
				`get-identity-pool-roles.json: RoleMappings["${rulesKey}"].AmbiguousRoleResolution: is required when Type is Token or Rules`
			]
		],
		[
			'26 rules for one provider',
			() =>
				edited('get-identity-pool-roles.json', (d) => {
					const rule = d.RoleMappings[rulesKey].RulesConfiguration.Rules[0];
					d.RoleMappings[rulesKey].RulesConfiguration.Rules = Array.from(
						{ length: 26 },
						() => rule
					);
				}),
			[
				`get-identity-pool-roles.json: RoleMappings["${rulesKey}"].RulesConfiguration.Rules: has 26 items; at most 25 are allowed`
			]
		],
		[
			'a pool with a string for a boolean, an unknown provider and a bad user pool name',
			() =>
				edited('describe-identity-pool.json', (d) => {
					d.AllowUnauthenticatedIdentities = 'yes';
					d.SupportedLoginProviders['login.example.org'] = 'x';
					d.CognitoIdentityProviders[0].ProviderName = 'eu-west-1_NotesUsr1';
				}),
			[
				'describe-identity-pool.json: AllowUnauthenticatedIdentities: must be true or false, not "yes"',
				'describe-identity-pool.json: SupportedLoginProviders["login.example.org"]: is not a public provider; must be one of graph.facebook.com, accounts.google.com, www.amazon.com, appleid.apple.com, api.twitter.com, www.digits.com',
				'describe-identity-pool.json: CognitoIdentityProviders[0].ProviderName: must be cognito-idp.<region>.amazonaws.com/<user pool ID>, not "eu-west-1_NotesUsr1"'
			]
		],
		[
			'a trust policy statement without Effect',
			() =>
				edited('get-role-auth.json', (d) => {
					delete d.Role.AssumeRolePolicyDocument.Statement[0].Effect;
				}),
			['get-role-auth.json: Role.AssumeRolePolicyDocument.Statement[0].Effect: is required']
		],
		[
			'a permission policy without Resource',
			() =>
				edited('get-role-policy-guest.json', (d) => {
					delete d.PolicyDocument.Statement[0].Resource;
				}),
			[
				'get-role-policy-guest.json: PolicyDocument.Statement[0].Resource: is required in a permission policy (or NotResource)'
			]
		]
	];

	for (const [name, make, expected] of cases) {
		it(`reports ${name}`, () => {
			const broken = make();
			const pool = input('describe-identity-pool.json');
			const result = parseLabConfig(broken.name === pool.name ? [broken] : [pool, broken]);
			expect(result.ok).toBe(false);
			expect(problems(result)).toEqual(expected);
		});
	}

	it('says where a JSON syntax error is', () => {
		const text =
			'{\n  "IdentityPoolId": "eu-west-1:5c1d",\n  "AllowUnauthenticatedIdentities": tru\n}';
		const [p] = problems(parseLabConfig([{ name: 'Paste 1', text }]));
		expect(p).toMatch(/^Paste 1: line 3, column \d+: /);
	});

	it('refuses JSON it does not recognise, naming what it expected', () => {
		expect(problems(parseLabConfig([{ name: 'Paste 1', text: '{"Users": []}' }]))[0]).toMatch(
			/^Paste 1: is not a configuration the lab reads; expected the JSON that aws cognito-identity describe-identity-pool/
		);
	});

	it('refuses roles of another pool', () => {
		const other = edited('get-identity-pool-roles.json', (d) => {
			d.IdentityPoolId = 'eu-west-1:00000000-0000-4000-8000-000000000000';
		});
		expect(problems(parseLabConfig([input('describe-identity-pool.json'), other]))).toEqual([
			'get-identity-pool-roles.json: IdentityPoolId: is eu-west-1:00000000-0000-4000-8000-000000000000, but the identity pool pasted is eu-west-1:5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f'
		]);
	});

	it('needs an identity pool', () => {
		expect(problems(parseLabConfig([input('get-role-auth.json')]))[0]).toMatch(
			/^Configuration: has no identity pool/
		);
	});
});

describe('CloudFormation', () => {
	for (const name of ['template.yaml', 'template.json']) {
		it(`reads ${name}, resolving Ref, Fn::GetAtt, Fn::Sub and Fn::Join, with placeholders for deploy-time values`, () => {
			const c = config(parseLabConfig([input(name)]));
			const poolId = c.pool.IdentityPoolId;
			expect(poolId).toMatch(/^us-east-1:[0-9a-f-]+$/);
			expect(c.pool.CognitoIdentityProviders?.[0]).toEqual({
				ProviderName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_UserPool0',
				ClientId: '4notesappwebclient0000001',
				ServerSideTokenCheck: true
			});
			expect(c.roles.authenticated).toBe('arn:aws:iam::123456789012:role/NotesAuthRole');
			expect(Object.keys(c.roleMappings ?? {})).toEqual([
				'cognito-idp.us-east-1.amazonaws.com/us-east-1_UserPool0:4notesappwebclient0000001'
			]);
			const trust = c.iamRoles['NotesAuthRole']?.AssumeRolePolicyDocument;
			expect(JSON.stringify(trust)).toContain(poolId);
			const policy = c.iamRoles['NotesAuthRole']?.Policies['OwnNotes'];
			expect(JSON.stringify(policy)).toContain(
				'arn:aws:s3:::notes-123456789012/${cognito-identity.amazonaws.com:sub}/*'
			);
			expect(c.placeholders.map((p) => p.key).sort()).toEqual([
				'AWS::AccountId',
				'AWS::Region',
				'Ref AppClientId',
				'Ref NotesIdentityPool',
				'Ref UserPool'
			]);
		});
	}

	it('uses the answers given for placeholders', () => {
		const c = config(
			parseLabConfig([input('template.yaml')], {
				'AWS::Region': 'eu-west-1',
				'AWS::AccountId': '444455556666',
				'Ref UserPool': 'eu-west-1_NotesUsr1',
				'Ref NotesIdentityPool': 'eu-west-1:5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f'
			})
		);
		expect(c.pool.IdentityPoolId).toBe('eu-west-1:5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f');
		expect(c.region).toBe('eu-west-1');
		expect(c.roles.authenticated).toBe('arn:aws:iam::444455556666:role/NotesAuthRole');
	});

	it('reports a broken YAML template with the line, and a bad rule with its resource path', () => {
		expect(
			problems(parseLabConfig([{ name: 't.yaml', text: 'Resources:\n  A: [1, 2\n' }]))[0]
		).toMatch(/^t\.yaml: line \d+, column \d+: /);
		const broken = fixture('template.yaml').replace('Type: Token', 'Type: Tokens');
		expect(problems(parseLabConfig([{ name: 't.yaml', text: broken }]))).toEqual([
			't.yaml: Resources.Attachment.Properties.RoleMappings.UserPoolMapping.Type: must be one of Token, Rules, not "Tokens"'
		]);
	});

	it('reports a Ref to something the template does not have', () => {
		const broken = fixture('template.yaml').replace(
			'!Ref NotesIdentityPool\n      Roles',
			'!Ref MissingPool\n      Roles'
		);
		expect(problems(parseLabConfig([{ name: 't.yaml', text: broken }]))).toContain(
			't.yaml: Resources.Attachment.Properties.IdentityPoolId.Ref: Ref names "MissingPool", which is neither a parameter nor a resource of this template'
		);
	});
});

describe('any pasted value', () => {
	it('never throws and gives either a configuration or problems', () => {
		fc.assert(
			fc.property(fc.jsonValue(), fc.boolean(), (value, wrap) => {
				const text = JSON.stringify(wrap ? { Resources: value } : value) ?? 'null';
				const result = parseLabConfig([{ name: 'Paste', text }]);
				if (result.ok) expect(result.config.pool.IdentityPoolId).toBeTypeOf('string');
				else expect(result.problems.length).toBeGreaterThan(0);
			}),
			{ numRuns: 300, seed: 13 }
		);
	});

	it('never throws on arbitrary text', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 200 }), (text) => {
				const result = parseLabConfig([{ name: 'Paste', text }]);
				expect(result.ok || result.problems.length > 0).toBe(true);
			}),
			{ numRuns: 300, seed: 7 }
		);
	});
});
