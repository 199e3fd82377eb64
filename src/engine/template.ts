import type { Answers, AnswerValue } from './conditions.js';

/** `{{key}}` -> the answer, numbers with thousands separators, unknown as "unknown". */
export function renderTemplate(text: string, answers: Answers): string {
  return text.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, key: string) => formatAnswer(Object.hasOwn(answers, key) ? answers[key] : null));
}

export function formatAnswer(v: AnswerValue | undefined): string {
  if (v === null || v === undefined) return 'unknown';
  if (typeof v === 'number') return groupThousands(v);
  return v;
}

/** 1234567 -> "1,234,567" (toLocaleString builds a formatter per call: 100x slower). */
export function groupThousands(n: number): string {
  const [int = '', frac] = String(Math.abs(n)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}
