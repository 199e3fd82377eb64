/** The starter templates: what each writes, the split and metric it uses, and that nothing from the data becomes code. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/knowledge/output.js';
import { scriptText } from '../../src/knowledge/schema-starter.js';
import { metricsOf, splitFor } from '../../src/starter/common.js';
import { fallbackEvaluation, fallbackFamily } from '../../src/starter/fallback.js';
import { generateStarter as generate } from '../../src/starter/index.js';
import { familyOf, planFromResult, recipeOf } from '../../src/starter/plan.js';
import { tabularModel } from '../../src/starter/templates.js';
import { builtin } from '../helpers/knowledge.js';
import { HOSTILE, plan, RECIPE } from './plans.js';

/** The smallest advice result whose primary model carries `recipe`. */
function resultWith(recipe: typeof RECIPE | undefined, task = 'classification'): Result {
  const primary = {
    id: 'tree-ensemble',
    name: 'Tree ensemble',
    score: 1,
    evidence: 1,
    reasons: [{ rule: 'r', text: 't', source: 's', basis: 'paper' }],
    against: [],
    ...(recipe ? { recipe } : {}),
  };
  return {
    tool: { name: 'dl-advisor', version: '1' },
    answers: { modality: 'tabular', task },
    recommendation: { primary, alternatives: [], strategies: [], interpretability: [], cautions: [], nextSteps: [], nextStepsDetail: [] },
  } as unknown as Result;
}

const TEMPLATES = builtin().starters ?? [];
const generateStarter = (p: ReturnType<typeof plan>) => generate(p, TEMPLATES);
/** The built-in script of a family, as its template in rules/starters/ gives it. */
const builtinScript = (family: string) => scriptText(TEMPLATES.find((t) => t.family === family && t.builtin) ?? { script: [] });

const files = (p: ReturnType<typeof plan>) => Object.fromEntries(generateStarter(p).files.map((f) => [f.path, f.contents]));
const config = (p: ReturnType<typeof plan>) => JSON.parse(files(p)['config.json'] ?? '{}');

describe('the tabular template', () => {
  it('writes the README, requirements, the script and its config', () => {
    const out = files(plan());
    expect(Object.keys(out).sort()).toEqual(['README.md', 'config.json', 'requirements.txt', 'run.py']);
    expect(out['requirements.txt']).toMatch(/^scikit-learn>=1\.2$/m);
    expect(out['requirements.txt']).toMatch(/^pandas>=1\.5$/m);
    // The script reads its config and builds every split the config can name.
    expect(out['run.py']).toContain('(HERE / "config.json").read_text');
    for (const cls of ['StratifiedGroupKFold', 'GroupKFold', 'TimeSeriesSplit', 'StratifiedKFold', 'KFold'])
      expect(out['run.py']).toContain(`model_selection.${cls}(`);
    expect(out['run.py']).toContain('DummyClassifier');
    expect(out['run.py']).toContain('HistGradientBoostingClassifier');
  });

  it('takes the split from the evaluation, and a known group column makes it grouped', () => {
    expect(config(plan()).split).toBe('stratified');
    expect(config(plan({}, { evaluation: { ...RECIPE.evaluation, split: 'temporal' } })).split).toBe('temporal');
    const grouped = plan({ data: { group: 'patient_id', idColumns: ['patient_id', 'visit'] } });
    expect(config(grouped)).toMatchObject({ split: 'grouped', split_asked: 'stratified', group: 'patient_id', drop: ['visit'] });
    expect(files(grouped)['README.md']).toMatch(
      /a \*\*grouped\*\* split \(the advice asked for stratified: the data has a column whose values repeat \(patient_id\)/,
    );
  });

  it('maps splits the script does not build onto a grouped one, or says to build them by hand', () => {
    expect(splitFor(plan({}, { evaluation: { ...RECIPE.evaluation, split: 'leave-site-out' } }))).toMatchObject({ split: 'grouped' });
    expect(splitFor(plan({}, { evaluation: { ...RECIPE.evaluation, split: 'scaffold' } })).note).toContain('Bemis-Murcko scaffold');
    const episodes = splitFor(plan({}, { evaluation: { ...RECIPE.evaluation, split: 'held-out-episodes' } }));
    expect(episodes).toMatchObject({ split: 'stratified', asked: 'held-out-episodes' });
    expect(episodes.note).toContain('build it by hand');
    expect(splitFor(plan({}, { evaluation: { ...RECIPE.evaluation, split: 'grouped' } })).note).toContain('--group COLUMN');
  });

  it('names the metric, the baseline and the reasons in the README', () => {
    const readme = files(plan())['README.md'] ?? '';
    expect(readme).toContain('Metric: balanced accuracy and ROC-AUC.');
    expect(readme).toContain('Baseline beside it: regularised logistic regression.');
    expect(readme).toContain('- Trees do well on tables. (Grinsztajn et al. 2022)');
    expect(readme).toContain('sudo apt-get install python3-sklearn python3-pandas');
    expect(readme).toContain('conda install -c conda-forge scikit-learn');
    expect(readme).toContain('- Logistic regression');
  });

  it('chooses the recommended model from a fixed list', () => {
    expect(tabularModel(plan())).toBe('hgb');
    expect(tabularModel(plan({}, { id: 'tabular-tabpfn-small' }))).toBe('tabpfn');
    expect(tabularModel(plan({ model: { id: 'mlp', name: 'MLP' } }))).toBe('mlp');
    expect(tabularModel(plan({ model: { id: 'logistic-regression', name: 'LR' } }))).toBe('linear');
    expect(config(plan({ model: { id: 'logistic-regression', name: 'LR' } })).also_try).toEqual(['hgb']);
    expect(config(plan())).toMatchObject({ model: 'hgb', also_try: ['lightgbm', 'catboost'], task: 'classification' });
  });
});

describe("the recipe's evaluation in config.json", () => {
  it('turns the metric text into the names run.py computes, in the order given, for the task', () => {
    expect(metricsOf('balanced accuracy and PR-AUC (the classes are imbalanced); ROC-AUC, calibration slope, Brier score', 'classification')).toEqual([
      'balanced accuracy',
      'PR-AUC',
      'ROC-AUC',
      'Brier score',
    ]);
    expect(metricsOf('ROC-AUC / RMSE on held-out groups', 'regression')).toEqual(['RMSE']);
    expect(metricsOf('Spearman r (regression) or ROC-AUC / MCC (classification)', undefined)).toEqual(['Spearman r', 'ROC-AUC', 'MCC']);
    expect(metricsOf('MAE and R²', 'regression')).toEqual(['MAE', 'R2']);
    expect(metricsOf('mean average precision (mAP) at the IoU thresholds', 'classification')).toEqual([]);
    expect(metricsOf('linear-probe accuracy on a labelled task', 'classification')).toEqual([]);
  });

  it('writes the metrics and the baseline, and the README says which it computes', () => {
    const p = plan({}, { evaluation: { ...RECIPE.evaluation, metric: 'ROC-AUC, calibration slope, Brier score' }, baseline: 'a dummy' });
    expect(config(p)).toMatchObject({ metrics: ['ROC-AUC', 'Brier score'], baseline: 'a dummy' });
    expect(files(p)['README.md']).toContain('run.py computes ROC-AUC, Brier score (compare models by the first)');
  });

  it('takes the group or time column the evaluation names when the data facts name none', () => {
    const grouped = plan({}, { evaluation: { ...RECIPE.evaluation, split: 'grouped', column: 'patient_id' } });
    const p = planFromResult(resultWith(grouped.recipe));
    expect(p.data.group).toBe('patient_id');
    expect(config(p)).toMatchObject({ split: 'grouped', group: 'patient_id' });
    const temporal = planFromResult(resultWith({ ...RECIPE, evaluation: { ...RECIPE.evaluation, split: 'temporal', column: 'visit_date' } }));
    expect(config(temporal)).toMatchObject({ split: 'temporal', time: 'visit_date', group: null });
    expect(files(temporal)['README.md']).toContain('- time column: `visit_date`');
    // A column the caller names wins.
    expect(planFromResult(resultWith(grouped.recipe), { group: 'site' }).data.group).toBe('site');
  });
});

describe('the text and signal templates', () => {
  it('text: TF-IDF baseline, the pretrained model when installed, the split from the config', () => {
    const p = plan({ family: 'text', model: { id: 'transformer', name: 'Transformer' }, data: { group: 'author', idColumns: [] } }, { starter: 'text' });
    const g = generateStarter(p);
    expect(g.used).toBe('text');
    const out = Object.fromEntries(g.files.map((f) => [f.path, f.contents]));
    expect(out['run.py']).toBe(builtinScript('text'));
    expect(out['run.py']).toContain('TfidfVectorizer(');
    expect(out['run.py']).toContain('(HERE / "config.json").read_text');
    expect(JSON.parse(out['config.json'] ?? '')).toMatchObject({ split: 'grouped', group: 'author', text: null });
    expect(out['README.md']).toContain('TF-IDF of words and word pairs');
    expect(out['requirements.txt']).toMatch(/^scikit-learn>=1\.2$/m);
  });

  it('signal: summary-feature baseline and random kernels; a forecast gets the generic template', () => {
    const p = plan({ family: 'signal', model: { id: 'cnn', name: 'CNN' } }, { starter: 'signal' });
    const out = files(p);
    expect(out['run.py']).toContain('def summary_features(X)');
    expect(out['run.py']).toContain('class RandomKernels(');
    expect(out['README.md']).toContain("sktime's MiniRocket when installed");
    expect(generateStarter({ ...p, answers: { task: 'forecasting' } }).used).toBe('generic');
    expect(generateStarter({ ...p, answers: { task: 'regression' } }).used).toBe('signal');
  });
});

describe('the molecules template', () => {
  const p = plan({ family: 'molecules', answers: { modality: 'graph', task: 'classification' } }, { starter: 'molecules' });

  it('splits by scaffold unless a group column is named, with fingerprints + forest next to descriptors', () => {
    const out = files(p);
    expect(JSON.parse(out['config.json'] ?? '')).toMatchObject({ split: 'scaffold', split_asked: 'stratified', smiles: null });
    expect(out['README.md']).toContain('a **scaffold** split (the advice asked for stratified: for molecules run.py splits by Bemis-Murcko scaffold');
    expect(out['run.py']).toContain('MurckoScaffold.MurckoScaffoldSmiles');
    expect(out['run.py']).toContain('GetMorganFingerprintAsBitVect');
    expect(out['requirements.txt']).toMatch(/^rdkit>=2022\.9$/m);
    expect(out['README.md']).toContain('sudo apt-get install python3-rdkit python3-sklearn python3-pandas');
    expect(config({ ...p, data: { group: 'series', idColumns: [] } }).split).toBe('grouped');
    expect(config({ ...p, recipe: { ...p.recipe, evaluation: { ...RECIPE.evaluation, split: 'temporal' } } }).split).toBe('temporal');
  });

  it('is the fallback family of tree ensembles and graph networks on molecules', () => {
    expect(fallbackFamily('tree-ensemble', { modality: 'graph' })).toBe('molecules');
    expect(fallbackFamily('gnn', { modality: 'graph', kind: 'molecules' })).toBe('molecules');
    expect(fallbackFamily('gnn', { modality: 'graph', kind: 'network' })).toBe('generic');
  });
});

describe('the sequence template', () => {
  it('one-hot and k-mer linear models, ESM-2 when installed, and a warning instead of a cluster split it cannot build', () => {
    const p = plan(
      { family: 'sequence', model: { id: 'transformer', name: 'Transformer' } },
      { starter: 'sequence', evaluation: { ...RECIPE.evaluation, split: 'sequence-identity' } },
    );
    const g = generateStarter(p);
    expect(g.used).toBe('sequence');
    const out = Object.fromEntries(g.files.map((f) => [f.path, f.contents]));
    expect(JSON.parse(out['config.json'] ?? '')).toMatchObject({ split: 'grouped', split_asked: 'sequence-identity', sequence: null });
    expect(out['README.md']).toContain('the sequence-identity cluster of each sequence');
    expect(out['run.py']).toContain('def one_hot(seqs, alphabet, length)');
    expect(out['run.py']).toContain('esm2_t33_650M_UR50D');
    expect(out['run.py']).toContain('WARNING: the advice asks for a split by sequence-identity cluster');
    expect(fallbackFamily('tree-ensemble', { modality: 'biosequence' })).toBe('sequence');
  });
});

describe('the image template', () => {
  it('thumbnail baseline, a frozen pretrained backbone when installed, random weights under --smoke', () => {
    const out = files(plan({ family: 'image', model: { id: 'cnn', name: 'CNN' }, answers: { task: 'classification' } }, { starter: 'image' }));
    expect(out['run.py']).toContain('def thumbnail_features(images)');
    expect(out['run.py']).toContain('weights = None if smoke else torchvision.models.ResNet18_Weights.DEFAULT');
    expect(JSON.parse(out['config.json'] ?? '')).toMatchObject({ split: 'stratified', path_column: null });
    expect(out['README.md']).toContain('frozen features of a pretrained ResNet-18 + logistic regression');
    expect(out['requirements.txt']).toMatch(/^pillow>=9\.4$/m);
  });
});

describe('untrusted names stay data', () => {
  const hostile = plan({
    data: { path: `/tmp/${HOSTILE}.csv`, target: HOSTILE, group: `${HOSTILE}\n# more`, idColumns: [HOSTILE] },
    answers: { task: HOSTILE },
  });
  const out = files(hostile);

  it('puts them in config.json only, escaped, and leaves the script byte for byte as its template', () => {
    expect(out['run.py']).toBe(builtinScript('tabular'));
    const cfg = JSON.parse(out['config.json'] ?? '');
    expect(cfg.target).toBe(HOSTILE);
    expect(cfg.group).toBe(`${HOSTILE}\n# more`);
    expect(cfg.data).toBe(`/tmp/${HOSTILE}.csv`);
    expect(cfg.answers.task).toBe(HOSTILE);
    // An unknown task is no task: the script infers it from the target column.
    expect(cfg.task).toBeNull();
  });

  it('in every family: the script is its template byte for byte, the names round-trip through config.json', () => {
    for (const family of ['tabular', 'text', 'signal', 'sequence', 'molecules', 'image', 'generic'] as const) {
      const g = generateStarter({ ...hostile, family, answers: { task: 'classification', modality: HOSTILE } });
      const by = Object.fromEntries(g.files.map((f) => [f.path, f.contents]));
      expect(by['run.py'], family).toBe(builtinScript(g.used === 'generic' ? 'tabular' : g.used));
      expect(JSON.parse(by['config.json'] ?? '')).toMatchObject({ target: HOSTILE, data: `/tmp/${HOSTILE}.csv`, answers: { modality: HOSTILE } });
      expect(g.files.map((f) => f.path).sort(), family).toEqual(['README.md', 'config.json', 'requirements.txt', 'run.py']);
    }
  });

  it('a hostile column named by the evaluation (advise --data) lands in config.json as data only', () => {
    const temporal = planFromResult(resultWith({ ...RECIPE, evaluation: { ...RECIPE.evaluation, split: 'temporal', column: HOSTILE } }));
    const by = Object.fromEntries(generateStarter(temporal).files.map((f) => [f.path, f.contents]));
    expect(by['run.py']).toBe(builtinScript('tabular'));
    expect(JSON.parse(by['config.json'] ?? '')).toMatchObject({ split: 'temporal', time: HOSTILE });
    expect(by['README.md']).toContain('- time column: `x"); import os; os.system("rm -rf ~")#`');
  });

  it('shows them in the README on one line without code fences', () => {
    const readme = out['README.md'] ?? '';
    expect(readme).not.toMatch(/^# more/m);
    expect(readme).toContain('- group column: `x"); import os; os.system("rm -rf ~")# # more`');
    expect(readme.split('```').length).toBe(5);
  });
});

describe('the generic template and the fallback', () => {
  it('runs the baseline only, and says the recommended model must be added', () => {
    const p = plan({ model: { id: 'gnn', name: 'Graph neural network' } }, { starter: 'generic' });
    expect(config(p).model).toBe('none');
    expect(files(p)['README.md']).toContain('run.py has no template for it');
  });

  it('a task the family script does not cover gets the generic template', () => {
    expect(generateStarter(plan({ family: 'image' }, { starter: 'image' })).used).toBe('image');
    const g = generateStarter(plan({ family: 'image', answers: { task: 'segmentation' } }, { starter: 'image' }));
    expect(g.used).toBe('generic');
    expect(generateStarter(plan({ family: 'image', answers: { task: 'regression' } }, { starter: 'image' })).used).toBe('generic');
    expect(JSON.parse(g.files.find((f) => f.path === 'config.json')?.contents ?? '').model).toBe('none');
  });

  it('derives the family and the evaluation from the answers', () => {
    expect(fallbackFamily('tree-ensemble', {})).toBe('tabular');
    expect(fallbackFamily('cnn', { modality: 'image' })).toBe('image');
    expect(fallbackFamily('transformer', { modality: 'text' })).toBe('text');
    expect(fallbackFamily('logistic-regression', { modality: 'text' })).toBe('text');
    expect(fallbackFamily('cnn', { modality: 'time-series' })).toBe('signal');
    expect(fallbackFamily('clustering', { modality: 'tabular' })).toBe('generic');
    expect(fallbackEvaluation({ task: 'classification' }).split).toBe('stratified');
    expect(fallbackEvaluation({ task: 'classification', dependence: 'grouped' }).split).toBe('grouped');
    expect(fallbackEvaluation({ task: 'forecasting' }).split).toBe('temporal');
    expect(fallbackEvaluation({ task: 'regression' })).toMatchObject({ split: 'random', metric: 'MAE and RMSE, with R²' });
  });

  it('uses the result’s recipe when it has one, the fallback when not', () => {
    const result = resultWith(undefined, 'regression');
    expect(recipeOf(result)).toMatchObject({
      fromFallback: true,
      recipe: { id: 'fallback-tree-ensemble', starter: 'tabular', evaluation: { split: 'random' } },
    });
    const withRecipe = resultWith({ ...RECIPE, starter: 'molecules' }, 'regression');
    expect(recipeOf(withRecipe)).toEqual({ fromFallback: false, recipe: { ...RECIPE, starter: 'molecules' } });
    expect(planFromResult(withRecipe, { group: 'g' })).toMatchObject({ family: 'molecules', fromFallback: false, data: { group: 'g', idColumns: [] } });
    expect(familyOf({ ...RECIPE, starter: 'spaceships' })).toBe('generic');
  });
});

describe('the scripts', () => {
  it('compile with Python 3 (python -m py_compile)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-scripts-'));
    const scripts = TEMPLATES.map((t) => {
      const path = join(dir, `${t.id}.py`);
      writeFileSync(path, scriptText(t));
      return path;
    });
    expect(scripts.length).toBe(6);
    const r = spawnSync('/usr/bin/python3', ['-m', 'py_compile', ...scripts], {
      encoding: 'utf8',
      env: { PYTHONDONTWRITEBYTECODE: '1', PYTHONPYCACHEPREFIX: '/tmp/dl-advisor-pycache' },
    });
    expect(r.error, 'needs /usr/bin/python3').toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
