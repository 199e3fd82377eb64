/**
 * Recipes and the evaluation plan (issue 13): selection order (user packs first, then the
 * built-in file order, the specific recipe before the fallback), a fallback for every built-in
 * model, the split that follows the answers, the JSON contract and the reports.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { evaluationPlan, selectRecipe } from '../../src/engine/recipes.js';
import { assembleWithUserPacks, readBuiltinSources } from '../../src/knowledge/load.js';
import { packageRoot } from '../../src/knowledge/paths.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { cli } from '../helpers/io.js';
import { answersFor, builtin } from '../helpers/knowledge.js';

const k = builtin();
const models = k.methods.filter((m) => m.kind === 'model').map((m) => m.id);
const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-recipes-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const recipe = (id: string, model: string, when = '') => `  - id: ${id}
    model: ${model}
${when ? `    when: ${when}\n` : ''}    summary: Lab recipe ${id}
    representation: the lab's features
    steps: [one, two]
    settings: [a setting]
    libraries: [{ name: lablib, install: pip install lablib }]
    source: { ref: "Lab handbook", basis: practice }
`;
const withPack = (text: string) => assembleWithUserPacks(readBuiltinSources(packageRoot()), [write(`${Math.random().toString(36).slice(2)}.yaml`, text)]);

describe('recipe selection', () => {
  it('every built-in model has a fallback recipe (one without when)', () => {
    const fallbacks = new Set((k.recipes ?? []).filter((r) => !r.when).map((r) => r.model));
    expect(models.filter((m) => !fallbacks.has(m))).toEqual([]);
  });

  it('the specific recipe comes before the fallback of its model (file order)', () => {
    const molecules = answersFor({ modality: 'graph', kind: 'molecules', task: 'regression', labeled: 400 });
    expect(selectRecipe(k, 'tree-ensemble', molecules)?.id).toBe('molecules-ecfp-random-forest');
    const table = answersFor({ modality: 'tabular', task: 'regression', labeled: 400 });
    expect(selectRecipe(k, 'tree-ensemble', table)?.id).toBe('tabular-gbdt-default');
    const signals = answersFor({ modality: 'time-series', task: 'regression', labeled: 400 });
    expect(selectRecipe(k, 'tree-ensemble', signals)?.id).toBe('tree-ensemble-gradient-boosting');
  });

  it('a user pack recipe wins over the built-in one; a later pack only where the earlier has none', () => {
    const mine = withPack(`pack: lab\nversion: 1.0.0\nrecipes:\n${recipe('lab-trees', 'tree-ensemble', '{ modality: tabular }')}`);
    expect(selectRecipe(mine, 'tree-ensemble', answersFor({ modality: 'tabular', task: 'regression', labeled: 400 }))?.id).toBe('lab-trees');
    expect(selectRecipe(mine, 'tree-ensemble', answersFor({ modality: 'graph', kind: 'molecules', task: 'regression', labeled: 400 }))?.id).toBe(
      'molecules-ecfp-random-forest',
    );
  });

  it('every built-in recipe cites a reference checked with search, or a section of the survey', () => {
    const refs = new Map((k.references ?? []).map((r) => [r.id, r]));
    const unchecked = (k.recipes ?? []).filter((r) => {
      const ref = refs.get(r.source.ref);
      return !(ref?.checked || (r.source.ref === 'raghu-schmidt-2020' && r.source.section));
    });
    expect(unchecked.map((r) => `${r.id}: ${r.source.ref}`)).toEqual([]);
    expect((k.recipes ?? []).every((r) => r.refId === r.source.ref)).toBe(true);
  });
});

describe('the evaluation plan: the split follows the answers', () => {
  it.each([
    [{ modality: 'tabular', task: 'classification', labeled: 800 }, 'stratified'],
    [{ modality: 'tabular', task: 'regression', labeled: 800 }, 'random'],
    [{ modality: 'tabular', task: 'regression', labeled: 800, dependence: 'grouped' }, 'grouped'],
    [{ modality: 'tabular', task: 'regression', labeled: 800, dependence: 'temporal' }, 'temporal'],
    [{ modality: 'graph', kind: 'molecules', task: 'regression', labeled: 400 }, 'scaffold'],
    [{ modality: 'graph', kind: 'molecules', task: 'regression', labeled: 400, dependence: 'grouped' }, 'grouped'],
    [{ modality: 'graph', kind: 'molecules', task: 'regression', labeled: 400, shift: 'yes' }, 'scaffold'],
    [{ modality: 'image', task: 'classification', labeled: 400, shift: 'yes' }, 'leave-site-out'],
    [{ modality: 'time-series', task: 'forecasting', labeled: 400, dependence: 'grouped' }, 'temporal'],
    [{ modality: 'biosequence', kind: 'dna', task: 'classification', labeled: 400 }, 'chromosome'],
    [{ modality: 'biosequence', kind: 'protein', task: 'regression', labeled: 400, dependence: 'temporal' }, 'temporal'],
  ])('%j -> %s', (raw, split) => {
    expect(evaluationPlan(k, answersFor(raw)).split).toBe(split);
  });

  it('a recipe may set its metric, never the split', () => {
    const r = evaluate(k, answersFor({ modality: 'biosequence', kind: 'protein', task: 'regression', labeled: 200, pretrained: 'yes', dependence: 'grouped' }));
    const esm = [r.recommendation.primary, ...r.recommendation.alternatives].find((m) => m.recipe?.id === 'protein-esm2-embeddings-ridge');
    expect(esm?.recipe?.evaluation).toMatchObject({ split: 'grouped', metric: 'Spearman r (regression) or ROC-AUC / MCC (classification)' });
    // A ranked model whose recipe sets no metric gets the plan's, with the same split.
    const cnn = [r.recommendation.primary, ...r.recommendation.alternatives].find((m) => m.id === 'cnn');
    expect(cnn?.recipe?.evaluation).toMatchObject({ split: 'grouped', metric: 'MAE and RMSE, with R² or a rank correlation (Spearman)' });
  });

  it('a user pack split comes first', () => {
    const mine = withPack(`pack: lab\nversion: 1.0.0\nsplits:\n  - { when: { modality: tabular }, split: leave-plate-out, why: our plates differ }\n`);
    expect(evaluationPlan(mine, answersFor({ modality: 'tabular', task: 'regression', labeled: 400 }))).toMatchObject({ split: 'leave-plate-out' });
  });
});

describe('recipes in the output', () => {
  const answers = answersFor({ modality: 'biosequence', kind: 'protein', task: 'regression', labeled: 200, pretrained: 'yes' });
  const r = evaluate(k, answers);

  it("the primary and every runner-up carry a recipe; references[] lists the recipes' works", () => {
    const ranked = [r.recommendation.primary, ...r.recommendation.alternatives];
    expect(ranked.every((m) => m.recipe)).toBe(true);
    expect(r.recommendation.primary.recipe).toMatchObject({
      id: 'protein-esm2-embeddings-ridge',
      libraries: [
        { name: 'fair-esm', install: 'pip install fair-esm' },
        { name: 'scikit-learn', install: 'pip install scikit-learn' },
      ],
      evaluation: { split: 'sequence-identity' },
      source: 'Hsu et al. 2022, Learning protein fitness models from evolutionary and assay-labeled data',
      ref: 'hsu-2022',
    });
    expect(r.recommendation.primary.recipe?.steps[0]).toContain('esm2_t33_650M_UR50D');
    expect(r.references?.map((w) => w.id)).toEqual(expect.arrayContaining(['hsu-2022', 'notin-2023-proteingym']));
  });

  it('the text report shows the recipe right under "Start with", and each runner-up\'s summary', () => {
    const text = renderText(r, { width: 100 });
    const start = text.indexOf('Start with:');
    const recipeAt = text.indexOf('Recipe: Mean-pooled ESM-2 650M embeddings');
    expect(recipeAt).toBeGreaterThan(start);
    expect(recipeAt).toBeLessThan(text.indexOf('Runners-up'));
    for (const line of [
      'Install: pip install fair-esm · pip install scikit-learn',
      'Evaluate: sequence-identity split',
      'Run beside it: ridge on one-hot sites',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toContain('recipe: Ridge regression on one-hot sites + one zero-shot evolutionary');
    expect(text).toMatch(/\[\d+\] Hsu et al\. 2022/);
  });

  it("the Markdown report has the recipe section and the runners-up's recipes", () => {
    const md = renderMarkdown(r);
    expect(md).toContain('### Recipe: Mean-pooled ESM-2 650M embeddings + ridge/logistic regression');
    expect(md).toContain('- **Install:** `pip install fair-esm`, `pip install scikit-learn`');
    expect(md).toContain('(`protein-one-hot-ridge`; sequence-identity split)');
    expect(md).toMatch(/## References\n\n(- .*\n)*- Hsu et al\. 2022\. Learning protein fitness models.*https:\/\/doi\.org\/10\.1038\//);
  });

  it('a license caution is shown where the weights restrict use', () => {
    const t = evaluate(k, answersFor({ modality: 'image', kind: 'slide', task: 'classification', labeled: 400 }));
    expect(t.recommendation.primary.recipe?.license).toContain('gated');
    expect(renderText(t, { width: 100 })).toContain('! License: UNI/UNI2 weights: CC-BY-NC-ND 4.0');
  });
});

describe('recipes in packs: validation', () => {
  it('an unknown model, an unknown question and a placeholder that names no question are problems', async () => {
    const pack = write(
      'bad.yaml',
      `pack: lab\nversion: 1.0.0\nrecipes:\n${recipe('lab-a', 'foldlm')}${recipe('lab-b', 'cnn', '{ modaltiy: image }')}${recipe('lab-c', 'cnn').replace('Lab recipe lab-c', 'Lab recipe for {{labelled}}')}`,
    );
    const r = await cli(['rules', 'validate', pack]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('unknown model "foldlm"');
    expect(r.stdout).toContain('unknown question "modaltiy" (did you mean "modality"?)');
    expect(r.stdout).toContain('placeholder {{labelled}} names no question (did you mean "labeled"?)');
  });

  it('a recipe needs 2 to 6 steps and at least one library', async () => {
    const pack = write(
      'short.yaml',
      `pack: lab\nversion: 1.0.0\nrecipes:\n${recipe('lab-a', 'cnn')
        .replace('[one, two]', '[one]')
        .replace(/libraries: .*\n/, 'libraries: []\n')}`,
    );
    const r = await cli(['rules', 'validate', pack]);
    expect(r.stdout).toContain('recipes[0].steps: needs at least 2 items');
    expect(r.stdout).toContain('recipes[0].libraries: needs at least 1 item');
  });

  it('rule cases can expect the recipe and the split', async () => {
    const cases = write(
      'r.cases.yaml',
      `- id: wrong-split\n  answers: { modality: tabular, task: classification, labeled: 500, dependence: grouped }\n  expect: { split: stratified, recipe: [tree-ensemble-gradient-boosting] }\n`,
    );
    const r = await cli(['rules', 'test', cases]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('split');
    expect(r.stdout).toContain('expected: stratified');
    expect(r.stdout).toContain('actual:   grouped');
  });
});
