/**
 * The "Published problems like yours" section (issue 16, item 3): the closest precedents as the
 * result's `precedents[]`, and the line that says when they used something other than the
 * primary. Pure: the corpus comes in as an argument (loaded lazily by the caller, see
 * knowledge/advice-precedents.ts).
 */

import type { PrecedentOut, Result } from '../knowledge/output.js';
import type { Citation, Precedent } from '../knowledge/precedent-types.js';
import { precedentLink } from '../knowledge/precedent-types.js';
import { isOthers, splitName } from '../text/names.js';
import type { Answers } from './conditions.js';
import { rankPrecedents } from './similarity.js';

/** How many precedents a report shows unless told otherwise. */
export const DEFAULT_PRECEDENTS = 3;
/** The most a report shows (`--precedents N` beyond this is an error). */
export const MAX_PRECEDENTS = 50;

/** The family name as cited (text/names.ts: "Family, Given", particles, or the entry's id for a multi-word one). */
const family = (name: string, id?: string): string => splitName(name, id).family;

/** "Esteva et al. 2017", "Smith & Jones 2020", "Smith 2020". */
export function shortCitation(c: { authors: readonly string[]; year: number }, id?: string): string {
  const named = c.authors.filter((a) => !isOthers(a));
  const more = named.length < c.authors.length;
  const first = family(named[0] ?? 'Anonymous', id);
  if (named.length === 1 && !more) return `${first} ${c.year}`;
  if (named.length === 2 && !more) return `${first} & ${family(named[1] as string)} ${c.year}`;
  return `${first} et al. ${c.year}`;
}

const sentence = (s: string) => (/[.?!]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** "Esteva et al. 2017. Dermatologist-level classification of skin cancer with deep neural networks. Nature." */
export function citationText(c: Citation, id?: string): string {
  return `${shortCitation(c, id)}. ${sentence(c.title)} ${sentence(c.venue)}`;
}

/** One ranked precedent as the JSON document carries it. */
export function precedentOut(p: Precedent, similarity: number, why: string[]): PrecedentOut {
  const out: PrecedentOut = {
    id: p.id,
    citation: citationText(p.citation, p.id),
    authors: [...p.citation.authors],
    year: p.citation.year,
    title: p.citation.title,
    venue: p.citation.venue,
    link: precedentLink(p),
    similarity,
    why,
    used: [...p.used.methods],
    recipe: p.used.recipe,
    result: p.result,
    finding: p.finding,
  };
  if (p.doi) out.doi = p.doi;
  if (p.arxiv) out.arxiv = p.arxiv;
  if (p.url) out.url = p.url;
  return out;
}

/**
 * The `limit` precedents closest to the answers, as the result's `precedents[]`. `full` gives
 * the whole entry of a ranked one (the corpus may hold only what ranking reads: answers and
 * methods; see knowledge/precedent-index.ts).
 */
export function closestPrecedents(
  answers: Answers,
  corpus: readonly Precedent[],
  limit: number = DEFAULT_PRECEDENTS,
  full: (p: Precedent) => Precedent = (p) => p,
): PrecedentOut[] {
  return rankPrecedents(answers, corpus, { limit }).map((r) => precedentOut(full(r.precedent), r.score, r.reasons));
}

/** The result with its precedents (none: `precedents` left out, as before issue 16). */
export function withPrecedents(result: Result, precedents: readonly PrecedentOut[] | undefined): Result {
  if (!precedents) return result;
  return { ...result, precedents: [...precedents] };
}

export interface Contrast {
  /** The method most of the disagreeing precedents used. */
  method: string;
  name: string;
  /** How many of the shown precedents used it and not the primary. */
  count: number;
  shown: number;
  /** Its place among the runners-up (0 = the runner-up). */
  rank: number;
}

/**
 * When at least half of the shown precedents (and at least two, unless one is shown) used a
 * ranked model other than the primary, and not the primary: which one. Only models the result
 * ranks count (a precedent's strategies, such as transfer learning, are not an alternative to
 * the primary model).
 */
export function precedentContrast(result: Result): Contrast | undefined {
  const shown = result.precedents ?? [];
  if (shown.length === 0) return undefined;
  const rec = result.recommendation;
  const ranked = new Map(rec.alternatives.map((a, i) => [a.id, { name: a.name, rank: i }]));
  const counts = new Map<string, number>();
  for (const p of shown) {
    if (p.used.includes(rec.primary.id)) continue;
    for (const m of new Set(p.used)) if (ranked.has(m)) counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  if (!best) return undefined;
  const [method, count] = best;
  if (count * 2 < shown.length || (shown.length > 1 && count < 2)) return undefined;
  const r = ranked.get(method) as { name: string; rank: number };
  return { method, name: r.name, count, shown: shown.length, rank: r.rank };
}

/** "2 of the 3 closest used Gradient-boosted trees rather than the primary: see the runner-up (tree-ensemble)." */
export function contrastSentence(c: Contrast): string {
  const where = c.rank === 0 ? 'see the runner-up' : `see runner-up ${c.rank + 1}`;
  const of = c.shown === 1 ? 'The closest' : `${c.count} of the ${c.shown} closest`;
  return `${of} used ${c.name} rather than the primary: ${where} (${c.method}).`;
}
