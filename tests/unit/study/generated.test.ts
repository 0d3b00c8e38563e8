import { describe, expect, it } from 'vitest';
import type { Question } from '../../../src/lib/content/types.ts';
import { findFlow, flows } from '../../../src/lib/flows/catalogue.ts';
import { decodeFlowLink } from '../../../src/lib/flows/deep-link.ts';
import { runFlow } from '../../../src/lib/flows/run-flow.ts';
import { generateQuestions } from '../../../src/lib/study/generated.ts';
import { topicIds } from '../../../src/lib/content/vocabulary.ts';

const plain = (html: string) => html.replace(/<[^>]+>/g, '');
const seeds = [1, 2, 3];
const banks = new Map<number, Question[]>();
for (const seed of seeds) banks.set(seed, await generateQuestions(seed));

describe('generateQuestions', () => {
	it('gives the same questions for the same seed', async () => {
		expect(await generateQuestions(2)).toEqual(banks.get(2));
	});

	it('makes well-formed questions: unique ids, known topics, flow steps from the catalogue', () => {
		for (const qs of banks.values()) {
			expect(new Set(qs.map((q) => q.id)).size).toBe(qs.length);
			for (const q of qs) {
				expect(topicIds).toContain(q.topic);
				expect(findFlow(q.flow!)?.steps).toContain(q.step);
				expect(q.references.every((r) => r.startsWith('https://docs.aws.amazon.com/'))).toBe(true);
				if (q.type === 'single') expect(q.options.filter((o) => o.correct)).toHaveLength(1);
				expect(new Set(q.options.map((o) => o.html)).size).toBe(q.options.length);
				expect(q.options.every((o) => o.explanation)).toBe(true);
			}
		}
	});

	it('covers every flow with a next-call and an order question', () => {
		const qs = banks.get(1)!;
		for (const flow of flows) {
			expect(qs.some((q) => q.id.startsWith(`gen-next-${flow.id}-`))).toBe(true);
			expect(qs.some((q) => q.id === `gen-order-${flow.id}`)).toBe(true);
		}
	});

	it('answers "which call comes next?" with the call the simulator makes next', async () => {
		for (const q of banks.get(1)!.filter((x) => x.id.startsWith('gen-next-'))) {
			const run = await runFlow(q.flow!, { provider: q.provider, seed: 1 });
			const own = run.steps.filter(
				(s) =>
					s.kind === 'call' &&
					['app', 'backend'].includes(s.from) &&
					['cognito', 'sts'].includes(s.to)
			);
			const n = Number(/-(\d+)$/.exec(q.id)![1]);
			expect(plain(q.options.find((o) => o.correct)!.html)).toBe(own[n - 1]!.label);
			expect(q.step).toBe(own[n - 1]!.id);
		}
	});

	it('lists the order question in the order the simulator runs the calls', async () => {
		for (const q of banks.get(3)!.filter((x) => x.type === 'order')) {
			const run = await runFlow(q.flow!, { provider: q.provider, seed: 3 });
			const calls = run.steps.filter((s) => s.kind === 'call').map((s) => s.label);
			expect(q.options.map((o) => plain(o.html).split(': ').pop())).toEqual(calls);
		}
	});

	it('answers each pool-setting question with the outcome the simulator gives, and replays it', async () => {
		const settingQs = banks.get(2)!.filter((x) => x.id.startsWith('gen-setting-'));
		expect(settingQs.length).toBeGreaterThan(10);
		let replays = 0;
		for (const q of settingQs) {
			const correct = plain(q.options.find((o) => o.correct)!.html);
			if (q.replay) {
				replays++;
				const { link, problems } = decodeFlowLink(q.flow!, new URLSearchParams(q.replay));
				expect(problems).toEqual([]);
				const run = await runFlow(q.flow!, {
					provider: q.provider,
					settings: link.settings,
					seed: 2
				});
				const failed = run.steps.find((s) => s.error);
				expect(failed?.error?.name).toBe(correct);
				expect(failed?.id).toBe(q.step);
			} else {
				expect(correct).toBe('No error: the app gets AWS credentials');
			}
		}
		expect(replays).toBeGreaterThan(5);
	});

	it('knows the classic facts: guest access off gives NotAuthorizedException at GetId', () => {
		const q = banks.get(1)!.find((x) => x.id === 'gen-setting-enhanced-guest-guestAccess-false')!;
		expect(plain(q.options.find((o) => o.correct)!.html)).toBe('NotAuthorizedException');
		expect(q.step).toBe('get-id');
		expect(q.replay).toBe('guest=off');
		const basic = banks
			.get(1)!
			.find((x) => x.id === 'gen-setting-basic-authenticated-classicFlow-false')!;
		expect(plain(basic.options.find((o) => o.correct)!.html)).toBe('InvalidParameterException');
		expect(basic.step).toBe('get-open-id-token');
	});

	it('answers "which role?" with the role the simulator assumes, following the documented rules', async () => {
		const roleQs = banks.get(1)!.filter((x) => x.id.startsWith('gen-role-'));
		const answers = Object.fromEntries(
			roleQs.map((q) => [q.id, plain(q.options.find((o) => o.correct)!.html)])
		);
		expect(answers).toEqual({
			'gen-role-token-alice': 'PoolLabAdminRole',
			'gen-role-token-bob': 'PoolLabEditorRole',
			'gen-role-token-dave': 'PoolLabAuthRole',
			'gen-role-rules-alice': 'PoolLabEditorRole',
			'gen-role-rules-bob': 'PoolLabAuthRole',
			'gen-role-rules-no-match-deny-carol':
				'None: the request is refused with NotAuthorizedException'
		});
		for (const q of roleQs.filter((x) => !x.replay)) {
			const [, mapping, user] = /^gen-role-(token|rules)-(\w+)$/.exec(q.id)!;
			const run = await runFlow('enhanced-authenticated', {
				provider: 'userpool',
				settings: { roleMapping: mapping as 'token' | 'rules' },
				seed: 1,
				user
			});
			const assumed = run.steps.find((s) => s.id === 'assume-role')!.request as { RoleArn: string };
			expect(assumed.RoleArn.endsWith(`/${answers[q.id]}`)).toBe(true);
		}
	});
});
