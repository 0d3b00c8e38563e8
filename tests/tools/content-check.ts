/**
 * `npm run content:check`: checks every lesson, question, plan and step text under content/ and
 * prints each problem as `file:line:column: message (hint)`. Exits 1 when there is any problem. An argument
 * checks another folder laid out the same way (`tsx tests/tools/content-check.ts my-content`).
 * The bank checks (src/lib/content/bank-checks.ts) run on the questions as a whole and end the
 * output with a summary line of the bank's figures.
 */
import { fileURLToPath } from 'node:url';
import { checkBank, formatFigures } from '../../src/lib/content/bank-checks.ts';
import { checkContent, formatProblem, sortProblems } from '../../src/lib/content/check.ts';
import { checkSteps, isStepFile } from '../../src/lib/content/check-steps.ts';
import { readContentFiles } from '../../src/lib/content/read-files.ts';
import { checkPlans, planContext } from '../../src/lib/present/check-plans.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const files = readContentFiles(root, process.argv[2] ?? 'content');
const checked = checkContent(files);
const { lessons, questions } = checked;
const bank = checkBank(questions, files);
const plans = checkPlans(
	files,
	planContext(
		lessons,
		questions.map((q) => q.id)
	)
);
const steps = checkSteps(files);
const problems = sortProblems([
	...checked.problems,
	...bank.problems,
	...plans.problems,
	...steps.problems
]);
for (const p of problems) console.log(formatProblem(p));
console.log(
	`${files.length} files, ${lessons.length} lessons, ${questions.length} questions, ` +
		`${plans.plans.length} plans, ${files.filter((f) => isStepFile(f.path)).length} step files: ` +
		`${problems.length} problem${problems.length === 1 ? '' : 's'}`
);
console.log(formatFigures(bank.figures));
process.exit(problems.length ? 1 : 0);
