import { describe, expect, it } from 'vitest';
import { chooseCount, parseQuestionFile } from '../../../src/lib/content/parse-question.ts';
import type { Problem } from '../../../src/lib/content/types.ts';
import { fixture } from './fixtures.ts';

function problemsOf(name: string): Problem[] {
	return parseQuestionFile(name, fixture(`errors/${name}`)).problems;
}

/** Problems as `line:column message` so expectations read like the command-line output. */
function brief(problems: Problem[]): string[] {
	return problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

describe('parseQuestionFile on a valid file', () => {
	const { questions, problems } = parseQuestionFile(
		'mixed.md',
		fixture('valid/questions/guest-access/mixed.md')
	);

	it('reads several questions from one file with no problems', () => {
		expect(problems).toEqual([]);
		expect(questions.map((q) => q.question.id)).toEqual([
			'fixture-guest-error',
			'fixture-public-calls',
			'fixture-enhanced-order'
		]);
	});

	it('reads a single question: metadata, stem, options, explanations, hint and explanation', () => {
		const q = questions[0]!.question;
		expect(q).toMatchObject({
			type: 'single',
			topic: 'guest-access',
			domain: 'troubleshooting',
			difficulty: 'medium',
			concepts: ['AllowUnauthenticatedIdentities', 'NotAuthorizedException'],
			flow: 'enhanced-guest',
			step: 'get-id',
			replay: 'guest=off',
			line: 1
		});
		expect(q.stem).toBe(
			'An app calls `GetId` with only the identity pool ID and receives `NotAuthorizedException`.\nWhat is the most likely cause?'
		);
		expect(q.options.map((o) => o.correct)).toEqual([false, true, false]);
		expect(q.options[1]!.text).toBe('Guest access is turned off for the identity pool.');
		expect(q.options[1]!.explanation).toBe(
			'Without guest access, a `GetId` call with no `Logins` is refused.\n\nSee [the lesson](#/lessons/guest-visits).'
		);
		expect(q.hint).toBe('Which pool setting lets an app get an identity without signing in?');
		expect(q.explanation).toBe('Guests call `GetId` without `Logins`.');
	});

	it('reads a multiple question with an inline references list', () => {
		const q = questions[1]!.question;
		expect(q.type).toBe('multiple');
		expect(q.references).toEqual([
			'https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html'
		]);
		expect(q.options.filter((o) => o.correct)).toHaveLength(2);
	});

	it('reads an order question with its items in the written order', () => {
		const q = questions[2]!.question;
		expect(q.type).toBe('order');
		expect(q.provider).toBe('userpool');
		expect(q.options.map((o) => o.text)).toEqual([
			'The user signs in to the user pool.',
			'`GetId`',
			'`GetCredentialsForIdentity`'
		]);
		expect(q.options[1]!.explanation).toBe('Gives the identity ID.');
		expect(q.options[0]!.explanation).toBeUndefined();
	});

	it('collects the internal links of the body with their positions', () => {
		expect(questions[0]!.links).toEqual([
			{ target: '#/lessons/guest-visits', line: 23, column: 22 }
		]);
	});
});

describe('parseQuestionFile reports each kind of problem', () => {
	it('a file without front matter', () => {
		expect(brief(problemsOf('missing-front-matter.md'))).toEqual([
			'1:1 Missing front matter: a question file starts with a `---` line'
		]);
	});

	it('unreadable, duplicated and unclosed front matter', () => {
		const found = brief(problemsOf('bad-front-matter.md'));
		expect(found).toContain('4:1 Cannot read this front-matter line: `this line is not yaml`');
		expect(found).toContain('6:1 The front-matter key `topic` appears twice');
		expect(found).toContain('1:1 The front matter is not closed');
	});

	it('missing required keys, each on its own', () => {
		expect(brief(problemsOf('missing-keys.md'))).toEqual([
			'1:1 Missing `topic`',
			'1:1 Missing `domain`',
			'1:1 Missing `difficulty`',
			'1:1 Missing `concepts`',
			'1:1 Missing `references`'
		]);
	});

	it('unknown type, topic, domain, difficulty, key and a badly formed id, at the value', () => {
		expect(brief(problemsOf('unknown-values.md')).sort()).toEqual(
			[
				'2:5 The id `Unknown_Values` is not lowercase words joined by `-`',
				'3:7 Unknown question type `essay`',
				'4:8 Unknown topic `cooking`',
				'5:9 Unknown domain `marketing`',
				'6:13 Unknown difficulty `impossible`',
				'8:1 Unknown front-matter key `colour`'
			].sort()
		);
	});

	it('no correct option', () => {
		expect(brief(problemsOf('no-correct.md'))).toEqual(['13:1 No option is marked correct']);
	});

	it('a "Choose N" that does not match, and a multiple question that does not say', () => {
		expect(brief(problemsOf('choose-count.md'))).toEqual([
			'11:1 The stem says choose 3 but 2 options are marked correct',
			'32:1 A `multiple` question must say how many to choose'
		]);
	});

	it('an option without an explanation', () => {
		expect(brief(problemsOf('no-explanation.md'))).toEqual(['15:1 Option 2 has no explanation']);
	});

	it('a flow, step or provider that the catalogue does not have', () => {
		expect(brief(problemsOf('bad-flow.md'))).toEqual([
			'8:7 Unknown flow `enhanced-magic`',
			'28:7 The flow `basic-guest` has no step `get-credentials`',
			'48:11 The flow `basic-authenticated` cannot run with provider `saml`'
		]);
	});

	it('an empty stem', () => {
		expect(brief(problemsOf('empty-stem.md'))).toEqual(['11:1 The stem is empty']);
	});

	it('references that are not https URLs, at their own lines', () => {
		expect(brief(problemsOf('bad-reference.md'))).toEqual([
			'10:1 The reference `http://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html` is not an https URL',
			'11:1 The reference `the AWS docs` is not an https URL'
		]);
	});

	it('an order question written with check boxes', () => {
		expect(brief(problemsOf('order-with-boxes.md'))).toEqual([
			'13:1 An `order` question lists its steps as a numbered list, not check boxes'
		]);
	});

	it('gives every problem a hint a writer can act on', () => {
		for (const name of ['unknown-values.md', 'no-correct.md', 'bad-flow.md', 'empty-stem.md']) {
			for (const p of problemsOf(name)) expect(p.hint, p.message).toBeTruthy();
		}
	});
});

describe('parseQuestionFile edge cases', () => {
	const head = (type: string) =>
		`---\nid: q\ntype: ${type}\ntopic: auth-flow\ndomain: security\ndifficulty: easy\nconcepts: [x]\nreferences: [https://docs.aws.amazon.com/x]\n---\n\n`;

	it('flags a single question with two correct options', () => {
		const src = head('single') + 'Stem?\n\n- [x] A\n  > a\n- [x] B\n  > b\n';
		expect(brief(parseQuestionFile('f.md', src).problems)).toEqual([
			'15:1 A `single` question has 2 options marked correct'
		]);
	});

	it('flags a question with only one option', () => {
		const src = head('single') + 'Stem?\n\n- [x] A\n  > a\n';
		expect(brief(parseQuestionFile('f.md', src).problems)).toEqual([
			'11:1 The question has only one option'
		]);
	});

	it('flags text after the options that belongs to no option', () => {
		const src = head('single') + 'Stem?\n\n- [x] A\n  > a\n- [ ] B\n  > b\n\nStray words.\n';
		expect(brief(parseQuestionFile('f.md', src).problems)).toEqual([
			'18:1 Text after the options that belongs to no option'
		]);
	});

	it('does not take a task list inside a fenced code block in the stem for options', () => {
		const src =
			head('single') +
			'Stem:\n\n```md\n- [x] not an option\n```\n\n- [x] A\n  > a\n- [ ] B\n  > b\n';
		const { questions, problems } = parseQuestionFile('f.md', src);
		expect(problems).toEqual([]);
		expect(questions[0]!.question.options.map((o) => o.text)).toEqual(['A', 'B']);
	});

	it('keeps a multi-line option text', () => {
		const src =
			head('single') + 'Stem?\n\n- [x] A first line\n  and a second\n  > a\n- [ ] B\n  > b\n';
		expect(parseQuestionFile('f.md', src).questions[0]!.question.options[0]!.text).toBe(
			'A first line\nand a second'
		);
	});
});

describe('chooseCount', () => {
	it('reads words and digits, in any case', () => {
		expect(chooseCount('Which? (Choose TWO.)')).toBe(2);
		expect(chooseCount('Which? (choose three)')).toBe(3);
		expect(chooseCount('Which? (Choose 4.)')).toBe(4);
		expect(chooseCount('Which one?')).toBeUndefined();
	});
});

describe('replay settings', () => {
	const src = (replay: string) =>
		`---\nid: q\ntype: single\ntopic: guest-access\ndomain: troubleshooting\ndifficulty: easy\nconcepts: [x]\nflow: enhanced-guest\nstep: get-id\nreplay: ${replay}\nreferences: [https://docs.aws.amazon.com/x]\n---\n\nStem?\n\n- [x] A\n  > a\n- [ ] B\n  > b\n`;

	it('accepts settings the flow explorer knows', () => {
		expect(parseQuestionFile('f.md', src('guest=off')).problems).toEqual([]);
	});

	it('reports settings the flow explorer does not know', () => {
		const found = brief(parseQuestionFile('f.md', src('guest=maybe&colour=red')).problems);
		expect(found).toHaveLength(2);
		expect(found.every((p) => p.startsWith('10:9 `replay`: '))).toBe(true);
	});
});
