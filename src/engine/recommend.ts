/**
 * evaluate() for people: a knowledge base whose rules speak for no model, for these answers, is a
 * problem with the input (the rule packs), so it becomes a UserError (exit 2) with a hint. The
 * one place that does this, for the CLI and the library alike.
 */
import { UserError } from '../errors.js';
import type { Knowledge } from '../knowledge/assemble.js';
import type { Result } from '../knowledge/output.js';
import type { Answers } from './conditions.js';
import { type EvaluateOptions, evaluate, NoRecommendationError } from './evaluate.js';

export function recommend(knowledge: Knowledge, answers: Answers, options: EvaluateOptions = {}): Result {
  try {
    return evaluate(knowledge, answers, options);
  } catch (e) {
    if (e instanceof NoRecommendationError) throw noRecommendation(e);
    throw e;
  }
}

export function noRecommendation(e: NoRecommendationError): UserError {
  return new UserError({ code: 'no-recommendation', message: e.message, hint: 'check the rule packs given with --rules: some rule must favor a model' });
}
