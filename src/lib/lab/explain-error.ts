import { defaultBreakSettings, findFlow, flowLinkHash } from '../flows/index.ts';
import { knownErrors, type KnownCause, type KnownError, type Replay } from './error-catalogue.ts';

/**
 * Explains an error exactly as an SDK printed it: finds the error name, the operation and the
 * message in each SDK's format, matches the message against the known identity-pool errors with
 * IDs, ARNs, times and tokens ignored, and ranks the likely causes.
 */

export type SdkFormat =
	| 'boto3 or AWS CLI'
	| 'Java or Android'
	| '.NET'
	| 'iOS'
	| 'JavaScript'
	| 'JSON response'
	| 'plain text';

export interface ParsedError {
	format: SdkFormat;
	name?: string;
	operation?: string;
	message: string;
	httpStatus?: number;
}

export interface RankedCause extends KnownCause {
	/** The flow page link that replays it, when a setting reproduces it. */
	replayHash?: string;
}

export interface Explanation {
	parsed: ParsedError;
	/** The known error it is, or undefined when the app does not know it. */
	match?: KnownError;
	/** The operation: as printed, or the one the known error comes from. */
	operation?: string;
	causes: RankedCause[];
	/** For an unknown error: the known ones most like it, best first. */
	closest: KnownError[];
}

const operations = [
	'GetCredentialsForIdentity',
	'GetOpenIdTokenForDeveloperIdentity',
	'GetOpenIdToken',
	'GetId',
	'AssumeRoleWithWebIdentity',
	'SetIdentityPoolRoles',
	'DescribeIdentityPool'
];

const stripException = (name: string): string => name.replace(/Exception$/, '');

/** The message with IDs, ARNs, tokens, times and request IDs replaced, lowercased and trimmed. */
export function normaliseMessage(message: string): string {
	return message
		.replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '<token>')
		.replace(/arn:aws[\w-]*:[^\s'",)}]+/g, '<arn>')
		.replace(
			/\b[a-z]{2}(?:-[a-z]+)+-\d:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
			'<id>'
		)
		.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
		.replace(/\d{4}-\d\d-\d\dt\d\d:\d\d:\d\d(?:\.\d+)?(?:z|[+-]\d\d:?\d\d)?/gi, '<time>')
		.replace(/\b\d{6,}(?:\.\d+)?\b/g, '<n>')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

function findOperation(text: string): string | undefined {
	return operations.find((op) => new RegExp(`\\b${op}(?:Command|Request|Async)?\\b`).test(text));
}

/** Reads the name, operation and message out of an SDK's error text. Never throws. */
export function parseErrorText(raw: string): ParsedError {
	const text = String(raw ?? '')
		.slice(0, 20_000)
		.trim();
	let m =
		/An error occurred \((\w+)\)(?: \(reached max retries: \d+\))? when calling the (\w+) operation(?: \(reached max retries: \d+\))?: ([^\n]*)/.exec(
			text
		);
	if (m)
		return {
			format: 'boto3 or AWS CLI',
			name: m[1],
			operation: m[2],
			message: (m[3] ?? '').trim()
		};
	m =
		/([\w.]+)\.model\.(\w+): ([^\n]*?)(?:\s*\(Service: ([^;,)]+)[;,]\s*Status Code: (\d+)[^)]*\))?\s*$/m.exec(
			text
		);
	if (m)
		return {
			format: 'Java or Android',
			name: m[2],
			message: (m[3] ?? '').trim(),
			...(findOperation(text) ? { operation: findOperation(text) } : {}),
			...(m[5] ? { httpStatus: Number(m[5]) } : {})
		};
	m = /Amazon\.(?:CognitoIdentity|SecurityToken)\.Model\.(\w+): ([^\n]*)/.exec(text);
	if (m)
		return {
			format: '.NET',
			name: m[1],
			message: (m[2] ?? '').trim(),
			...(findOperation(text) ? { operation: findOperation(text) } : {})
		};
	if (/Error Domain=com\.amazonaws\./.test(text)) {
		const type = /__type"?\s*[=:]\s*"?(\w+)/.exec(text)?.[1];
		const msg =
			/\bmessage"?\s*[=:]\s*"?([^"}\n]+?)"?\s*[,}]/i.exec(text)?.[1] ??
			/\bmessage"?\s*[=:]\s*"?([^"}\n]+)/i.exec(text)?.[1];
		return {
			format: 'iOS',
			...(type ? { name: type } : {}),
			message: (msg ?? '').trim(),
			...(findOperation(text) ? { operation: findOperation(text) } : {})
		};
	}
	const type = /"__type"\s*:\s*"(?:[\w.#]*#)?(\w+)"/.exec(text)?.[1];
	if (type) {
		const msg = /"[Mm]essage"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1] ?? '';
		return {
			format: 'JSON response',
			name: type,
			message: msg.replace(/\\"/g, '"').trim(),
			...(findOperation(text) ? { operation: findOperation(text) } : {})
		};
	}
	m =
		/^(?:Uncaught (?:\(in promise\) )?)?(?:Error: )?([A-Z]\w*(?:Exception|Denied|Token|Claim|Error|Disabled|TooLarge|Document))\s*:\s*([^\n]*)/m.exec(
			text
		);
	if (m)
		return {
			format: 'JavaScript',
			name: m[1],
			message: (m[2] ?? '').trim(),
			...(findOperation(text) ? { operation: findOperation(text) } : {})
		};
	const known = knownErrors.map((k) => k.name).find((n) => text.includes(n));
	return {
		format: 'plain text',
		...(known ? { name: known } : {}),
		message: text.split('\n')[0]?.trim() ?? '',
		...(findOperation(text) ? { operation: findOperation(text) } : {})
	};
}

const words = (s: string): Set<string> =>
	new Set(s.split(/[^a-z<>:]+/).filter((w) => w.length > 2));

function similarity(parsed: ParsedError, known: KnownError): number {
	const a = words(normaliseMessage(parsed.message));
	const b = words(normaliseMessage(known.shown));
	const inter = [...a].filter((w) => b.has(w)).length;
	const union = new Set([...a, ...b]).size || 1;
	const sameName =
		parsed.name && stripException(parsed.name) === stripException(known.name) ? 0.3 : 0;
	return inter / union + sameName;
}

function nameMatches(parsed: ParsedError, known: KnownError): boolean {
	return parsed.name === undefined || stripException(parsed.name) === stripException(known.name);
}

/** The flow page, at the failing step, with the settings that reproduce a cause. */
export function replayHash(replay: Replay): string {
	const steps = findFlow(replay.flowId)?.steps ?? [];
	return flowLinkHash({
		flowId: replay.flowId,
		step: Math.max(0, steps.indexOf(replay.step)),
		...(replay.provider ? { provider: replay.provider } : {}),
		settings: { ...defaultBreakSettings, ...replay.settings }
	});
}

/** Explains an error text: the known error, its causes ranked, or the closest known errors. */
export function explainError(text: string): Explanation {
	const parsed = parseErrorText(text);
	const normal = normaliseMessage(parsed.message);
	const match =
		knownErrors.find((k) => k.message && nameMatches(parsed, k) && k.message.test(normal)) ??
		(parsed.name
			? knownErrors.find(
					(k) => !k.message && stripException(k.name) === stripException(parsed.name ?? '')
				)
			: undefined);
	if (!match) {
		const closest = [...knownErrors]
			.map((k) => ({ k, s: similarity(parsed, k) }))
			.filter((x) => x.s > 0.1)
			.sort((x, y) => y.s - x.s)
			.slice(0, 3)
			.map((x) => x.k);
		return {
			parsed,
			...(parsed.operation ? { operation: parsed.operation } : {}),
			causes: [],
			closest
		};
	}
	const operation =
		parsed.operation ?? (match.operations.length === 1 ? match.operations[0] : undefined);
	const causes = match.causes
		.map((c, i) => ({
			c,
			score: match.causes.length - i + (operation && c.likelierIn?.includes(operation) ? 2 : 0)
		}))
		.sort((a, b) => b.score - a.score)
		.map(({ c }) => ({ ...c, ...(c.replay ? { replayHash: replayHash(c.replay) } : {}) }));
	return { parsed, match, ...(operation ? { operation } : {}), causes, closest: [] };
}
