/** rankPrecedents: ordering by tier then closeness, reasons in plain words, determinism and ties. */
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../src/engine/conditions.js';
import { precedentScore, rankPrecedents, reasonsFor } from '../../src/engine/similarity.js';
import type { Precedent } from '../../src/knowledge/precedent-types.js';

function precedent(id: string, answers: Precedent['answers'], methods: string[] = ['cnn']): Precedent {
  return {
    id,
    citation: { authors: ['A B'], year: 2020, title: id, venue: 'V' },
    doi: `10.1234/${id}`,
    answers,
    used: { methods, recipe: 'r' },
    result: 'positive',
    finding: 'f',
    checked: 'abstract',
  };
}

const user: Answers = { modality: 'image', task: 'classification', labeled: 900, pretrained: 'yes', goal: 'prediction' };

describe('rankPrecedents', () => {
  it('same modality and task come first, then the modality only, then the task only, then neither', () => {
    const ps = [
      precedent('neither', { modality: 'text', task: 'regression', labeled: 900, pretrained: 'yes' }),
      precedent('task-only', { modality: 'audio', task: 'classification', labeled: 900, pretrained: 'yes' }),
      precedent('modality-only', { modality: 'image', task: 'segmentation', labeled: 900, pretrained: 'yes' }),
      // Same modality and task, but every other feature far or different: still first.
      precedent('both', { modality: 'image', task: 'classification', labeled: 10_000_000, pretrained: 'no', goal: 'understanding' }),
    ];
    expect(rankPrecedents(user, ps, { limit: 4 }).map((r) => r.precedent.id)).toEqual(['both', 'modality-only', 'task-only', 'neither']);
  });

  it('within a tier, a labelled set of similar size (log scale) ranks higher', () => {
    const ps = [
      precedent('far', { modality: 'image', task: 'classification', labeled: 129_450 }),
      precedent('near', { modality: 'image', task: 'classification', labeled: 1_000 }),
      precedent('middle', { modality: 'image', task: 'classification', labeled: 10_000 }),
    ];
    expect(rankPrecedents(user, ps, { limit: 3 }).map((r) => r.precedent.id)).toEqual(['near', 'middle', 'far']);
  });

  it('kind counts only within the same modality; unknown features count half', () => {
    const answers: Answers = { modality: 'image', task: 'segmentation', kind: 'volume' };
    const same = precedent('same-kind', { modality: 'image', task: 'segmentation', kind: 'volume' });
    const other = precedent('other-kind', { modality: 'image', task: 'segmentation', kind: '2d' });
    const none = precedent('no-kind', { modality: 'image', task: 'segmentation' });
    expect(precedentScore(answers, same)).toBeGreaterThan(precedentScore(answers, none));
    expect(precedentScore(answers, none)).toBeGreaterThan(precedentScore(answers, other));
    // Every feature unknown: tier 3 plus half of everything.
    expect(precedentScore({ modality: 'image', task: 'segmentation' }, none)).toBeCloseTo((3 + 0.5) / 4, 10);
  });

  it('scores lie in [0, 1]: 1 for an identical problem, 0 for nothing in common', () => {
    const a: Answers = {
      modality: 'graph',
      task: 'regression',
      kind: 'molecules',
      labeled: 100,
      pretrained: 'no',
      goal: 'understanding',
      dependence: 'grouped',
    };
    const twin = precedent('twin', {
      modality: 'graph',
      task: 'regression',
      kind: 'molecules',
      labeled: 100,
      pretrained: 'no',
      goal: 'understanding',
      dependence: 'grouped',
    });
    const opposite = precedent('opposite', {
      modality: 'text',
      task: 'generation',
      labeled: 1_000_000,
      labelQuality: 'noisy',
      pretrained: 'yes',
      goal: 'prediction',
      dependence: 'temporal',
    });
    expect(rankPrecedents(a, [twin])[0]?.score).toBe(1);
    expect(precedentScore(a, opposite)).toBe(0);
  });

  it('explains the closeness in plain words, as issue 16 asks', () => {
    const esteva = precedent('esteva-2017', { modality: 'image', kind: '2d', task: 'classification', labeled: 129_450, pretrained: 'yes' }, [
      'cnn',
      'transfer-learning',
    ]);
    expect(rankPrecedents(user, [esteva])[0]?.reasons).toEqual([
      'same modality and task',
      '900 vs 129,450 labelled images',
      'also fine-tuned a pretrained CNN',
    ]);
    expect(
      reasonsFor(
        { modality: 'tabular', task: 'regression', labeled: 0, goal: 'understanding', dependence: 'grouped' },
        precedent('x', {
          modality: 'tabular',
          task: 'classification',
          labeled: 0,
          goal: 'understanding',
          dependence: 'grouped',
        }),
      ),
    ).toEqual([
      'same modality, different task (classification)',
      '0 vs 0 labelled rows',
      'also no labels',
      'also grouped examples',
      'also aimed at understanding',
    ]);
    expect(
      reasonsFor({ modality: 'image', task: 'detection', kind: 'volume' }, precedent('y', { modality: 'image', task: 'detection', kind: 'slide' })),
    ).toEqual(['same modality and task', 'whole-slide rather than 3D volume data']);
  });

  it('ties are broken by id, whatever the input order; the same input gives the same output', () => {
    const ps = ['c', 'a', 'b', 'd'].map((id) => precedent(id, { modality: 'image', task: 'classification' }));
    const first = rankPrecedents(user, ps, { limit: 4 });
    expect(first.map((r) => r.precedent.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(rankPrecedents(user, [...ps].reverse(), { limit: 4 })).toEqual(first);
    expect(rankPrecedents(user, ps, { limit: 4 })).toEqual(first);
  });

  it('returns at most limit (default 3), none for limit 0, and does not change its input', () => {
    const ps = Array.from({ length: 10 }, (_, i) => precedent(`p${i}`, { modality: 'image', task: 'classification', labeled: 10 ** (i % 6) }));
    const copy = structuredClone(ps);
    expect(rankPrecedents(user, ps)).toHaveLength(3);
    expect(rankPrecedents(user, ps, { limit: 0 })).toEqual([]);
    expect(rankPrecedents(user, ps, { limit: 50 })).toHaveLength(10);
    expect(ps).toEqual(copy);
  });

  it('uses the method names given (e.g. from the method cards)', () => {
    const p = precedent('z', { modality: 'image', task: 'classification', pretrained: 'yes' }, ['transfer-learning', 'cnn']);
    expect(rankPrecedents(user, [p], { methodNames: { cnn: 'convolutional network' } })[0]?.reasons).toContain(
      'also fine-tuned a pretrained convolutional network',
    );
  });
});

describe('ranking within the modality (what advise reads: the index of one modality)', () => {
  it("on the corpus, the closest N are always among the user's modality when it has N entries", async () => {
    const { loadPrecedents } = await import('../../src/knowledge/precedents-builtin.js');
    const corpus = await loadPrecedents();
    const modalities = [...new Set(corpus.map((p) => String(p.answers.modality)))];
    const tasks = [...new Set(corpus.map((p) => String(p.answers.task)))];
    let compared = 0;
    for (const modality of modalities) {
      const own = corpus.filter((p) => p.answers.modality === modality);
      for (const task of tasks)
        for (const labeled of [0, 30, 900, 50_000])
          for (const extra of [
            {},
            { pretrained: 'yes', goal: 'understanding', dependence: 'grouped' },
            { kind: own[0]?.answers.kind ?? 'unknown', unlabeled: 1e6 },
          ]) {
            const answers = { modality, task, labeled, ...extra } as unknown as Answers;
            for (const limit of [3, Math.min(10, own.length)]) {
              const ids = (ps: readonly Precedent[]) => rankPrecedents(answers, ps, { limit }).map((r) => r.precedent.id);
              expect(ids(own), `${modality}/${task}/${labeled}`).toEqual(ids(corpus));
              compared++;
            }
          }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('an entry of another modality never outscores one of the same modality, whatever else matches', () => {
    const same = precedent('same', { modality: 'image', task: 'segmentation', labeled: 1, pretrained: 'no', goal: 'understanding' });
    const best = precedent('other', { ...user, modality: 'text' }); // everything else as the user's
    expect(precedentScore(user, same)).toBeGreaterThan(precedentScore(user, best));
  });
});
