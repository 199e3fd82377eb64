import { describe, expect, it } from 'vitest';
import { evaluate, NoRecommendationError } from '../../src/engine/evaluate.js';
import { assemble, type Knowledge } from '../../src/knowledge/assemble.js';
import type { Method, Pack, Question, Rule } from '../../src/knowledge/schema.js';

const question: Question = {
  id: 'size',
  type: 'integer',
  prompt: 'How many?',
  help: 'A count.',
  required: true,
  min: 0,
};
const card = (id: string, kind: Method['kind'] = 'model'): Method => ({
  id,
  kind,
  name: id.toUpperCase(),
  summary: 's',
  fits: ['f'],
  avoid: ['a'],
  dataNeeds: 'd',
  interpretability: 'i',
  start: ['s'],
  pitfalls: ['p'],
  references: [{ ref: 'r' }],
});
const rule = (id: string, extra: Partial<Rule>): Rule => ({
  id,
  summary: id,
  because: `because ${id} ({{size}})`,
  source: { ref: 'Test 2024', section: '1', basis: 'heuristic' },
  ...extra,
});

function knowledge(rules: Rule[]): Knowledge {
  const pack: Pack = {
    pack: 'test',
    version: '1.0.0',
    questions: [question],
    methods: [card('a'), card('b'), card('c'), card('s1', 'strategy'), card('s2', 'strategy'), card('i1', 'interpretability')],
    rules,
  };
  const { knowledge: k, problems } = assemble([{ file: 't.yaml', pack, locate: () => ({ line: 1, column: 1 }) }]);
  expect(problems).toEqual([]);
  return k;
}

describe('evaluate', () => {
  it('scores are the softmax of the summed weights and sum to 1', () => {
    const k = knowledge([rule('r1', { favor: { a: 2, b: 1 } }), rule('r2', { favor: { a: 1 }, disfavor: { b: 1 } })]);
    const r = evaluate(k, { size: 10 });
    const ea = Math.exp(3);
    const eb = Math.exp(0);
    expect(r.recommendation.primary).toMatchObject({ id: 'a', evidence: 3, score: Number((ea / (ea + eb)).toFixed(4)) });
    expect(r.recommendation.alternatives.map((x) => x.id)).toEqual(['b']);
    expect(r.recommendation.primary.score + (r.recommendation.alternatives[0]?.score ?? 0)).toBeCloseTo(1, 10);
  });

  it('keeps reasons for and against, with rendered templates and sources', () => {
    const k = knowledge([rule('r1', { favor: { a: 2, b: 1 } }), rule('r2', { disfavor: { b: 1 } })]);
    const b = evaluate(k, { size: 1200 }).recommendation.alternatives[0];
    expect(b?.reasons).toEqual([{ rule: 'r1', text: 'because r1 (1,200)', source: 'Test 2024, sec. 1', basis: 'heuristic', weight: 1 }]);
    expect(b?.against).toEqual([{ rule: 'r2', text: 'because r2 (1,200)', source: 'Test 2024, sec. 1', basis: 'heuristic', weight: -1 }]);
  });

  it('only models that some fired rule speaks for are ranked; excluded ones never', () => {
    const k = knowledge([rule('r1', { favor: { a: 1, b: 5 } }), rule('r2', { disfavor: { c: 1 } }), rule('r3', { exclude: ['b'] })]);
    const r = evaluate(k, { size: 1 });
    expect([r.recommendation.primary.id, ...r.recommendation.alternatives.map((x) => x.id)]).toEqual(['a']);
    expect(r.recommendation.primary.score).toBe(1);
  });

  it('breaks ties by catalogue order, not by chance', () => {
    const k = knowledge([rule('r1', { favor: { c: 1, b: 1, a: 1 } })]);
    const r = evaluate(k, { size: 1 });
    expect([r.recommendation.primary.id, ...r.recommendation.alternatives.map((x) => x.id)]).toEqual(['a', 'b', 'c']);
    expect(r.recommendation.alternatives.map((x) => x.score)).toEqual([0.3333, 0.3333]);
    expect(r.recommendation.primary.score).toBe(0.3334);
  });

  it('applies rule conditions and records the rules that fired', () => {
    const k = knowledge([rule('small', { when: { size: { lt: 100 } }, favor: { a: 1 } }), rule('large', { when: { size: { gte: 100 } }, favor: { b: 1 } })]);
    expect(evaluate(k, { size: 99 }).recommendation.primary.id).toBe('a');
    const r = evaluate(k, { size: 100 });
    expect(r.recommendation.primary.id).toBe('b');
    expect(r.rules).toEqual({ files: ['t.yaml'], count: 2, fired: ['large'] });
  });

  it('whenPrimary rules apply only when the recommended model is listed', () => {
    const k = knowledge([
      rule('pick', { when: { size: { lt: 10 } }, favor: { a: 1 } }),
      rule('pick-b', { when: { size: { gte: 10 } }, favor: { b: 1 } }),
      rule('for-a', { whenPrimary: ['a'], interpretability: ['i1'], caution: 'careful with a' }),
    ]);
    expect(evaluate(k, { size: 1 }).recommendation).toMatchObject({ interpretability: [{ id: 'i1' }], cautions: [{ rule: 'for-a', text: 'careful with a' }] });
    const b = evaluate(k, { size: 20 }, { explain: true });
    expect(b.recommendation.interpretability).toEqual([]);
    expect(b.rules.fired).not.toContain('for-a');
    expect(b.explain?.rules.find((x) => x.id === 'for-a')?.note).toBe('conditions held, but the recommended model is b');
  });

  it('lists strategies in the order the rules name them, each with all its reasons', () => {
    const k = knowledge([
      rule('m', { favor: { a: 1 } }),
      rule('x', { strategies: ['s2'] }),
      rule('y', { strategies: ['s1'] }),
      rule('z', { strategies: ['s2'] }),
    ]);
    const s = evaluate(k, { size: 1 }).recommendation.strategies;
    expect(s.map((x) => [x.id, x.reasons.map((r) => r.rule)])).toEqual([
      ['s2', ['x', 'z']],
      ['s1', ['y']],
    ]);
    const k2 = knowledge([rule('m', { favor: { a: 1 } }), rule('y', { strategies: ['s1'] }), rule('x', { strategies: ['s2', 's1'] })]);
    expect(evaluate(k2, { size: 1 }).recommendation.strategies.map((x) => x.id)).toEqual(['s1', 's2']);
  });

  it('deduplicates next steps and keeps their rule', () => {
    const k = knowledge([rule('m', { favor: { a: 1 }, nextSteps: ['Do {{size}} things.'] }), rule('n', { nextSteps: ['Do {{size}} things.', 'Then more.'] })]);
    const rec = evaluate(k, { size: 3 }).recommendation;
    expect(rec.nextSteps).toEqual(['Do 3 things.', 'Then more.']);
    expect(rec.nextStepsDetail.map((s) => s.rule)).toEqual(['m', 'n']);
  });

  it('explains why not each runner-up', () => {
    const k = knowledge([rule('r1', { favor: { a: 2, b: 1 } }), rule('r2', { favor: { a: 1 } }), rule('r3', { disfavor: { b: 0.5 } })]);
    const ex = evaluate(k, { size: 1 }, { explain: true }).explain;
    expect(ex?.whyNot).toEqual([
      expect.objectContaining({ id: 'b', gap: 2.5, against: [expect.objectContaining({ rule: 'r3' })], missing: [expect.objectContaining({ rule: 'r2' })] }),
    ]);
    expect(ex?.rules.map((r) => [r.id, r.fired])).toEqual([
      ['r1', true],
      ['r2', true],
      ['r3', true],
    ]);
  });

  it('throws NoRecommendationError when no rule speaks for a model', () => {
    const k = knowledge([rule('r', { when: { size: { gt: 5 } }, favor: { a: 1 } })]);
    expect(() => evaluate(k, { size: 1 })).toThrow(NoRecommendationError);
  });

  it('is deterministic: no call leaves state behind, and neither the knowledge nor the answers change', () => {
    const rules = [
      rule('r1', { favor: { a: 1.3, b: 1.2, c: 0.1 }, strategies: ['s1'], nextSteps: ['step for {{size}}'] }),
      rule('r2', { when: { size: { gt: 5 } }, favor: { b: 0.5 }, disfavor: { c: 1 }, caution: 'more than {{size}}' }),
      rule('r3', { when: { size: { lt: 3 } }, exclude: ['a'], interpretability: ['i1'] }),
    ];
    const fresh = JSON.stringify(evaluate(knowledge(rules), { size: 7 }));
    const k = knowledge(rules);
    const before = JSON.stringify(k);
    // Frozen throughout: a write into the knowledge or the answers throws (modules are strict).
    deepFreeze(k);
    const answers = deepFreeze({ size: 7 });
    for (const size of [1, 100, 7, 2]) evaluate(k, deepFreeze({ size }), { explain: size % 2 === 0 });
    expect(JSON.stringify(evaluate(k, answers))).toBe(fresh);
    expect(JSON.stringify(k)).toBe(before);
  });
});

describe('score rounding', () => {
  it('keeps the order of near-tied shares and sums to exactly 1', () => {
    const k = knowledge([rule('r1', { favor: { a: 1.0001, b: 1, c: 0.2 } })]);
    const r = evaluate(k, { size: 1 });
    const scores = [r.recommendation.primary.score, ...r.recommendation.alternatives.map((x) => x.score)];
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(Math.round(scores.reduce((s, x) => s + x, 0) * 10_000)).toBe(10_000);
  });
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
