/** Precedents as rule cases (issue 16, item 4): the verdict of one entry, the size grid, the table. */
import { describe, expect, it } from 'vitest';
import { agreementByModality, checkPrecedent, type PrecedentOutcome } from '../../src/engine/check-precedent.js';
import { precedentAnswers, runPrecedent, runPrecedents, SIZE_GRID } from '../../src/knowledge/precedent-cases.js';
import type { Precedent } from '../../src/knowledge/precedent-types.js';
import { agreementTable, precedentsJson } from '../../src/render/precedent-agreement.js';
import { builtin } from '../helpers/knowledge.js';

const k = builtin();

function entry(over: Partial<Precedent> & { answers: Precedent['answers'] }): Precedent {
  return {
    id: 'test-2024-entry',
    citation: { authors: ['A. Test'], year: 2024, title: 'T', venue: 'V' },
    doi: '10.5555/test',
    used: { methods: ['cnn'], recipe: 'r' },
    result: 'positive',
    finding: 'A finding with a figure: 0.9 AUC.',
    checked: 'abstract',
    ...over,
  };
}

function verdict(p: Precedent): PrecedentOutcome {
  const { answers, problems } = precedentAnswers(k.questions, p);
  expect(problems).toEqual([]);
  return runPrecedent(k, p, answers);
}

const images = { modality: 'image', kind: '2d', task: 'classification', labeled: 5000 };
const table10k = { modality: 'tabular', task: 'classification', labeled: 10000, dependence: 'independent', pretrained: 'no' };

describe('one precedent as a rule case', () => {
  it('agrees when a model it used is among the top three, and says what was looked for', () => {
    const o = verdict(entry({ answers: images }));
    expect(o).toMatchObject({ verdict: 'agrees', expected: ['cnn'], sized: true, labeled: 5000 });
    expect(o.top[0]).toBe('cnn');
    expect(o.reason).toBeUndefined();
  });

  it('disagrees when none of its models is in the top three, naming what the advice gave', () => {
    const o = verdict(entry({ answers: images, used: { methods: ['reinforcement-learning'], recipe: 'r' } }));
    expect(o.verdict).toBe('disagrees');
    expect(o.reason).toBe(`reinforcement-learning not among the top 3 (${o.top.join(', ')})`);
  });

  it('a negative result also fails when the primary is the model it found lacking', () => {
    // At 10,000 independent rows the primary is a transformer (TabPFN), trees second.
    const lost = verdict(entry({ answers: table10k, result: 'negative', used: { methods: ['tree-ensemble'], recipe: 'r' }, compared: ['mlp', 'transformer'] }));
    expect(lost.top.slice(0, 2)).toEqual(['transformer', 'tree-ensemble']);
    expect(lost).toMatchObject({
      verdict: 'disagrees',
      lacking: ['mlp', 'transformer'],
      reason: 'the primary is transformer, which the publication found lacking',
    });
    // The same entry where only the MLP lost agrees: trees are in the top three, the MLP is not first.
    expect(verdict(entry({ answers: table10k, result: 'negative', used: { methods: ['tree-ensemble'], recipe: 'r' }, compared: ['mlp'] })).verdict).toBe(
      'agrees',
    );
    // A positive result with the same compared list is not held to it.
    expect(verdict(entry({ answers: table10k, used: { methods: ['tree-ensemble'], recipe: 'r' }, compared: ['transformer'] })).verdict).toBe('agrees');
  });

  it('a model both used and compared (a variant that lost to another) is not counted as lacking', () => {
    const o = verdict(entry({ answers: table10k, result: 'negative', used: { methods: ['transformer'], recipe: 'r' }, compared: ['transformer'] }));
    expect(o).toMatchObject({ verdict: 'agrees', lacking: [] });
  });

  it('an entry that used only strategies is judged by the strategies of the advice', () => {
    const small = { modality: 'tabular', task: 'classification', labeled: 1000 };
    const o = verdict(entry({ answers: small, used: { methods: ['simple-baseline'], recipe: 'r' } }));
    expect(o).toMatchObject({ verdict: 'agrees', expected: ['simple-baseline'] });
    expect(o.strategies).toContain('simple-baseline');
    const control = verdict(entry({ answers: { modality: 'tabular', task: 'control', labeled: 688 }, used: { methods: ['simple-baseline'], recipe: 'r' } }));
    expect(control).toMatchObject({ verdict: 'disagrees', reason: `simple-baseline not among the strategies (${control.strategies.join(', ') || 'none'})` });
  });

  it('a marked disagreement is reported apart, and a mark that no longer holds is flagged', () => {
    const marked = verdict(entry({ answers: images, used: { methods: ['reinforcement-learning'], recipe: 'r' }, disagreement: 'because' }));
    expect(marked).toMatchObject({ verdict: 'known-disagreement', disagreement: 'because' });
    expect(verdict(entry({ answers: images, disagreement: 'stale' })).verdict).toBe('marked-but-agrees');
  });

  it('knowledge that recommends nothing makes the entry untestable, not a failure', () => {
    const { answers } = precedentAnswers(k.questions, entry({ answers: images }));
    const o = checkPrecedent({ ...k, rules: [] }, entry({ answers: images }), answers);
    expect(o.verdict).toBe('untestable');
    expect(o.reason).toMatch(/no rule/);
  });

  it('without a stated size it is run over the size grid and agrees at the first size that agrees', () => {
    expect(SIZE_GRID).toEqual([100, 1000, 10000, 100000, 1000000]);
    // Few labelled molecules -> descriptors with a tree ensemble; a million -> a GNN and an MLP.
    const molecules = { modality: 'graph', kind: 'molecules', task: 'regression' };
    const p = entry({ answers: molecules, used: { methods: ['tree-ensemble'], recipe: 'r' } });
    const o = verdict(p);
    expect(o).toMatchObject({ verdict: 'agrees', sized: false, labeled: 100 });
    const { answers } = precedentAnswers(k.questions, p);
    expect(checkPrecedent(k, p, { ...answers, labeled: 1_000_000 }).verdict).toBe('disagrees');
    // Agreeing at no size of the grid: the outcome at 10,000 is reported.
    const never = verdict(entry({ answers: molecules, used: { methods: ['reinforcement-learning'], recipe: 'r' } }));
    expect(never).toMatchObject({ verdict: 'disagrees', labeled: 10000, sized: false });
  });

  it('answer problems name the precedent instead of running it', () => {
    const r = runPrecedents(k, [entry({ answers: { modality: 'image', task: 'classification', colour: 'red' } })]);
    expect(r.outcomes).toEqual([]);
    expect(r.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^precedent "test-2024-entry": unknown answer key "colour"/)]);
  });
});

describe('agreement per modality', () => {
  const o = (modality: string, verdict: PrecedentOutcome['verdict'], sized = true): PrecedentOutcome => ({
    id: `${modality}-${verdict}`,
    modality,
    result: 'positive',
    verdict,
    expected: [],
    lacking: [],
    top: [],
    strategies: [],
    sized,
    labeled: null,
  });
  const outcomes = [
    o('image', 'agrees'),
    o('image', 'known-disagreement', false),
    o('text', 'untestable'),
    o('text', 'disagrees'),
    o('text', 'marked-but-agrees'),
  ];

  it('counts each verdict per modality, then all', () => {
    expect(agreementByModality(outcomes)).toEqual([
      { modality: 'image', entries: 2, run: 2, agree: 1, knownDisagreements: 1, disagree: 0, untestable: 0, unsized: 1 },
      { modality: 'text', entries: 3, run: 2, agree: 1, knownDisagreements: 0, disagree: 1, untestable: 1, unsized: 0 },
      { modality: 'all', entries: 5, run: 4, agree: 2, knownDisagreements: 1, disagree: 1, untestable: 1, unsized: 1 },
    ]);
    expect(agreementByModality([])).toEqual([]);
  });

  it('the JSON has the counts and the agreement as a fraction; the table the percentages', () => {
    const json = precedentsJson(outcomes);
    expect(json).toMatchObject({ agreed: 2, knownDisagreements: 1, disagreed: 1, untestable: 1 });
    expect(json.modalities.map((m) => m.agreement)).toEqual([0.5, 0.5, 0.5]);
    expect(json.cases).toHaveLength(5);
    const table = agreementTable(agreementByModality(outcomes)).split('\n');
    expect(table[1]).toMatch(/^modality\s+entries\s+size not stated\s+agree\s+agreement\s+known disagreements\s+failing\s+untestable$/);
    expect(table[4]?.split(/\s+/)).toEqual(['all', '5', '1', '2', '50%', '1', '1', '1']);
  });
});
