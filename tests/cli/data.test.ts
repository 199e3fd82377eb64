/** advise --data: answers inferred from a dataset act as defaults below flags and answers files. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/io.js';
import { png } from '../inspect/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-data-'));
const table = join(dir, 'assay.csv');
const rows = ['sample,dose,temp,ph,response'];
for (let i = 0; i < 300; i++) rows.push(`S${i},${(i % 17) * 0.5},${20 + (i % 7)},${(6 + (i % 5) * 0.3).toFixed(1)},${i % 9 === 0 ? '' : (i * 1.37) % 50}`);
writeFileSync(table, `${rows.join('\n')}\n`);

describe('advise --data', () => {
  it('fills the answers it can prove and explains its guesses on stderr', async () => {
    const r = await cli(['--data', table, '--target', 'response', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.answers).toMatchObject({ modality: 'tabular', task: 'regression', labeled: 266, unlabeled: 34, features: 3 });
    expect(doc.recommendation.primary.id).toBe('linear-regression');
    // 'sample' is an ID with a different value in every row: left out, but no grouped split.
    expect(doc.data.warnings.map((w: { code: string }) => w.code)).toContain('id-column');
    expect(doc.recommendation.cautions.map((c: { rule: string }) => c.rule)).not.toContain('data:id-column');
  });

  it('flags override the answers file, which overrides the data', async () => {
    const answers = join(dir, 'answers.yaml');
    writeFileSync(answers, 'labeled: 5000\nfeatures: 40\n');
    const r = await cli(['--data', table, '--target', 'response', '--answers', answers, '--features', '7', '--json']);
    expect(JSON.parse(r.stdout).answers).toMatchObject({ modality: 'tabular', task: 'regression', labeled: 5000, features: 7, unlabeled: 34 });
  });

  it('reports a missing dataset or target column as a user error', async () => {
    const missing = await cli(['--data', join(dir, 'nope.csv'), '--json']);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).errors[0].code).toBe('data-not-found');
    const target = await cli(['--data', table, '--target', 'respnse']);
    expect(target.code).toBe(2);
    expect(target.stderr).toContain('respnse');
  });

  it('--sheet picks the Excel sheet the answers come from, as inspect --sheet does', async () => {
    const workbook = new URL('../inspect/fixtures/formats/assay.xlsx', import.meta.url).pathname;
    const first = JSON.parse((await cli(['--data', workbook, '--json'])).stdout);
    expect(first.answers).toMatchObject({ modality: 'tabular', task: 'classification', labeled: 290, features: 3 });
    // The 'Summary' sheet (matched case-insensitively) has 2 columns and no target column.
    const other = await cli(['--data', workbook, '--sheet', 'summary', '--task', 'regression', '--labeled', '1', '--json']);
    expect(other.code).toBe(0);
    const doc = JSON.parse(other.stdout);
    expect(doc.answers).toMatchObject({ modality: 'tabular', features: 2 });
    expect(doc.data.inferred.find((i: { key: string }) => i.key === 'features').evidence).toContain('2 columns');
    const unknown = await cli(['--data', workbook, '--sheet', 'Results', '--json']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).errors[0]).toMatchObject({ code: 'sheet-not-found' });
    expect(JSON.parse(unknown.stdout).errors[0].message).toContain("the sheets are 'Empty', 'Measurements', 'Summary'");
    const alone = await cli(['--sheet', 'Summary', '--modality', 'tabular']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^dl-advisor: --sheet names the Excel sheet to read in the --data file, but no --data was given/);
  });

  it('inspect --max-files N reads the headers of N files per kind and counts the rest by name', async () => {
    const folder = join(dir, 'scans');
    mkdirSync(join(folder, 'a'), { recursive: true });
    mkdirSync(join(folder, 'b'), { recursive: true });
    for (let i = 0; i < 5; i++) writeFileSync(join(folder, i < 3 ? 'a' : 'b', `${i}.png`), png(16, 16));
    const r = await cli(['inspect', folder, '--max-files', '2', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toMatchObject({ images: 5, formats: 'png 2' });
    expect(doc.warnings.map((w: { message: string }) => w.message)).toContain(
      'only the first 2 of 5 images had their headers read (--max-files); the rest are counted by name',
    );
    const all = JSON.parse((await cli(['inspect', folder, '--max-files', '1k', '--json'])).stdout);
    expect(all.summary.formats).toBe('png 5');
    const bad = await cli(['inspect', folder, '--max-files', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-files needs a whole number of files of at least 1 (e.g. 1000 or 10k), not "0"');
  });

  it('inspect prints the evidence, and its YAML form is an answers file', async () => {
    const text = await cli(['inspect', table, '--target', 'response']);
    expect(text.stdout).toMatch(/task\s+regression\s+because/);
    const yaml = await cli(['inspect', table, '--target', 'response', '--format', 'yaml']);
    const saved = join(dir, 'inferred.yaml');
    writeFileSync(saved, yaml.stdout);
    const viaFile = await cli(['--answers', saved, '--json']);
    const viaData = await cli(['--data', table, '--target', 'response', '--json']);
    expect(viaFile.code).toBe(0);
    // The same advice, except the cautions the data itself adds (issue 17: rule "data:CODE").
    const fromData = JSON.parse(viaData.stdout).recommendation;
    fromData.cautions = fromData.cautions.filter((c: { rule: string }) => !c.rule.startsWith('data:'));
    expect(JSON.parse(viaFile.stdout).recommendation).toEqual(fromData);
  });
});
