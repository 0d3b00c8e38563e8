import { parsePlan, planLimits, type PlanContext } from '../lib/present/parse-plan.ts';
import { planToMarkdown, type Plan } from '../lib/present/plan.ts';
import { sectionSlugsFromHtml } from '../lib/present/sections.ts';
import type { Lesson, Problem, Question } from '../lib/content/types.ts';

const storageKey = 'ipl.plans.v1';

/** The plans that ship with the app, as their markdown sources. */
const bundled = import.meta.glob('/content/plans/*.md', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

/** The lessons and questions plans point at, loaded once. */
export interface PlanLibrary {
	lessons: Map<string, Lesson>;
	questions: Map<string, Question>;
	context: PlanContext;
}

let library: Promise<PlanLibrary> | undefined;

/** Loads the bundled lessons and questions that plan items show. */
export function loadLibrary(): Promise<PlanLibrary> {
	library ??= Promise.all([
		import('virtual:content/lessons'),
		import('virtual:content/questions')
	]).then(([l, q]) => {
		const lessons = new Map(l.lessons.map((x) => [x.slug, x]));
		const questions = new Map(q.questions.map((x) => [x.id, x]));
		return {
			lessons,
			questions,
			context: {
				lessons: new Map(l.lessons.map((x) => [x.slug, new Set(sectionSlugsFromHtml(x.blocks))])),
				questionIds: new Set(questions.keys())
			}
		};
	});
	return library;
}

function readStored(): string[] {
	try {
		const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
		const list: unknown = raw ? JSON.parse(raw) : [];
		return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
	} catch {
		return [];
	}
}

/**
 * The bundled plans and the teacher's own, which are kept on this device as markdown (the same
 * text an export writes) and checked again whenever they are read.
 */
class Plans {
	#builtIn = $state.raw<Plan[]>([]);
	#mine = $state.raw<Plan[]>([]);
	#ready: Promise<void> | undefined;

	get builtIn(): Plan[] {
		return this.#builtIn;
	}

	get mine(): Plan[] {
		return this.#mine;
	}

	load(): Promise<void> {
		this.#ready ??= loadLibrary().then(({ context }) => {
			this.#builtIn = Object.entries(bundled)
				.map(([path, source]) => parsePlan(path.slice(1), source, context).plan)
				.filter((p): p is Plan => p !== undefined);
			this.#mine = readStored()
				.map((source, i) => parsePlan(`plan-${i + 1}.md`, source, context).plan)
				.filter((p): p is Plan => p !== undefined);
		});
		return this.#ready;
	}

	/** Keeps a plan (replacing one with the same id) on this device. */
	save(plan: Plan): void {
		this.#mine = [...this.#mine.filter((p) => p.id !== plan.id), plan];
		this.#store();
	}

	remove(id: string): void {
		this.#mine = this.#mine.filter((p) => p.id !== id);
		this.#store();
	}

	/**
	 * Checks a plan file a teacher picked with the rules of content/plans; only a plan with no
	 * problem is kept. Notes and titles are plain text, so nothing in them can run.
	 */
	async import(name: string, source: string): Promise<{ plan?: Plan; problems: Problem[] }> {
		const { context } = await loadLibrary();
		if (source.length > planLimits.bytes)
			return {
				problems: [
					{
						file: name,
						line: 1,
						column: 1,
						message: `The file is too large (${source.length} characters)`,
						hint: `Keep it under ${planLimits.bytes}.`
					}
				]
			};
		const result = parsePlan(name, source, context);
		if (result.plan) this.save(result.plan);
		return result;
	}

	#store(): void {
		try {
			localStorage.setItem(storageKey, JSON.stringify(this.#mine.map(planToMarkdown)));
		} catch {
			// Storage full or blocked: the plan stays for this visit; export keeps a copy.
		}
	}
}

export const plans = new Plans();
