/**
 * The one walker of conditions (the `when` of a rule, the `askIf` of a question). It alone
 * knows their shape: `all`/`any` hold lists of conditions, `not` holds one, and anything else is
 * a mapping of questions to a value (`modality: image`, meaning `eq`) or to operators
 * (`labeled: { gte: 100, lt: 1000 }`). Evaluation, partial evaluation, the answer space, the
 * cross-checks of assemble() and the descriptions in words are visitors on top of it.
 *
 * Dependency-free (no zod, no yaml, no I/O), so that the engine can use it. Nothing allocates on
 * the way down: the visitor and its context are passed along. The engine's fast path, which runs
 * millions of times in the exhaustive check, switches on kindOf() itself rather than going
 * through visit(): calls through a visitor object that several visitors share measured 1.5-2x
 * slower there.
 */
import type { OperatorName } from './operators.js';
import type { Condition, Scalar } from './schema.js';

/** What one question is compared with: a bare value (`eq`) or operators. */
export type Spec = Scalar | Partial<Record<OperatorName, Scalar | Scalar[]>>;
/** The leaf of a condition: every question in it must hold. */
export type Mapping = Readonly<Record<string, Spec>>;

export interface ConditionVisitor<C, R> {
  all(subs: readonly Condition[], ctx: C): R;
  any(subs: readonly Condition[], ctx: C): R;
  not(sub: Condition, ctx: C): R;
  mapping(m: Mapping, ctx: C): R;
}

export type Kind = 'all' | 'any' | 'not' | 'mapping';

/** Which of the four shapes a condition has (`all` wins over `any`, `any` over `not`). */
export function kindOf(cond: Condition): Kind {
  const c = cond as Record<string, unknown>;
  if (Array.isArray(c.all)) return 'all';
  if (Array.isArray(c.any)) return 'any';
  if ('not' in c && isCondition(c.not)) return 'not';
  return 'mapping';
}

/** Dispatch one level of a condition to the visitor. */
export function visit<C, R>(cond: Condition, visitor: ConditionVisitor<C, R>, ctx: C): R {
  const c = cond as { all: Condition[]; any: Condition[]; not: Condition };
  switch (kindOf(cond)) {
    case 'all':
      return visitor.all(c.all, ctx);
    case 'any':
      return visitor.any(c.any, ctx);
    case 'not':
      return visitor.not(c.not, ctx);
    default:
      return visitor.mapping(cond as Mapping, ctx);
  }
}

/**
 * Calls `fn(op, expected, ctx)` for each comparison of one question's spec, in the order written
 * (a bare value is one `eq`); stops at, and returns, the first `false`.
 */
export function everyOp<C>(spec: Spec | undefined, fn: (op: OperatorName, expected: Scalar | Scalar[], ctx: C) => boolean, ctx: C): boolean {
  if (spec === undefined) return true;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return fn('eq', spec as Scalar, ctx);
  for (const op in spec) {
    const expected = spec[op as OperatorName];
    if (expected !== undefined && !fn(op as OperatorName, expected, ctx)) return false;
  }
  return true;
}

/** Whether the operator compares numbers (lt, lte, gt, gte). */
export function isNumericOp(op: OperatorName): boolean {
  return op === 'lt' || op === 'lte' || op === 'gt' || op === 'gte';
}

/** YAML 1.2 reads `yes` as a string, but JSON authors write `true`: both mean "yes". */
export function normalizeScalar(v: Scalar): Scalar {
  return typeof v === 'boolean' ? (v ? 'yes' : 'no') : v;
}

export function isCondition(v: unknown): v is Condition {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export interface Atom {
  question: string;
  op: OperatorName;
  expected: Scalar | Scalar[];
}

const ATOMS: ConditionVisitor<Atom[], void> = {
  all: (subs, out) => subs.forEach((s) => visit(s, ATOMS, out)),
  any: (subs, out) => subs.forEach((s) => visit(s, ATOMS, out)),
  not: (sub, out) => visit(sub, ATOMS, out),
  mapping: (m, out) => {
    for (const question in m) everyOp(m[question], (op, expected) => out.push({ question, op, expected }) > 0, undefined);
  },
};

/** Every comparison of a condition, at any depth and under any `not`, in the order written. */
export function atomsOf(cond: Condition): Atom[] {
  const out: Atom[] = [];
  visit(cond, ATOMS, out);
  return out;
}
