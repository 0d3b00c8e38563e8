import { bench, describe } from 'vitest';
import { buildBundle } from '../../src/lib/content/bundle.ts';
import { checkContent, checkDeck, type ContentFile } from '../../src/lib/content/check.ts';
import { decodeDeck, maxDeckBytes } from '../../src/lib/content/deck-bytes.ts';

const topics = ['auth-flow', 'guest-access', 'role-mapping', 'trust-policies', 'lifetimes'];

function question(n: number): string {
	const type = n % 3 === 0 ? 'order' : n % 3 === 1 ? 'single' : 'multiple';
	const head = [
		'---',
		`id: bench-question-${n}`,
		`type: ${type}`,
		`topic: ${topics[n % topics.length]}`,
		'domain: development',
		'difficulty: medium',
		'concepts: [GetId, GetCredentialsForIdentity]',
		'flow: enhanced-authenticated',
		'step: get-credentials',
		'provider: userpool',
		'references:',
		'  - https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html',
		'---',
		''
	];
	const stem = `Question ${n}: an app signs in with a user pool and calls \`GetId\`. See [the flow](#/flows/enhanced-authenticated?step=2)${type === 'multiple' ? ' (Choose TWO.)' : '.'}`;
	const options =
		type === 'order'
			? [
					'1. Sign in',
					'2. `GetId`',
					'   > Gives the identity ID.',
					'3. `GetCredentialsForIdentity`'
				]
			: [
					'- [x] The first option, which is right.',
					'  > Because the **enhanced flow** says so.',
					`- [${type === 'multiple' ? 'x' : ' '}] The second option.`,
					`  > Read [the question](#/practice?question=bench-question-${(n + 1) % 1000}).`,
					'- [ ] The third option.',
					'  > `GetOpenIdToken` belongs to the basic flow.'
				];
	return [...head, stem, '', ...options, '', '### Explanation', '', 'Because.', ''].join('\n');
}

/** 1,000 questions in 50 files of 20, like a large bank. */
const files: ContentFile[] = Array.from({ length: 50 }, (_, f) => ({
	path: `content/questions/bench/file-${f}.md`,
	source: Array.from({ length: 20 }, (_, k) => question(f * 20 + k)).join('\n')
}));

const check = checkContent(files);
if (check.problems.length || check.questions.length !== 1000) {
	throw new Error(`The generated bank should be valid: ${check.problems.length} problems`);
}

describe('content: 1,000 generated questions', () => {
	bench('parse and validate (checkContent)', () => {
		checkContent(files);
	});

	// DOMPurify over jsdom makes this one take seconds, so it gets few samples.
	bench(
		'parse, validate, render and sanitize (buildBundle)',
		() => {
			buildBundle(files);
		},
		{ iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 }
	);
});

/** A deck just under the import limit, made of the same generated questions. */
const bigDeck = (() => {
	const parts: string[] = [];
	let size = 0;
	for (let n = 0; size < maxDeckBytes - 2000; n++) {
		const q = question(n).replace(/#\/practice\?question=bench-question-\d+/, '#/practice');
		parts.push(q);
		size += q.length + 1;
	}
	return new TextEncoder().encode(parts.join('\n'));
})();
const fiftyMegabytes = new Uint8Array(50 * 1024 * 1024);
const deckContext = { lessonSlugs: new Set<string>(), questionIds: new Map<string, string>() };

describe(`deck import: limit ${maxDeckBytes} bytes`, () => {
	bench('refuse a 50 MB file (decodeDeck)', () => {
		if (decodeDeck('big.md', fiftyMegabytes).ok) throw new Error('a 50 MB deck must be refused');
	});

	bench(`decode and check a deck of ${bigDeck.length} bytes (decodeDeck + checkDeck)`, () => {
		const text = decodeDeck('deck.md', bigDeck);
		if (!text.ok) throw new Error(text.problem.message);
		checkDeck({ path: 'deck.md', source: text.text }, deckContext);
	});
});
