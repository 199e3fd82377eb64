/** Issue 15, item 9: the layout at 60-120 columns, and the rule commands' rough edges. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/knowledge/paths.js';
import { cli } from '../helpers/io.js';

const image = ['--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes'];
const tabular = ['--modality', 'tabular', '--task', 'regression', '--labeled', '1.2k', '--features', '8'];
const columnsOf = (line: string) => [...line].length;

describe('every line fits the terminal', () => {
  const commands = [image, tabular, ['rules', 'list'], ['questions'], ['methods'], ['methods', 'cnn']];
  for (const columns of [60, 80, 100]) {
    it(`at ${columns} columns`, async () => {
      for (const argv of commands) {
        const r = await cli([...argv, '--no-color'], { tty: true, columns });
        expect(r.code).toBe(0);
        const long = r.stdout.split('\n').filter((l) => columnsOf(l) > columns);
        expect({ argv, long }).toEqual({ argv, long: [] });
      }
    });
  }

  it('the evidence bar gives way at 60 columns, and is 24 wide at 80', async () => {
    const at = async (columns: number) =>
      (await cli([...tabular, '--no-color'], { tty: true, columns })).stdout.split('\n').find((l) => l.includes('of the evidence')) ?? '';
    expect((await at(80)).match(/[█░]+/)?.[0]).toHaveLength(24);
    const narrow = await at(60);
    expect(columnsOf(narrow)).toBeLessThanOrEqual(60);
    expect(narrow.match(/[█░]+/)?.[0].length).toBeLessThan(24);
  });

  it('source continuation lines start under the first letter of the source', async () => {
    const r = await cli([...image, '--no-color'], { tty: true, columns: 60 });
    const lines = r.stdout.split('\n');
    const sources = lines.slice(lines.indexOf('Sources') + 1);
    let checked = 0;
    for (let i = 0; i + 1 < sources.length; i++) {
      const head = /^ {2}\[(\d+)\] /.exec(sources[i] ?? '');
      const next = sources[i + 1] ?? '';
      if (!head || next === '' || next.startsWith('  [')) continue;
      expect(next.length - next.trimStart().length, next).toBe(head[0].length);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('rules list: each id, then its summary, pack and basis below it', async () => {
    const r = await cli(['rules', 'list', '--no-color'], { tty: true, columns: 80 });
    const [id, summary] = r.stdout.split('\n');
    expect(id).toBe('image-slide-mil-on-tile-embeddings');
    expect(summary).toMatch(/^ {4}Whole-slide images with slide-level labels/);
  });
});

describe('rules validate and rules test', () => {
  it('`rules validate rules/` in the repository checks the built-in files as they are, without duplicates', async () => {
    const r = await cli(['rules', 'validate', `${packageRoot()}rules`]);
    expect(r.stdout).not.toContain('already defined');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('these are the built-in rule files');
    const one = await cli(['rules', 'validate', `${packageRoot()}rules/tabular.yaml`]);
    expect(one.code).toBe(0);
    expect(one.stderr).toMatch(/1 file valid/);
  });

  it('`rules test PACK-FOLDER` without --rules says to add it', async () => {
    const pack = `${packageRoot()}examples/lab-pack`;
    const r = await cli(['rules', 'test', pack]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`(the cases may answer questions of a rule pack that is not loaded: add --rules ${pack})`);
    const fixed = await cli(['rules', 'test', pack, '--rules', pack]);
    expect(fixed.code).toBe(0);
  });
});

describe('answers files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-layout-'));
  it('accept a key as the question names it or as its flag does', async () => {
    const file = join(dir, 'answers.yaml');
    writeFileSync(file, 'modality: image\ntask: classification\nlabeled: 900\nlabel-quality: noisy\nrelatedTasks: yes\n');
    const r = await cli(['--answers', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).answers).toMatchObject({ labelQuality: 'noisy', relatedTasks: 'yes' });
  });

  it('both spellings with two values is a conflict naming both keys', async () => {
    const file = join(dir, 'both.yaml');
    writeFileSync(file, 'modality: image\ntask: classification\nlabeled: 900\nlabelQuality: clean\nlabel-quality: noisy\n');
    const r = await cli(['--answers', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`dl-advisor: ${file}:5:1: labelQuality: "labelQuality" gives "clean" but "label-quality" gives "noisy"; give one value\n`);
  });
});
