import { describe, expect, it } from 'vitest';
import { type Check, conditionHolds as holds } from '../../src/engine/conditions.js';
import type { Condition } from '../../src/knowledge/schema.js';

const answers = { modality: 'image', task: 'classification', labeled: 900, features: null, shift: 'yes' };

describe('test (condition evaluation)', () => {
  it.each<[string, Condition, boolean]>([
    ['equality', { modality: 'image' }, true],
    ['equality fails', { modality: 'tabular' }, false],
    ['several keys are all required', { modality: 'image', task: 'regression' }, false],
    ['in', { task: { in: ['classification', 'regression'] } }, true],
    ['notIn', { task: { notIn: ['classification'] } }, false],
    ['lt / gte range', { labeled: { gte: 100, lt: 1000 } }, true],
    ['lte boundary', { labeled: { lte: 900 } }, true],
    ['gt boundary', { labeled: { gt: 900 } }, false],
    ['ne', { modality: { ne: 'image' } }, false],
    ['unknown numbers fail comparisons', { features: { lt: 10 } }, false],
    ['unknown numbers fail negated comparisons too', { features: { gte: 10 } }, false],
    ['null equality matches unknown', { features: null }, true],
    ['true in a condition means "yes"', { shift: true }, true],
    ['all', { all: [{ modality: 'image' }, { labeled: { lt: 1000 } }] }, true],
    ['any', { any: [{ modality: 'text' }, { labeled: { lt: 10 } }] }, false],
    ['not', { not: { modality: 'text' } }, true],
    ['a key missing from the answers is unknown', { simulator: 'yes' }, false],
  ])('%s', (_, cond, expected) => expect(holds(cond, answers)).toBe(expected));

  it('records every atomic check with the actual value, without short-circuiting', () => {
    const trace: Check[] = [];
    holds({ all: [{ modality: 'text' }, { labeled: { lt: 1000 } }] }, answers, trace);
    expect(trace).toEqual([
      { question: 'modality', op: 'eq', expected: 'text', actual: 'image', pass: false },
      { question: 'labeled', op: 'lt', expected: 1000, actual: 900, pass: true },
    ]);
  });

  it('does not read inherited properties as answers', () => {
    expect(holds({ constructor: { ne: null } } as Condition, {})).toBe(false);
  });
});
