/**
 * The starters, run for real with Debian's Python (/usr/bin/python3 with python3-sklearn,
 * python3-pandas, python3-rdkit, python3-pil, python3-torch and python3-torchvision; .ci/run
 * installs them). The image starter is run twice: its thumbnail baseline alone, and with torch,
 * whose --smoke embeds with a randomly initialised ResNet-18 (no weights are downloaded). Without a package a test prints that it did not run and which Debian
 * package would enable it; under CI it fails (tests/helpers/python.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/io.js';
import { needs, PYTHON } from '../helpers/python.js';

const TABLES = ['numpy', 'pandas', 'sklearn'];
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
});

interface Row {
  model: string;
  metric: string;
  mean: number;
  std: number;
  folds: number[];
}

/** The score of the first model matching `model` on `metric` (default: the main one, the first in the results). */
function score(results: Row[], model: RegExp, metric = results[0]?.metric): Row | undefined {
  return results.find((x) => model.test(x.model) && x.metric === metric);
}

// Each test spawns Python two or three times: on a loaded two-core machine (load 24) one took 82 s.
const SLOW = { timeout: 240_000 };

describe('the tabular starter with Python', SLOW, () => {
  it('runs on grouped data with --run: a grouped split on the repeated ID, the recommended model beats the dummy, the results in the report', async () => {
    if (!needs('the table starter end to end', TABLES)) return;
    const csv = join(base, 'patients.csv');
    writeFileSync(csv, patients());
    const out = join(base, 'first-try');
    const r = await cli(['starter', '--data', csv, '--target', 'outcome', '--out', out, '--no-input', '--run', '--python', PYTHON, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("split: StratifiedGroupKFold(5) on 'patient_id'");
    const doc = JSON.parse(r.stdout);
    const results = doc.starter.results as Row[];
    expect(results).toEqual(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')));
    // The metrics are the recipe's, in its order (config.json "metrics"), the first the main one.
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.metrics.length).toBeGreaterThan(0);
    expect([...new Set(results.map((x) => x.metric))]).toEqual(config.metrics);
    expect(score(results, /^dummy$/)?.mean).toBe(0.5);
    const recommended = score(results, /^recommended: /);
    expect(recommended?.mean).toBeGreaterThan(0.75);
    expect(recommended?.folds).toHaveLength(5);
    // The text report carries the same table.
    const text = await cli(['starter', '--data', csv, '--target', 'outcome', '--out', out, '--force', '--no-input', '--run', '--python', PYTHON]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/model +metric +mean +std +folds\n {2}dummy /);
  });

  it('hostile column names stay strings through Python: the script runs, groups on them, and nothing they say is executed', async () => {
    if (!needs('the table starter with hostile column names', TABLES)) return;
    const evil = 'id"); open("pwned", "w")#';
    const target = "y'''; open('pwned2', 'w')#";
    const quote = (n: string) => `"${n.replaceAll('"', '""')}"`;
    const rows = [`${quote(evil)},a,b,${quote(target)}`];
    for (let i = 0; i < 120; i++) rows.push(`g${i % 30},${i % 7},${(i * 13) % 11},${i % 7 > 3 ? 'pos' : 'neg'}`);
    const csv = join(base, 'hostile.csv');
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const out = join(base, 'hostile');
    const made = await cli(['starter', '--data', csv, '--target', target, '--group', evil, '--out', out, '--no-input', '--json']);
    expect(made.code, made.stderr).toBe(0);
    const run = spawnSync(PYTHON, ['run.py'], { encoding: 'utf8', cwd: out });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`split: StratifiedGroupKFold(5) on 'id"); open("pwned", "w")#'`);
    expect(existsSync(join(out, 'pwned')) || existsSync(join(out, 'pwned2')) || existsSync(join(base, 'pwned'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).length).toBeGreaterThan(0);
  });

  it('orders the rows by the time column and splits forward in time when the advice says temporal', async () => {
    if (!needs('the table starter, temporal split', TABLES)) return;
    const csv = join(base, 'sensor.csv');
    const rows = ['when,load,temp,failure'];
    // Written out of order: run.py must sort by the time column before TimeSeriesSplit.
    for (let i = 0; i < 240; i++) {
      const day = (i * 37) % 240;
      const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
      rows.push(`${date},${(day % 17) + 0.5},${20 + (day % 5)},${day % 17 > 8 ? 'yes' : 'no'}`);
    }
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const out = join(base, 'temporal');
    const flags = ['--modality', 'tabular', '--task', 'classification', '--labeled', '240', '--features', '2', '--dependence', 'temporal'];
    const made = await cli(['starter', ...flags, '--out', out, '--no-input', '--json']);
    expect(made.code, made.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).split).toBe('temporal');
    const run = spawnSync(PYTHON, [join(out, 'run.py'), csv, '--target', 'failure', '--time', 'when'], { encoding: 'utf8', cwd: base });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("split: TimeSeriesSplit(5), rows ordered by 'when'");
  });

  it('the tree-ensemble starter passes --smoke offline, and runs a regression on a file given to run.py', async () => {
    if (!needs('the table starter --smoke and a regression', TABLES)) return;
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
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Row[];
    const r2 = (m: RegExp) => score(results, m, 'R2')?.mean ?? Number.NaN;
    expect(r2(/gradient boosting/)).toBeGreaterThan(r2(/^dummy$/) + 0.5);
    // A wrong column: exit 2 and one line.
    const bad = spawnSync(PYTHON, [join(out, 'run.py'), csv, '--target', 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("run.py: no column 'nope' for the target; the columns are: plot, rain, temp, yield\n");
  });
});

describe('the other starters with Python, --smoke (offline, random initialisation)', SLOW, () => {
  for (const [flags, family, model, modules] of [
    [['--modality', 'text', '--task', 'classification', '--labeled', '5000'], 'text', /baseline: TF-IDF/, TABLES],
    [['--modality', 'time-series', '--task', 'classification', '--labeled', '50000'], 'signal', /recommended: random convolutional kernels/, TABLES],
    [['--modality', 'biosequence', '--task', 'classification', '--labeled', '2000'], 'sequence', /baseline: one-hot positions/, TABLES],
    [['--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes'], 'image', /baseline: thumbnail/, [...TABLES, 'PIL']],
  ] as const) {
    it(`the ${family} starter runs and its model beats the dummy`, async () => {
      if (!needs(`the ${family} starter --smoke`, modules)) return;
      const out = join(base, family);
      const made = await cli(['starter', ...flags, '--out', out, '--no-input', '--json']);
      expect(made.code, made.stderr).toBe(0);
      expect(JSON.parse(made.stdout).starter.template).toBe(family);
      const smoke = spawnSync(PYTHON, [join(out, 'run.py'), '--smoke'], { encoding: 'utf8', cwd: base, env: process.env });
      expect(smoke.status, smoke.stderr).toBe(0);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Row[];
      const best = score(results, model);
      expect(best?.metric, family).toBe(results[0]?.metric);
      expect(best?.mean, family).toBeGreaterThan((score(results, /^dummy$/)?.mean ?? 1) + (family === 'sequence' ? 0.1 : 0.25));
    });
  }

  it('the image starter with torch: --smoke embeds with a frozen, randomly initialised ResNet-18 and it beats the dummy', async () => {
    if (!needs('the image starter --smoke with its backbone', [...TABLES, 'PIL', 'torch', 'torchvision'])) return;
    const out = join(base, 'image-backbone');
    const made = await cli([
      'starter',
      '--modality',
      'image',
      '--task',
      'classification',
      '--labeled',
      '900',
      '--pretrained',
      'yes',
      '--out',
      out,
      '--no-input',
    ]);
    expect(made.code, made.stderr).toBe(0);
    const smoke = spawnSync(PYTHON, [join(out, 'run.py'), '--smoke'], { encoding: 'utf8', cwd: base, env: process.env });
    expect(smoke.status, smoke.stderr).toBe(0);
    expect(smoke.stdout).not.toContain('torch and torchvision are not installed');
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Row[];
    const backbone = score(results, /^recommended: frozen random-init ResNet-18 \(--smoke\)/);
    expect(backbone?.metric).toBe(results[0]?.metric);
    expect(backbone?.mean).toBeGreaterThan((score(results, /^dummy$/)?.mean ?? 1) + 0.25);
  });

  it('the molecules starter reads SMILES, splits by scaffold with --run, and the forest beats the dummy', async () => {
    if (!needs('the molecules starter', [...TABLES, 'rdkit'])) return;
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
    const results = JSON.parse(r.stdout).starter.results as Row[];
    expect((score(results, /random forest/)?.mean ?? 0) - (score(results, /^dummy$/)?.mean ?? 1)).toBeGreaterThan(0.2);
  });
});
