import { describe, expect, it } from 'vitest';
import { runCheckup } from '../../../src/lib/lab/checkup.ts';
import { runLabFlow } from '../../../src/lib/lab/lab-run.ts';
import { defaultClaims, labProviders, labStart } from '../../../src/lib/lab/providers.ts';
import { parseLabConfig } from '../../../src/lib/lab/parse-config.ts';
import { configWarnings } from '../../../src/lib/lab/warnings.ts';
import type { LabConfig } from '../../../src/lib/lab/types.ts';
import { cliInputs, edited, input } from './fixtures.ts';

function parse(inputs = cliInputs(), answers: Record<string, string> = {}): LabConfig {
	const result = parseLabConfig(inputs, answers);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.config;
}

const summary = (rows: Awaited<ReturnType<typeof runCheckup>>['rows']) =>
	rows.map((r) => [
		r.flowId,
		r.who,
		r.ok ? (r.roleArn ?? '') : (r.skipped ?? `${r.failedAt?.label}: ${r.error?.message}`)
	]);

describe('checkup of the notes app pool (CLI outputs)', () => {
	it('runs every flow for every provider and a guest; the basic flow fails at GetOpenIdToken because it is off (GH-CLI7652)', async () => {
		const report = await runCheckup(parse());
		const auth = 'arn:aws:iam::444455556666:role/NotesAuthRole';
		const off = 'GetOpenIdToken: Basic (classic) flow is not enabled, please use enhanced flow.';
		const up = 'User pool eu-west-1_NotesUsr1 (client 4notesappwebclient0000001)';
		expect(summary(report.rows)).toEqual([
			['enhanced-authenticated', up, auth],
			['basic-authenticated', up, off],
			['enhanced-authenticated', 'Google', auth],
			['basic-authenticated', 'Google', off],
			['enhanced-authenticated', 'Facebook', auth],
			['basic-authenticated', 'Facebook', off],
			['enhanced-authenticated', 'OpenID Connect login.notes.example', auth],
			['basic-authenticated', 'OpenID Connect login.notes.example', off],
			['enhanced-guest', 'Guest', 'arn:aws:iam::444455556666:role/NotesGuestRole'],
			['basic-guest', 'Guest', off]
		]);
	});

	it('warns from AWS guidance, each warning citing its AWS page', async () => {
		const { warnings } = await runCheckup(parse());
		expect(warnings.map((w) => [w.id, w.subject])).toEqual([
			['trust-without-amr', 'NotesGuestRole'],
			['guest-access-on', 'NotesAppPool'],
			['guest-role-broad', 'NotesGuestRole'],
			[
				'rule-on-user-editable-claim',
				'RoleMappings["cognito-idp.eu-west-1.amazonaws.com/eu-west-1_NotesUsr1:4notesappwebclient0000001"].RulesConfiguration.Rules[1]'
			]
		]);
		for (const w of warnings)
			expect(w.source.url).toMatch(
				/^https:\/\/docs\.aws\.amazon\.com\/cognito\/latest\/developerguide\//
			);
	});

	it('says what it assumed for roles it only saw by ARN', async () => {
		const { notes } = await runCheckup(parse());
		expect(notes).toContain(
			'No trust policy was given for NotesAdminRole; the lab assumes the documented one (aud = this pool, amr = authenticated). Paste aws iam get-role output to check the real one.'
		);
	});

	it('finds a trust policy naming another pool: the enhanced flow fails with InvalidIdentityPoolConfigurationException (SDK-CI)', async () => {
		const inputs = cliInputs().map((i) =>
			i.name === 'get-role-auth.json'
				? edited('get-role-auth.json', (d) => {
						d.Role.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals[
							'cognito-identity.amazonaws.com:aud'
						] = 'eu-west-1:00000000-0000-4000-8000-000000000000';
					})
				: i
		);
		const report = await runCheckup(parse(inputs));
		const google = report.rows.find(
			(r) => r.flowId === 'enhanced-authenticated' && r.who === 'Google'
		);
		expect(google?.ok).toBe(false);
		expect(google?.error?.name).toBe('InvalidIdentityPoolConfigurationException');
		expect(google?.error?.message).toBe(
			'Invalid identity pool configuration. Check assigned IAM roles for this pool.'
		);
	});
});

describe('checkup of the CloudFormation template', () => {
	it('denies a user pool token without roles under a Token mapping with Deny, refuses guests, and lets the developer provider in', async () => {
		const report = await runCheckup(parse([input('template.yaml')]));
		const rows = summary(report.rows);
		const up = 'User pool us-east-1_UserPool0 (client 4notesappwebclient0000001)';
		expect(rows).toEqual([
			[
				'enhanced-authenticated',
				up,
				'Choose the role: The ambiguous role mapping rules for: cognito-idp.us-east-1.amazonaws.com/us-east-1_UserPool0:4notesappwebclient0000001 denied this request.'
			],
			[
				'basic-authenticated',
				up,
				'GetOpenIdToken: Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.'
			],
			[
				'enhanced-guest',
				'Guest',
				'GetId: Unauthenticated access is not supported for this identity pool.'
			],
			[
				'basic-guest',
				'Guest',
				'GetId: Unauthenticated access is not supported for this identity pool.'
			],
			[
				'developer-enhanced',
				'Developer provider login.notes.example',
				'arn:aws:iam::123456789012:role/NotesAuthRole'
			],
			[
				'developer-basic',
				'Developer provider login.notes.example',
				'arn:aws:iam::123456789012:role/NotesAuthRole'
			]
		]);
		expect(report.warnings.map((w) => w.id)).toEqual(['classic-flow-on']);
	});
});

describe('a run with edited claims', () => {
	const config = () => parse();
	const userPool = (c: LabConfig) => labProviders(c).find((p) => p.kind === 'userpool')?.id;
	/** The user pool token's default claims with some changed. */
	const claims = (c: LabConfig, changes: Record<string, unknown>) => {
		const provider = labProviders(c).find((p) => p.kind === 'userpool');
		if (!provider) throw new Error('no user pool');
		return { ...defaultClaims(c, provider, labStart / 1000), ...changes };
	};

	it('a token in the admins group gets the admin role by the first rule (RBAC: first match wins)', async () => {
		const c = config();
		const run = await runLabFlow(c, {
			flowId: 'enhanced-authenticated',
			providerId: userPool(c),
			claims: claims(c, { 'cognito:groups': ['admins'], 'custom:plan': 'pro' })
		});
		expect(run.outcome).toBe('credentials');
		const choose = run.steps.find((s) => s.id === 'choose-role');
		expect(JSON.stringify(choose?.response)).toContain('NotesAdminRole');
	});

	it('a token whose iss was edited is refused: Issuer does not match providerName (GH-CIJS40)', async () => {
		const c = config();
		const run = await runLabFlow(c, {
			flowId: 'enhanced-authenticated',
			providerId: userPool(c),
			claims: claims(c, { iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other0001' })
		});
		expect(run.steps.find((s) => s.error)?.error?.message).toBe(
			"Invalid login token. Issuer doesn't match providerName"
		);
	});

	it('a token for another app client is refused at the login check', async () => {
		const c = config();
		const run = await runLabFlow(c, {
			flowId: 'enhanced-authenticated',
			providerId: userPool(c),
			claims: { aud: 'someotherclient' }
		});
		const failed = run.steps.find((s) => s.error);
		expect(failed?.id).toBe('validate-login');
		expect(failed?.error?.name).toBe('NotAuthorizedException');
	});

	it('answers what the credentials may do for an action and resource', async () => {
		const c = config();
		const own = await runLabFlow(c, {
			flowId: 'enhanced-authenticated',
			providerId: userPool(c),
			action: 's3:GetObject',
			resource: 'arn:aws:s3:::notes-app-files/eu-west-1:ffffffff-0000-4000-8000-000000000000/a.txt'
		});
		expect(own.decision?.allowed).toBe(false);
		const guest = await runLabFlow(c, {
			flowId: 'enhanced-guest',
			action: 's3:GetObject',
			resource: 'arn:aws:s3:::any-bucket/x'
		});
		expect(guest.steps.at(-1)?.id).toBe('call-service');
		expect(guest.decision?.action).toBe('s3:GetObject');
	});
});

describe('warnings stay within what AWS states', () => {
	it('gives none for a pool that follows the guidance', () => {
		const c = parse([input('describe-identity-pool.json'), input('get-role-auth.json')]);
		c.pool.AllowUnauthenticatedIdentities = false;
		expect(configWarnings(c)).toEqual([]);
	});
});
