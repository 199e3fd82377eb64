/**
 * Whether a question can change the advice (issue 15, item 6): with the answers so far and the
 * defaults for the rest, evaluate the pure engine once per representative value of the question
 * (every choice; for a count, both sides of every threshold the rules use) and compare what a
 * person acts on: the primary model, the strategies and the cautions. If every value gives the
 * same, the question is not worth asking; the walkthrough keeps its default and says so.
 */
import { representatives } from '../../engine/answer-space.js';
import type { Answers, AnswerValue } from '../../engine/conditions.js';
import { evaluate, NoRecommendationError } from '../../engine/evaluate.js';
import type { Knowledge } from '../../knowledge/assemble.js';
import { defaultAnswer } from '../../knowledge/default-answer.js';
import type { Question } from '../../knowledge/schema.js';

/** Decides, for the answers so far, whether asking `q` could change the advice. */
export type Matters = (q: Question, answers: Answers) => boolean;

export function mattersFor(knowledge: Knowledge): Matters {
  const values = new Map<string, AnswerValue[]>();
  return (q, answers) => {
    let vs = values.get(q.id);
    if (!vs) {
      vs = representatives(q, knowledge);
      values.set(q.id, vs);
    }
    const base = complete(knowledge.questions, answers);
    const seen = new Set<string>();
    for (const v of [defaultAnswer(q), ...vs]) {
      seen.add(outcome(knowledge, { ...base, [q.id]: v }));
      if (seen.size > 1) return true;
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

/** What the person acts on: the primary, the strategies and the cautions, as one key. */
function outcome(knowledge: Knowledge, answers: Answers): string {
  try {
    const rec = evaluate(knowledge, answers).recommendation;
    return JSON.stringify([rec.primary.id, rec.strategies.map((s) => s.id), rec.cautions.map((c) => c.rule)]);
  } catch (e) {
    if (e instanceof NoRecommendationError) return 'none';
    throw e;
  }
}
