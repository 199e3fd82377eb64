/**
 * Looking up the precedent corpus (issue 16): filters, one entry by id with close ids when it is
 * not there. Pure; shared by `dl-advisor precedents` and the MCP `precedents` tool.
 */
import { didYouMean, suggest, UserError } from '../errors.js';
import { KINDS, type Precedent, RESULTS } from '../knowledge/precedent-types.js';
import type { Question } from '../knowledge/schema.js';

export const PRECEDENT_FILTERS = ['modality', 'task', 'kind', 'result'] as const;
export type PrecedentFilter = (typeof PRECEDENT_FILTERS)[number];
export type PrecedentFilters = Partial<Record<PrecedentFilter, string>>;

export function precedentField(p: Precedent, f: PrecedentFilter): string | undefined {
  if (f === 'result') return p.result;
  const v = p.answers[f];
  return v === undefined ? undefined : String(v);
}

/** What each filter takes: the questions' choices for modality and task (and any the corpus uses), the kinds, the results. */
export function filterValues(questions: readonly Question[], all: readonly Precedent[]): Record<PrecedentFilter, string[]> {
  const seen = (f: PrecedentFilter) => all.map((p) => precedentField(p, f)).filter((v): v is string => v !== undefined);
  const choices = (f: 'modality' | 'task') => {
    const q = questions.find((x) => x.id === f);
    return [...new Set([...(q?.choices ?? []).map((c) => c.value), ...seen(f)])];
  };
  return { modality: choices('modality'), task: choices('task'), kind: [...new Set(Object.values(KINDS).flat())], result: [...RESULTS] };
}

export interface PrecedentQuery {
  /** The entries that match every filter, in corpus order, at most `limit`. */
  precedents: Precedent[];
  matching: number;
  total: number;
}

/**
 * The entries matching `filters` (each checked against `allowed`: a bad value is a UserError
 * naming the filter, as `--modality` or `modality` after `prefix`).
 */
export function queryPrecedents(
  all: readonly Precedent[],
  filters: PrecedentFilters,
  allowed: Record<PrecedentFilter, string[]>,
  limit = Number.POSITIVE_INFINITY,
  prefix = '--',
): PrecedentQuery {
  for (const f of PRECEDENT_FILTERS) {
    const v = filters[f];
    if (v !== undefined && !allowed[f].includes(v)) {
      throw new UserError({
        code: 'bad-flag',
        message: `${prefix}${f}: "${v}" is not allowed; allowed: ${allowed[f].join(', ')}`,
        hint: didYouMean(v, allowed[f]),
      });
    }
  }
  const matching = all.filter((p) => PRECEDENT_FILTERS.every((f) => filters[f] === undefined || precedentField(p, f) === filters[f]));
  return { precedents: matching.slice(0, limit), matching: matching.length, total: all.length };
}

/** One entry by id, or a UserError (unknown-precedent) naming the id and the closest ids. */
export function findPrecedent(all: readonly Precedent[], id: string): Precedent {
  const p = all.find((x) => x.id === id);
  if (p) return p;
  const close = closeIds(
    id,
    all.map((x) => x.id),
  );
  throw new UserError({
    code: 'unknown-precedent',
    message: `unknown precedent "${id}"${close.length > 0 ? `; close ids: ${close.join(', ')}` : ''}`,
    hint: 'list them with: dl-advisor precedents (filters: --modality, --task, --kind, --result)',
  });
}

/** Up to three ids closest to `input`: most words in common (author, year, topic), then the shortest; else the nearest spelling. */
export function closeIds(input: string, ids: readonly string[]): string[] {
  const words = input
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const scored = ids
    .map((id) => {
      const theirs = id.split('-');
      return { id, shared: words.filter((w) => theirs.some((t) => t === w || (w.length >= 4 && t.startsWith(w)))).length };
    })
    .filter((x) => x.shared > 0)
    .sort((a, b) => b.shared - a.shared || a.id.length - b.id.length || (a.id < b.id ? -1 : 1));
  const best = scored[0]?.shared ?? 0;
  const close = scored
    .filter((x) => x.shared === best)
    .slice(0, 3)
    .map((x) => x.id);
  if (close.length > 0) return close;
  const typo = suggest(input, ids);
  return typo ? [typo] : [];
}
