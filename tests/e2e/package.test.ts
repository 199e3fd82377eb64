/**
 * Packaging: the published tarball installs into an empty project, alone (everything it runs is
 * bundled into dist/), finds its built-in rules and serves the CLI and the library.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/knowledge/paths.js';
import { ensureBuilt } from '../helpers/spawn.js';

beforeAll(() => ensureBuilt());

describe('npm package', () => {
  it('installs from the tarball and runs from another directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-pack-'));
    // --ignore-scripts: `npm test` has just built dist/, and rebuilding here would race the other e2e files.
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: packageRoot(), encoding: 'utf8' });
    const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
    if (!info) throw new Error('npm pack printed nothing');
    const files = info.files.map((f) => f.path);
    expect(files).toContain('bin/dl-advisor.js');
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('rules/questions.yaml');
    expect(files).toContain('schemas/rules.schema.json');
    expect(files).toContain('LICENSE');
    expect(files).toContain('rules/tests/literature.cases.yaml');
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('tests/'))).toBe(false);
    // The held-out evaluation set is for the repository's tests only; nothing at run time reads it.
    expect(files.some((f) => f.startsWith('rules/evaluation/'))).toBe(false);

    const project = join(dir, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true, "type": "module" }\n');
    const install = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, info.filename)], { cwd: project, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    // No lifecycle script for the consumer to approve or to run (the build is `prepack`).
    expect(install.stderr).not.toMatch(/script|prepare/i);
    // dl-advisor and its one runtime dependency, h5wasm (HDF5 for inspect; WebAssembly, kept out of the bundle).
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).filter((k) => k !== '')).toEqual(['node_modules/dl-advisor', 'node_modules/h5wasm']);
    expect(readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['dl-advisor', 'h5wasm']);
    const size = folderSize(join(project, 'node_modules/dl-advisor'));
    // A budget that catches a duplicated bundle or corpus (precedents.json once shipped twice, 342 KB):
    // 4.56 MB with the 2026 knowledge (226 rules, recipes, references, lazy records), 321 precedents,
    // the starter templates as data (96 KB, and again in the pack sources) and the new formats' readers.
    expect(size).toBeLessThan(4_800_000);

    const elsewhere = mkdtempSync(join(tmpdir(), 'dl-advisor-cwd-'));
    const r = spawnSync(
      join(project, 'node_modules/.bin/dl-advisor'),
      ['advise', '--modality', 'tabular', '--task', 'classification', '--labeled', '600', '--format', 'json'],
      {
        cwd: elsewhere,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).recommendation.primary.id).toBe('logistic-regression');

    // The library API from the installed package.
    writeFileSync(
      join(project, 'use.mjs'),
      "import { advise } from 'dl-advisor';\nconst r = await advise({ modality: 'graph', task: 'regression', labeled: '20k' });\nconsole.log(r.recommendation.primary.id);\n",
    );
    expect(execFileSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8' }).trim()).toBe('gnn');
  }, 120_000);
});

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    total += entry.isDirectory() ? folderSize(p) : statSync(p).size;
  }
  return total;
}
