/**
 * Declarative conditions, evaluated against normalised answers. Nothing here is code from a
 * file: the operator set is closed. Every atomic check is recorded so that `--explain` can
 * say which condition held and which did not, with the actual value.
 *
 * Both evaluations walk the conditions as written (nothing is compiled), with the one condition
 * walker of knowledge/condition-walk.ts.
 */
import { type ConditionVisitor, everyOp, kindOf, type Mapping, normalizeScalar, visit } from '../knowledge/condition-walk.js';
import type { Condition, OperatorName, Scalar } from '../knowledge/schema.js';

export type AnswerValue = string | number | null;
export type Answers = Record<string, AnswerValue>;

export interface Check {
  question: string;
  op: OperatorName;
  expected: Scalar | Scalar[];
  actual: AnswerValue;
  pass: boolean;
}

/**
 * Whether a condition holds. With a trace, every atom is evaluated (no short-circuit) so that the
 * explanation is complete; without one, evaluation short-circuits and allocates nothing.
 */
export function conditionHolds(cond: Condition, answers: Answers, trace?: Check[]): boolean {
  return trace ? visit(cond, TRACED, { answers, trace }) : holdsFast(cond, answers);
}

/** The answer to a question; a missing key (or an inherited property) is unknown. */
function answerOf(answers: Answers, question: string): AnswerValue {
  return Object.hasOwn(answers, question) ? (answers[question] ?? null) : null;
}

/**
 * The fast path: short-circuits, and allocates nothing (no closures, no arrays). It switches on
 * kindOf() itself instead of going through visit() (see condition-walk.ts).
 */
function holdsFast(cond: Condition, a: Answers): boolean {
  const c = cond as { all: Condition[]; any: Condition[]; not: Condition };
  switch (kindOf(cond)) {
    case 'all':
      for (const sub of c.all) if (!holdsFast(sub, a)) return false;
      return true;
    case 'any':
      for (const sub of c.any) if (holdsFast(sub, a)) return true;
      return false;
    case 'not':
      return !holdsFast(c.not, a);
    default: {
      const m = cond as Mapping;
      for (const question in m) if (!everyOp(m[question], compare, answerOf(a, question))) return false;
      return true;
    }
  }
}

interface Traced {
  answers: Answers;
  trace: Check[];
}

/** Every atom, recorded in the order written; the result is the same as the fast path's. */
const TRACED: ConditionVisitor<Traced, boolean> = {
  all: (subs, t) => subs.map((c) => visit(c, TRACED, t)).every(Boolean),
  any: (subs, t) => subs.map((c) => visit(c, TRACED, t)).some(Boolean),
  not: (sub, t) => !visit(sub, TRACED, t),
  mapping(m, t) {
    let ok = true;
    for (const question of Object.keys(m)) {
      const actual = answerOf(t.answers, question);
      everyOp(
        m[question],
        (op, expected) => {
          const pass = compare(op, expected, actual);
          t.trace.push({ question, op, expected, actual, pass });
          ok &&= pass;
          return true;
        },
        undefined,
      );
    }
    return ok;
  },
};

/** One comparison; numeric operators fail on an unknown (null) or non-numeric answer. */
export function compare(op: OperatorName, expected: Scalar | Scalar[], actual: AnswerValue): boolean {
  const one = Array.isArray(expected) ? undefined : normalizeScalar(expected);
  switch (op) {
    case 'eq':
      return actual === one;
    case 'ne':
      return actual !== one;
    case 'in':
      return Array.isArray(expected) && includes(expected, actual);
    case 'notIn':
      return Array.isArray(expected) && !includes(expected, actual);
    case 'lt':
      return typeof actual === 'number' && typeof one === 'number' && actual < one;
    case 'lte':
      return typeof actual === 'number' && typeof one === 'number' && actual <= one;
    case 'gt':
      return typeof actual === 'number' && typeof one === 'number' && actual > one;
    case 'gte':
      return typeof actual === 'number' && typeof one === 'number' && actual >= one;
  }
}

function includes(list: readonly Scalar[], actual: AnswerValue): boolean {
  for (const e of list) if (normalizeScalar(e) === actual) return true;
  return false;
}
