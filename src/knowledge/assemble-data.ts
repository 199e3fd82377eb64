/**
 * Assembly of what issue 13 added to packs: the references (one entry per cited work), the
 * recipes and the evaluation plan, and the resolution of every citation (rule sources,
 * method-card references, recipe sources) to a reference id. Pure: no I/O.
 *
 * - A built-in citation must name a reference id. In a user pack a citation that is no known id
 *   stays free text, as before references existed, unless it looks like a mistyped id
 *   (`raghu-schmit-2020`): that is a problem with a did-you-mean.
 * - Recipes, splits and metrics are tried in order, user packs first (in loading order), then the
 *   built-in packs (in file order), so that a lab's own recipe wins over the built-in one.
 */
import { didYouMean } from '../errors.js';
import type { CheckContext, PackSource, Report } from './assemble.js';
import { checkCondition } from './assemble.js';
import type { Path } from './parse.js';
import type { Metric, Recipe, Source, Split, StarterTemplate, WorkReference } from './schema.js';

export interface RecipeEntry extends Recipe {
  /** Id of the pack the recipe came from. */
  pack: string;
  /** The printed source ("Hollmann et al. 2025"), and the reference id when it resolves. */
  citation: string;
  refId?: string;
}

export interface StarterEntry extends StarterTemplate {
  /** Id of the pack the template came from, its file, and whether it is built in (not a user's pack). */
  pack: string;
  file: string;
  builtin: boolean;
}

export interface EvaluationPlan {
  splits: Split[];
  metrics: Metric[];
}

export interface DataParts {
  references: WorkReference[];
  recipes: RecipeEntry[];
  evaluation: EvaluationPlan;
  starters: StarterEntry[];
}

const LOOKS_LIKE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-\d{4}(?:-[a-z0-9]+)*$/;

const isBuiltin = (src: PackSource) => src.file.startsWith('builtin:');

/** "Raghu & Schmidt 2020, sec. 2.3": the reference's short form (or the free text) and the section. */
export function formatCitation(source: Pick<Source, 'ref' | 'section'>, references?: ReadonlyMap<string, WorkReference>): string {
  const base = references?.get(source.ref)?.short ?? source.ref;
  if (!source.section) return base;
  return /^\d/.test(source.section) ? `${base}, sec. ${source.section}` : `${base}, ${source.section}`;
}

/** "Breiman 2001. Random forests. Machine Learning 45(1):5-32. https://doi.org/...": for method cards. */
export function fullCitation(r: WorkReference): string {
  // The short form up to its year ("Hannun et al. 2019", not the title some short forms carry on).
  const who = /^.*?\b\d{4}\b/.exec(r.short)?.[0] ?? `${r.short} (${r.year})`;
  const end = (s: string) => (/[.?!]$/.test(s) ? s : `${s}.`);
  return `${who}. ${end(r.title)} ${end(r.venue)} ${referenceLink(r)}`;
}

export function referenceLink(r: Pick<WorkReference, 'doi' | 'arxiv' | 'url'>): string {
  if (r.doi) return `https://doi.org/${r.doi}`;
  if (r.arxiv) return `https://arxiv.org/abs/${r.arxiv}`;
  return r.url ?? '';
}

export function assembleData(
  sources: readonly PackSource[],
  ctx: CheckContext,
  reporterOf: (src: PackSource) => Report,
): DataParts & { index: Map<string, WorkReference> } {
  const index = new Map<string, WorkReference>();
  for (const src of sources) {
    const report = reporterOf(src);
    src.pack.references?.forEach((r, i) => {
      if (index.has(r.id)) report(['references', i, 'id'], 'duplicate-id', `reference "${r.id}" is already defined`);
      else index.set(r.id, r);
    });
  }
  const check = (src: PackSource, ref: string, at: Path, report: Report) => {
    if (index.has(ref)) return;
    if (isBuiltin(src)) {
      report(
        at,
        'unknown-reference',
        `unknown reference "${ref}": built-in citations must name an entry of rules/references/`,
        didYouMean(ref, [...index.keys()]),
      );
    } else if (LOOKS_LIKE_ID.test(ref)) {
      const hint = didYouMean(ref, [...index.keys()]) ?? 'to cite a work without an entry, write it as text with spaces ("Smith et al. 2024")';
      report(at, 'unknown-reference', `unknown reference "${ref}"`, hint);
    }
  };
  const ordered = [...sources.filter((s) => !isBuiltin(s)), ...sources.filter(isBuiltin)];
  const recipes: RecipeEntry[] = [];
  const recipeIds = new Set<string>();
  const evaluation: EvaluationPlan = { splits: [], metrics: [] };
  for (const src of sources) {
    const report = reporterOf(src);
    src.pack.rules?.forEach((rule, i) => check(src, rule.source.ref, ['rules', i, 'source', 'ref'], report));
    src.pack.methods?.forEach((m, i) => m.references.forEach((r, j) => check(src, r.ref, ['methods', i, 'references', j, 'ref'], report)));
  }
  for (const src of ordered) {
    const report = reporterOf(src);
    src.pack.recipes?.forEach((recipe, i) => {
      const at: Path = ['recipes', i];
      if (recipeIds.has(recipe.id)) report([...at, 'id'], 'duplicate-id', `recipe "${recipe.id}" is already defined`);
      recipeIds.add(recipe.id);
      checkRecipe(recipe, at, ctx, report);
      check(src, recipe.source.ref, [...at, 'source', 'ref'], report);
      const entry: RecipeEntry = { ...recipe, pack: src.pack.pack, citation: formatCitation(recipe.source, index) };
      if (index.has(recipe.source.ref)) entry.refId = recipe.source.ref;
      recipes.push(entry);
    });
    src.pack.splits?.forEach((s, i) => {
      if (s.when) checkCondition(s.when, ['splits', i, 'when'], ctx, report, 0);
      evaluation.splits.push(s);
    });
    src.pack.metrics?.forEach((m, i) => {
      if (m.when) checkCondition(m.when, ['metrics', i, 'when'], ctx, report, 0);
      evaluation.metrics.push(m);
    });
  }
  return { references: [...index.values()], index, recipes, evaluation, starters: assembleStarters(ordered, recipeIds, reporterOf) };
}

function checkRecipe(recipe: Recipe, at: Path, ctx: CheckContext, report: Report): void {
  const m = ctx.methods.get(recipe.model);
  const models = [...ctx.methods.values()].filter((x) => x.kind === 'model').map((x) => x.id);
  if (!m) report([...at, 'model'], 'unknown-method', `unknown model "${recipe.model}"`, didYouMean(recipe.model, models), `method:${recipe.model}`);
  else if (m.kind !== 'model') report([...at, 'model'], 'wrong-kind', `"${recipe.model}" is a ${m.kind}, not a model`);
  if (recipe.when) checkCondition(recipe.when, [...at, 'when'], ctx, report, 0);
  const texts: [Path, string][] = [
    [[...at, 'summary'], recipe.summary],
    [[...at, 'representation'], recipe.representation],
    ...recipe.steps.map((s, i): [Path, string] => [[...at, 'steps', i], s]),
    ...recipe.settings.map((s, i): [Path, string] => [[...at, 'settings', i], s]),
  ];
  for (const [path, text] of texts) {
    for (const match of text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
      const name = match[1] ?? '';
      if (!ctx.questions.has(name))
        report(path, 'unknown-placeholder', `placeholder {{${name}}} names no question`, didYouMean(name, [...ctx.questions.keys()]), `question:${name}`);
    }
  }
}

/** The starter templates, user packs first: ids unique, every recipe they name a loaded recipe. */
function assembleStarters(ordered: readonly PackSource[], recipeIds: ReadonlySet<string>, reporterOf: (src: PackSource) => Report): StarterEntry[] {
  const out: StarterEntry[] = [];
  const seen = new Set<string>();
  for (const src of ordered) {
    const report = reporterOf(src);
    src.pack.starters?.forEach((t, i) => {
      if (seen.has(t.id)) report(['starters', i, 'id'], 'duplicate-id', `starter template "${t.id}" is already defined`);
      seen.add(t.id);
      t.recipes.forEach((r, j) => {
        if (!recipeIds.has(r)) report(['starters', i, 'recipes', j], 'unknown-recipe', `unknown recipe "${r}"`, didYouMean(r, [...recipeIds]));
      });
      out.push({ ...t, pack: src.pack.pack, file: src.file, builtin: isBuiltin(src) });
    });
  }
  return out;
}
