/** What a question's answer is when nobody gives one. Dependency-free (the engine uses it). */
import type { Question } from './schema.js';

/** The declared default; else the "not sure" choice of a choice question; else unknown (null). */
export function defaultAnswer(q: Question): string | number | null {
  return q.default ?? (q.type === 'integer' ? null : (q.unsure ?? null));
}
