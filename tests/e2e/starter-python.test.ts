/**
 * The starters, run for real with Debian's Python (/usr/bin/python3 with python3-sklearn,
 * python3-pandas, python3-rdkit and python3-pil; .ci/run installs them; torch is not installed,
 * so the image starter's pretrained backbone is left out with a note). It always runs: without them it
 * fails and says what to install.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/io.js';

const PYTHON = '/usr/bin/python3';
const base = mkdtempSync(join(tmpdir(), 'dl-advisor-starter-py-'));

/** 80 patients, 4 visits each; the outcome depends on a marker and age, plus a patient effect. */
function patients(): string {
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const rows = ['patient_id,age,bmi,marker,site,outcome'];
  for (let p = 0; p < 80; p++) {
    const effect = gauss();
    for (let v = 0; v < 4; v++) {
      const age = 30 + Math.floor(rand() * 50);
      const marker = effect + 0.5 * gauss();
      const risk = 0.05 * (age - 55) + 1.5 * marker + 0.5 * gauss();
      rows.push(`P${p},${age},${(27 + 4 * gauss()).toFixed(1)},${marker.toFixed(3)},${'ABC'[Math.floor(rand() * 3)]},${risk > 0.3 ? 'yes' : 'no'}`);
    }
  }
  return `${rows.join('\n')}\n`;
}

beforeAll(() => {
  // One OpenMP thread: on a loaded two-core CI machine, oversubscribed threads made a 2 s run take 18 s.
  process.env.OMP_NUM_THREADS = '1';
  const r = spawnSync(PYTHON, ['-c', 'import sklearn, pandas, numpy'], { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(
      `${PYTHON} with scikit-learn and pandas is needed: apt-get install -y python3-sklearn python3-pandas (${r.error?.message ?? r.stderr.trim()})`,
    );
});

describe('the tabular starter with Python', () => {
  it('runs on grouped data: a grouped split on the repeated ID, and the models beat the dummy', async () => {
    const csv = join(base, 'patients.csv');
    writeFileSync(csv, patients());
    const out = join(base, 'first-try');
    const r = await cli(['starter', '--data', csv, '--target', 'outcome', '--out', out, '--no-input', '--run', '--python', PYTHON, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("split: StratifiedGroupKFold(5) on 'patient_id'");
    const results = JSON.parse(r.stdout).starter.results as { model: string; metric: string; mean: number; folds: number[] }[];
    expect(results).toEqual(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')));
    const score = (model: RegExp) => results.find((x) => model.test(x.model) && x.metric === 'balanced accuracy');
    expect(score(/^dummy$/)?.mean).toBe(0.5);
    for (const m of [/logistic regression/, /gradient boosting/]) expect(score(m)?.mean, String(m)).toBeGreaterThan(0.7);
    expect(score(/gradient boosting/)?.folds).toHaveLength(5);
  });

  it('the tree-ensemble starter passes --smoke offline, and runs a regression on a file given to run.py', async () => {
    const out = join(base, 'boosting');
    const made = await cli(['starter', '--modality', 'tabular', '--task', 'regression', '--labeled', '50000', '--features', '30', '--out', out, '--no-input']);
    expect(made.code, made.stderr).toBe(0);
    const smoke = spawnSync(PYTHON, [join(out, 'run.py'), '--smoke'], { encoding: 'utf8', cwd: base, env: process.env });
    expect(smoke.status, smoke.stderr).toBe(0);
    expect(smoke.stdout).toContain('split: KFold(3), shuffled');
    expect(smoke.stdout).toMatch(/recommended: gradient boosting +RMSE/);
    const csv = join(base, 'yield.csv');
    const rows = ['plot,rain,temp,yield'];
    for (let i = 0; i < 200; i++) rows.push(`${i},${i % 13},${10 + (i % 7)},${(3 * (i % 13) - (i % 7) + (i % 3)).toFixed(1)}`);
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const run = spawnSync(PYTHON, [join(out, 'run.py'), csv, '--target', 'yield'], { encoding: 'utf8', cwd: base });
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { model: string; metric: string; mean: number }[];
    const r2 = (m: string) => results.find((x) => x.model.includes(m) && x.metric === 'R2')?.mean ?? Number.NaN;
    expect(r2('gradient boosting')).toBeGreaterThan(r2('dummy') + 0.5);
  });

  it('the text, signal, sequence and image starters pass --smoke offline, and their models beat the dummy', async () => {
    for (const [flags, family, model] of [
      [['--modality', 'text', '--task', 'classification', '--labeled', '5000'], 'text', /baseline: TF-IDF/],
      [['--modality', 'time-series', '--task', 'classification', '--labeled', '50000'], 'signal', /recommended: random convolutional kernels/],
      [['--modality', 'biosequence', '--task', 'classification', '--labeled', '2000'], 'sequence', /baseline: one-hot positions/],
      [['--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes'], 'image', /baseline: thumbnail/],
    ] as const) {
      const out = join(base, family);
      const made = await cli(['starter', ...flags, '--out', out, '--no-input', '--json']);
      expect(made.code, made.stderr).toBe(0);
      expect(JSON.parse(made.stdout).starter.template).toBe(family);
      const smoke = spawnSync(PYTHON, [join(out, 'run.py'), '--smoke'], { encoding: 'utf8', cwd: base, env: process.env });
      expect(smoke.status, smoke.stderr).toBe(0);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { model: string; metric: string; mean: number }[];
      const best = results.find((r) => model.test(r.model) && r.metric === 'balanced accuracy');
      expect(best?.mean, family).toBeGreaterThan(family === 'sequence' ? 0.6 : 0.8);
    }
  });

  it('the molecules starter reads SMILES, splits by scaffold, and the forest beats the dummy', async () => {
    const csv = join(base, 'molecules.csv');
    const rings = ['', 'c1ccccc1', 'C1CCCCC1', 'c1ccncc1', 'C1CCOC1', 'c1ccc2ccccc2c1', 'C1CC1', 'c1ccsc1'];
    const rows = ['smiles,active'];
    for (const ring of rings) for (let n = 1; n <= 8; n++) rows.push(`${ring}${'C'.repeat(n)}O,${n > 4 ? 'yes' : 'no'}`);
    rows.push('not-a-smiles,no');
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const out = join(base, 'molecules');
    const r = await cli(['starter', '--data', csv, '--target', 'active', '--out', out, '--no-input', '--run', '--python', PYTHON, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).starter.template).toBe('molecules');
    expect(r.stderr).toContain('split: StratifiedGroupKFold(5) on Bemis-Murcko scaffolds');
    expect(r.stderr).toContain('note: 1 rows have SMILES RDKit cannot read; they are left out');
    const results = JSON.parse(r.stdout).starter.results as { model: string; metric: string; mean: number }[];
    const acc = (m: string) => results.find((x) => x.model.includes(m) && x.metric === 'balanced accuracy')?.mean ?? Number.NaN;
    expect(acc('random forest')).toBeGreaterThan(acc('dummy') + 0.2);
  });

  it('stops with exit 2 and a one-line message for a column that is not there', () => {
    const out = join(base, 'boosting');
    const run = spawnSync(PYTHON, [join(out, 'run.py'), join(base, 'yield.csv'), '--target', 'nope'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("run.py: no column 'nope' for the target; the columns are: plot, rain, temp, yield\n");
  });
});
