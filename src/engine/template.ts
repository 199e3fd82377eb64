import { formatNumber } from '../text/number.js';
import type { Answers, AnswerValue } from './conditions.js';

/** `{{key}}` -> the answer, numbers with thousands separators, unknown as "unknown". */
export function renderTemplate(text: string, answers: Answers): string {
  return text.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, key: string) => formatAnswer(Object.hasOwn(answers, key) ? answers[key] : null));
}

export function formatAnswer(v: AnswerValue | undefined): string {
  if (v === null || v === undefined) return 'unknown';
  if (typeof v === 'number') return formatNumber(v);
  return v;
}
