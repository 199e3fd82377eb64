/**
 * Where answers come from, highest precedence first: flags (`--modality`, `--answer k=v`),
 * an answers file (`--answers FILE|-`), inferred from data (`--data`), then the walkthrough.
 * Each source yields normalised values or problems that name the source, key and value.
 */
import type { Answers } from '../engine/conditions.js';
import type { Problem } from '../errors.js';
import type { Question } from '../knowledge/schema.js';
import { flagOf, kebabToCamel, normalizeValue, unknownKeyProblem } from './normalize.js';

export interface Collected {
  answers: Answers;
  problems: Problem[];
}

/** Raw strings from per-question flags and `--answer KEY=VALUE` (later ones win). */
export function fromFlags(questions: readonly Question[], flags: Record<string, unknown>, pairs: readonly string[]): Collected {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const answers: Answers = {};
  const problems: Problem[] = [];
  const origins = new Map<string, string>();
  const put = (q: Question, raw: unknown, origin: string) => {
    const r = normalizeValue(q, raw);
    if (!r.ok) {
      problems.push({ code: 'bad-value', message: `${origin}: ${r.message}`, hint: r.hint });
      return;
    }
    // Two flags giving different values for one question: say so rather than pick one.
    if (Object.hasOwn(answers, q.id) && answers[q.id] !== r.value) {
      problems.push({
        code: 'conflicting-values',
        message: `${q.id}: ${origins.get(q.id)} gives ${JSON.stringify(answers[q.id])} but ${origin} gives ${JSON.stringify(r.value)}; give one value`,
      });
      return;
    }
    answers[q.id] = r.value;
    origins.set(q.id, origin);
  };
  for (const q of questions) {
    if (flags[q.id] !== undefined) put(q, flags[q.id], flagOf(q));
  }
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      problems.push({ code: 'bad-flag', message: `--answer ${JSON.stringify(pair)}: expected KEY=VALUE, e.g. --answer labeled=1200` });
      continue;
    }
    const key = kebabToCamel(pair.slice(0, eq).trim());
    const q = byId.get(key);
    const value = pair.slice(eq + 1);
    if (!q)
      problems.push({ ...unknownKeyProblem(pair.slice(0, eq).trim(), questions), message: `--answer: ${unknownKeyProblem(key, questions, value).message}` });
    else put(q, value, `--answer ${key}`);
  }
  return { answers, problems };
}

/** A parsed answers file (a flat mapping); `locate` gives each key's position for messages. */
export function fromMapping(
  questions: readonly Question[],
  data: Record<string, unknown>,
  file: string,
  locate: (path: (string | number)[]) => { line: number; column: number },
): Collected {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const answers: Answers = {};
  const problems: Problem[] = [];
  const keyOf = new Map<string, string>();
  for (const [key, raw] of Object.entries(data)) {
    // Keys as in the questions (labelQuality) or as their flags spell them (label-quality).
    const q = byId.get(key) ?? byId.get(kebabToCamel(key));
    if (!q) {
      problems.push({ ...unknownKeyProblem(key, questions, raw), file, ...locate([key]), path: [key] });
      continue;
    }
    const r = normalizeValue(q, raw);
    if (!r.ok) problems.push({ code: 'bad-value', file, ...locate([key]), path: [key], message: r.message, hint: r.hint });
    else if (Object.hasOwn(answers, q.id) && answers[q.id] !== r.value) {
      const message = `${q.id}: "${keyOf.get(q.id)}" gives ${JSON.stringify(answers[q.id])} but "${key}" gives ${JSON.stringify(r.value)}; give one value`;
      problems.push({ code: 'conflicting-values', file, ...locate([key]), path: [key], message });
    } else {
      answers[q.id] = r.value;
      keyOf.set(q.id, key);
    }
  }
  return { answers, problems };
}

/** Earlier sources win: merge(flags, file, data). */
export function merge(...layers: Answers[]): Answers {
  const out: Answers = {};
  for (const layer of [...layers].reverse()) Object.assign(out, layer);
  return out;
}
