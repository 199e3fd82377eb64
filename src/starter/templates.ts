/**
 * The starter families: each a pure function from the plan (and the template reader) to the
 * files of DIR. The scripts themselves are data in starters/<family>/ (real Python files that a
 * test compiles); nothing of the plan is pasted into them: config.json carries it.
 */
import { configFile, type ReadTemplate, readme, type SplitChoice, type StarterFile } from './common.js';
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

const text: Template = (plan, read) => [
  readme(plan, {
    runs: [
      'a dummy predictor (majority class or mean): the floor every model must clear',
      'the baseline: TF-IDF of words and word pairs + logistic regression (classes) or ridge regression (numbers)',
      'the pretrained model, cheaply: frozen sentence embeddings (sentence-transformers/all-MiniLM-L6-v2) + the same linear head, when sentence-transformers is installed (a note says so when not; left out of --smoke, which downloads nothing)',
      'run.py reads a table with a text column and a label column (CSV, TSV, JSON Lines); --text COLUMN names the text column, else the column with the longest values is used',
    ],
    install: {
      pip: 'python3 -m pip install -r requirements.txt   # and, for the pretrained model: python3 -m pip install sentence-transformers',
      conda: 'conda install -c conda-forge scikit-learn pandas numpy sentence-transformers',
      debian: 'sudo apt-get install python3-sklearn python3-pandas',
    },
    reading: [
      'Every model is scored on the same folds; `mean` and `std` are over the folds.',
      'The pretrained model earns its cost only if it beats TF-IDF by more than the spread across folds; if it does, fine-tune it next (see "What to try next").',
      '`results.json` holds every fold: `[{ "model", "metric", "mean", "std", "folds" }]`.',
    ],
  }),
  { path: 'requirements.txt', contents: read('text', 'requirements.txt') },
  { path: 'run.py', contents: read('text', 'run.py') },
  configFile(plan, { text: null }),
];

const signal: Template = (plan, read) => [
  readme(plan, {
    runs: [
      'a dummy predictor (majority class or mean): the floor every model must clear',
      'the baseline: summary features of each series (level, spread, quantiles, roughness, trend, power in four frequency bands) + ridge',
      "random convolutional kernels + ridge: sktime's MiniRocket when installed, else a small numpy version in run.py (the same idea); a 1D CNN is the next step once this works",
      'run.py reads a table with one series per row: its time points are the numeric columns, plus the label column (and a group column if series are grouped)',
    ],
    install: {
      pip: 'python3 -m pip install -r requirements.txt   # and, for MiniRocket itself: python3 -m pip install sktime',
      conda: 'conda install -c conda-forge scikit-learn pandas numpy sktime',
      debian: 'sudo apt-get install python3-sklearn python3-pandas',
    },
    reading: [
      'Every model is scored on the same folds; `mean` and `std` are over the folds.',
      'If the summary features do as well as the kernels, the label lives in simple statistics of the series: a good thing to know before training a network.',
      '`results.json` holds every fold: `[{ "model", "metric", "mean", "std", "folds" }]`.',
    ],
  }),
  { path: 'requirements.txt', contents: read('signal', 'requirements.txt') },
  { path: 'run.py', contents: read('signal', 'run.py') },
  configFile(plan, {}),
];

/** Molecules: grouped on a named column, temporal when asked, else by Bemis-Murcko scaffold. */
export function moleculeSplit(plan: StarterPlan): SplitChoice {
  const asked = plan.recipe.evaluation.split;
  if (plan.data.group) return { split: 'grouped', asked, note: asked === 'grouped' ? '' : `grouped on the column named (${plan.data.group})` };
  if (asked === 'temporal') return { split: 'temporal', asked, note: '' };
  const note = asked === 'scaffold' ? '' : 'for molecules run.py splits by Bemis-Murcko scaffold, so that test folds hold unseen chemistry';
  return { split: 'scaffold', asked, note };
}

const molecules: Template = (plan, read) => {
  const split = moleculeSplit(plan);
  return [
    readme(plan, {
      runs: [
        'a dummy predictor (majority class or mean): the floor every model must clear',
        'the baseline: seven RDKit descriptors (weight, logP, TPSA, H-bond donors and acceptors, rotatable bonds, rings) + logistic or ridge regression',
        'the recommended model, first form: Morgan fingerprints (radius 2, 2,048 bits) + a random forest of 500 trees; a graph network is the next step once this works',
        'run.py reads a table with a SMILES column (named smiles, or --smiles COLUMN) and a label column; SMILES RDKit cannot read are counted and left out',
      ],
      install: {
        pip: 'python3 -m pip install -r requirements.txt',
        conda: 'conda install -c conda-forge rdkit scikit-learn pandas numpy',
        debian: 'sudo apt-get install python3-rdkit python3-sklearn python3-pandas',
      },
      reading: [
        'Every model is scored on the same folds; `mean` and `std` are over the folds.',
        'A scaffold split is harder than a random one: expect lower scores, and trust them more.',
        '`results.json` holds every fold: `[{ "model", "metric", "mean", "std", "folds" }]`.',
      ],
      split,
    }),
    { path: 'requirements.txt', contents: read('molecules', 'requirements.txt') },
    { path: 'run.py', contents: read('molecules', 'run.py') },
    configFile(plan, { smiles: null }, split),
  ];
};

const sequence: Template = (plan, read) => [
  readme(plan, {
    runs: [
      'a dummy predictor (majority class or mean): the floor every model must clear',
      'the baseline: one-hot encoded positions + logistic or ridge regression (sequences cut or padded to the 95th percentile of their lengths)',
      'k-mer counts (3-mers of residues, 5-mers of nucleotides) + the same linear model: no alignment needed',
      'for proteins, when fair-esm is installed: mean-pooled ESM-2 (650M) embeddings + the same linear model (left out of --smoke, which downloads nothing); fine-tuning or a CNN is the next step once this works',
      'run.py reads a table with a sequence column (named sequence, seq, protein, dna, ..., or --sequence COLUMN) and a label column; --group names a column of sequence-identity clusters (e.g. MMseqs2 at 30-50%) to split by',
    ],
    install: {
      pip: 'python3 -m pip install -r requirements.txt   # and, for ESM-2: python3 -m pip install fair-esm torch',
      conda: 'conda install -c conda-forge scikit-learn pandas numpy scipy',
      debian: 'sudo apt-get install python3-sklearn python3-pandas',
    },
    reading: [
      'Every model is scored on the same folds; `mean` and `std` are over the folds.',
      'Without a cluster column the split is random, and similar sequences on both sides inflate every score: run.py prints a WARNING.',
      '`results.json` holds every fold: `[{ "model", "metric", "mean", "std", "folds" }]`.',
    ],
  }),
  { path: 'requirements.txt', contents: read('sequence', 'requirements.txt') },
  { path: 'run.py', contents: read('sequence', 'run.py') },
  configFile(plan, { sequence: null }),
];

const image: Template = (plan, read) => [
  readme(plan, {
    runs: [
      'a dummy predictor (majority class): the floor every model must clear',
      'the baseline: a 32x32 grey thumbnail and colour histograms + PCA + logistic regression',
      'the first form of transfer learning, when torch and torchvision are installed: frozen features of a pretrained ResNet-18 + logistic regression (a note says so when they are not; --smoke uses random weights and downloads nothing); fine-tuning the backbone is the next step once this works',
      'run.py reads a folder with one subfolder per class, or a CSV with a path column (relative to the CSV), the label column and optionally a group column (patient, slide, site)',
    ],
    install: {
      pip: 'python3 -m pip install -r requirements.txt   # and, for the backbone: python3 -m pip install torch torchvision',
      conda: 'conda install -c conda-forge scikit-learn pandas numpy pillow pytorch torchvision',
      debian: 'sudo apt-get install python3-sklearn python3-pandas python3-pil python3-torchvision',
    },
    reading: [
      'Every model is scored on the same folds; `mean` and `std` are over the folds.',
      'If the thumbnail baseline is close to the backbone, the label may live in brightness or colour: check for acquisition differences between classes (scanner, site, stain) before trusting either.',
      '`results.json` holds every fold: `[{ "model", "metric", "mean", "std", "folds" }]`.',
    ],
  }),
  { path: 'requirements.txt', contents: read('image', 'requirements.txt') },
  { path: 'run.py', contents: read('image', 'run.py') },
  configFile(plan, { path_column: null }),
];

/** The families without a script of their own yet share the table's (a baseline on features). */
const generic: Template = (plan, read) => tabular({ ...plan, family: 'generic' }, read);

export const TEMPLATES: Record<Family, Template | undefined> = {
  tabular,
  generic,
  image,
  signal,
  sequence,
  molecules,
  text,
};

/** The families whose scripts predict a label or a number (not forecasts, clusters, masks, ...); image: labels only. */
const SUPERVISED_ONLY: readonly Family[] = ['signal', 'text', 'molecules', 'sequence', 'image'];

/** The template of a family, or the generic one (and what was asked) when it has none, or none for this task. */
export function templateFor(family: Family, task: unknown): { template: Template; used: Family } {
  const own = TEMPLATES[family];
  const supervised = task === 'classification' || (task === 'regression' && family !== 'image');
  if (!own || (SUPERVISED_ONLY.includes(family) && !supervised)) return { template: generic, used: 'generic' };
  return { template: own, used: family };
}
