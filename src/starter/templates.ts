/**
 * The starter families: each a pure function from the plan (and the template reader) to the
 * files of DIR. The scripts themselves are data in starters/<family>/ (real Python files that a
 * test compiles); nothing of the plan is pasted into them: config.json carries it.
 */
import { configFile, type ReadTemplate, readme, type StarterFile } from './common.js';
import type { Family, StarterPlan } from './plan.js';

export type Template = (plan: StarterPlan, read: ReadTemplate) => StarterFile[];

const SKLEARN_INSTALL = {
  pip: 'python3 -m pip install -r requirements.txt',
  conda: 'conda install -c conda-forge scikit-learn pandas numpy',
  debian: 'sudo apt-get install python3-sklearn python3-pandas',
};

/** The tabular script's recommended model, from a fixed list (run.py checks it too). */
export function tabularModel(plan: StarterPlan): 'hgb' | 'mlp' | 'tabpfn' | 'linear' | 'none' {
  if (plan.family === 'generic') return 'none';
  if (/tabpfn/.test(plan.recipe.id)) return 'tabpfn';
  if (plan.model.id === 'mlp') return 'mlp';
  if (plan.model.id === 'logistic-regression' || plan.model.id === 'linear-regression') return 'linear';
  return 'hgb';
}

const MODEL_WORDS = {
  hgb: 'histogram gradient boosting (HistGradientBoostingClassifier/Regressor: handles missing values itself)',
  mlp: 'a small multilayer perceptron (two layers of 64, weight decay, early stopping)',
  tabpfn: 'TabPFN when it is installed (pip install tabpfn), and histogram gradient boosting beside it',
  linear: 'the regularised linear model itself (it is the recommendation)',
  none: 'no model of the recommended family: run.py has no template for it, so add it beside the baseline (see "What to try next")',
} as const;

/** Run beside the recommended model: boosting next to a linear recommendation, the others when installed. */
const ALSO_TRY: Record<ReturnType<typeof tabularModel>, string[]> = {
  hgb: ['lightgbm', 'catboost'],
  tabpfn: ['catboost'],
  linear: ['hgb'],
  mlp: ['hgb'],
  none: [],
};

const tabular: Template = (plan, read) => {
  const model = tabularModel(plan);
  const alsoTry = ALSO_TRY[model];
  return [
    readme(plan, {
      runs: [
        'a dummy predictor (majority class or mean): the floor every model must clear',
        'the baseline: logistic regression (classes) or ridge regression (numbers) on standardised, one-hot encoded features',
        `the recommended model: ${MODEL_WORDS[model]}`,
        ...(alsoTry.length > 0
          ? [`also: ${alsoTry.map((a) => (a === 'hgb' ? 'histogram gradient boosting' : `${a} when installed (a note says so when not)`)).join(', ')}`]
          : []),
      ],
      install: SKLEARN_INSTALL,
      reading: [
        'Every model is scored on the same folds; `mean` and `std` are over the folds.',
        'A model is better only if its mean beats the baseline by more than the spread (`std`) across folds.',
        'If nothing beats the dummy, the features may not predict the target, or the split is harder than you think (that can be the right answer).',
        '`results.json` holds every fold: `[{ "model", "metric", "mean", "std", "folds" }]`.',
      ],
    }),
    { path: 'requirements.txt', contents: read('tabular', 'requirements.txt') },
    { path: 'run.py', contents: read('tabular', 'run.py') },
    configFile(plan, { model, also_try: alsoTry }),
  ];
};

/** The families without a script of their own yet share the table's (a baseline on features). */
const generic: Template = (plan, read) => tabular({ ...plan, family: 'generic' }, read);

export const TEMPLATES: Record<Family, Template | undefined> = {
  tabular,
  generic,
  image: undefined,
  signal: undefined,
  sequence: undefined,
  molecules: undefined,
  text: undefined,
};

/** The template of a family, or the generic one (and what was asked) when it has none yet. */
export function templateFor(family: Family): { template: Template; used: Family } {
  const own = TEMPLATES[family];
  return own ? { template: own, used: family } : { template: generic, used: 'generic' };
}
