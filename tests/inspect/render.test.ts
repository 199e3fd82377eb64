import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type InspectReport, inferredAnswers, inspectPath, renderInspect } from '../../src/inspect/index.js';
import { builtin } from '../helpers/knowledge.js';
import { Fixtures } from './fixtures.js';

const fx = new Fixtures();
afterAll(() => fx.cleanup());

async function sample(): Promise<InspectReport> {
  const lines = ['id,age,note,diagnosis'];
  for (let i = 1; i <= 1200; i++) lines.push(`${i},${30 + (i % 40)},"a ""quoted"", note",${i % 10 === 0 ? '' : i % 3 ? 'benign' : 'malignant'}`);
  return inspectPath(fx.write('render.csv', lines.join('\n')));
}

// The answer keys are the questions' ids (issue 12): tests/inspect/answer-keys.test.ts checks
// that inspect names no other key, in the questions' order.
const ANSWER_KEYS = builtin().questions.map((q) => q.id);

describe('renderers', () => {
  it('yaml is a valid answers file: contract keys only, values as inferred, evidence in comments', async () => {
    const report = await sample();
    const text = renderInspect(report, 'yaml');
    const parsed = parse(text) as Record<string, unknown>;
    expect(parsed).toEqual(inferredAnswers(report));
    expect(parsed).toEqual({ modality: 'tabular', task: 'classification', labeled: 1080, unlabeled: 120, features: 2 });
    for (const key of Object.keys(parsed)) expect(ANSWER_KEYS).toContain(key);
    expect(text).toContain("# because the target 'diagnosis' (guessed) has a value in 1,080 rows (likely)\nlabeled: 1080\n");
    expect(text).toContain('# Not inferred (answer these yourself): goal, labelQuality, dependence, pretrained, shift');
  });

  it('yaml stays valid whatever the data names (newlines, quotes, colons in a column name)', async () => {
    const report = await inspectPath(fx.write('names.csv', '"we:ird\nname # x",label\n1,a\n2,b\n3,a\n'));
    const parsed = parse(renderInspect(report, 'yaml')) as Record<string, unknown>;
    expect(parsed).toEqual(inferredAnswers(report));
  });

  it('json is one document with the report and a schema version', async () => {
    const report = await sample();
    const doc = JSON.parse(renderInspect(report, 'json')) as InspectReport & { schemaVersion: number };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.inferred).toEqual(report.inferred);
    expect(doc.summary.rows).toBe(1200);
  });

  it('text lists the answers with their evidence, what was not inferred, warnings and the summary', async () => {
    const text = renderInspect(await sample(), 'text');
    expect(text).toContain('Inferred from the data:');
    expect(text).toMatch(/ {2}labeled +1,080 +because the target 'diagnosis' \(guessed\) has a value in 1,080 rows \(likely\)/);
    expect(text).toContain('Not inferred (answer these yourself):');
    expect(text).toContain("! the target column 'diagnosis' is a guess");
    expect(text).toMatch(/Summary:\n {2}rows +1,200/);
  });

  it('inferredAnswers is the flat object of the inferred answers', async () => {
    const report = await sample();
    expect(inferredAnswers(report)).toEqual(Object.fromEntries(report.inferred.map((i) => [i.key, i.value])));
  });
});
