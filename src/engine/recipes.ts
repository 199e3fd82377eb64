/**
 * Recipes (issue 13): for every ranked model, the first recipe (user packs first, then the
 * built-in ones, each in file order) whose model is that model and whose `when` holds; and the
 * evaluation plan: the first split, and the first metric, whose `when` holds. The split always
 * follows the answers (a recipe may set its metric, never its split), so `dependence` is honoured
 * whatever the recipe. Pure.
 */
import type { Knowledge, RecipeEntry } from '../knowledge/assemble.js';
import type { RankedModel, RecipeOut } from '../knowledge/output.js';
import { type Answers, conditionHolds } from './conditions.js';
import { renderTemplate } from './template.js';

const FALLBACK_METRIC = 'a metric suited to the task, on data held out from training and tuning';
const FALLBACK_SPLIT = { split: 'random', why: 'no rule of the evaluation plan applies: hold out a random test set' };

const byModel = new WeakMap<readonly RecipeEntry[], Map<string, RecipeEntry[]>>();

function recipesOf(recipes: readonly RecipeEntry[], model: string): RecipeEntry[] {
  let index = byModel.get(recipes);
  if (!index) {
    index = new Map();
    for (const r of recipes) index.set(r.model, [...(index.get(r.model) ?? []), r]);
    byModel.set(recipes, index);
  }
  return index.get(model) ?? [];
}

/** The recipe chosen for a model, or undefined when no loaded recipe realises it. */
export function selectRecipe(knowledge: Knowledge, model: string, answers: Answers): RecipeEntry | undefined {
  return recipesOf(knowledge.recipes ?? [], model).find((r) => !r.when || conditionHolds(r.when, answers));
}

/** The evaluation split and the default metric for these answers. */
export function evaluationPlan(knowledge: Knowledge, answers: Answers): { split: string; why: string; metric: string } {
  const plan = knowledge.evaluation;
  const split = plan?.splits.find((s) => !s.when || conditionHolds(s.when, answers)) ?? FALLBACK_SPLIT;
  const metric = plan?.metrics.find((m) => !m.when || conditionHolds(m.when, answers))?.metric ?? FALLBACK_METRIC;
  return { split: split.split, why: renderTemplate(split.why, answers), metric };
}

/** Adds `recipe` to every ranked model that some recipe realises. */
export function attachRecipes(ranked: RankedModel[], knowledge: Knowledge, answers: Answers): void {
  if (!knowledge.recipes?.length) return;
  let plan: ReturnType<typeof evaluationPlan> | undefined;
  for (const m of ranked) {
    const r = selectRecipe(knowledge, m.id, answers);
    if (!r) continue;
    plan ??= evaluationPlan(knowledge, answers);
    m.recipe = recipeOut(r, plan, answers);
  }
}

function recipeOut(r: RecipeEntry, plan: ReturnType<typeof evaluationPlan>, answers: Answers): RecipeOut {
  const t = (s: string) => renderTemplate(s, answers);
  const out: RecipeOut = {
    id: r.id,
    summary: t(r.summary),
    representation: t(r.representation),
    steps: r.steps.map(t),
    settings: r.settings.map(t),
    libraries: r.libraries.map((l) => ({ name: l.name, install: l.install })),
    evaluation: { split: plan.split, metric: r.metric ?? plan.metric, why: plan.why },
    source: r.citation,
  };
  if (r.baseline) out.baseline = t(r.baseline);
  if (r.license) out.license = r.license;
  if (r.starter) out.starter = r.starter;
  if (r.refId) out.ref = r.refId;
  return out;
}
