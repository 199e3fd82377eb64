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

/**
 * Evaluate a condition. With a trace, every atom is evaluated (no short-circuit) so that the
 * explanation is complete; without one, evaluation short-circuits and allocates nothing.
 */
export function test(cond: Condition, answers: Answers, trace?: Check[]): boolean {
  if (!trace) return holds(cond, answers);
  if ('all' in cond && Array.isArray(cond.all)) return cond.all.map((c) => test(c, answers, trace)).every(Boolean);
  if ('any' in cond && Array.isArray(cond.any)) return cond.any.map((c) => test(c, answers, trace)).some(Boolean);
  if ('not' in cond && isCondition(cond.not)) return !test(cond.not, answers, trace);
  let ok = true;
  for (const question of Object.keys(cond)) {
    const spec = (cond as Record<string, Scalar | Partial<Record<OperatorName, Scalar | Scalar[]>>>)[question];
    const actual = Object.hasOwn(answers, question) ? (answers[question] ?? null) : null;
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
      const pass = apply('eq', actual, spec as Scalar);
      trace.push({ question, op: 'eq', expected: spec as Scalar, actual, pass });
      ok &&= pass;
      continue;
    }
    for (const op of Object.keys(spec) as OperatorName[]) {
      const expected = spec[op];
      if (expected === undefined) continue;
      const pass = apply(op, actual, expected);
      trace.push({ question, op, expected, actual, pass });
      ok &&= pass;
    }
  }
  return ok;
}

/**
 * The fast path: walks the condition object directly, short-circuits, and allocates nothing
 * (no closures, no arrays), so a condition costs the same the first time as every time.
 */
function holds(cond: Condition, a: Answers): boolean {
  const c = cond as Record<string, unknown>;
  if (Array.isArray(c.all)) {
    for (const sub of c.all as Condition[]) if (!holds(sub, a)) return false;
    return true;
  }
  if (Array.isArray(c.any)) {
    for (const sub of c.any as Condition[]) if (holds(sub, a)) return true;
    return false;
  }
  if ('not' in c && isCondition(c.not)) return !holds(c.not, a);
  for (const question in c) {
    const spec = c[question] as Scalar | Partial<Record<OperatorName, Scalar | Scalar[]>>;
    const actual = Object.hasOwn(a, question) ? (a[question] ?? null) : null;
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
      if (actual !== norm(spec as Scalar)) return false;
      continue;
    }
    for (const op in spec) {
      const expected = spec[op as OperatorName];
      if (expected !== undefined && !apply(op as OperatorName, actual, expected)) return false;
    }
  }
  return true;
}

function isCondition(v: unknown): v is Condition {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** YAML 1.2 reads `yes` as a string, but JSON authors write `true`: both mean "yes". */
function norm(v: Scalar): Scalar {
  return typeof v === 'boolean' ? (v ? 'yes' : 'no') : v;
}

function apply(op: OperatorName, actual: AnswerValue, expected: Scalar | Scalar[]): boolean {
  const one = Array.isArray(expected) ? undefined : norm(expected);
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

function includes(list: readonly Scalar[], actual: AnswerValue): boolean {
  for (const e of list) if (norm(e) === actual) return true;
  return false;
}
