/**
 * Whether a question can change the advice (issue 15, item 6): with the answers so far and the
 * defaults for the rest, evaluate the pure engine once per representative value of the question
 * (every choice; for a count, both sides of every threshold the rules use) and compare what a
 * person acts on: the primary model, its recipe and honest evaluation split and metric (issue 13:
 * `dependence` changes the split alone), the strategies and the cautions. The same is repeated with
 * each other open question at each of its values, because an answer still to come can be what
 * makes this one count (with the defaults alone, 1 of the 79 rule cases got other advice). If
 * every value gives the same everywhere, the question is not worth asking; the walkthrough keeps
 * its default and says so. Questions no live rule looks at are decided without the engine.
 */
import { recipeConditions, relevantQuestions, representatives } from '../../engine/answer-space.js';
import type { Answers, AnswerValue } from '../../engine/conditions.js';
import { evaluate, NoRecommendationError } from '../../engine/evaluate.js';
import type { Knowledge } from '../../knowledge/assemble.js';
import { defaultAnswer } from '../../knowledge/default-answer.js';
import type { Question } from '../../knowledge/schema.js';

/** Decides, for the answers so far, whether asking `q` could change the advice. */
export type Matters = (q: Question, answers: Answers) => boolean;

export function mattersFor(knowledge: Knowledge): Matters {
  const values = new Map<string, AnswerValue[]>();
  const valuesOf = (q: Question) => {
    let vs = values.get(q.id);
    if (!vs) {
      vs = representatives(q, knowledge);
      values.set(q.id, vs);
    }
    return vs;
  };
  // The same combinations come up for one question after another: evaluate each once.
  const outcomes = new Map<string, string>();
  const cached = (a: Answers) => {
    const key = JSON.stringify(knowledge.questions.map((x) => a[x.id] ?? null));
    let o = outcomes.get(key);
    if (o === undefined) {
      if (outcomes.size > 20_000) outcomes.clear();
      o = outcome(knowledge, a);
      outcomes.set(key, o);
    }
    return o;
  };
  // What can change what is compared: rules that rank, add strategies or cautions (the others only
  // add interpretability or next steps), and the conditions choosing recipes, splits and metrics.
  const deciding = [...knowledge.rules.filter((r) => r.favor || r.disfavor || r.exclude || r.strategies || r.caution), ...recipeConditions(knowledge)];
  return (q, answers) => {
    // No rule that can still fire looks at q: no value of it can change anything (cheap, exact).
    const live = relevantQuestions(knowledge, answers, deciding);
    if (!live.has(q.id)) return false;
    const base = complete(knowledge.questions, answers);
    // The other open questions at their defaults, then each of them at each other value: an
    // answer still to come may be what makes this one count (rules that test two answers).
    // Varying a question no live rule reads gives the base again, so those are left out.
    const contexts: Answers[] = [base];
    for (const r of knowledge.questions) {
      if (r.id === q.id || r.required || Object.hasOwn(answers, r.id) || !live.has(r.id)) continue;
      for (const v of valuesOf(r)) if (v !== base[r.id]) contexts.push({ ...base, [r.id]: v });
    }
    for (const context of contexts) {
      const seen = new Set<string>();
      for (const v of [defaultAnswer(q), ...valuesOf(q)]) {
        seen.add(cached({ ...context, [q.id]: v }));
        if (seen.size > 1) return true;
      }
    }
    return false;
  };
}

/** The answers so far, every other question at its default (as the engine will see them). */
function complete(questions: readonly Question[], answers: Answers): Answers {
  const out: Answers = {};
  for (const q of questions) out[q.id] = Object.hasOwn(answers, q.id) ? (answers[q.id] ?? null) : defaultAnswer(q);
  return out;
}

/** What the person acts on: the primary and its recipe and evaluation, the strategies and the cautions, as one key. */
function outcome(knowledge: Knowledge, answers: Answers): string {
  try {
    const rec = evaluate(knowledge, answers).recommendation;
    const e = rec.primary.recipe?.evaluation;
    const recipe = [rec.primary.recipe?.id, e?.split, e?.metric];
    return JSON.stringify([rec.primary.id, recipe, rec.strategies.map((s) => s.id), rec.cautions.map((c) => c.rule)]);
  } catch (e) {
    if (e instanceof NoRecommendationError) return 'none';
    throw e;
  }
}
