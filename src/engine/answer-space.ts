/**
 * The answer space for the exhaustive check: every choice value, and for every count the values
 * on each side of every threshold any rule or askIf compares it with (plus 0/min, 1 and a very
 * large value). Counts between two consecutive boundaries behave identically for every rule, so
 * these representatives cover every distinct behaviour of the rules.
 *
 * Questions that no rule can look at for a given modality and task (after the modality and task
 * are fixed, partial evaluation shows which conditions can still hold) are left at their default:
 * no rule can tell their values apart, so enumerating them would repeat identical results.
 */
import type { Knowledge } from '../knowledge/assemble.js';
import { atomsOf, type ConditionVisitor, everyOp, isNumericOp, visit } from '../knowledge/condition-walk.js';
import { defaultAnswer } from '../knowledge/default-answer.js';
import type { Condition, OperatorName, Question, Scalar } from '../knowledge/schema.js';
import { type Answers, type AnswerValue, compare } from './conditions.js';

export const LARGE_COUNT = 1_000_000_000;

/** Representative values of a question (see the module comment). */
export function representatives(q: Question, knowledge: Knowledge): AnswerValue[] {
  if (q.type === 'choice') return (q.choices ?? []).map((c) => c.value);
  const boundaries = new Set<number>([q.min ?? 0, 1, LARGE_COUNT]);
  const conditions = [
    ...[...knowledge.rules, ...recipeConditions(knowledge)].flatMap((r) => (r.when ? [r.when] : [])),
    ...knowledge.questions.flatMap((x) => (x.askIf ? [x.askIf] : [])),
  ];
  for (const c of conditions) for (const a of atomsOf(c)) if (a.question === q.id) addBoundaries(a.op, a.expected, boundaries);
  const values: AnswerValue[] = [...boundaries].filter((v) => v >= (q.min ?? 0)).sort((a, b) => a - b);
  return q.default === null ? [null, ...values] : values;
}

/** Each boundary starts a new interval of equivalent counts. */
function addBoundaries(op: OperatorName, expected: Scalar | Scalar[], out: Set<number>): void {
  for (const x of Array.isArray(expected) ? expected : [expected]) {
    if (typeof x !== 'number') continue;
    // lt/gte start an interval at x, lte/gt at x + 1; eq/ne/in single out x itself (x, then
    // x + 1 starts the next).
    if (op === 'lt' || op === 'gte') out.add(x);
    else if (op === 'lte' || op === 'gt') out.add(x + 1);
    else out.add(x).add(x + 1);
  }
}

/**
 * true / false when `fixed` decides the condition, undefined when other answers matter. Only
 * the choice operators decide: a numeric comparison of a fixed answer is not taken as failing.
 */
const PARTIAL: ConditionVisitor<Answers, boolean | undefined> = {
  all(subs, fixed) {
    const r = subs.map((c) => visit(c, PARTIAL, fixed));
    return r.includes(false) ? false : r.every((x) => x === true) ? true : undefined;
  },
  any(subs, fixed) {
    const r = subs.map((c) => visit(c, PARTIAL, fixed));
    return r.includes(true) ? true : r.every((x) => x === false) ? false : undefined;
  },
  not(sub, fixed) {
    const r = visit(sub, PARTIAL, fixed);
    return r === undefined ? undefined : !r;
  },
  mapping(m, fixed) {
    let decided = true;
    for (const key in m) {
      if (!Object.hasOwn(fixed, key)) decided = false;
      else if (!everyOp(m[key], (op, expected, actual) => isNumericOp(op) || compare(op, expected, actual), fixed[key] ?? null)) return false;
    }
    return decided ? true : undefined;
  },
};

/** The questions a condition names. */
const MENTIONED: ConditionVisitor<Set<string>, void> = {
  all: (subs, out) => subs.forEach((c) => visit(c, MENTIONED, out)),
  any: (subs, out) => subs.forEach((c) => visit(c, MENTIONED, out)),
  not: (sub, out) => visit(sub, MENTIONED, out),
  mapping(m, out) {
    for (const key of Object.keys(m)) out.add(key);
  },
};

/** Questions some rule (of those given) can still look at once `fixed` answers are known. */
export function relevantQuestions(knowledge: Knowledge, fixed: Answers, rules: readonly Conditioned[] = knowledge.rules): Set<string> {
  const out = new Set<string>();
  for (const rule of rules) {
    if (!rule.when || visit(rule.when, PARTIAL, fixed) === false) continue;
    visit(rule.when, MENTIONED, out);
  }
  return out;
}

export interface Space {
  /** Enumerates every combination (answers objects are fresh for each). */
  combinations(): Generator<Answers>;
  size: number;
}

/** Anything with an optional condition: rules, and the recipes and evaluation plan (issue 13). */
export type Conditioned = { when?: Condition };

/** The recipes' and the evaluation plan's conditions: they decide each ranked model's recipe and its split. */
export function recipeConditions(knowledge: Knowledge): Conditioned[] {
  const plan = knowledge.evaluation;
  return [...(knowledge.recipes ?? []), ...(plan?.splits ?? []), ...(plan?.metrics ?? [])].filter((x) => x.when);
}

/** Rules that can change the ranking of models (the others only add items, cautions and steps). */
export function rankingRules(knowledge: Knowledge): Knowledge['rules'] {
  return knowledge.rules.filter((r) => r.favor || r.disfavor || r.exclude);
}

/**
 * The answer space, split by modality and task, enumerating the questions that the given rules
 * can look at (default: the ranking rules, which alone decide the models and their scores).
 */
export function answerSpace(
  knowledge: Knowledge,
  rules: readonly Conditioned[] = rankingRules(knowledge),
  split: readonly string[] = ['modality', 'task'],
): Space {
  const values = new Map(knowledge.questions.map((q) => [q.id, representatives(q, knowledge)]));
  const defaults: Answers = Object.fromEntries(knowledge.questions.map((q) => [q.id, defaultAnswer(q)]));
  const heads: Answers[] = product(split.map((id) => [id, values.get(id) ?? []]));
  const plans = heads.map((head) => {
    const relevant = relevantQuestions(knowledge, head, rules);
    const rest = knowledge.questions
      .filter((q) => !split.includes(q.id) && (relevant.has(q.id) || q.required))
      .map((q) => [q.id, validFor(q, values.get(q.id) ?? [], head)] as const);
    return { head, rest, size: rest.reduce((n, [, v]) => n * v.length, 1) };
  });
  return {
    size: plans.reduce((n, p) => n + p.size, 0),
    *combinations() {
      for (const plan of plans) {
        for (const tail of productIter(plan.rest)) yield { ...defaults, ...plan.head, ...tail };
      }
    },
  };
}

/**
 * The values of a question that can be answered given the fixed answers: a choice whose validIf
 * the fixed answers already rule out (a `kind` of `volume` for graphs) is an input error, never
 * advised, so it is not enumerated. (validIfScope `walkthrough` choices, such as tasks, stay.)
 */
function validFor(q: Question, values: AnswerValue[], head: Answers): AnswerValue[] {
  if (q.validIfScope === 'walkthrough' || !q.choices?.some((c) => c.validIf)) return values;
  return values.filter((v) => {
    const c = q.choices?.find((x) => x.value === v);
    return !c?.validIf || visit(c.validIf, PARTIAL, head) !== false;
  });
}

function product(dims: (readonly [string, AnswerValue[]])[]): Answers[] {
  return [...productIter(dims)];
}

function* productIter(dims: readonly (readonly [string, AnswerValue[]])[]): Generator<Answers> {
  const idx = dims.map(() => 0);
  if (dims.some(([, v]) => v.length === 0)) return;
  for (;;) {
    const a: Answers = {};
    dims.forEach(([id, v], i) => {
      a[id] = v[idx[i] ?? 0] ?? null;
    });
    yield a;
    let d = dims.length - 1;
    while (d >= 0) {
      idx[d] = (idx[d] ?? 0) + 1;
      if ((idx[d] ?? 0) < (dims[d]?.[1].length ?? 0)) break;
      idx[d] = 0;
      d--;
    }
    if (d < 0) return;
  }
}
