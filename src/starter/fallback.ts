/**
 * FALLBACK, used only when the advice result carries no recipe (`recommendation.primary.recipe`,
 * issue 13). Until the recipes of rules/recipes/ ship, this small table turns the primary model id
 * into a recipe of the same shape, so `dl-advisor starter` works end to end. When the result has
 * a recipe, `recipeOf` (plan.ts) uses it and nothing here is read.
 */
import type { RecipeLike } from './plan.js';

type Answers = Record<string, string | number | null>;

interface Entry {
  summary: string;
  representation: string;
  steps: string[];
  baseline: string;
  libraries: { name: string; install: string }[];
}

const SKLEARN = { name: 'scikit-learn', install: 'pip install scikit-learn' };
const TORCH = { name: 'torch', install: 'pip install torch' };

const TABLE: Record<string, Entry> = {
  'tree-ensemble': {
    summary: 'Histogram gradient boosting on the raw table, next to a regularised linear baseline',
    representation: 'the table as it is: numeric columns unscaled, categorical columns as ordinal codes, missing values left in',
    steps: [
      'Fit the linear baseline and gradient boosting on the same folds.',
      'Keep gradient boosting only if it beats the baseline by more than the spread across folds.',
    ],
    baseline: 'regularised logistic or ridge regression on standardised, one-hot encoded features',
    libraries: [SKLEARN],
  },
  'logistic-regression': {
    summary: 'Regularised logistic regression on standardised features, next to a majority-class baseline',
    representation: 'standardised numeric columns and one-hot encoded categorical columns',
    steps: ['Fit the dummy baseline and the logistic regression on the same folds.', 'Read the coefficients of the final model.'],
    baseline: 'a majority-class (dummy) classifier',
    libraries: [SKLEARN],
  },
  'linear-regression': {
    summary: 'Ridge regression on standardised features, next to a mean-predicting baseline',
    representation: 'standardised numeric columns and one-hot encoded categorical columns',
    steps: ['Fit the dummy baseline and the ridge regression on the same folds.', 'Read the coefficients of the final model.'],
    baseline: 'a mean-predicting (dummy) regressor',
    libraries: [SKLEARN],
  },
  mlp: {
    summary: 'A small regularised multilayer perceptron, next to a linear baseline',
    representation: 'standardised numeric columns and one-hot encoded categorical columns',
    steps: ['Fit the linear baseline and the MLP on the same folds.', 'Keep the MLP only if it beats the baseline by more than the spread.'],
    baseline: 'regularised logistic or ridge regression',
    libraries: [SKLEARN],
  },
};

const DEEP: Entry = {
  summary: 'A pretrained network for your data type, next to a simple baseline on the same split',
  representation: 'the raw input, as the pretrained model expects it',
  steps: ['Run the simple baseline first, on the same split.', 'Use a pretrained model with a linear head on frozen features, then fine-tune if that gains.'],
  baseline: 'a linear model on simple summary features',
  libraries: [SKLEARN, TORCH],
};

const OTHER: Entry = {
  summary: 'The recommended model, next to a simple baseline on the same split',
  representation: 'the data as a table of features',
  steps: ['Run the baseline in run.py on your data.', 'Add the recommended model beside it, on the same split and metric.'],
  baseline: 'a linear model (or a dummy predictor) on the same features',
  libraries: [SKLEARN],
};

/** The starter family a model id gets for these answers (the recipes set it themselves). */
export function fallbackFamily(model: string, answers: Answers): string {
  // Texts and sequences get their own family whatever the model (the table's features do not fit them).
  const own: Record<string, string> = { text: 'text', biosequence: 'sequence' };
  const modalityFamily = own[String(answers.modality)];
  if (modalityFamily && model !== 'clustering' && model !== 'dimensionality-reduction') return modalityFamily;
  const molecules = answers.modality === 'graph' && [undefined, null, 'unknown', 'molecules'].includes(answers.kind as string);
  if (molecules && ['tree-ensemble', 'gnn', 'logistic-regression', 'linear-regression'].includes(model)) return 'molecules';
  if (TABLE[model]) return 'tabular';
  if (!['cnn', 'rnn', 'transformer', 'gnn'].includes(model)) return 'generic';
  const byModality: Record<string, string> = { image: 'image', 'time-series': 'signal', text: 'text', biosequence: 'sequence', tabular: 'tabular' };
  return byModality[String(answers.modality)] ?? 'generic';
}

export function fallbackRecipe(model: string, answers: Answers): RecipeLike {
  const entry = TABLE[model] ?? (['cnn', 'rnn', 'transformer', 'gnn'].includes(model) ? DEEP : OTHER);
  return {
    id: `fallback-${model}`,
    ...entry,
    settings: [],
    evaluation: fallbackEvaluation(answers),
    starter: fallbackFamily(model, answers),
    source: 'dl-advisor built-in starter fallback (no recipe in the result)',
  };
}

/** A small version of the evaluation plan (rules/evaluation-plan.yaml in issue 13): first match wins. */
export function fallbackEvaluation(answers: Answers): RecipeLike['evaluation'] {
  const task = answers.task;
  let split = { split: 'random', why: 'Nothing in the answers ties examples together: k-fold cross-validation with shuffled rows.' };
  if (task === 'forecasting' || answers.dependence === 'temporal')
    split = { split: 'temporal', why: 'Train on the past and test on the future, never a random split of time points.' };
  else if (answers.dependence === 'grouped')
    split = { split: 'grouped', why: 'Keep each group entirely in training or in test (GroupKFold), or the score measures memorised groups.' };
  else if (task === 'classification') split = { split: 'stratified', why: 'A stratified split keeps the class proportions in every fold.' };
  const metric =
    task === 'classification'
      ? 'balanced accuracy and ROC-AUC (PR-AUC when the positive class is rare)'
      : task === 'regression'
        ? 'MAE and RMSE, with R²'
        : 'the metric of your field, on held-out data';
  return { ...split, metric };
}
