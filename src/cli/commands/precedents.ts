/** `dl-advisor precedents [ID]`: list, filter and show the published problems of the corpus (issue 16). */
import { didYouMean, suggest, UserError } from '../../errors.js';
import { KINDS, type Precedent, RESULTS } from '../../knowledge/precedent-types.js';
import { loadPrecedents } from '../../knowledge/precedents-builtin.js';
import { precedentListText, precedentText } from '../../render/precedents.js';
import { type Context, formatOf } from '../context.js';

export interface PrecedentsOptions {
  modality?: string;
  task?: string;
  kind?: string;
  result?: string;
  limit?: string;
  format?: string;
  json?: boolean;
  color?: boolean;
}

const FILTERS = ['modality', 'task', 'kind', 'result'] as const;
type Filter = (typeof FILTERS)[number];

export async function precedents(ctx: Context, id: string | undefined, opts: PrecedentsOptions): Promise<number> {
  const all = await loadPrecedents();
  if (id !== undefined) {
    const p = all.find((x) => x.id === id);
    if (!p) throw unknownPrecedent(id, all);
    await ctx.show(formatOf(opts), opts.color, (r, view) =>
      r.report({ json: { schemaVersion: 1, precedent: p }, text: (v) => precedentText(p, v.width, v.style) }, view),
    );
    return 0;
  }
  const allowed = await allowedValues(ctx, all);
  for (const f of FILTERS) {
    const v = opts[f];
    if (v !== undefined && !allowed[f].includes(v)) {
      throw new UserError({ code: 'bad-flag', message: `--${f}: "${v}" is not allowed; allowed: ${allowed[f].join(', ')}`, hint: didYouMean(v, allowed[f]) });
    }
  }
  const limit = limitOf(opts.limit);
  const matching = all.filter((p) => FILTERS.every((f) => opts[f] === undefined || fieldOf(p, f) === opts[f]));
  const list = matching.slice(0, limit);
  const json = { schemaVersion: 1, total: all.length, matching: matching.length, precedents: list };
  await ctx.show(formatOf(opts), opts.color, (r, view) =>
    r.report({ json, text: (v) => precedentListText(list, matching.length, all.length, v.pretty ? v.width : Number.POSITIVE_INFINITY, v.style) }, view),
  );
  return 0;
}

function fieldOf(p: Precedent, f: Filter): string | undefined {
  if (f === 'result') return p.result;
  const v = p.answers[f];
  return v === undefined ? undefined : String(v);
}

/** What each filter takes: the questions' choices for modality and task, the corpus's kinds and results. */
async function allowedValues(ctx: Context, all: readonly Precedent[]): Promise<Record<Filter, string[]>> {
  const k = await ctx.knowledge();
  const choices = (qid: string, seen: string[]) => {
    const q = k.questions.find((x) => x.id === qid);
    return [...new Set([...(q?.choices ?? []).map((c) => c.value), ...seen])];
  };
  const seen = (f: Filter) => all.map((p) => fieldOf(p, f)).filter((v): v is string => v !== undefined);
  return {
    modality: choices('modality', seen('modality')),
    task: choices('task', seen('task')),
    kind: [...new Set(Object.values(KINDS).flat())],
    result: [...RESULTS],
  };
}

function limitOf(value: string | undefined): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < 1) {
    throw new UserError({ code: 'bad-flag', message: `--limit: "${value}" is not allowed; allowed: a whole number of at least 1` });
  }
  return Number(value);
}

/** One line naming the id, with the closest ids (shared words first, then spelling). */
export function unknownPrecedent(id: string, all: readonly Precedent[]): UserError {
  const close = closeIds(
    id,
    all.map((p) => p.id),
  );
  return new UserError({
    code: 'unknown-precedent',
    message: `unknown precedent "${id}"${close.length > 0 ? `; close ids: ${close.join(', ')}` : ''}`,
    hint: 'list them with: dl-advisor precedents (filters: --modality, --task, --kind, --result)',
  });
}

/** Up to three ids closest to `input`: most words in common (author, year, topic), then the shortest. */
export function closeIds(input: string, ids: readonly string[]): string[] {
  const words = input
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.length === 0) return [];
  const scored = ids
    .map((id) => {
      const theirs = id.split('-');
      const shared = words.filter((w) => theirs.some((t) => t === w || (w.length >= 4 && t.startsWith(w)))).length;
      return { id, shared };
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
