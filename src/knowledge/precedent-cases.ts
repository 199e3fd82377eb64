/**
 * Every precedent as a rule case (issue 16, item 4): its answers as an answers file would give
 * them, the advice for them, and the verdict of engine/check-precedent.ts. `rules test
 * --precedents` runs them; the semantics are in rules/precedents/README.md.
 */
import { completeAnswers } from '../answers/normalize.js';
import { fromMapping } from '../answers/sources.js';
import { validIfProblems } from '../answers/valid-if.js';
import { checkPrecedent, type PrecedentOutcome } from '../engine/check-precedent.js';
import type { Answers } from '../engine/conditions.js';
import type { Problem } from '../errors.js';
import type { Knowledge } from './assemble.js';
import type { Precedent } from './precedent-types.js';
import type { Question } from './schema.js';

/**
 * The labelled-set sizes at which a precedent whose publication does not state one (no `labeled`
 * in its answers) is run: a log grid from a hundred to a million. Users always give a size, so
 * the advice at an unknown size is not something the advisor ever gives.
 */
export const SIZE_GRID = [100, 1_000, 10_000, 100_000, 1_000_000] as const;
/** The size whose outcome is reported when an unsized precedent agrees at none of the grid's. */
const REPORTED_SIZE = 10_000;

/** A precedent's answers, completed with the questions' defaults; problems name the precedent. */
export function precedentAnswers(questions: readonly Question[], p: Precedent): { answers: Answers; problems: Problem[] } {
  const given = fromMapping(questions, p.answers, p.id, () => ({ line: 0, column: 0 }));
  const problems: Problem[] = given.problems.map(({ line: _l, column: _c, file: _f, ...rest }) => ({
    ...rest,
    message: `precedent "${p.id}": ${rest.message}`,
  }));
  if (!Object.hasOwn(given.answers, 'labeled')) given.answers.labeled = REPORTED_SIZE;
  const { answers, missing } = completeAnswers(questions, given.answers);
  for (const q of missing) problems.push({ code: 'missing-answer', message: `precedent "${p.id}": missing required answer ${q.id}` });
  if (problems.length === 0) for (const v of validIfProblems(questions, answers)) problems.push({ ...v, message: `precedent "${p.id}": ${v.message}` });
  return { answers, problems };
}

const agrees = (o: PrecedentOutcome) => o.verdict === 'agrees' || o.verdict === 'marked-but-agrees';

/**
 * One precedent as a rule case: at its stated labelled-set size; without one, at each size of
 * SIZE_GRID, agreeing when the advice agrees at one of them (the outcome says at which).
 */
export function runPrecedent(knowledge: Knowledge, p: Precedent, answers: Answers): PrecedentOutcome {
  if (p.answers.labeled !== undefined) return checkPrecedent(knowledge, p, answers);
  const tried = SIZE_GRID.map((labeled) => checkPrecedent(knowledge, p, { ...answers, labeled }));
  return tried.find(agrees) ?? (tried[SIZE_GRID.indexOf(REPORTED_SIZE)] as PrecedentOutcome);
}

/** Runs every precedent against the knowledge; answer problems are returned, not run. */
export function runPrecedents(knowledge: Knowledge, precedents: readonly Precedent[]): { outcomes: PrecedentOutcome[]; problems: Problem[] } {
  const outcomes: PrecedentOutcome[] = [];
  const problems: Problem[] = [];
  for (const p of precedents) {
    const r = precedentAnswers(knowledge.questions, p);
    if (r.problems.length > 0) problems.push(...r.problems);
    else outcomes.push(runPrecedent(knowledge, p, r.answers));
  }
  return { outcomes, problems };
}
