/** `dl-advisor starter` in process: answers as advise takes them, the folder rules, --run's exit codes. */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/io.js';
import { HOSTILE } from './plans.js';

const base = mkdtempSync(join(tmpdir(), 'dl-advisor-starter-cli-'));
const TABLE = ['--modality', 'tabular', '--task', 'classification', '--labeled', '50000', '--features', '30', '--no-input'];
let n = 0;
const fresh = () => join(base, `out${n++}`);

/** A stand-in for Python: a shell script that prints and exits as told (run.py is its first argument). */
function fakePython(name: string, body: string): string {
  const path = join(base, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('dl-advisor starter', () => {
  it('writes the experiment for the primary model and says how to run it', async () => {
    const out = fresh();
    const r = await cli(['starter', ...TABLE, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Start with: Tree ensemble');
    expect(r.stdout).toContain(`run it: python3 ${out}/run.py`);
    for (const f of ['README.md', 'requirements.txt', 'run.py', 'config.json']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'))).toMatchObject({ model: 'hgb', split: 'stratified', task: 'classification' });
  });

  it('adds a starter object to the advice JSON', async () => {
    const out = fresh();
    const r = await cli(['starter', ...TABLE, '--out', out, '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.recommendation.primary.id).toBe('tree-ensemble');
    expect(doc.starter).toMatchObject({ dir: out, family: 'tabular', template: 'tabular', files: ['README.md', 'requirements.txt', 'run.py', 'config.json'] });
    expect(doc.starter.results).toBeUndefined();
  });

  it('refuses a non-empty folder (exit 2) unless --force', async () => {
    const out = fresh();
    await cli(['starter', ...TABLE, '--out', out]);
    const again = await cli(['starter', ...TABLE, '--out', out, '--json']);
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout).errors[0]).toMatchObject({ code: 'folder-not-empty', file: out });
    expect((await cli(['starter', ...TABLE, '--out', out, '--force'])).code).toBe(0);
  });

  it('needs --out, and the answers advise needs', async () => {
    expect((await cli(['starter', ...TABLE])).stderr).toContain("required option '--out <dir>'");
    const missing = await cli(['starter', '--modality', 'tabular', '--no-input', '--out', fresh()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing required answer');
  });

  it('takes the data, finds its repeated ID column and groups by it; hostile names stay strings', async () => {
    const csv = join(base, 'hostile.csv');
    const rows = [`"${HOSTILE.replaceAll('"', '""')}",patient_id,age,outcome`];
    for (let i = 0; i < 120; i++) rows.push(`${i % 7},P${Math.floor(i / 3)},${30 + (i % 40)},${i % 2 ? 'yes' : 'no'}`);
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const out = fresh();
    const r = await cli(['starter', '--data', csv, '--target', 'outcome', '--out', out, '--no-input']);
    expect(r.code).toBe(0);
    const cfg = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(cfg).toMatchObject({ data: csv, target: 'outcome', group: 'patient_id', split: 'grouped' });
    const withGroup = fresh();
    await cli(['starter', '--data', csv, '--target', 'outcome', '--group', HOSTILE, '--out', withGroup, '--no-input']);
    expect(JSON.parse(readFileSync(join(withGroup, 'config.json'), 'utf8')).group).toBe(HOSTILE);
    expect(readFileSync(join(withGroup, 'run.py'), 'utf8')).not.toContain('rm -rf');
  });
});

describe('starter --data: the advice fitted to the data, as advise --data gives it', () => {
  it('the data section, the grouped column in the evaluation, and imbalanced classes put balanced accuracy and PR-AUC first', async () => {
    const csv = join(base, 'rare.csv');
    const rows = ['patient_id,age,marker,outcome'];
    for (let i = 0; i < 300; i++) rows.push(`P${Math.floor(i / 3)},${30 + (i % 40)},${(i * 7) % 13},${i % 20 === 0 ? 'yes' : 'no'}`);
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const out = fresh();
    const r = await cli(['starter', '--data', csv, '--target', 'outcome', '--task', 'classification', '--out', out, '--no-input', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.data.path).toBe(csv);
    expect(doc.recommendation.primary.recipe.evaluation).toMatchObject({ split: 'grouped', column: 'patient_id' });
    const cfg = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(cfg).toMatchObject({ split: 'grouped', group: 'patient_id' });
    expect(cfg.metrics.slice(0, 2)).toEqual(['balanced accuracy', 'PR-AUC']);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain("Group the folds by 'patient_id'");
  });
});

describe('starter --run', () => {
  it('exit 2 when Python cannot be started', async () => {
    const r = await cli(['starter', ...TABLE, '--out', fresh(), '--run', '--python', join(base, 'no-such-python'), '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).errors[0]).toMatchObject({ code: 'python-not-found' });
    expect(r.stderr).toContain('not found; --run needs Python 3');
  });

  it('exit 2 with the install command when packages are missing', async () => {
    const python = fakePython('py-missing', 'echo "run.py: missing Python packages: scikit-learn; install them with: pip install scikit-learn" >&2; exit 2');
    const r = await cli(['starter', ...TABLE, '--out', fresh(), '--run', '--python', python]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dl-advisor: ');
    expect(r.stderr).toMatch(/run\.py: missing Python packages: scikit-learn; install them with: pip install scikit-learn \(the README/);
  });

  it('exit 1 with the last lines and the log when the experiment fails', async () => {
    const python = fakePython('py-fails', 'echo "loading"; echo "ValueError: bad things" >&2; exit 1');
    const out = fresh();
    const r = await cli(['starter', ...TABLE, '--out', out, '--run', '--python', python]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('run.py exited with 1; its last lines:\n  loading\n  ValueError: bad things');
    expect(r.stderr).toContain(`full log: ${out}/run.log`);
    expect(readFileSync(join(out, 'run.log'), 'utf8')).toBe('loading\nValueError: bad things\n');
  });

  it('streams the output, runs in DIR with run.py as an argument, and reports results.json', async () => {
    const row = '[{"model":"dummy","metric":"MAE","mean":1.5,"std":0.25,"folds":[1.25,1.75]}]';
    const python = fakePython('py-ok', `echo "args: $*"; pwd; echo '${row}' > results.json`);
    const out = fresh();
    const r = await cli(['starter', ...TABLE, '--out', out, '--run', '--python', python, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('args: run.py\n');
    expect(r.stderr).toContain(`${out}\n`);
    expect(JSON.parse(r.stdout).starter.results).toEqual(JSON.parse(row));
    const text = await cli(['starter', ...TABLE, '--out', out, '--force', '--run', '--python', python]);
    expect(text.stdout).toContain('  model  metric      mean     std  folds\n  dummy  MAE        1.500   0.250  2\n');
  });
});
