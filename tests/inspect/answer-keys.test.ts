/**
 * inspect's answers are keyed by the questions' ids (rules/questions.yaml), in their order.
 * Renaming a question must not silently drop an inferred answer: inspect fails loudly instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectPath } from '../../src/inspect/index.js';
import { ReportBuilder } from '../../src/inspect/report.js';
import { cli } from '../helpers/io.js';
import { builtin } from '../helpers/knowledge.js';
import { Fixtures } from './fixtures.js';

const fx = new Fixtures();
afterAll(() => fx.cleanup());
const ids = builtin().questions.map((q) => q.id);

function table(): string {
  const lines = ['id,age,dose,outcome'];
  for (let i = 1; i <= 300; i++) lines.push(`${i},${30 + (i % 40)},${(i * 7) % 13},${i % 9 === 0 ? '' : i % 3 ? 'stable' : 'unstable'}`);
  return fx.write('keys.csv', lines.join('\n'));
}

describe('inspect answer keys', () => {
  it('every key that inspect names in its code is a question id', () => {
    const dir = new URL('../../src/inspect/', import.meta.url);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const named = new Set<string>();
    for (const f of files) {
      const source = readFileSync(new URL(f, dir), 'utf8');
      for (const m of source.matchAll(/\.(?:infer|skip|has|value)\(\s*'([A-Za-z]+)'/g)) named.add(m[1] ?? '');
    }
    // The scan must see the calls it checks (modality, task, labeled, unlabeled, features, ...).
    expect(named.size).toBeGreaterThanOrEqual(6);
    expect([...named].filter((k) => !ids.includes(k))).toEqual([]);
  });

  it('a key that is not a question (a renamed question) is an error, not a dropped answer', () => {
    const b = new ReportBuilder('x.csv', 'csv');
    b.infer('modality', 'tabular', 'it is a table');
    b.infer('labeled', 10, 'ten rows have a label');
    const renamed = ids.map((id) => (id === 'labeled' ? 'labelled' : id));
    expect(() => b.build(renamed)).toThrow(/not questions: labeled .*renamed/);
    expect(b.build(ids).inferred.map((i) => i.key)).toEqual(['modality', 'labeled']);
  });

  it('orders the answers as the questions are ordered', async () => {
    const report = await inspectPath(table(), { target: 'outcome' });
    for (const list of [report.inferred, report.notInferred]) {
      const order = list.map((i) => ids.indexOf(i.key));
      expect(order.every((n) => n >= 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    expect(report.inferred.length).toBeGreaterThanOrEqual(4);
  });

  it('advise --data keeps every answer inspect inferred', async () => {
    const path = table();
    const report = await inspectPath(path, { target: 'outcome' });
    const r = await cli(['--data', path, '--target', 'outcome', '--json']);
    expect(r.code).toBe(0);
    const answers = JSON.parse(r.stdout).answers as Record<string, unknown>;
    for (const i of report.inferred) expect(answers[i.key], i.key).toBe(i.value);
  });
});
