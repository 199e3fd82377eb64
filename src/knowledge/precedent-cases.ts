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
 * A precedent's answers, completed with the questions' defaults. A publication that does not
 * state its labelled-set size leaves `labeled` unknown (null): no rule that depends on the size
 * fires. Problems name the precedent (its answers against the questions and their validIf).
 */
export function precedentAnswers(questions: readonly Question[], p: Precedent): { answers: Answers; problems: Problem[] } {
  const given = fromMapping(questions, p.answers, p.id, () => ({ line: 0, column: 0 }));
  const problems: Problem[] = given.problems.map(({ line: _l, column: _c, file: _f, ...rest }) => ({
    ...rest,
    message: `precedent "${p.id}": ${rest.message}`,
  }));
  if (!Object.hasOwn(given.answers, 'labeled')) given.answers.labeled = null;
  const { answers, missing } = completeAnswers(questions, given.answers);
  for (const q of missing) problems.push({ code: 'missing-answer', message: `precedent "${p.id}": missing required answer ${q.id}` });
  if (problems.length === 0) for (const v of validIfProblems(questions, answers)) problems.push({ ...v, message: `precedent "${p.id}": ${v.message}` });
  return { answers, problems };
}

/** Runs every precedent against the knowledge; answer problems are returned, not run. */
export function runPrecedents(knowledge: Knowledge, precedents: readonly Precedent[]): { outcomes: PrecedentOutcome[]; problems: Problem[] } {
  const outcomes: PrecedentOutcome[] = [];
  const problems: Problem[] = [];
  for (const p of precedents) {
    const r = precedentAnswers(knowledge.questions, p);
    if (r.problems.length > 0) problems.push(...r.problems);
    else outcomes.push(checkPrecedent(knowledge, p, r.answers));
  }
  return { outcomes, problems };
}
