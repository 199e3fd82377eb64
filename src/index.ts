/**
 * The library API (contract section 6). No terminal, no process exit:
 *
 *   import { advise, loadRules, questions } from 'dl-advisor';
 *   const result = await advise({ modality: 'image', task: 'classification', labeled: 900 });
 */
import { completeAnswers, missingProblem } from './answers/normalize.js';
import { fromMapping } from './answers/sources.js';
import { validIfProblems } from './answers/valid-if.js';
import { recommend } from './engine/recommend.js';
import { UserError } from './errors.js';
import { addPrecedents, precedentCount } from './knowledge/advice-precedents.js';
import type { Knowledge } from './knowledge/assemble.js';
import { type LoadOptions, loadKnowledge } from './knowledge/builtin.js';
import type { Result } from './knowledge/output.js';
import type { Question } from './knowledge/schema.js';
import { toolVersion } from './version.js';

export { parseCount } from './answers/normalize.js';
export type { Answers, AnswerValue } from './engine/conditions.js';
export { evaluate } from './engine/evaluate.js';
export { CheckFailedError, type Problem, UserError } from './errors.js';
export type { Knowledge, RuleEntry } from './knowledge/assemble.js';
export type { Caution, ErrorDocument, Explanation, Item, PrecedentOut, RankedModel, Reason, Result } from './knowledge/output.js';
export type { Condition, Method, Pack, Question, Rule, TestCase } from './knowledge/schema.js';
export { renderMarkdown } from './render/markdown.js';
export { renderText } from './render/text.js';

export interface AdviseOptions extends LoadOptions {
  /** Knowledge from loadRules(); loaded from the built-in rules (and `rules`) when omitted. */
  knowledge?: Knowledge;
  /** Add `explain` (every rule considered, why not each runner-up) to the result. */
  explain?: boolean;
  /**
   * How many published problems like the user's to add as `precedents[]` (issue 16): 0-50,
   * default 3 (as the CLI); 0 or false for none (the corpus is then not read).
   */
  precedents?: number | false;
}

/** Load the built-in rules and any rule pack files or folders, fully validated. Throws UserError. */
export function loadRules(options: LoadOptions = {}): Promise<Knowledge> {
  return loadKnowledge(options);
}

/** The questions, in the order the walkthrough asks them. */
export async function questions(options: LoadOptions = {}): Promise<Question[]> {
  return (await loadKnowledge(options)).questions;
}

/**
 * Answers (values as people write them: "1.2k", true for "yes") -> the document that
 * `--format json` prints. Throws UserError naming each bad key or value, or the missing ones, or
 * (code `no-recommendation`) saying that no rule of the knowledge speaks for any model.
 */
export async function advise(answers: Record<string, unknown>, options: AdviseOptions = {}): Promise<Result> {
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) {
    throw new UserError({
      code: 'bad-answers',
      message: 'advise() takes an object of answers, e.g. { modality: "image", task: "classification", labeled: 900 }',
    });
  }
  const knowledge = options.knowledge ?? (await loadKnowledge(options));
  const given = fromMapping(knowledge.questions, answers, '<answers>', () => ({ line: 0, column: 0 }));
  if (given.problems.length > 0) throw new UserError(given.problems.map(({ line, column, file, ...p }) => p));
  const { answers: complete, missing } = completeAnswers(knowledge.questions, given.answers);
  if (missing.length > 0) throw new UserError(missingProblem(missing));
  const invalid = validIfProblems(knowledge.questions, complete);
  if (invalid.length > 0) throw new UserError(invalid);
  const count = precedentCount(options.precedents, 'precedents');
  const result = recommend(knowledge, complete, { explain: options.explain, toolVersion: toolVersion(), files: knowledge.packs.map((p) => p.file) });
  return addPrecedents(result, count, { knowledge, rules: options.rules, builtin: options.builtin });
}
