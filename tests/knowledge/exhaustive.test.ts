/**
 * The exhaustive check of the built-in rules over the whole answer space (issue 4, item 4).
 * See src/engine/answer-space.ts for why the enumerated values cover every behaviour.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { answerSpace, recipeConditions, representatives } from '../../src/engine/answer-space.js';
import { type Answers, conditionHolds as holds } from '../../src/engine/conditions.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { evaluationPlan, selectRecipe } from '../../src/engine/recipes.js';
import type { RankedModel, Result } from '../../src/knowledge/output.js';
import { builtin } from '../helpers/knowledge.js';

const k = builtin();
const models = k.methods.filter((m) => m.kind === 'model').map((m) => m.id);
const excluders = k.rules.filter((r) => r.exclude);

/** What a person would see change: the rules applied, the ranking, the recipes and the split, not the echoed answers. */
const outcome = (r: Result) => {
  const ranked = [r.recommendation.primary, ...r.recommendation.alternatives];
  return `${ranked.map((m) => `${m.id}:${m.recipe?.id}`).join(',')}|${r.recommendation.primary.recipe?.evaluation.split}|${r.rules.fired.join(',')}`;
};

/** What is missing from a ranked model's recipe (issue 13): every field a scientist needs to start. */
function incomplete(m: RankedModel): string[] {
  const r = m.recipe;
  if (!r) return ['recipe'];
  const missing: string[] = [];
  if (!r.summary || !r.representation || !r.source) missing.push('summary/representation/source');
  if (r.steps.length < 2 || r.settings.length < 1) missing.push('steps/settings');
  if (r.libraries.length < 1 || r.libraries.some((l) => !/^((pip|conda|uv|mamba) |git clone https:\/\/)/.test(l.install))) missing.push('libraries');
  if (!r.evaluation.split || !r.evaluation.metric || !r.evaluation.why) missing.push('evaluation');
  return missing;
}

/** The split must follow `dependence`: temporal data are split in time, grouped data by group (or in time, when forecasting). */
function splitHonours(answers: Answers, split: string | undefined): boolean {
  if (answers.task === 'forecasting' || answers.dependence === 'temporal') return split === 'temporal';
  if (answers.dependence === 'grouped') return split === 'grouped';
  return split !== undefined;
}

describe('exhaustive check of the built-in rules', () => {
  const space = answerSpace(k);
  const primaries = new Map<string, number>();
  const fired = new Set<string>();
  const failures: string[] = [];
  let checked = 0;

  // One pass over the space feeds every test below, so each can also run alone (-t).
  beforeAll(() => {
    const started = Date.now();
    for (const answers of space.combinations()) {
      checked++;
      let r: Result;
      try {
        r = evaluate(k, answers);
      } catch (e) {
        failures.push(`${JSON.stringify(answers)}: ${(e as Error).message}`);
        continue;
      }
      const ranked = [r.recommendation.primary, ...r.recommendation.alternatives];
      const sum = ranked.reduce((s, m) => s + m.score, 0);
      const excluded = new Set(excluders.filter((x) => !x.when || holds(x.when, answers)).flatMap((x) => x.exclude ?? []));
      if (r.recommendation.primary.reasons.length === 0) failures.push(`${JSON.stringify(answers)}: primary without reason`);
      if (Math.abs(sum - 1) > 1e-9) failures.push(`${JSON.stringify(answers)}: scores sum to ${sum}`);
      const bad = ranked.filter((m) => excluded.has(m.id)).map((m) => m.id);
      if (bad.length > 0) failures.push(`${JSON.stringify(answers)}: excluded ${bad.join(', ')} ranked`);
      for (const m of ranked) if (incomplete(m).length > 0) failures.push(`${JSON.stringify(answers)}: ${m.id} lacks ${incomplete(m).join(', ')}`);
      if (new Set(ranked.map((m) => m.recipe?.evaluation.split)).size !== 1) failures.push(`${JSON.stringify(answers)}: ranked models disagree on the split`);
      if (!splitHonours(answers, r.recommendation.primary.recipe?.evaluation.split)) failures.push(`${JSON.stringify(answers)}: split ignores dependence`);
      primaries.set(r.recommendation.primary.id, (primaries.get(r.recommendation.primary.id) ?? 0) + 1);
      for (const id of r.rules.fired) fired.add(id);
    }
    console.log(
      `exhaustive check: ${checked.toLocaleString('en-US')} combinations of the ranking answers checked (space size ${space.size.toLocaleString('en-US')}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(failures).toEqual([]);
    expect(checked).toBe(space.size);
  }, 480_000);

  it('every model has a complete recipe and an evaluation split that honours dependence, for every answer that can change them', () => {
    // Recipes and the split depend only on the model and on the questions their conditions name, so
    // every model over that answer space covers every ranked model of the whole space exactly.
    const started = Date.now();
    const recipeSpace = answerSpace(k, recipeConditions(k));
    const problems: string[] = [];
    const dependence = new Set<string>();
    const used = new Set<string>();
    let n = 0;
    for (const answers of recipeSpace.combinations()) {
      n++;
      const plan = evaluationPlan(k, answers);
      if (!splitHonours(answers, plan.split)) problems.push(`${JSON.stringify(answers)}: split ${plan.split} ignores dependence`);
      dependence.add(`${answers.dependence}:${plan.split}`);
      for (const model of models) {
        const recipe = selectRecipe(k, model, answers);
        if (!recipe) problems.push(`${JSON.stringify(answers)}: no recipe for ${model}`);
        else used.add(recipe.id);
      }
    }
    console.log(
      `recipes and evaluation plan: ${n.toLocaleString('en-US')} combinations x ${models.length} models checked in ${((Date.now() - started) / 1000).toFixed(1)} s; dependence -> split: ${[...dependence].sort().join(', ')}`,
    );
    expect(problems.slice(0, 20)).toEqual([]);
    expect(n).toBe(recipeSpace.size);
    // No dead recipe: each is chosen for some answers (an earlier one does not always win).
    expect((k.recipes ?? []).map((r) => r.id).filter((id) => !used.has(id))).toEqual([]);
    expect([...dependence]).toEqual(expect.arrayContaining(['grouped:grouped', 'temporal:temporal']));
  });

  it('the same answers give the same document twice', () => {
    let i = 0;
    for (const answers of space.combinations()) {
      if (i++ % 997 !== 0) continue;
      expect(JSON.stringify(evaluate(k, answers, { explain: true }))).toBe(JSON.stringify(evaluate(k, answers, { explain: true })));
    }
  });

  it('every model id can come out first (coverage report)', () => {
    const total = [...primaries.values()].reduce((a, b) => a + b, 0);
    const rows = models.map((id) => `${id.padEnd(26)} ${((100 * (primaries.get(id) ?? 0)) / total).toFixed(2).padStart(6)}%`);
    console.log(`primary coverage over ${total.toLocaleString('en-US')} combinations:\n${rows.join('\n')}`);
    expect(models.filter((id) => !primaries.has(id))).toEqual([]);
  });

  it('every rule fires for some answers (no dead rules)', () => {
    const defaults = Object.fromEntries(k.questions.map((q) => [q.id, q.default ?? (q.type === 'integer' ? null : (q.unsure ?? null))])) as Answers;
    const dead: string[] = [];
    for (const rule of k.rules) {
      if (fired.has(rule.id)) continue;
      // Search the product of the questions this rule mentions, with modality and task free.
      const sub = answerSpace(k, [rule]);
      let found = false;
      for (const answers of sub.combinations()) {
        if (evaluate(k, { ...defaults, ...answers }).rules.fired.includes(rule.id)) {
          found = true;
          break;
        }
      }
      if (!found) dead.push(rule.id);
    }
    expect(dead).toEqual([]);
  }, 120_000);

  it('every question value changes some outcome, or the question is documented as informational', () => {
    // A seeded random sample of whole answer sets (every question varied) as contexts.
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const reps = new Map(k.questions.map((q) => [q.id, representatives(q, k)]));
    const base: Answers[] = Array.from({ length: 4000 }, () => {
      const a: Answers = {};
      for (const [id, values] of reps) a[id] = values[Math.floor(random() * values.length)] ?? null;
      return a;
    });
    const inert: string[] = [];
    for (const q of k.questions) {
      if (q.informational) continue;
      const values = representatives(q, k);
      for (const v of values) {
        const changes = base.some((b) => {
          const mine = outcome(evaluate(k, { ...b, [q.id]: v }));
          return values.some((w) => w !== v && outcome(evaluate(k, { ...b, [q.id]: w })) !== mine);
        });
        if (!changes) inert.push(`${q.id}=${v}`);
      }
    }
    expect(inert).toEqual([]);
  }, 120_000);
});
