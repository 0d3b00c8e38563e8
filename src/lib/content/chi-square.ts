/**
 * Pearson's chi-square goodness-of-fit test, for the bank's answer-position figures. Small and
 * exact enough for a content check: the p-value comes from the regularized incomplete gamma
 * function, by its series below a + 1 and its continued fraction above.
 */

export interface ChiSquareResult {
	statistic: number;
	degreesOfFreedom: number;
	p: number;
}

/**
 * Tests observed counts against expected counts (same length, expected all above 0). Degrees of
 * freedom are the number of cells less one.
 */
export function chiSquareTest(
	observed: readonly number[],
	expected: readonly number[]
): ChiSquareResult {
	let statistic = 0;
	observed.forEach((o, k) => {
		const e = expected[k]!;
		statistic += ((o - e) * (o - e)) / e;
	});
	const degreesOfFreedom = observed.length - 1;
	return { statistic, degreesOfFreedom, p: chiSquareSurvival(statistic, degreesOfFreedom) };
}

/** P(X >= x) for X chi-square distributed with `df` degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
	if (df <= 0) return 1;
	if (x <= 0) return 1;
	return upperGammaRegularized(df / 2, x / 2);
}

function logGamma(z: number): number {
	// Lanczos approximation (g = 7, n = 9), accurate to about 15 digits for z > 0.
	const c = [
		0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
		-176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
		1.5056327351493116e-7
	];
	if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
	const x = z - 1;
	let sum = c[0]!;
	for (let k = 1; k < 9; k++) sum += c[k]! / (x + k);
	const t = x + 7.5;
	return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

function upperGammaRegularized(a: number, x: number): number {
	const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
	if (x < a + 1) {
		// Series for the lower function P(a, x); Q = 1 - P.
		let term = 1 / a;
		let sum = term;
		for (let n = 1; n < 500 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) {
			term *= x / (a + n);
			sum += term;
		}
		return Math.max(0, 1 - sum * front);
	}
	// Lentz's continued fraction for Q(a, x).
	const tiny = 1e-300;
	let b = x + 1 - a;
	let c = 1 / tiny;
	let d = 1 / b;
	let h = d;
	for (let n = 1; n < 500; n++) {
		const an = -n * (n - a);
		b += 2;
		d = an * d + b;
		if (Math.abs(d) < tiny) d = tiny;
		c = b + an / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < 1e-15) break;
	}
	return Math.min(1, front * h);
}
