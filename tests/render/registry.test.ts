/** The renderer registry: every format draws every document, in its own form. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadKnowledge } from '../../src/knowledge/builtin.js';
import { FORMATS, isFormat, renderers, type View } from '../../src/render/index.js';
import { plain } from '../../src/render/style.js';
import { renderText } from '../../src/render/text.js';
import { cli } from '../helpers/io.js';

const view: View = { style: plain, width: 72, pretty: false };

describe('the renderer registry', async () => {
  const k = await loadKnowledge();
  const answers = { modality: 'image', task: 'classification', labeled: 900, pretrained: 'yes' };
  const result = evaluate(k, { ...Object.fromEntries(k.questions.map((q) => [q.id, q.default ?? null])), ...answers }, { explain: true });
  const method = k.methods[0];
  if (!method) throw new Error('no method cards');
  const docs = (r: (typeof renderers)[keyof typeof renderers]) => [
    r.advice(result, view, k.questions),
    r.questions(k.questions, view),
    r.methods(k.methods, view),
    r.method(method, view, k.references ?? []),
    r.rules({ rules: k.rules, packs: k.packs.length }, view),
    r.report({ json: { schemaVersion: 1, ok: true }, text: () => 'ok\n' }, view),
  ];

  it('has a renderer for every format, and only for those', () => {
    expect(Object.keys(renderers).sort()).toEqual([...FORMATS].sort());
    expect(FORMATS.every(isFormat)).toBe(true);
    expect(isFormat('github')).toBe(false);
  });

  it('draws JSON as one document per call, compact unless pretty', () => {
    for (const out of docs(renderers.json)) {
      expect(out.endsWith('\n')).toBe(true);
      expect(out.trimEnd()).not.toContain('\n');
      expect(JSON.parse(out).schemaVersion).toBe(1);
    }
    expect(renderers.json.advice(result, { ...view, pretty: true }, k.questions)).toContain('\n  "schemaVersion": 1');
  });

  it('draws text and Markdown for people, the explanation after the advice', () => {
    const text = renderers.text.advice(result, view, k.questions);
    expect(text.startsWith(renderText(result, { style: plain, width: 72, questions: k.questions, explain: 'short' }))).toBe(true);
    expect(text).toContain('What each runner-up lacked');
    expect(text).not.toContain('graph-gnn');
    const all = renderers.text.advice(result, { ...view, explain: 'all' }, k.questions);
    expect(all.startsWith(renderText(result, { style: plain, width: 72, questions: k.questions, explain: 'all' }))).toBe(true);
    expect(all).toMatch(/✗ graph-gnn \(core-graphs-and-tasks\): not: modality = graph \(is image\)/);
    const md = renderers.markdown.advice(result, view, k.questions);
    expect(md).toMatch(/^# Recommendation: /);
    expect(md).toContain('## Explanation');
    expect(renderers.markdown.method(method, view, [])).toMatch(/^# /);
    for (const out of [...docs(renderers.text), ...docs(renderers.markdown)]) expect(() => JSON.parse(out)).toThrow();
  });

  it('gives colour only to the styled renderer: Markdown on a terminal has no colour codes', async () => {
    expect(renderers.text.styled && !renderers.json.styled && !renderers.markdown.styled).toBe(true);
    for (const argv of [
      ['methods', '--format', 'markdown'],
      ['methods', 'cnn', '--format', 'markdown'],
      ['--format', 'markdown', ...Object.entries(answers).flatMap(([key, v]) => [`--${key}`, String(v)])],
    ]) {
      const r = await cli(argv, { tty: true });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/\x1b\[/);
    }
    expect((await cli(['methods'], { tty: true })).stdout).toMatch(/\x1b\[/);
  });
});

describe('the summary line', async () => {
  const { problemSummary } = await import('../../src/render/summary.js');
  const k = await loadKnowledge();
  const answers = { modality: 'graph', task: 'regression', labeled: 20000, unlabeled: 0, goal: 'both', compute: 'unknown' };

  it('takes its headline from the questions that have one, the rest as details', () => {
    expect(problemSummary(answers, k.questions)).toEqual({ headline: 'graph regression, 20,000 labelled', details: ['goal: both'] });
    expect(problemSummary({ ...answers, unlabeled: 5000 }, k.questions).headline).toBe('graph regression, 20,000 labelled, 5,000 unlabelled');
  });

  it('follows the questions: without a headline a question is a detail, with one it is in the headline', () => {
    const questions = k.questions.map((q) => (q.id === 'labeled' ? { ...q, headline: undefined } : q.id === 'goal' ? { ...q, headline: 'for {{value}}' } : q));
    expect(problemSummary(answers, questions)).toEqual({ headline: 'graph regression for both', details: ['labeled: 20,000'] });
  });
});
