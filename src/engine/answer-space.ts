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
import type { Condition, Question } from '../knowledge/schema.js';
import type { Answers, AnswerValue } from './conditions.js';

export const LARGE_COUNT = 1_000_000_000;

/** Representative values of a question (see the module comment). */
export function representatives(q: Question, knowledge: Knowledge): AnswerValue[] {
  if (q.type === 'choice') return (q.choices ?? []).map((c) => c.value);
  const boundaries = new Set<number>([q.min ?? 0, 1, LARGE_COUNT]);
  const conditions = [...knowledge.rules.flatMap((r) => (r.when ? [r.when] : [])), ...knowledge.questions.flatMap((x) => (x.askIf ? [x.askIf] : []))];
  for (const c of conditions) collectBoundaries(c, q.id, boundaries);
  const values: AnswerValue[] = [...boundaries].filter((v) => v >= (q.min ?? 0)).sort((a, b) => a - b);
  return q.default === null ? [null, ...values] : values;
}

function collectBoundaries(cond: Condition, id: string, out: Set<number>): void {
  for (const sub of children(cond)) collectBoundaries(sub, id, out);
  if (children(cond).length > 0) return;
  const spec = (cond as Record<string, unknown>)[id];
  if (spec === undefined) return;
  const ops = spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>) : { eq: spec };
  for (const [op, v] of Object.entries(ops)) {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (typeof x !== 'number') continue;
      // Each boundary starts a new interval of equivalent counts: lt/gte start one at x,
      // lte/gt at x + 1; eq/ne/in single out x itself (x, then x + 1 starts the next).
      if (op === 'lt' || op === 'gte') out.add(x);
      else if (op === 'lte' || op === 'gt') out.add(x + 1);
      else out.add(x).add(x + 1);
    }
  }
}

function children(cond: Condition): Condition[] {
  if ('all' in cond && Array.isArray(cond.all)) return cond.all;
  if ('any' in cond && Array.isArray(cond.any)) return cond.any;
  if ('not' in cond && cond.not && typeof cond.not === 'object' && !Array.isArray(cond.not)) return [cond.not as Condition];
  return [];
}

/** true / false when `fixed` decides the condition, undefined when other answers matter. */
function partial(cond: Condition, fixed: Answers): boolean | undefined {
  const subs = children(cond);
  if ('all' in cond && Array.isArray(cond.all)) {
    const r = subs.map((c) => partial(c, fixed));
    return r.includes(false) ? false : r.every((x) => x === true) ? true : undefined;
  }
  if ('any' in cond && Array.isArray(cond.any)) {
    const r = subs.map((c) => partial(c, fixed));
    return r.includes(true) ? true : r.every((x) => x === false) ? false : undefined;
  }
  if (subs.length === 1) {
    const r = partial(subs[0] as Condition, fixed);
    return r === undefined ? undefined : !r;
  }
  let decided = true;
  for (const [key, spec] of Object.entries(cond)) {
    if (!Object.hasOwn(fixed, key)) {
      decided = false;
      continue;
    }
    const actual = fixed[key];
    const ops = spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>) : { eq: spec };
    for (const [op, v] of Object.entries(ops)) {
      const norm = (x: unknown) => (typeof x === 'boolean' ? (x ? 'yes' : 'no') : x);
      const list = (Array.isArray(v) ? v : [v]).map(norm);
      const pass =
        op === 'eq'
          ? actual === list[0]
          : op === 'ne'
            ? actual !== list[0]
            : op === 'in'
              ? list.includes(actual)
              : op === 'notIn'
                ? !list.includes(actual)
                : undefined;
      if (pass === false) return false;
    }
  }
  return decided ? true : undefined;
}

function mentioned(cond: Condition, out: Set<string>): void {
  const subs = children(cond);
  if (subs.length > 0) subs.forEach((c) => mentioned(c, out));
  else for (const key of Object.keys(cond)) out.add(key);
}

/** Questions some rule (of those given) can still look at once `fixed` answers are known. */
export function relevantQuestions(knowledge: Knowledge, fixed: Answers, rules = knowledge.rules): Set<string> {
  const out = new Set<string>();
  for (const rule of rules) {
    if (!rule.when || partial(rule.when, fixed) === false) continue;
    mentioned(rule.when, out);
  }
  return out;
}

export interface Space {
  /** Enumerates every combination (answers objects are fresh for each). */
  combinations(): Generator<Answers>;
  size: number;
}

/** Rules that can change the ranking of models (the others only add items, cautions and steps). */
export function rankingRules(knowledge: Knowledge): Knowledge['rules'] {
  return knowledge.rules.filter((r) => r.favor || r.disfavor || r.exclude);
}

/**
 * The answer space, split by modality and task, enumerating the questions that the given rules
 * can look at (default: the ranking rules, which alone decide the models and their scores).
 */
export function answerSpace(knowledge: Knowledge, rules = rankingRules(knowledge), split: readonly string[] = ['modality', 'task']): Space {
  const values = new Map(knowledge.questions.map((q) => [q.id, representatives(q, knowledge)]));
  const defaults: Answers = Object.fromEntries(knowledge.questions.map((q) => [q.id, q.default ?? (q.type === 'integer' ? null : (q.unsure ?? null))]));
  const heads: Answers[] = product(split.map((id) => [id, values.get(id) ?? []]));
  const plans = heads.map((head) => {
    const relevant = relevantQuestions(knowledge, head, rules);
    const rest = knowledge.questions
      .filter((q) => !split.includes(q.id) && (relevant.has(q.id) || q.required))
      .map((q) => [q.id, values.get(q.id) ?? []] as const);
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
