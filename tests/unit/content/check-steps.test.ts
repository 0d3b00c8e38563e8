import { describe, expect, it } from 'vitest';
import { checkSteps, isStepFile } from '../../../src/lib/content/check-steps.ts';
import { formatProblem } from '../../../src/lib/content/problems.ts';
import { parseStepFile } from '../../../src/lib/content/parse-steps.ts';
import { stepTextFrom } from '../../../src/lib/flows/step-variant.ts';
import { defaultBreakSettings } from '../../../src/lib/flows/types.ts';
import { fixture } from './fixtures.ts';

const file = (name: string) => ({
	path: `content/steps/${name}.md`,
	source: fixture(`steps/${name}.md`)
});

/** The problems of one step file on its own, as `content:check` prints them. */
const fileProblems = (name: string) => {
	const { path, source } = file(name);
	return parseStepFile(path, source).problems.map(formatProblem);
};

describe('checkSteps', () => {
	it('accepts a file that gives every step of every flow its text, and compiles it', () => {
		const { prose, problems } = checkSteps([file('good')]);
		expect(problems.map(formatProblem)).toEqual([]);
		const ctx = { flowId: 'enhanced-guest', settings: defaultBreakSettings } as const;
		expect(stepTextFrom(prose, 'get-id', ctx)).toEqual({
			narration: 'Narration of get-id.',
			why: 'Why get-id happens, written over two lines.',
			factRef: 'AF; EXT saml'
		});
		expect(stepTextFrom(prose, 'check-trust', ctx).examTip).toBe(
			'The role must trust cognito-identity.amazonaws.com for amr unauthenticated.'
		);
		expect(
			stepTextFrom(prose, 'sign-in', {
				flowId: 'basic-authenticated',
				provider: 'google',
				settings: defaultBreakSettings
			}).narration
		).toBe('The user signs in with Google.');
		expect(
			stepTextFrom(prose, 'call-service', {
				...ctx,
				service: { label: 'S3 GetObject', allowed: false }
			}).narration
		).toBe('The app calls S3 GetObject.');
	});

	it('reads only content/steps/*.md', () => {
		expect(isStepFile('content/steps/enhanced.md')).toBe(true);
		expect(isStepFile('content/lessons/01-intro.md')).toBe(false);
		expect(isStepFile('content/steps/old/enhanced.md')).toBe(false);
		expect(
			checkSteps([file('good'), { path: 'content/lessons/x.md', source: '#' }]).problems
		).toEqual([]);
	});

	it('reports unknown families, steps, variant keys and values where they are written', () => {
		expect(fileProblems('unknown-ids')).toEqual([
			'content/steps/unknown-ids.md:2:11: Unknown flow family `classic` (Use enhanced and basic.)',
			'content/steps/unknown-ids.md:7:4: Unknown step `get-credentials` (The basic flows run: sign-in, get-id, validate-login, get-open-id-token, assume-role, check-trust, return-credentials, call-service, create-identity, get-open-id-token-for-developer-identity, return-token.)',
			'content/steps/unknown-ids.md:21:4: Unknown step `get-idd` (The basic flows run: sign-in, get-id, validate-login, get-open-id-token, assume-role, check-trust, return-credentials, call-service, create-identity, get-open-id-token-for-developer-identity, return-token.)',
			'content/steps/unknown-ids.md:35:17: Unknown value `basic-nobody` for `flow` (Use one of: enhanced-authenticated, enhanced-guest, basic-authenticated, basic-guest, developer-enhanced, developer-basic.)',
			'content/steps/unknown-ids.md:35:30: Unknown variant key `colour` (Use one of: flow, family, identity, provider, mapping, service, logins-key.)',
			'content/steps/unknown-ids.md:37:32: Unknown value `myspace` for `provider` (Use one of: none, userpool, google, facebook, amazon, apple, oidc, saml.)',
			'content/steps/unknown-ids.md:41:10: Cannot read the condition `identity` (Write `key=value`, with several values joined by commas: `provider=facebook,amazon`.)'
		]);
	});

	it('reports steps and fields with no text, and text outside any field', () => {
		expect(fileProblems('no-text')).toEqual([
			'content/steps/no-text.md:7:1: `## get-id` has no text (Add `### narration`, `### why` and `### facts` under it.)',
			'content/steps/no-text.md:11:1: Text under `## create-identity` must come under a field heading (Put it under `### narration`, `### why`, `### facts`, `### exam tip` or `### ambiguous`.)',
			'content/steps/no-text.md:13:1: `### narration` of `## create-identity` has no text (Write the text on the lines under the heading, or remove the heading.)',
			'content/steps/no-text.md:19:1: `### why` of `## create-identity` has more than one paragraph (The app shows it as one paragraph: remove the blank line.)',
			'content/steps/no-text.md:21:5: Unknown field `### narative` (Use narration, why, facts, exam tip, ambiguous.)'
		]);
	});

	it('reports unknown placeholders and leaves IAM policy variables as text', () => {
		expect(fileProblems('placeholders')).toEqual([
			'content/steps/placeholders.md:11:15: Unknown placeholder `{servce}` (Use one of: {provider}, {logins-key}, {service}, {amr}; write `${...}` for an IAM policy variable.)',
			'content/steps/placeholders.md:11:45: Unknown placeholder `{Provider}` (Use one of: {provider}, {logins-key}, {service}, {amr}; write `${...}` for an IAM policy variable.)'
		]);
		const why = parseStepFile('content/steps/p.md', fixture('steps/placeholders.md')).sections[0]!
			.fields[1]!;
		expect(why.text).toEqual([
			'An IAM policy variable such as ${cognito-identity.amazonaws.com:sub} is text, not a placeholder.'
		]);
	});

	it('reports fact tags the fact sheet does not have', () => {
		expect(fileProblems('fact-tags')).toEqual([
			'content/steps/fact-tags.md:19:6: Unknown fact tag `AF-2024` (Name tags of the fact sheet’s Sources table, joined by `; ` (src/lib/content/fact-tags.ts).)',
			'content/steps/fact-tags.md:19:25: Unknown fact tag `docs page` (Name tags of the fact sheet’s Sources table, joined by `; ` (src/lib/content/fact-tags.ts).)'
		]);
		const all = checkSteps([file('fact-tags'), file('good')]).problems.map(formatProblem);
		expect(all.filter((p) => p.includes('fact tag'))).toHaveLength(2);
	});

	it('resolves every run a flow can make and reports gaps, missing values and dead variants', () => {
		expect(checkSteps([file('coverage')]).problems.map(formatProblem)).toEqual([
			'content/steps/coverage.md:1:1: No text for step `return-token` when flow=developer-basic provider=none mapping=default service=none logins-key=none (Add a `## return-token` section, or one whose condition covers this case.)',
			'content/steps/coverage.md:28:1: `## get-id [identity=guest]` has no `### facts` when flow=enhanced-guest provider=none mapping=default service=none logins-key=none (Add a `### facts` heading with no condition, or one that covers this case.)',
			'content/steps/coverage.md:28:1: `## get-id [identity=guest]` has no `### why` when flow=enhanced-guest provider=none mapping=default service=none logins-key=none (Add a `### why` heading with no condition, or one that covers this case.)',
			'content/steps/coverage.md:38:32: `{logins-key}` has no value when flow=enhanced-authenticated provider=none mapping=default service=none logins-key=none (Give that case a heading of its own, e.g. `[service=none]` or `[logins-key=none]`.)',
			'content/steps/coverage.md:64:1: `## create-identity [identity=signed-in]` never applies (An earlier section for this step always applies first, or no flow of this file’s families matches its condition.)',
			'content/steps/coverage.md:157:1: `### exam tip [family=basic]` of `## check-trust` never applies (An earlier heading of this field always applies first, or no run matches its condition.)'
		]);
	});

	it('reports a file with no front matter', () => {
		expect(parseStepFile('content/steps/x.md', '## get-id\n').problems.map(formatProblem)).toEqual([
			'content/steps/x.md:1:1: Missing front matter: a step file starts with a `---` line (Start with `---`, then `families: [enhanced, basic]` (the families it writes for), then `---`.)'
		]);
	});
});
