/** Plans for the starter tests: a recipe in issue 13's shape, answers, data facts. */
import type { RecipeLike, StarterPlan } from '../../src/starter/plan.js';

export const RECIPE: RecipeLike = {
  id: 'tree-ensemble-gradient-boosting',
  summary: 'Gradient boosting on the raw table, next to a regularised linear baseline',
  representation: 'the table as it is',
  steps: ['Fit both on the same folds.', 'Keep the better one.'],
  settings: ['learning_rate 0.05-0.1'],
  libraries: [{ name: 'scikit-learn', install: 'pip install scikit-learn' }],
  evaluation: { split: 'stratified', metric: 'balanced accuracy and ROC-AUC', why: 'keeps class proportions' },
  baseline: 'regularised logistic regression',
  starter: 'tabular',
  source: 'Grinsztajn et al. 2022',
};

export function plan(over: Partial<StarterPlan> = {}, recipe: Partial<RecipeLike> = {}): StarterPlan {
  const r = { ...RECIPE, ...recipe };
  return {
    recipe: r,
    fromFallback: false,
    family: (r.starter as StarterPlan['family']) ?? 'generic',
    model: { id: 'tree-ensemble', name: 'Tree ensemble' },
    alternatives: [{ id: 'logistic-regression', name: 'Logistic regression' }],
    reasons: [{ text: 'Trees do well on tables.', source: 'Grinsztajn et al. 2022' }],
    cautions: [],
    answers: { modality: 'tabular', task: 'classification', labeled: 5000 },
    data: { idColumns: [] },
    toolVersion: '9.9.9-test',
    ...over,
  };
}

export const HOSTILE = 'x"); import os; os.system("rm -rf ~")#';
