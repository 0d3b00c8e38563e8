import type { ContentFile } from '../content/check.ts';
import type { LessonSource, Problem } from '../content/types.ts';
import type { Plan } from './plan.ts';
import { parsePlan, type PlanContext } from './parse-plan.ts';
import { sectionSlugs } from './sections.ts';

/** What plans may point at, from the checked lessons and questions. */
export function planContext(
	lessons: readonly LessonSource[],
	questionIds: Iterable<string>
): PlanContext {
	const map = new Map<string, Set<string>>();
	for (const l of lessons) {
		const text = l.blocks.map((b) => (b.kind === 'markdown' ? b.text : '')).join('\n');
		map.set(l.slug, new Set(sectionSlugs(text)));
	}
	return { lessons: map, questionIds: new Set(questionIds) };
}

/** Checks every plan under `content/plans/`, and that no two share an id. */
export function checkPlans(
	files: readonly ContentFile[],
	ctx: PlanContext
): { plans: Plan[]; problems: Problem[] } {
	const plans: Plan[] = [];
	const problems: Problem[] = [];
	for (const f of files) {
		if (!/(^|\/)plans\/[^/]+\.md$/.test(f.path)) continue;
		const r = parsePlan(f.path, f.source, ctx);
		problems.push(...r.problems);
		if (r.plan) plans.push(r.plan);
	}
	return { plans, problems };
}
