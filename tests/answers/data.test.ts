/** The "Your data" section (issue 17 item 1): pure functions, then advise --data in every format. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataCautions, dataSection, withData } from '../../src/answers/data.js';
import type { InspectReport } from '../../src/inspect/types.js';
import { Result } from '../../src/knowledge/output.js';
import { cli } from '../helpers/io.js';

const report = (warnings: InspectReport['warnings']): InspectReport => ({
  path: 'd.csv',
  format: 'csv',
  inferred: [
    { key: 'modality', value: 'tabular', evidence: 'the file is a table', confidence: 'certain' },
    { key: 'features', value: 5, evidence: 'of the 7 columns ...', confidence: 'likely' },
  ],
  notInferred: [],
  warnings,
  summary: {},
});

describe('dataSection and dataCautions', () => {
  it('marks an inferred answer as not used when another source gave another value', () => {
    const s = dataSection(report([]), { modality: 'tabular', features: 9 });
    expect(s.inferred.map((i) => [i.key, i.used])).toEqual([
      ['modality', true],
      ['features', false],
    ]);
  });

  it('turns the findings that change the experiment into cautions, once per code', () => {
    const s = dataSection(
      report([
        { code: 'leakage-suspect', message: "column 'x' equals the target" },
        { code: 'leakage-suspect', message: "column 'y' equals the target" },
        { code: 'class-imbalance', message: "'1' is 3% of the labelled rows" },
        { code: 'constant-column', message: "column 'c' has one value" },
      ]),
      {},
    );
    const cautions = dataCautions(s, false);
    expect(cautions.map((c) => c.rule)).toEqual(['data:leakage-suspect', 'data:class-imbalance']);
    expect(cautions[1]?.text).toMatch(/balanced accuracy.*precision-recall.*class_weight/);
    expect(cautions.every((c) => c.source.includes('d.csv') && c.basis === 'heuristic')).toBe(true);
  });

  it('asks for a grouped split only when the ID column repeats', () => {
    const unique = dataSection(
      report([{ code: 'id-column', message: "column 'id' looks like an ID (an ID-like name and a different value in every row)" }]),
      {},
    );
    const grouped = dataSection(
      report([{ code: 'id-column', message: "column 'pid' looks like an ID (an ID-like name; its values repeat, so rows come in groups)" }]),
      {},
    );
    expect(dataCautions(unique, false)).toEqual([]);
    expect(dataCautions(grouped, true)[0]?.text).toMatch(/grouped cross-validation/);
  });
});

const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-yourdata-'));
const csv = join(dir, 'patients.csv');
const rows = ['patient_id,visit,age,chol,outcome'];
for (let i = 0; i < 200; i++) rows.push(`P${Math.floor(i / 4)},${i % 4},${40 + (i % 30)},${i % 3 === 0 ? '' : 180 + (i % 40)},${i % 5 === 0 ? 1 : 0}`);
writeFileSync(csv, `${rows.join('\n')}\n`);

describe('advise --data: the data in every format', () => {
  it('JSON: a top-level data object that the output schema accepts, and the data cautions', async () => {
    const r = await cli(['--data', csv, '--target', 'outcome', '--features', '4', '--json', '--no-input']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Result.safeParse(doc).success).toBe(true);
    expect(doc.data).toMatchObject({ path: csv, format: 'csv' });
    expect(doc.data.inferred).toContainEqual(expect.objectContaining({ key: 'labeled', value: 200, used: true }));
    expect(doc.data.inferred).toContainEqual(expect.objectContaining({ key: 'features', used: false }));
    expect(doc.data.warnings.map((w: { code: string }) => w.code)).toEqual(expect.arrayContaining(['id-column', 'missing-values']));
    const rules = doc.recommendation.cautions.map((c: { rule: string }) => c.rule);
    expect(rules).toEqual(expect.arrayContaining(['data:id-column', 'data:missing-values']));
  });

  it('text and Markdown: a "Your data" section with the evidence and the warnings', async () => {
    const text = await cli(['--data', csv, '--target', 'outcome', '--no-input']);
    expect(text.stdout).toMatch(/Your data\n {2}\S*patients\.csv \(csv\)\n {2}modality\s+tabular\s+because the file is a table/);
    expect(text.stdout).toMatch(/! column 'patient_id' looks like an ID/);
    const md = await cli(['--data', csv, '--target', 'outcome', '--format', 'markdown', '--no-input']);
    expect(md.stdout).toMatch(/## Your data\n\n`[^`]*patients\.csv` \(csv\)\n\n\| Answer \| Value \| Confidence \| Because \|/);
    expect(md.stdout).toContain('(`missing-values`)');
  });

  it('without --data there is no data section and no data caution', async () => {
    const r = await cli(['--modality', 'tabular', '--task', 'classification', '--labeled', '200', '--json', '--no-input']);
    const doc = JSON.parse(r.stdout);
    expect(doc.data).toBeUndefined();
    expect(doc.recommendation.cautions.some((c: { rule: string }) => c.rule.startsWith('data:'))).toBe(false);
  });

  it('withData leaves the rules untouched and appends after the rules’ cautions', () => {
    const primary = { id: 'tree-ensemble', name: 'Trees', score: 1, evidence: 1, reasons: [], against: [] };
    const base = {
      recommendation: { primary, alternatives: [], cautions: [{ rule: 'r', text: 't', source: 's', basis: 'paper' }] },
      answers: {},
    } as unknown as Result;
    const out = withData(base, report([{ code: 'time-order', message: "column 'date' increases" }]));
    expect(out.recommendation.cautions.map((c) => c.rule)).toEqual(['r', 'data:time-order']);
    expect(base.recommendation.cautions).toHaveLength(1);
  });
});

describe('advise --data acts on what the data shows (issue 17)', () => {
  const unbalanced = join(dir, 'screening.csv');
  const lines = ['subject_id,site,marker,score,label'];
  for (let i = 0; i < 400; i++) lines.push(`S${Math.floor(i / 2)},${i % 7},${(i * 13) % 29},${(i * 7) % 17},${i % 25 === 0 ? 'case' : 'control'}`);
  writeFileSync(unbalanced, `${lines.join('\n')}\n`);

  it('a repeated ID sets dependence grouped, and the split is grouped on that column', async () => {
    const doc = JSON.parse((await cli(['--data', csv, '--target', 'outcome', '--json', '--no-input'])).stdout);
    expect(doc.answers.dependence).toBe('grouped');
    expect(doc.data.inferred).toContainEqual(expect.objectContaining({ key: 'dependence', value: 'grouped', used: true }));
    const e = doc.recommendation.primary.recipe.evaluation;
    expect(e).toMatchObject({ split: 'grouped', column: 'patient_id' });
    expect(e.why).toMatch(/^Group the folds by 'patient_id'/);
    for (const m of doc.recommendation.alternatives) expect(m.recipe.evaluation.column).toBe('patient_id');
  });

  it('the flag wins over the inference: --dependence independent, no grouped split, the inference shown as not used', async () => {
    const doc = JSON.parse((await cli(['--data', csv, '--target', 'outcome', '--dependence', 'independent', '--json', '--no-input'])).stdout);
    expect(doc.answers.dependence).toBe('independent');
    expect(doc.data.inferred).toContainEqual(expect.objectContaining({ key: 'dependence', value: 'grouped', used: false }));
    expect(doc.recommendation.primary.recipe.evaluation.split).not.toBe('grouped');
    expect(doc.recommendation.primary.recipe.evaluation.column).toBeUndefined();
  });

  it('imbalanced classes: balanced accuracy and PR-AUC first, and class weights in the settings', async () => {
    const doc = JSON.parse((await cli(['--data', unbalanced, '--target', 'label', '--json', '--no-input'])).stdout);
    expect(doc.data.warnings.map((w: { code: string }) => w.code)).toContain('class-imbalance');
    const r = doc.recommendation.primary.recipe;
    expect(r.evaluation.metric).toMatch(/^balanced accuracy and PR-AUC \(the classes are imbalanced\); /);
    expect(r.settings.at(-1)).toContain("class_weight='balanced'");
    const balanced = JSON.parse((await cli(['--data', csv, '--target', 'outcome', '--json', '--no-input'])).stdout);
    expect(balanced.recommendation.primary.recipe.evaluation.metric).not.toMatch(/balanced accuracy and PR-AUC/);
  });

  it('an inferred kind that does not fit a given modality is dropped, not an error', async () => {
    const smiles = join(dir, 'mols.csv');
    writeFileSync(smiles, 'smiles,activity\nCCO,1.2\nc1ccccc1,0.3\nCC(=O)O,2.1\nCCN,0.9\n');
    const asTable = await cli(['--data', smiles, '--task', 'regression', '--modality', 'tabular', '--json', '--no-input']);
    expect(asTable.code).toBe(0);
    expect(JSON.parse(asTable.stdout).answers.kind).toBe('unknown');
    const asGraph = JSON.parse((await cli(['--data', smiles, '--task', 'regression', '--json', '--no-input'])).stdout);
    expect(asGraph.answers).toMatchObject({ modality: 'graph', kind: 'molecules' });
    expect(asGraph.recommendation.primary.recipe.evaluation.split).toBe('scaffold');
  });
});
