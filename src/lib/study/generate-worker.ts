/**
 * Computes the simulator's questions off the main thread: a round's set takes dozens of simulated
 * sign-ins and token signatures, which would otherwise hold up the practice screen while it loads.
 */
import { generateQuestions } from './generated.ts';

export interface GenerateRequest {
	seed: number;
}

export type GenerateReply =
	| { seed: number; questions: Awaited<ReturnType<typeof generateQuestions>> }
	| { seed: number; error: string };

const scope = self as unknown as {
	onmessage: ((event: MessageEvent<GenerateRequest>) => void) | null;
	postMessage(reply: GenerateReply): void;
};

scope.onmessage = (event) => {
	const { seed } = event.data;
	generateQuestions(seed).then(
		(questions) => scope.postMessage({ seed, questions }),
		(err: unknown) =>
			scope.postMessage({ seed, error: err instanceof Error ? err.message : String(err) })
	);
};
