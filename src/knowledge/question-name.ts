/** How a question is named where people read it (the review, Markdown): words, not its key. */
import type { Question } from './schema.js';

/**
 * A count's unit ("Labelled training examples"), else the key in words: labelQuality -> "Label
 * quality", relatedTasks -> "Related tasks"; a key of three letters or fewer is an acronym (snr
 * -> "SNR").
 */
export function questionName(q: Pick<Question, 'id' | 'type' | 'unit'>): string {
  if (q.type === 'integer' && q.unit) return capitalize(q.unit);
  if (q.id.length <= 3) return q.id.toUpperCase();
  return capitalize(q.id.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase());
}

/** The name inside a sentence: "Change label quality", but "Change SNR". */
export function questionNameInline(q: Pick<Question, 'id' | 'type' | 'unit'>): string {
  const name = questionName(q);
  return /^[A-Z][a-z]/.test(name) ? name[0]?.toLowerCase() + name.slice(1) : name;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
