/**
 * What the starter generator needs: the primary recipe (issue 13's shape), its evaluation, the
 * answers and what is known of the data. Built from an advice result by `planFromResult`; the
 * templates (templates/*.ts) only read this, so they are pure and testable without the engine.
 */
import type { Result } from '../knowledge/output.js';
import { fallbackRecipe } from './fallback.js';

export const FAMILIES = ['tabular', 'image', 'signal', 'sequence', 'molecules', 'text', 'generic'] as const;
export type Family = (typeof FAMILIES)[number];

/** A recipe as the JSON document carries it (`recommendation.primary.recipe`, issue 13). */
export interface RecipeLike {
  id: string;
  summary: string;
  representation: string;
  steps: string[];
  settings: string[];
  libraries: { name: string; install: string }[];
  evaluation: { split: string; metric: string; why: string; column?: string };
  baseline?: string;
  license?: string;
  starter?: string;
  source: string;
}

export interface StarterPlan {
  /** The recipe realised: the result's own, or the built-in fallback (see `fromFallback`). */
  recipe: RecipeLike;
  /** True when the result carried no recipe and the fallback table (fallback.ts) was used. */
  fromFallback: boolean;
  family: Family;
  /** The ranked model the recipe realises, and its name. */
  model: { id: string; name: string };
  /** The alternatives, for "what to try next". */
  alternatives: { id: string; name: string; summary?: string }[];
  /** Why: the primary model's reasons, with their printed sources. */
  reasons: { text: string; source: string }[];
  cautions: string[];
  /** Every answer, defaults applied (null = unknown). Untrusted: goes to config.json only. */
  answers: Record<string, string | number | null>;
  /** What is known of the data: all of it untrusted (names come from the user's file). */
  data: { path?: string; target?: string; group?: string; time?: string; idColumns: string[] };
  toolVersion: string;
}

export interface DataFacts {
  path?: string;
  target?: string;
  group?: string;
  time?: string;
  idColumns?: string[];
}

/** The result's recipe when it has one (issue 13), else the built-in fallback: the one adapter. */
export function recipeOf(result: Result): { recipe: RecipeLike; fromFallback: boolean } {
  const primary = result.recommendation.primary as Result['recommendation']['primary'] & { recipe?: RecipeLike };
  if (primary.recipe) return { recipe: primary.recipe, fromFallback: false };
  return { recipe: fallbackRecipe(primary.id, result.answers), fromFallback: true };
}

export function familyOf(recipe: RecipeLike): Family {
  return (FAMILIES as readonly string[]).includes(recipe.starter ?? '') ? (recipe.starter as Family) : 'generic';
}

export function planFromResult(result: Result, data: DataFacts = {}): StarterPlan {
  const { recipe, fromFallback } = recipeOf(result);
  const { primary, alternatives, cautions } = result.recommendation;
  const withRecipe = (m: (typeof alternatives)[number]) => (m as typeof m & { recipe?: RecipeLike }).recipe;
  return {
    recipe,
    fromFallback,
    family: familyOf(recipe),
    model: { id: primary.id, name: primary.name },
    alternatives: alternatives.map((a) => ({ id: a.id, name: a.name, summary: withRecipe(a)?.summary })),
    reasons: primary.reasons.map((r) => ({ text: r.text, source: r.source })),
    cautions: cautions.map((c) => c.text),
    answers: { ...result.answers },
    data: dataOf(recipe, data),
    toolVersion: result.tool.version,
  };
}

/**
 * The data facts, with the column the recipe's evaluation names (advise --data sets it: the ID
 * column to group by, the time column to order by) when the caller named none.
 */
function dataOf(recipe: RecipeLike, data: DataFacts): StarterPlan['data'] {
  const { split, column } = recipe.evaluation;
  const out: StarterPlan['data'] = { ...data, idColumns: data.idColumns ?? [] };
  if (column && split === 'grouped') out.group ??= column;
  if (column && split === 'temporal') out.time ??= column;
  return out;
}
