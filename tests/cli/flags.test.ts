/** Flags as other CLIs take them: shared flags before the command, repeats, flags that need another. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hoistLeadingFlags } from '../../src/cli/argv.js';
import { cli } from '../helpers/io.js';

const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-flags-'));
const threeClass = join(dir, 'three.csv');
const rows = ['a,b,label'];
for (let i = 0; i < 120; i++) rows.push(`${i % 7},${(i * 0.37).toFixed(2)},${['x', 'y', 'z'][i % 3]}`);
writeFileSync(threeClass, `${rows.join('\n')}\n`);
const image = ['--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes'];

describe('shared flags before the command', () => {
  it('moves them after the command word (and after `rules list`)', () => {
    const commands = new Set(['inspect', 'methods', 'rules']);
    expect(hoistLeadingFlags(['--no-color', 'inspect', 'x.csv'], commands)).toEqual(['inspect', '--no-color', 'x.csv']);
    expect(hoistLeadingFlags(['--format', 'json', 'rules', 'list', '--rules', 'p'], commands)).toEqual(['rules', 'list', '--format', 'json', '--rules', 'p']);
    expect(hoistLeadingFlags(['--modality', 'image'], commands)).toEqual(['--modality', 'image']);
    // Not a shared flag: left for commander to judge.
    expect(hoistLeadingFlags(['--modality', 'image', 'inspect'], commands)).toEqual(['--modality', 'image', 'inspect']);
  });

  it('runs `--json methods cnn` and `--no-color inspect FILE` as if written after the command', async () => {
    const m = await cli(['--json', 'methods', 'cnn']);
    expect(m.code).toBe(0);
    expect(JSON.parse(m.stdout).method.id).toBe('cnn');
    const i = await cli(['--no-color', 'inspect', threeClass, '--target', 'label']);
    expect(i.stderr).toBe('');
    expect(i.code).toBe(0);
  });

  it('every command accepts --no-color', async () => {
    for (const argv of [['inspect', threeClass], ['schema', 'answers'], ['rules', 'list'], ['rules', 'test'], ['questions'], ['methods'], image]) {
      const r = await cli([...argv, '--no-color']);
      expect({ argv, code: r.code, stderr: r.stderr }).toEqual({ argv, code: 0, stderr: '' });
    }
  });
});

describe('a flag given twice', () => {
  it('with two values is an error naming the flag and both values (exit 2)', async () => {
    const r = await cli([...image, '--modality', 'text']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dl-advisor: --modality is given twice, as "image" and as "text"; give it once\n');
    const f = await cli([...image, '-f', 'json', '--format=markdown']);
    expect(f.stderr).toMatch(/^dl-advisor: --format is given twice, as "json" and as "markdown"/);
    expect(f.code).toBe(2);
  });

  it('with the same value is fine, and repeatable flags repeat', async () => {
    expect((await cli([...image, '--modality', 'image'])).code).toBe(0);
    const r = await cli([...image, '--answer', 'goal=prediction', '--answer', 'shift=no', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).answers).toMatchObject({ goal: 'prediction', shift: 'no' });
  });
});

describe('flags that need or contradict another', () => {
  it('--target without --data is an error', async () => {
    const r = await cli([...image, '--target', 'label']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dl-advisor: --target names the column to predict in the --data file, but no --data was given/);
  });

  it('--task regression on a three-class target warns, naming what the data shows, and keeps the flag', async () => {
    const r = await cli(['--data', threeClass, '--target', 'label', '--task', 'regression', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).answers.task).toBe('regression');
    expect(r.stderr).toContain('warning: task is given as "regression", but the data suggests "classification" (the target \'label\' has 3 distinct values');
    const agree = await cli(['--data', threeClass, '--target', 'label', '--task', 'classification', '--json']);
    expect(agree.stderr).not.toContain('warning: task');
  });

  it('--answers with a dataset suggests --data', async () => {
    const r = await cli(['--answers', threeClass]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `dl-advisor: ${threeClass}: this looks like a dataset, not an answers file (a YAML or JSON mapping such as "modality: image") (to infer the answers from a dataset, use --data ${threeClass})\n`,
    );
  });
});
