/**
 * Runs per property: CI-sized by default, more under `npm run bench` (FUZZ_RUNS). The seed is fixed
 * so a failure reproduces; FUZZ_SEED picks another sequence.
 */
export function fuzz(defaultRuns: number): { numRuns: number; seed: number } {
	const runs = Number(process.env['FUZZ_RUNS']);
	const seed = Number(process.env['FUZZ_SEED']);
	return {
		numRuns: Number.isFinite(runs) && runs > 0 ? runs : defaultRuns,
		seed: Number.isFinite(seed) ? seed : 14
	};
}
