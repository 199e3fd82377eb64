/**
 * The rule subsets by modality (src/knowledge/rule-subsets.ts): a rule is left out of a
 * modality's subset only when it cannot fire for that modality, so evaluate() on the subset gives
 * the result of evaluate() on every rule.
 */
import { describe, expect, it } from 'vitest';
import { representatives } from '../../src/engine/answer-space.js';
import { type Answers, conditionHolds } from '../../src/engine/conditions.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Knowledge, RuleEntry } from '../../src/knowledge/assemble.js';
import { mayFireFor, RuleFiles, splitRules, withRuleSubsets } from '../../src/knowledge/rule-subsets.js';
import { builtin } from '../helpers/knowledge.js';
import { seeded as random } from '../helpers/random.js';

const k = builtin();
const modalities = k.questions.find((q) => q.id === 'modality')?.choices?.map((c) => c.value) ?? [];
/** Per modality, the positions of the rules that may fire for it. */
const subsets = new Map(modalities.map((m) => [m, k.rules.flatMap((r, i) => (mayFireFor(r, m) ? [i] : []))]));

/** The built-in knowledge with the subsets (as the precompiled knowledge has them), rules read eagerly. */
function withSubsets(): Knowledge {
  const copy: Knowledge = { ...k };
  return withRuleSubsets(copy, k.rules.length, (m) => subsets.get(m)?.map((i) => k.rules[i] as RuleEntry));
}

describe('rule subsets by modality', () => {
  it('leaves a rule out only when its top-level modality test fails', () => {
    expect(mayFireFor({ when: { modality: 'image', task: 'classification' } }, 'image')).toBe(true);
    expect(mayFireFor({ when: { modality: 'image' } }, 'text')).toBe(false);
    expect(mayFireFor({ when: { modality: { in: ['image', 'video'] } } }, 'video')).toBe(true);
    expect(mayFireFor({ when: { modality: { in: ['image', 'video'] } } }, 'graph')).toBe(false);
    expect(mayFireFor({ when: { modality: { notIn: ['tabular'] } } }, 'tabular')).toBe(false);
    expect(mayFireFor({ when: { modality: { notIn: ['tabular'] } } }, 'audio')).toBe(true);
    // Not a top-level mapping test of the modality: kept everywhere.
    expect(mayFireFor({ when: { any: [{ modality: 'image' }, { task: 'segmentation' }] } }, 'text')).toBe(true);
    expect(mayFireFor({ when: { task: 'classification' } }, 'text')).toBe(true);
    expect(mayFireFor({}, 'text')).toBe(true);
  });

  it('splits the built-in rules: every modality has a subset, smaller than the whole, in rule order', () => {
    expect(modalities.length).toBeGreaterThanOrEqual(8);
    for (const m of modalities) {
      const at = subsets.get(m) ?? [];
      expect(at.length, m).toBeGreaterThan(0);
      expect(at.length, m).toBeLessThan(k.rules.length * 0.75);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
  });

  it('writes files that give back the rules of each modality and the whole list, in order', () => {
    const slim = { entries: k.rules, records: k.rules.map(() => -1) };
    const files = splitRules(k.rules, slim, modalities);
    expect(Object.keys(files).sort()).toEqual(['rules.common.json', ...modalities.map((m) => `rules.${m}.json`)].sort());
    const read: string[] = [];
    const rules = new RuleFiles(
      modalities,
      (name) => {
        read.push(name);
        return files[name] ?? { entries: [], records: [], at: [] };
      },
      (s) => s.entries,
    );
    expect(rules.of('image')?.map((r) => r.id)).toEqual(subsets.get('image')?.map((i) => k.rules[i]?.id));
    expect(read).toEqual(['rules.common.json', 'rules.image.json']);
    expect(rules.of('no-such-modality')).toBeUndefined();
    expect(rules.whole().map((r) => r.id)).toEqual(k.rules.map((r) => r.id));
    // Together the files hold each rule once per modality it is specific to, and no more.
    const specific = Object.entries(files).filter(([n]) => n !== 'rules.common.json');
    for (const [name, f] of specific) for (const i of f.at) expect(subsets.get(name.slice(6, -5))).toContain(i);
  });

  it('gives the same result as every rule, and no left-out rule holds, on 3,000 generated answer sets', () => {
    const next = random(11);
    const values = new Map(k.questions.map((q) => [q.id, representatives(q, k)]));
    const fast = withSubsets();
    for (let n = 0; n < 3000; n++) {
      const answers: Answers = Object.fromEntries(
        k.questions.map((q) => {
          const v = values.get(q.id) ?? [null];
          return [q.id, v[Math.floor(next() * v.length)] ?? null];
        }),
      );
      answers.modality = modalities[n % modalities.length] ?? 'tabular';
      const kept = new Set(subsets.get(String(answers.modality)));
      k.rules.forEach((r, i) => {
        if (!kept.has(i) && r.when) expect(conditionHolds(r.when, answers), `${r.id} for ${answers.modality}`).toBe(false);
      });
      let full: unknown;
      try {
        full = evaluate(k, answers);
      } catch (e) {
        full = (e as Error).message;
      }
      let shortcut: unknown;
      try {
        shortcut = evaluate(fast, answers);
      } catch (e) {
        shortcut = (e as Error).message;
      }
      expect(shortcut, JSON.stringify(answers)).toEqual(full);
    }
  });

  it('is asked once per evaluation, never for --explain, and is invisible to JSON and Object.keys (dropping it once rules are read: tests/perf/identical.test.ts)', () => {
    const answers = { ...Object.fromEntries(k.questions.map((q) => [q.id, null])), modality: 'image', task: 'classification', labeled: 900 } as Answers;
    const fast = withSubsets();
    let asked = 0;
    const counting = withRuleSubsets({ ...k }, k.rules.length, (m) => {
      asked++;
      return subsets.get(m)?.map((i) => k.rules[i] as RuleEntry);
    });
    evaluate(counting, answers);
    expect(asked).toBe(1);
    evaluate(counting, answers, { explain: true });
    expect(asked).toBe(1);
    expect(Object.keys(fast)).not.toContain('candidateRules');
    expect(JSON.stringify(fast)).toBe(JSON.stringify(k));
  });
});
