/**
 * Declarative conditions, evaluated against normalised answers. Nothing here is code from a
 * file: the operator set is closed. Every atomic check is recorded so that `--explain` can
 * say which condition held and which did not, with the actual value.
 */
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

const ORDER: readonly OperatorName[] = ['eq', 'ne', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte'];

/** Evaluate a condition; every atom is evaluated (no short-circuit) so that the trace is complete. */
export function test(cond: Condition, answers: Answers, trace?: Check[]): boolean {
  if ('all' in cond && Array.isArray(cond.all)) return cond.all.map((c) => test(c, answers, trace)).every(Boolean);
  if ('any' in cond && Array.isArray(cond.any)) return cond.any.map((c) => test(c, answers, trace)).some(Boolean);
  if ('not' in cond && isCondition(cond.not)) return !test(cond.not, answers, trace);
  let ok = true;
  for (const [question, spec] of Object.entries(cond)) {
    const actual = Object.hasOwn(answers, question) ? (answers[question] ?? null) : null;
    const ops =
      spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Partial<Record<OperatorName, Scalar | Scalar[]>>) : { eq: spec as Scalar };
    for (const op of ORDER) {
      const expected = ops[op];
      if (expected === undefined) continue;
      const pass = apply(op, actual, expected);
      trace?.push({ question, op, expected, actual, pass });
      ok &&= pass;
    }
  }
  return ok;
}

function isCondition(v: unknown): v is Condition {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** YAML 1.2 reads `yes` as a string, but JSON authors write `true`: both mean "yes". */
function norm(v: Scalar): Scalar {
  return typeof v === 'boolean' ? (v ? 'yes' : 'no') : v;
}

function apply(op: OperatorName, actual: AnswerValue, expected: Scalar | Scalar[]): boolean {
  const list = Array.isArray(expected) ? expected.map(norm) : [norm(expected)];
  const one = list[0];
  switch (op) {
    case 'eq':
      return actual === one;
    case 'ne':
      return actual !== one;
    case 'in':
      return list.includes(actual);
    case 'notIn':
      return !list.includes(actual);
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

/** Every numeric threshold a condition compares a question with (for the exhaustive check). */
export function thresholds(cond: Condition, out: Map<string, Set<number>> = new Map()): Map<string, Set<number>> {
  if ('all' in cond && Array.isArray(cond.all)) cond.all.forEach((c) => thresholds(c, out));
  else if ('any' in cond && Array.isArray(cond.any)) cond.any.forEach((c) => thresholds(c, out));
  else if ('not' in cond && isCondition(cond.not)) thresholds(cond.not, out);
  else {
    for (const [question, spec] of Object.entries(cond)) {
      const values = spec !== null && typeof spec === 'object' ? Object.values(spec).flat() : [spec];
      for (const v of values) {
        if (typeof v !== 'number') continue;
        const set = out.get(question) ?? new Set<number>();
        set.add(v);
        out.set(question, set);
      }
    }
  }
  return out;
}
