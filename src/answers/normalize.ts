/**
 * Answer values as people write them -> normalised answers (contract section 1).
 * Pure and zod-free, so that advising from flags loads no validation library.
 * The JSON Schema of answers files is generated from the questions (answersSchema in
 * knowledge/json-schemas.ts).
 */
import type { Answers, AnswerValue } from '../engine/conditions.js';
import { didYouMean, type Problem } from '../errors.js';
import { defaultAnswer } from '../knowledge/default-answer.js';
import type { Question } from '../knowledge/schema.js';
import { formatNumber } from '../text/number.js';

export type Normalized = { ok: true; value: AnswerValue } | { ok: false; message: string; hint?: string };

const MULTIPLIERS: Record<string, number> = { k: 3, m: 6, g: 9, b: 9 };
const COUNT = /^([0-9]+|[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:_[0-9]{3})+)(?:\.([0-9]+))?(?:e([0-9]{1,2}))?\s*([kKmMgGbB])?$/;

/** "1200", "1,200", "1_200", "1.2k", "3M", "2e4" -> integer; null when it is not a whole count. */
export function parseCount(text: string): number | null {
  const m = COUNT.exec(text.trim());
  if (!m) return null;
  const whole = (m[1] ?? '').replace(/[,_]/g, '');
  const frac = m[2] ?? '';
  const shift = Number(m[3] ?? 0) + (m[4] ? (MULTIPLIERS[m[4].toLowerCase()] ?? 0) : 0);
  // Shift the decimal point in the digits, so that 1.1k is exactly 1100 (no float rounding).
  const digits = whole + frac;
  const exponent = shift - frac.length;
  if (exponent < 0 && !/^0+$/.test(digits.slice(exponent))) return null;
  const intDigits = exponent >= 0 ? digits + '0'.repeat(exponent) : digits.slice(0, exponent);
  const n = Number(intDigits);
  return Number.isSafeInteger(n) ? n : null;
}

/** A raw value as it appears in messages; never throws (objects without prototypes included). */
function describeRaw(raw: unknown): string {
  if (typeof raw === 'string') return JSON.stringify(raw);
  if (raw === null || ['number', 'boolean', 'bigint', 'undefined'].includes(typeof raw)) return String(raw);
  return Array.isArray(raw) ? 'a list' : 'a mapping';
}

export function countExamples(q: Question): string {
  return `a whole number${q.min !== undefined ? ` >= ${q.min}` : ''} (e.g. 1200, 1,200, 1.2k, 3M)${q.default === null ? ', or "unknown"' : ''}`;
}

export function choiceValues(q: Question): string[] {
  return q.choices?.map((c) => c.value) ?? [];
}

/** Normalise one raw value for a question; the message names the value and what is allowed. */
export function normalizeValue(q: Question, raw: unknown): Normalized {
  const shown = describeRaw(raw);
  if (q.type === 'integer') {
    if (raw === null || (typeof raw === 'string' && ['', 'unknown'].includes(raw.trim().toLowerCase()))) {
      return q.default === null ? { ok: true, value: null } : { ok: false, message: `${q.id}: ${shown} is not allowed; expected ${countExamples(q)}` };
    }
    const n = typeof raw === 'number' ? (Number.isSafeInteger(raw) ? raw : null) : typeof raw === 'string' ? parseCount(raw) : null;
    if (n === null) {
      const digits = typeof raw === 'string' ? raw.replace(/[\s,_]/g, '') : '';
      const huge = (typeof raw === 'number' && Number.isInteger(raw)) || /^[0-9]{16,}$/.test(digits);
      const why = huge
        ? `is too large (at most ${formatNumber(Number.MAX_SAFE_INTEGER)})`
        : typeof raw === 'number' && Number.isFinite(raw) && !Number.isInteger(raw)
          ? 'is not a whole number'
          : 'is not a count';
      return { ok: false, message: `${q.id}: ${shown} ${why}; expected ${countExamples(q)}` };
    }
    if (q.min !== undefined && n < q.min) return { ok: false, message: `${q.id}: ${shown} is below the minimum ${q.min}; expected ${countExamples(q)}` };
    return { ok: true, value: n };
  }
  const values = choiceValues(q);
  let text: string | undefined;
  if (typeof raw === 'string') text = raw.trim();
  else if (typeof raw === 'boolean' && values.includes('yes') && values.includes('no')) text = raw ? 'yes' : 'no';
  const match = text === undefined ? undefined : values.find((v) => v.toLowerCase() === text.toLowerCase());
  if (match !== undefined) return { ok: true, value: match };
  return {
    ok: false,
    message: `${q.id}: ${shown} is not allowed; allowed: ${values.join(', ')}`,
    hint: text === undefined ? undefined : didYouMean(text, values),
  };
}

/** Keys of an answers object that are no question, with a suggestion. */
export function unknownKeyProblem(key: string, questions: readonly Question[], value?: unknown): Problem {
  const ids = questions.map((q) => q.id);
  const camel = kebabToCamel(key);
  const hint = camel !== key && ids.includes(camel) ? `write "${camel}"` : didYouMean(key, ids);
  const given = value === undefined ? '' : ` (value ${describeRaw(value)})`;
  return { code: 'unknown-key', message: `unknown answer key "${key}"${given}; known keys: ${ids.join(', ')}`, hint };
}

export function kebabToCamel(s: string): string {
  return s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function camelToKebab(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export function flagOf(q: Question | string): string {
  return `--${camelToKebab(typeof q === 'string' ? q : q.id)}`;
}

/**
 * Fill defaults in question order. Returns the missing required questions instead of
 * guessing them. Answers to questions that do not exist must have been rejected before.
 */
export function completeAnswers(questions: readonly Question[], given: Answers): { answers: Answers; missing: Question[] } {
  const answers: Answers = {};
  const missing: Question[] = [];
  for (const q of questions) {
    if (Object.hasOwn(given, q.id)) answers[q.id] = given[q.id] ?? null;
    else if (q.required) missing.push(q);
    else answers[q.id] = defaultAnswer(q);
  }
  return { answers, missing };
}

/** `hint`: what to do, when it depends on why nothing was asked (see promptBlocker). */
export function missingProblem(missing: readonly Question[], hint?: string): Problem {
  const list = missing.map((q) => `${q.id} (${flagOf(q)} <value>)`).join(', ');
  return {
    code: 'missing-answer',
    message: `missing required answer${missing.length > 1 ? 's' : ''}: ${list}`,
    hint: hint ?? 'pass them as flags, with --answer KEY=VALUE or --answers FILE, or run in a terminal to be asked',
  };
}
