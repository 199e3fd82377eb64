/**
 * Rule tests: one case (answers -> expected advice) checked against a result. Pure, so that
 * `rules test`, the test suite and the exhaustive check share it. The differences are data; the
 * words for them are render/cases.ts's.
 */
import type { Knowledge } from '../knowledge/assemble.js';
import type { Result } from '../knowledge/output.js';
import type { TestCase } from '../knowledge/schema.js';
import type { Answers } from './conditions.js';
import { evaluate, NoRecommendationError } from './evaluate.js';

/** One field of a case that did not hold: what the case expects and what the advice gave. */
export interface Difference {
  field: 'primary' | 'runners-up' | 'strategies' | 'interpretability' | 'cautions' | 'recipe' | 'recipes' | 'split';
  /**
   * How `expected` relates to `actual`: `one-of` (the primary must be one of them), `all-of`
   * (each missing one is listed), `any-of` (at least one), `none-of` (none may be there).
   */
  want: 'one-of' | 'all-of' | 'any-of' | 'none-of';
  expected: string[];
  actual: string[];
}

export interface CaseOutcome {
  id: string;
  passed: boolean;
  differences: Difference[];
  primary?: string;
  /** The ranked models with their scores, best first (for the words of a wrong primary). */
  ranked?: { id: string; score: number }[];
  /** Why no model could be recommended at all. */
  error?: string;
}

export function checkCase(tc: TestCase, result: Result): CaseOutcome {
  const rec = result.recommendation;
  const primary = rec.primary.id;
  const strategies = rec.strategies.map((s) => s.id);
  const interp = rec.interpretability.map((s) => s.id);
  const e = tc.expect;
  const differences: Difference[] = [];
  if (e.primary && !e.primary.includes(primary)) differences.push({ field: 'primary', want: 'one-of', expected: e.primary, actual: [primary] });
  if (e.notPrimary?.includes(primary)) differences.push({ field: 'primary', want: 'none-of', expected: e.notPrimary, actual: [primary] });
  for (const [want, have, field] of [
    [e.alternatives, rec.alternatives.map((a) => a.id), 'runners-up'],
    [e.strategies, strategies, 'strategies'],
    [e.interpretability, interp, 'interpretability'],
    [e.cautions, rec.cautions.map((c) => c.rule), 'cautions'],
  ] as const) {
    const absent = (want ?? []).filter((x) => !have.includes(x));
    if (absent.length > 0) differences.push({ field, want: 'all-of', expected: absent, actual: have });
  }
  if (e.strategiesAnyOf && !e.strategiesAnyOf.some((x) => strategies.includes(x))) {
    differences.push({ field: 'strategies', want: 'any-of', expected: e.strategiesAnyOf, actual: strategies });
  }
  if (e.interpretabilityAnyOf && !e.interpretabilityAnyOf.some((x) => interp.includes(x))) {
    differences.push({ field: 'interpretability', want: 'any-of', expected: e.interpretabilityAnyOf, actual: interp });
  }
  const recipe = rec.primary.recipe;
  if (e.recipe && !e.recipe.includes(recipe?.id ?? ''))
    differences.push({ field: 'recipe', want: 'one-of', expected: e.recipe, actual: recipe ? [recipe.id] : [] });
  const recipes = [rec.primary, ...rec.alternatives].flatMap((m) => (m.recipe ? [m.recipe.id] : []));
  const absentRecipes = (e.recipes ?? []).filter((x) => !recipes.includes(x));
  if (absentRecipes.length > 0) differences.push({ field: 'recipes', want: 'all-of', expected: absentRecipes, actual: recipes });
  const split = recipe?.evaluation.split;
  if (e.split && split !== e.split) differences.push({ field: 'split', want: 'one-of', expected: [e.split], actual: split ? [split] : [] });
  const unwanted = (e.notStrategies ?? []).filter((x) => strategies.includes(x));
  if (unwanted.length > 0) differences.push({ field: 'strategies', want: 'none-of', expected: unwanted, actual: strategies });
  const ranked = [rec.primary, ...rec.alternatives].map((m) => ({ id: m.id, score: m.score }));
  return { id: tc.id, passed: differences.length === 0, differences, primary, ranked };
}

/** What spoke for a model in a result: its share and rules, its exclusion, or nothing. */
export type Evidence =
  | { id: string; score: number; evidence: number; rules: { rule: string; weight?: number }[] }
  | { id: string; excludedBy: string[] }
  | { id: string; candidate: false };

export interface CaseRun {
  outcome: CaseOutcome;
  /** For a wrong primary: the evidence for the one that won, then for each expected model. */
  evidence?: Evidence[];
}

/** Evaluates one case (with the explanation, for the evidence) and checks it. */
export function runCase(knowledge: Knowledge, tc: TestCase, answers: Answers): CaseRun {
  let result: Result;
  try {
    result = evaluate(knowledge, answers, { explain: true });
  } catch (e) {
    if (!(e instanceof NoRecommendationError)) throw e;
    const differences: Difference[] = [{ field: 'primary', want: 'one-of', expected: tc.expect.primary ?? [], actual: [] }];
    return { outcome: { id: tc.id, passed: false, differences, error: e.message } };
  }
  const outcome = checkCase(tc, result);
  const wrongPrimary = outcome.differences.some((d) => d.field === 'primary');
  return wrongPrimary ? { outcome, evidence: evidenceFor(result, tc.expect.primary ?? []) } : { outcome };
}

function evidenceFor(result: Result, expected: readonly string[]): Evidence[] {
  const rec = result.recommendation;
  const ranked = [rec.primary, ...rec.alternatives];
  const excluded = result.explain?.excluded ?? [];
  return [...new Set([rec.primary.id, ...expected])].map((id): Evidence => {
    const m = ranked.find((x) => x.id === id);
    if (m) return { id, score: m.score, evidence: m.evidence, rules: [...m.reasons, ...m.against].map((r) => ({ rule: r.rule, weight: r.weight })) };
    const ex = excluded.find((x) => x.id === id);
    if (ex) return { id, excludedBy: ex.reasons.map((r) => r.rule) };
    return { id, candidate: false };
  });
}
