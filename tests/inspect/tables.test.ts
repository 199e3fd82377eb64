import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { inferredAnswers, inspectPath } from '../../src/inspect/index.js';
import { codes, Fixtures, inferred, rng, warning, why } from './fixtures.js';

const fx = new Fixtures();
afterAll(() => fx.cleanup());

/** A clinical-style table: id, numbers, a quoted text column, a 3-class target (some empty). */
function clinical(rows: number, options: { emptyTargets?: number; sep?: string } = {}): string {
  const sep = options.sep ?? ',';
  const random = rng(3);
  const lines = [['patient_id', 'age', 'bmi', 'site', 'diagnosis'].join(sep)];
  for (let i = 1; i <= rows; i++) {
    const diagnosis = i <= (options.emptyTargets ?? 0) ? '' : ['benign', 'malignant', 'normal'][i % 3];
    const bmi = i % 10 === 0 ? '' : (18 + random() * 15).toFixed(1);
    lines.push([`P${String(i).padStart(5, '0')}`, String(20 + (i % 60)), bmi, i % 2 ? '"Paris, FR"' : '"said ""ok"""', diagnosis].join(sep));
  }
  return `${lines.join('\n')}\n`;
}

describe('CSV tables', () => {
  it('names the ID columns whose values repeat as group columns, not the unique ones', async () => {
    const lines = ['record_id,patient_id,age,outcome'];
    for (let i = 0; i < 60; i++) lines.push(`R${i},P${Math.floor(i / 3)},${30 + (i % 40)},${i % 2 ? 'yes' : 'no'}`);
    const r = await inspectPath(fx.write('visits.csv', `${lines.join('\n')}\n`), { target: 'outcome' });
    expect(r.summary).toMatchObject({ idColumns: 'record_id, patient_id', groupColumns: 'patient_id' });
    const unique = await inspectPath(fx.write('unique.csv', clinical(100)));
    expect(unique.summary.idColumns).toBe('patient_id');
    expect(unique.summary.groupColumns).toBeUndefined();
    // Issue 17: the repeated ID decides the answer dependence (and so the split); a unique one does not.
    expect(inferred(r, 'dependence')).toEqual({
      key: 'dependence',
      value: 'grouped',
      evidence: "the ID-like column 'patient_id' repeats (20 distinct values in 60 rows): several rows per patient, subject, site or batch",
      confidence: 'likely',
    });
    expect(inferred(unique, 'dependence')).toBeUndefined();
    expect(unique.notInferred.find((n) => n.key === 'dependence')?.why).toContain('no ID-like column whose values repeat');
  });

  it('a date column in order suggests dependence temporal (a guess); a repeated ID wins over it', async () => {
    const days = Array.from({ length: 40 }, (_, i) => `2024-01-${String((i % 28) + 1).padStart(2, '0')}`).sort();
    const series = ['date,site_reading,target', ...days.map((d, i) => `${d},${(i * 7) % 11},${i % 3}`)];
    const r = await inspectPath(fx.write('daily.csv', `${series.join('\n')}\n`), { target: 'target' });
    expect(inferred(r, 'dependence')).toMatchObject({ value: 'temporal', confidence: 'guess' });
    expect(inferred(r, 'dependence')?.evidence).toBe("the column 'date' increases row by row: the rows look ordered in time");
    expect(r.summary.timeColumn).toBe('date');
    const both = ['date,patient_id,x,target', ...days.map((d, i) => `${d},P${i % 5},${i},${i % 2}`)];
    const g = await inspectPath(fx.write('visits-by-date.csv', `${both.join('\n')}\n`), { target: 'target' });
    expect(inferred(g, 'dependence')?.value).toBe('grouped');
  });

  it('infers modality, task, labeled, unlabeled and features, with evidence', async () => {
    const r = await inspectPath(fx.write('clinical.csv', clinical(300, { emptyTargets: 12 })));
    expect(r.format).toBe('csv');
    expect(inferredAnswers(r)).toEqual({ modality: 'tabular', task: 'classification', labeled: 288, unlabeled: 12, features: 3 });
    expect(inferred(r, 'task')?.evidence).toBe("the target 'diagnosis' (guessed) has 3 distinct values ('malignant', 'normal', 'benign') in 288 labelled rows");
    expect(inferred(r, 'task')?.confidence).toBe('likely');
    expect(inferred(r, 'features')?.evidence).toContain("the ID-like column 'patient_id'");
    expect(r.summary).toMatchObject({ rows: 300, columns: 5, target: 'diagnosis', delimiter: 'comma', header: 'yes', classes: 3 });
    expect(codes(r)).toEqual(expect.arrayContaining(['target-guessed', 'id-column', 'missing-values']));
    expect(warning(r, 'missing-values')).toContain("'bmi' 10%");
    expect(r.notInferred.map((n) => n.key)).toEqual(['goal', 'labelQuality', 'dependence', 'pretrained', 'shift']);
  });

  it('formats numbers in evidence with thousands separators', async () => {
    const r = await inspectPath(fx.write('big.csv', clinical(12_400)));
    expect(inferred(r, 'labeled')?.evidence).toContain('12,400 rows');
    expect(inferred(r, 'modality')?.evidence).toBe('the file is a table of 12,400 rows and 5 columns');
  });

  it('takes --target, and names the columns when it does not exist', async () => {
    const path = fx.write('target.csv', clinical(50));
    const r = await inspectPath(path, { target: 'Diagnosis' });
    expect(inferred(r, 'task')).toMatchObject({ value: 'classification', confidence: 'certain' });
    expect(codes(r)).not.toContain('target-guessed');
    const error = await inspectPath(path, { target: 'outcome' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems[0]).toMatchObject({ code: 'target-not-found', file: path });
    expect((error as Error).message).toContain("'patient_id', 'age', 'bmi', 'site', 'diagnosis'");
  });

  it('reads quoted fields with delimiters, escaped quotes and newlines (exact row count)', async () => {
    const text = 'id,note,label\n1,"a, b",x\n2,"line one\nline two",y\n3,"he said ""no""",x\n4,plain,y\n';
    const r = await inspectPath(fx.write('quoted.csv', text));
    expect(r.summary.rows).toBe(4);
    expect(codes(r)).not.toContain('ragged-rows');
    expect(inferred(r, 'labeled')?.value).toBe(4);
  });

  it('sniffs tab, semicolon and pipe delimiters', async () => {
    const tsv = await inspectPath(fx.write('data.tsv', clinical(40, { sep: '\t' })));
    expect(tsv.format).toBe('tsv');
    expect(tsv.summary.delimiter).toBe('tab');
    const semi = await inspectPath(fx.write('euro.csv', 'name;weight;class\na;1,5;x\nb;2,25;y\nc;3,0;x\nd;4,75;y\n'));
    expect(semi.summary.delimiter).toBe('semicolon');
    expect(semi.summary.columns).toBe(3);
    const pipe = await inspectPath(fx.write('pipe.txt', 'a|b|label\n1|2|x\n3|4|y\n5|6|x\n'));
    expect(pipe.summary.delimiter).toBe('pipe');
  });

  it('reads gzip by its magic bytes, whatever the name', async () => {
    const gz = await inspectPath(fx.write('clinical.csv.gz', clinical(100), { gzip: true }));
    expect(gz.summary).toMatchObject({ rows: 100, compression: 'gzip' });
    const misnamed = await inspectPath(fx.write('really-gzip.csv', clinical(100), { gzip: true }));
    expect(misnamed.summary.rows).toBe(100);
    expect(inferredAnswers(misnamed)).toMatchObject({ task: 'classification', labeled: 100 });
  });

  it('warns about duplicate rows, constant columns and a leakage column', async () => {
    const lines = ['f1,f2,const,copy,code,y'];
    for (let i = 0; i < 60; i++) {
      const y = i % 2 ? 'yes' : 'no';
      lines.push(`${i},${(i * 7) % 13},1,${y},${y === 'yes' ? 'Y1' : 'N0'},${y}`);
    }
    lines.push(lines[5] as string, lines[6] as string, lines[5] as string);
    const r = await inspectPath(fx.write('leaky.csv', `${lines.join('\n')}\n`), { target: 'y' });
    expect(codes(r)).toEqual(expect.arrayContaining(['duplicate-rows', 'constant-column', 'leakage-suspect']));
    expect(warning(r, 'constant-column')).toContain("'const'");
    const leaks = r.warnings.filter((w) => w.code === 'leakage-suspect').map((w) => w.message);
    expect(leaks.some((m) => m.startsWith("column 'copy' equals the target in every row"))).toBe(true);
    expect(leaks.some((m) => m.startsWith("column 'code' is a one-to-one recoding of the target"))).toBe(true);
    expect(warning(r, 'duplicate-rows')).toBe('3 rows repeat an earlier row exactly');
  });

  it('duplicates apart from an ID column, a correlated number, ragged rows and missing targets in the checks', async () => {
    const lines = ['sample_id,dose,response,note,site'];
    for (let i = 0; i < 80; i++) {
      // response = 2 * dose + 1 exactly (30 distinct values), missing in every 9th row; rows 40+ repeat rows 0+ but for the ID.
      const dose = i % 40;
      const response = i % 9 === 0 ? 'NA' : String(2 * dose + 1);
      lines.push(`S${i},${dose},${response},${dose % 3 === 0 ? 'ok' : 'redo'},${i % 40 < 20 ? 'A' : 'B'}`);
    }
    lines.push('S80,3', 'S81,3,7,ok,A,extra');
    const r = await inspectPath(fx.write('repeats.csv', `${lines.join('\n')}\n`), { target: 'response' });
    expect(warning(r, 'duplicate-rows')).toBe(
      '32 rows have the same values as an earlier row in every column but the ID column: repeated measurements, or copies?',
    );
    const leaks = r.warnings.filter((w) => w.code === 'leakage-suspect').map((w) => w.message);
    expect(leaks).toEqual([
      "column 'dose' is almost perfectly correlated with the target (r = 1): if it is known only after the outcome, it leaks the target; drop it",
    ]);
  });

  it('warns about class imbalance', async () => {
    const lines = ['x,outcome', ...Array.from({ length: 500 }, (_, i) => `${i},${i % 50 === 0 ? 'sick' : 'healthy'}`)];
    const r = await inspectPath(fx.write('imbalanced.csv', lines.join('\n')));
    expect(warning(r, 'class-imbalance')).toBe(
      "class imbalance: 'sick' is 2% of the labelled rows (10) against 98% for 'healthy'; use stratified splits and per-class metrics",
    );
  });

  it('does not guess the task for a few integer values (ratings or classes?)', async () => {
    const lines = ['a,b,rating', ...Array.from({ length: 200 }, (_, i) => `${i % 17},${i % 5},${(i % 5) + 1}`)];
    const r = await inspectPath(fx.write('ratings.csv', lines.join('\n')), { target: 'rating' });
    expect(inferred(r, 'task')).toBeUndefined();
    expect(why(r, 'task')).toContain('only 5 integer values (1 to 5)');
    expect(why(r, 'task')).toContain('regression');
    expect(codes(r)).toContain('ambiguous-target');
    expect(inferred(r, 'labeled')?.value).toBe(200);
  });

  it('infers regression from many distinct numbers', async () => {
    const random = rng(11);
    const lines = ['x1,x2,y', ...Array.from({ length: 300 }, () => `${random().toFixed(3)},${random().toFixed(3)},${(random() * 100).toFixed(2)}`)];
    const r = await inspectPath(fx.write('regression.csv', lines.join('\n')));
    expect(inferred(r, 'task')).toMatchObject({ value: 'regression', confidence: 'likely' });
    expect(inferred(r, 'task')?.evidence).toMatch(/has \d{3} distinct numeric values in 300 labelled rows/);
  });

  it('says it could not tell without a target, and suggests representation learning', async () => {
    const lines = ['sample_id,gene_a,gene_b,gene_c', ...Array.from({ length: 30 }, (_, i) => `S${i + 1},${i * 0.5},${i % 7},${(i * 13) % 11}`)];
    const r = await inspectPath(fx.write('notarget.csv', lines.join('\n')));
    expect(inferredAnswers(r)).toEqual({ modality: 'tabular', features: 3 });
    expect(why(r, 'task')).toContain('could not tell what you want to predict');
    expect(why(r, 'task')).toContain('representation or feature-discovery');
    expect(why(r, 'labeled')).toContain('unlabeled: 30');
  });

  it('handles a table without a header', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `${i * 1.5},${i % 3},${i % 2 ? 'a' : 'b'}`);
    const r = await inspectPath(fx.write('noheader.csv', lines.join('\n')), { target: '3' });
    expect(r.summary.header).toBe('no');
    expect(r.summary.target).toBe('column 3');
    expect(codes(r)).toContain('no-header');
    expect(inferred(r, 'task')?.value).toBe('classification');
  });

  it('treats a table of SMILES as molecules (graph)', async () => {
    const smiles = ['CCO', 'c1ccccc1', 'CC(=O)O', 'CCN(CC)CC', 'O=C(C)Oc1ccccc1C(=O)O', 'C1CCCCC1'];
    const lines = ['smiles,active', ...smiles.map((s, i) => `${s},${i % 2}`)];
    const r = await inspectPath(fx.write('molecules.csv', lines.join('\n')));
    expect(inferred(r, 'modality')).toMatchObject({ value: 'graph' });
    expect(inferred(r, 'task')?.value).toBe('classification');
    expect(r.summary.molecules).toBe(6);
  });

  it('points at a time column', async () => {
    const lines = ['timestamp,temp,label', ...Array.from({ length: 30 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')},${20 + (i % 5)},${i % 2}`)];
    const r = await inspectPath(fx.write('timeseries.csv', lines.join('\n')));
    expect(warning(r, 'time-order')).toContain('modality: time-series');
  });
});

describe('plain text', () => {
  it('reads prose as text, not as a table', async () => {
    const prose = 'The cells were cultured, washed, and imaged.\nAfter 24 hours, most of them had divided; some had not.\nWe counted them by hand.\n';
    const r = await inspectPath(fx.write('notes.txt', prose));
    expect(r.format).toBe('text');
    expect(inferredAnswers(r)).toEqual({ modality: 'text' });
    expect(r.summary).toMatchObject({ lines: 3, words: 23 });
  });
});

describe('JSON Lines', () => {
  it('reads objects as a table, with empty and missing targets as unlabelled', async () => {
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify(i < 4 ? { id: i, dose: i * 0.1, response: null } : { id: i, dose: i * 0.1, response: i % 2 ? 'up' : 'down' }),
    );
    lines.push(JSON.stringify({ id: 99, dose: 1 }));
    const r = await inspectPath(fx.write('doses.jsonl', `${lines.join('\n')}\n`));
    expect(r.format).toBe('jsonl');
    expect(inferredAnswers(r)).toEqual({ modality: 'tabular', task: 'classification', labeled: 36, unlabeled: 5, features: 1 });
  });

  it('recognises a text field (long strings) as text', async () => {
    const random = rng(5);
    const words = ['cell', 'protein', 'binding', 'assay', 'shows', 'strong', 'weak', 'response', 'in', 'the', 'sample', 'after'];
    const lines = Array.from({ length: 50 }, (_, i) => {
      const text = Array.from({ length: 25 }, () => words[Math.floor(random() * words.length)]).join(' ');
      return JSON.stringify({ text, label: i % 3 === 0 ? 'relevant' : 'irrelevant' });
    });
    const r = await inspectPath(fx.write('abstracts.jsonl', lines.join('\n')));
    expect(inferred(r, 'modality')).toMatchObject({ value: 'text' });
    expect(inferred(r, 'modality')?.evidence).toContain("column 'text' holds free text");
    expect(inferredAnswers(r)).toMatchObject({ task: 'classification', labeled: 50, unlabeled: 0 });
    expect(inferred(r, 'features')).toBeUndefined();
  });

  it('reads a JSON Lines file that starts with a byte-order mark', async () => {
    const r = await inspectPath(fx.write('bom.jsonl', '\uFEFF{"x":1,"label":"a"}\n{"x":2,"label":"b"}\n{"x":3,"label":"a"}\n'));
    expect(r.format).toBe('jsonl');
    expect(r.warnings.map((w) => w.code)).not.toContain('invalid-lines');
    expect(inferredAnswers(r)).toMatchObject({ labeled: 3, unlabeled: 0 });
  });

  it('counts lines that are not JSON objects', async () => {
    const r = await inspectPath(fx.write('broken.jsonl', '{"a":1,"label":"x"}\nnot json\n{"a":2,"label":"y"}\n'));
    expect(codes(r)).toContain('invalid-lines');
    expect(r.summary.objects).toBe(3);
  });
});
