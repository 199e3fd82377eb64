import { describe, expect, it } from 'vitest';
import { completeAnswers, missingProblem, normalizeValue, parseCount } from '../../src/answers/normalize.js';
import { fromFlags } from '../../src/answers/sources.js';
import { builtin } from '../helpers/knowledge.js';

const q = (id: string) => {
  const found = builtin().questions.find((x) => x.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('parseCount', () => {
  it.each([
    ['1200', 1200],
    ['1,200', 1200],
    ['1_200', 1200],
    ['1,234,567', 1234567],
    ['1.2k', 1200],
    ['1.1k', 1100],
    ['3M', 3_000_000],
    ['3m', 3_000_000],
    ['2.5G', 2_500_000_000],
    ['2e4', 20000],
    [' 42 ', 42],
    ['0', 0],
    ['1.0', 1],
    ['12.50k', 12500],
  ])('reads %j as %d', (text, n) => expect(parseCount(text)).toBe(n));

  it.each(['1.5', '1,2', '12,34', '1.2345k', '-5', 'abc', '', '1e', '1,2000', '99999999999999999999', '3 apples'])('rejects %j', (text) =>
    expect(parseCount(text)).toBeNull(),
  );
});

describe('normalizeValue', () => {
  it('accepts choices case-insensitively and yes/no as booleans', () => {
    expect(normalizeValue(q('modality'), 'Image')).toEqual({ ok: true, value: 'image' });
    expect(normalizeValue(q('shift'), true)).toEqual({ ok: true, value: 'yes' });
    expect(normalizeValue(q('pretrained'), false)).toEqual({ ok: true, value: 'no' });
  });

  it('names the key, the value and the allowed values for a bad choice, with a suggestion', () => {
    const r = normalizeValue(q('modality'), 'imgae');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toBe('modality: "imgae" is not allowed; allowed: tabular, image, video, text, biosequence, time-series, audio, graph');
    expect(r.hint).toBe('did you mean "image"?');
  });

  it('rejects booleans for questions that are not yes/no', () => {
    expect(normalizeValue(q('modality'), true).ok).toBe(false);
  });

  it.each([
    ['-5', 'is not a count'],
    [-5, 'is below the minimum 0'],
    [1.5, 'is not a whole number'],
    ['1.5', 'is not a count'],
    ['many', 'is not a count'],
  ])('rejects the count %j (%s)', (raw, why) => {
    const r = normalizeValue(q('labeled'), raw);
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.message).toContain(why);
  });

  it('accepts "unknown" only for counts that default to unknown', () => {
    expect(normalizeValue(q('features'), 'unknown')).toEqual({ ok: true, value: null });
    expect(normalizeValue(q('labeled'), 'unknown').ok).toBe(false);
  });
});

describe('completeAnswers', () => {
  it('fills defaults in question order and lists missing required answers', () => {
    const { answers, missing } = completeAnswers(builtin().questions, { labeled: 10 });
    expect(missing.map((m) => m.id)).toEqual(['modality', 'task']);
    // kind (issue 13) sits between modality and task: the first answer with a default.
    expect(Object.keys(answers).slice(0, 2)).toEqual(['kind', 'labeled']);
    expect(answers).toMatchObject({ kind: 'unknown', dependence: 'unknown', unlabeled: 0, features: null, goal: 'prediction', linear: 'unknown', shift: 'no' });
    expect(missingProblem(missing).message).toBe('missing required answers: modality (--modality <value>), task (--task <value>)');
  });
});

describe('fromFlags', () => {
  it('takes per-question flags and --answer pairs, in kebab or camel case', () => {
    const r = fromFlags(builtin().questions, { modality: 'image', labeled: '1.2k' }, ['label-quality=noisy', 'relatedTasks=yes']);
    expect(r.problems).toEqual([]);
    expect(r.answers).toEqual({ modality: 'image', labeled: 1200, labelQuality: 'noisy', relatedTasks: 'yes' });
  });

  it('reports every problem with the flag it came from', () => {
    const r = fromFlags(builtin().questions, { labeled: '-3' }, ['modaltiy=image', 'nonsense']);
    expect(r.problems.map((p) => p.message)).toEqual([
      '--labeled: labeled: "-3" is not a count; expected a whole number >= 0 (e.g. 1200, 1,200, 1.2k, 3M)',
      expect.stringContaining('--answer: unknown answer key "modaltiy"'),
      '--answer "nonsense": expected KEY=VALUE, e.g. --answer labeled=1200',
    ]);
    expect(r.problems[1]?.hint).toBe('did you mean "modality"?');
  });
});

describe('normalizeValue on values a library caller could pass', () => {
  it('never throws, and names huge counts as too large', () => {
    expect(normalizeValue(q('modality'), Object.create(null)).ok).toBe(false);
    expect(normalizeValue(q('labeled'), [1]).ok).toBe(false);
    const r = normalizeValue(q('labeled'), '99999999999999999999');
    expect(r.ok ? '' : r.message).toContain('is too large (at most 9,007,199,254,740,991)');
  });
});
