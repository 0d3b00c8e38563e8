import type { Difficulty, Domain, Question } from '../content/types.ts';
import { escapeHtml } from '../content/sanitize-html.ts';
import { appliesTo, breakOptions, providerFor } from '../flows/break-options.ts';
import {
	findFlow,
	flows,
	lanes,
	providers,
	type FlowId,
	type ProviderId
} from '../flows/catalogue.ts';
import { encodeFlowLink } from '../flows/deep-link.ts';
import { createDemoWorld } from '../cognito/index.ts';
import { runFlow } from '../flows/run-flow.ts';
import {
	defaultBreakSettings,
	type BreakSettings,
	type FlowRun,
	type FlowStep
} from '../flows/types.ts';
import { createRandom, shuffle, type Random } from './random.ts';

/**
 * Questions computed from the simulator rather than written by hand: "which call comes next?",
 * "put these calls in order", "what happens with this pool setting?" and "which role?". Every answer
 * is read off
 * a run of the flow, so it agrees with what the flow explorer shows.
 */

const docs = {
	flow: 'https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html',
	pools: 'https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html',
	trust:
		'https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html',
	rbac: 'https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html',
	upip: 'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-integrating-user-pools-with-identity-pools.html',
	dev: 'https://docs.aws.amazon.com/cognito/latest/developerguide/developer-authenticated-identities.html'
};

const code = (s: string) => `<code>${escapeHtml(s)}</code>`;
const para = (s: string) => `<p>${s}</p>`;

/** AWS calls that the app or backend itself makes, in run order. */
function ownCalls(run: FlowRun): FlowStep[] {
	return run.steps.filter(
		(s) =>
			s.kind === 'call' &&
			(s.from === 'app' || s.from === 'backend') &&
			(s.to === 'cognito' || s.to === 'sts')
	);
}

function flowTopic(flowId: FlowId): string {
	const flow = findFlow(flowId);
	if (flow?.identity === 'developer') return 'developer-auth';
	if (flow?.identity === 'guest') return 'guest-access';
	return flow?.family === 'basic' ? 'enhanced-vs-basic' : 'auth-flow';
}

/** The AWS page that documents a flow. */
const flowDoc = (flowId: FlowId) =>
	findFlow(flowId)?.identity === 'developer' ? docs.dev : docs.flow;

function flowName(flowId: FlowId, provider: ProviderId | undefined): string {
	const flow = findFlow(flowId)!;
	const who = provider ? ` (identity provider: ${escapeHtml(providers[provider].label)})` : '';
	return `the flow “${escapeHtml(flow.title)}”${who}`;
}

/** Simulator text to HTML: escaped, with `backticks` shown as code. */
function textHtml(text: string): string {
	return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function base(
	id: string,
	topic: string,
	domain: Domain,
	difficulty: Difficulty,
	run: FlowRun,
	step: string,
	references: string[]
): Omit<Question, 'type' | 'stem' | 'options'> {
	return {
		id,
		topic,
		domain,
		difficulty,
		concepts: [findFlow(run.flowId)!.title],
		flow: run.flowId,
		step,
		...(run.provider ? { provider: run.provider } : {}),
		references,
		file: 'generated',
		line: 0,
		origin: 'generated'
	};
}

const apiCalls = [
	'GetId',
	'GetOpenIdToken',
	'GetCredentialsForIdentity',
	'AssumeRoleWithWebIdentity',
	'GetOpenIdTokenForDeveloperIdentity'
];

function nextCallQuestions(run: FlowRun, random: Random): Question[] {
	const calls = ownCalls(run);
	const sequence = calls.map((c) => c.label).join(' → ');
	return calls.map((call, i) => {
		const before = calls[i - 1];
		const wrong = shuffle(
			apiCalls.filter((a) => a !== call.label && a !== before?.label),
			random
		).slice(0, 3);
		const explainWrong = (api: string): string => {
			const inside = run.steps.find((s) => s.label === api && s.from === 'cognito');
			if (inside)
				return para(`In this flow ${code(api)} is made by Cognito for you, not by your code.`);
			const earlier = calls.findIndex((c) => c.label === api);
			if (earlier >= 0 && earlier < i)
				return para(`${code(api)} already happened earlier in this flow.`);
			if (earlier > i)
				return para(`${code(api)} comes later in this flow: ${escapeHtml(sequence)}.`);
			return para(`This flow never calls ${code(api)}; its calls are ${escapeHtml(sequence)}.`);
		};
		const options = shuffle(
			[
				{ html: code(call.label), correct: true, explanation: para(textHtml(call.narration)) },
				...wrong.map((api) => ({ html: code(api), correct: false, explanation: explainWrong(api) }))
			],
			random
		);
		const stem = before
			? `In ${flowName(run.flowId, run.provider)}, your code has just called ${code(before.label)} and got its answer. Which call to the identity pool or to STS does your code make next?`
			: `In ${flowName(run.flowId, run.provider)}, which call to the identity pool or to STS does your code make first?`;
		return {
			...base(
				`gen-next-${run.flowId}-${i + 1}`,
				flowTopic(run.flowId),
				'development',
				'easy',
				run,
				call.id,
				[flowDoc(run.flowId)]
			),
			type: 'single',
			stem: para(stem),
			options,
			explanation: para(`The calls your code makes in this flow: ${escapeHtml(sequence)}.`)
		};
	});
}

function orderQuestion(run: FlowRun): Question | undefined {
	const calls = run.steps.filter((s) => s.kind === 'call');
	if (calls.length < 3) return undefined;
	return {
		...base(
			`gen-order-${run.flowId}`,
			flowTopic(run.flowId),
			'development',
			'medium',
			run,
			calls[0]!.id,
			[flowDoc(run.flowId)]
		),
		type: 'order',
		stem: para(`Put the calls of ${flowName(run.flowId, run.provider)} in the order they happen.`),
		options: calls.map((c) => ({
			html: `${escapeHtml(lanes[c.from].label)} → ${escapeHtml(lanes[c.to].label)}: ${code(c.label)}`,
			correct: false,
			explanation: para(textHtml(c.narration))
		}))
	};
}

interface Scenario {
	key: keyof BreakSettings;
	value: BreakSettings[keyof BreakSettings];
	/** The setup in words, without giving the outcome away. */
	text: string;
	topic: string;
	reference: string;
}

const scenarios: Scenario[] = [
	{
		key: 'guestAccess',
		value: false,
		text: `Guest access (${code('AllowUnauthenticatedIdentities')}) is turned off for the identity pool.`,
		topic: 'guest-access',
		reference: docs.pools
	},
	{
		key: 'classicFlow',
		value: false,
		text: `The basic (classic) flow (${code('AllowClassicFlow')}) is turned off for the identity pool.`,
		topic: 'enhanced-vs-basic',
		reference: docs.flow
	},
	{
		key: 'roleMapping',
		value: 'rules-no-match-deny',
		text: `The pool chooses roles with rules, no rule matches the user's token, and ${code('AmbiguousRoleResolution')} is ${code('Deny')}.`,
		topic: 'role-mapping',
		reference: docs.rbac
	},
	{
		key: 'roleMapping',
		value: 'rules-no-match-default',
		text: `The pool chooses roles with rules, no rule matches the user's token, and ${code('AmbiguousRoleResolution')} is ${code('AuthenticatedRole')}.`,
		topic: 'role-mapping',
		reference: docs.rbac
	},
	{
		key: 'trust',
		value: 'wrong-aud',
		text: `The ${code('aud')} condition in the trust policy of the role names a different identity pool.`,
		topic: 'trust-policies',
		reference: docs.trust
	},
	{
		key: 'trust',
		value: 'wrong-amr',
		text: `The ${code('amr')} condition in the trust policy of the role asks for the other kind of identity (authenticated instead of unauthenticated, or the reverse).`,
		topic: 'trust-policies',
		reference: docs.trust
	},
	{
		key: 'expireToken',
		value: true,
		text: 'The token the app sends has expired by the time it reaches AWS.',
		topic: 'lifetimes',
		reference: docs.flow
	},
	{
		key: 'tamperClaim',
		value: true,
		text: 'One claim of the token the app sends was changed after the token was signed.',
		topic: 'auth-flow',
		reference: docs.flow
	},
	{
		key: 'sendAccessToken',
		value: true,
		text: `The app puts the user pool access token in ${code('Logins')} instead of the ID token.`,
		topic: 'user-vs-identity-pools',
		reference: docs.upip
	},
	{
		key: 'otherPoolToken',
		value: true,
		text: `The app sends an ID token issued by a different user pool under this pool's ${code('Logins')} key.`,
		topic: 'auth-flow',
		reference: docs.upip
	}
];

const success = 'No error: the app gets AWS credentials';

function outcomeOf(run: FlowRun): { label: string; step: FlowStep } {
	const failed = run.steps.find((s) => s.error);
	if (failed?.error) return { label: failed.error.name, step: failed };
	return {
		label: success,
		step: run.steps.find((s) => s.id === 'return-credentials') ?? run.steps[0]!
	};
}

const outcomeHtml = (label: string) => (label === success ? escapeHtml(label) : code(label));

function settingsQuery(run: FlowRun): string {
	const params = encodeFlowLink({ flowId: run.flowId, step: 0, settings: run.settings });
	return params.toString();
}

async function scenarioQuestions(seed: number, random: Random): Promise<Question[]> {
	const runs: { scenario: Scenario; run: FlowRun }[] = [];
	for (const scenario of scenarios) {
		const option = breakOptions.find((o) => o.key === scenario.key)!;
		for (const flow of flows) {
			const choices = flow.providers.filter((p) => appliesTo(option, flow.id, p));
			if (flow.providers.length > 0 && choices.length === 0) continue;
			if (flow.providers.length === 0 && !appliesTo(option, flow.id)) continue;
			const provider = choices.length ? choices[Math.floor(random() * choices.length)] : undefined;
			const settings = { ...defaultBreakSettings, [scenario.key]: scenario.value } as BreakSettings;
			const run = await runFlow(flow.id, {
				provider: providerFor(flow.id, provider),
				settings,
				seed
			});
			runs.push({ scenario, run });
		}
	}
	const universe = [...new Set(runs.map((r) => outcomeOf(r.run).label))];
	return runs.map(({ scenario, run }) => {
		const { label, step } = outcomeOf(run);
		const where = `step ${step.index + 1}, ${code(step.label)}`;
		const correctWhy = step.error
			? para(`AWS refuses at ${where}: ${textHtml(step.error.explanation)}`) +
				para(`Fix: ${textHtml(step.error.fix)}`)
			: para(`The run reaches ${where}. ${textHtml(step.narration)}`);
		const explainOther = (other: string): string => {
			const example =
				runs.find((r) => outcomeOf(r.run).label === other && r.run.flowId === run.flowId) ??
				runs.find((r) => outcomeOf(r.run).label === other)!;
			return other === success
				? para(`The run does not get that far here; it stops at ${where}.`)
				: para(
						`${code(other)} is what ${flowName(example.run.flowId, example.run.provider)} returns in a different setup: ${example.scenario.text}`
					);
		};
		const wrong = shuffle(
			universe.filter((o) => o !== label),
			random
		).slice(0, 3);
		const options = shuffle(
			[
				{ html: outcomeHtml(label), correct: true, explanation: correctWhy },
				...wrong.map((o) => ({
					html: outcomeHtml(o),
					correct: false,
					explanation: explainOther(o)
				}))
			],
			random
		);
		const replay = settingsQuery(run);
		return {
			...base(
				`gen-setting-${run.flowId}-${String(scenario.key)}-${String(scenario.value)}`,
				scenario.topic,
				'troubleshooting',
				'hard',
				run,
				step.id,
				[scenario.reference]
			),
			...(step.error && replay ? { replay } : {}),
			type: 'single',
			stem:
				para(`An app uses ${flowName(run.flowId, run.provider)}. ${scenario.text}`) +
				para('What does the app get when it runs the flow?'),
			options
		};
	});
}

interface ChooseRoleResponse {
	RoleArn?: string;
	MappingKey?: string;
	Explanation?: string;
	Roles?: { authenticated?: string };
	RoleMappings?: Record<
		string,
		{
			Type: string;
			AmbiguousRoleResolution?: string;
			RulesConfiguration?: {
				Rules: { Claim: string; MatchType: string; Value: string; RoleARN: string }[];
			};
		}
	>;
}

const roleName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
const refused = 'None: the request is refused with NotAuthorizedException';

/** "Which role?" for user pool users under token and rules role mappings, read off the runs. */
async function roleQuestions(seed: number, random: Random): Promise<Question[]> {
	const world = await createDemoWorld({ seed });
	const cases: { mapping: BreakSettings['roleMapping']; users: string[] }[] = [
		{ mapping: 'token', users: ['alice', 'bob', 'dave'] },
		{ mapping: 'rules', users: ['alice', 'bob'] },
		{ mapping: 'rules-no-match-deny', users: ['carol'] }
	];
	const out: Question[] = [];
	for (const { mapping, users } of cases) {
		for (const username of users) {
			const user = world.userPool.users.get(username);
			if (!user) continue;
			const settings = { ...defaultBreakSettings, roleMapping: mapping };
			const run = await runFlow('enhanced-authenticated', {
				provider: 'userpool',
				settings,
				seed,
				user: username
			});
			const step = run.steps.find((s) => s.id === 'choose-role');
			const response = step?.response as ChooseRoleResponse | undefined;
			const config = response?.MappingKey
				? response.RoleMappings?.[response.MappingKey]
				: undefined;
			const defaultRole = response?.Roles?.authenticated;
			const failedElsewhere = run.steps.some((s) => s.error && s.id !== 'choose-role');
			if (!step || !config || !defaultRole || failedElsewhere) continue;
			const answer = step.error
				? refused
				: response?.RoleArn
					? roleName(response.RoleArn)
					: undefined;
			if (!answer) continue;
			const groups = user.groups.flatMap((g) => {
				const group = world.userPool.groups.get(g);
				return group?.RoleArn
					? [{ name: g, precedence: group.Precedence, role: group.RoleArn }]
					: [];
			});
			// With no group role in the token the documented rules say nothing definite: no question.
			if (config.Type === 'Token' && groups.length === 0) continue;
			const setup =
				config.Type === 'Token'
					? `The identity pool chooses the role from the user pool token (${code('Token')} mapping, ${code('AmbiguousRoleResolution')} = ${code(config.AmbiguousRoleResolution ?? '')}). ` +
						`The user ${code(username)} belongs to ${groups
							.map(
								(g) =>
									`the group ${code(g.name)} (precedence ${g.precedence ?? 'not set'}, role ${code(roleName(g.role))})`
							)
							.join(' and ')}.`
					: `The identity pool maps roles with rules (${code('AmbiguousRoleResolution')} = ${code(config.AmbiguousRoleResolution ?? '')}): ${(
							config.RulesConfiguration?.Rules ?? []
						)
							.map(
								(r, i) =>
									`rule ${i + 1} sends ${code(r.Claim)} ${escapeHtml(r.MatchType)} ${code(r.Value)} to ${code(roleName(r.RoleARN))}`
							)
							.join('; ')}. The user ${code(username)} signs in; the ID token carries ${(
							config.RulesConfiguration?.Rules ?? []
						)
							.map((r) => `${code(r.Claim)} = ${code(user.attributes[r.Claim] ?? '(none)')}`)
							.join(', ')}.`;
			const candidates = [
				...new Set([
					roleName(defaultRole),
					...groups.map((g) => roleName(g.role)),
					...(config.RulesConfiguration?.Rules ?? []).map((r) => roleName(r.RoleARN)),
					roleName(world.demo.roles.admin),
					roleName(world.demo.roles.editor),
					refused
				])
			].filter((c) => c !== answer);
			const why = textHtml(response?.Explanation ?? step.narration);
			const options = shuffle(
				[
					{
						html: answer === refused ? escapeHtml(answer) : code(answer),
						correct: true,
						explanation: para(why)
					},
					...shuffle(candidates, random)
						.slice(0, 3)
						.map((c) => ({
							html: c === refused ? escapeHtml(c) : code(c),
							correct: false,
							explanation: para(`Not here: ${why}`)
						}))
				],
				random
			);
			out.push({
				...base(
					`gen-role-${mapping}-${username}`,
					'role-mapping',
					'development',
					'medium',
					run,
					'choose-role',
					[docs.rbac]
				),
				...(step.error ? { replay: settingsQuery(run) } : {}),
				type: 'single',
				stem:
					para(
						`${setup} The pool's default authenticated role is ${code(roleName(defaultRole))}, and the app sends no ${code('CustomRoleArn')}.`
					) + para(`Which role do the credentials of ${code(username)} belong to?`),
				options
			});
		}
	}
	return out;
}

/**
 * The questions a successful run's calls give: "which call comes next?" for each call your code
 * makes, and "put these calls in order" when it makes three or more.
 */
export function callQuestions(run: FlowRun, random: Random): Question[] {
	const order = orderQuestion(run);
	return [...nextCallQuestions(run, random), ...(order ? [order] : [])];
}

/** Every generated question for a seed: the same seed gives the same questions and options. */
export async function generateQuestions(seed: number): Promise<Question[]> {
	const random = createRandom(seed);
	const out: Question[] = [];
	for (const flow of flows) {
		const provider = flow.providers.length
			? flow.providers[Math.floor(random() * flow.providers.length)]
			: undefined;
		const run = await runFlow(flow.id, { provider, seed });
		if (run.outcome !== 'credentials') continue;
		out.push(...callQuestions(run, random));
	}
	out.push(...(await scenarioQuestions(seed, random)));
	out.push(...(await roleQuestions(seed, random)));
	return out;
}
