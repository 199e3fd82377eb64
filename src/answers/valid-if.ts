/**
 * Choice-level conditions (`validIf`, issue 13): a choice that applies only for some answers to
 * other questions, such as a `kind` of `volume` only for images. The walkthrough offers only the
 * valid choices; answers from flags, files or data whose value is not valid are an error naming
 * the values that are (unless the question's validIfScope is `walkthrough`: then the condition
 * only narrows what the walkthrough offers). Pure and zod-free.
 */
import { type Answers, type AnswerValue, conditionHolds } from '../engine/conditions.js';
import type { Problem } from '../errors.js';
import { atomsOf } from '../knowledge/condition-walk.js';
import type { Condition, Question } from '../knowledge/schema.js';

type Choice = NonNullable<Question['choices']>[number];

/** The questions a condition looks at, in the order it names them (the one condition walker). */
export function conditionKeys(cond: Condition): string[] {
  return [...new Set(atomsOf(cond).map((a) => a.question))];
}

/** Whether a choice applies given the answers (a choice without validIf always does). */
export function choiceApplies(choice: Choice, answers: Answers): boolean {
  return !choice.validIf || conditionHolds(choice.validIf, answers);
}

/** The choices of a question that apply given the answers, in their order. */
export function validChoices(q: Question, answers: Answers): Choice[] {
  return (q.choices ?? []).filter((c) => choiceApplies(c, answers));
}

/** Whether `value` is a valid answer to `q` given the other answers (non-choice values always are). */
export function isValidChoice(q: Question, value: AnswerValue | undefined, answers: Answers): boolean {
  const choice = q.choices?.find((c) => c.value === value);
  return !choice || choiceApplies(choice, answers);
}

/**
 * Answers whose choice does not apply given the other answers: "kind: 'volume' does not apply to
 * modality 'graph'; allowed for graph: molecules, atomistic, network, mesh, unknown". A choice
 * whose condition names a question that has no answer yet is not judged (the walkthrough may
 * still ask it). Questions with validIfScope `walkthrough` are never an error.
 */
export function validIfProblems(questions: readonly Question[], answers: Answers): Problem[] {
  const problems: Problem[] = [];
  for (const q of questions) {
    if (q.validIfScope === 'walkthrough' || !Object.hasOwn(answers, q.id)) continue;
    const choice = q.choices?.find((c) => c.value === answers[q.id]);
    if (!choice?.validIf) continue;
    const keys = conditionKeys(choice.validIf);
    if (!keys.every((k) => Object.hasOwn(answers, k)) || conditionHolds(choice.validIf, answers)) continue;
    const given = keys.map((k) => `${k} '${show(answers[k])}'`).join(' and ');
    const context = keys.map((k) => show(answers[k])).join(', ');
    const allowed = validChoices(q, answers).map((c) => c.value);
    problems.push({
      code: 'choice-not-valid',
      message: `${q.id}: '${choice.value}' does not apply to ${given}; allowed for ${context}: ${allowed.join(', ') || 'none'}`,
    });
  }
  return problems;
}

function show(v: AnswerValue | undefined): string {
  return v === null || v === undefined ? 'unknown' : String(v);
}

/**
 * Inferred answers (from --data) that do not apply given the answers that win over them (a
 * `kind` of `molecules` from a SMILES column, when --modality tabular was given) are dropped, not
 * an error: the data section still shows them, as not used.
 */
export function withoutInvalid(questions: readonly Question[], inferred: Answers, winning: Answers): Answers {
  const all = { ...inferred, ...winning };
  const out: Answers = {};
  for (const [k, v] of Object.entries(inferred)) {
    const q = questions.filter((x) => x.id === k);
    if (Object.hasOwn(winning, k) || validIfProblems(q, all).length === 0) out[k] = v;
  }
  return out;
}
