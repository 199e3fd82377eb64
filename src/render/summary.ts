import type { Answers } from '../engine/conditions.js';
import { formatAnswer, renderTemplate } from '../engine/template.js';
import type { Question } from '../knowledge/schema.js';

/**
 * "image classification, 900 labelled" and the other answers that differ from their default.
 * The questions decide: those with a `headline` form the headline (choices side by side, then
 * counts after commas; an optional one left out while it has its default), the rest are details.
 */
export function problemSummary(answers: Answers, questions: readonly Question[] = []): { headline: string; details: string[] } {
  const inHeadline = questions.filter((q) => q.headline !== undefined);
  const shown = inHeadline.filter((q) => q.required || (answers[q.id] !== undefined && answers[q.id] !== null && answers[q.id] !== q.default));
  const part = (q: Question) => renderTemplate(q.headline ?? '', { value: answers[q.id] ?? null });
  const words = shown.filter((q) => q.type === 'choice').map(part);
  const counts = shown.filter((q) => q.type !== 'choice').map(part);
  const headline = [words.join(' '), ...counts].filter(Boolean).join(', ');
  const skip = new Set(inHeadline.map((q) => q.id));
  const defaults: Record<string, unknown> = Object.fromEntries(questions.map((q) => [q.id, q.default]));
  const details = Object.entries(answers)
    .filter(([k, v]) => !skip.has(k) && v !== null && v !== 'unknown' && v !== defaults[k])
    .map(([k, v]) => `${k}: ${formatAnswer(v)}`);
  return { headline, details };
}
