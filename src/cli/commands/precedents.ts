/**
 * `dl-advisor precedents [ID]`: list, filter and show the published problems of the corpus (issue 16),
 * with the precedents of the rule packs given (`--rules`, and the default packs) added to it.
 */
import { filterValues, findPrecedent, PRECEDENT_FILTERS, type PrecedentFilters, queryPrecedents } from '../../engine/precedent-query.js';
import { UserError } from '../../errors.js';
import type { Knowledge } from '../../knowledge/assemble.js';
import type { Precedent } from '../../knowledge/precedent-types.js';
import { loadPrecedents } from '../../knowledge/precedents-builtin.js';
import { precedentListText, precedentText } from '../../render/precedents.js';
import { type Context, formatOf } from '../context.js';

export interface PrecedentsOptions extends PrecedentFilters {
  limit?: string;
  format?: string;
  json?: boolean;
  color?: boolean;
  rules?: string[];
  builtinRules?: boolean;
}

/**
 * The knowledge of the packs named (after the default packs) and every precedent it may show:
 * the built-in corpus (unless `builtinRules` is false), then the packs' own, validated against
 * that knowledge (a broken precedent file is a UserError with file:line:column, exit 2).
 */
export async function precedentsWithPacks(
  ctx: Context,
  opts: Pick<PrecedentsOptions, 'rules' | 'builtinRules'>,
): Promise<{ knowledge: Knowledge; all: Precedent[] }> {
  const knowledge = await ctx.knowledge({ rules: opts.rules, builtin: opts.builtinRules });
  const rules = [...new Set([...(await ctx.defaultPacks()).rules, ...(opts.rules ?? [])])];
  if (rules.length === 0 && opts.builtinRules !== false) return { knowledge, all: await loadPrecedents() };
  const { loadPackPrecedents } = await import('../../knowledge/precedents-pack.js');
  return { knowledge, all: await loadPackPrecedents(knowledge, { rules, builtin: opts.builtinRules }) };
}

export async function precedents(ctx: Context, id: string | undefined, opts: PrecedentsOptions): Promise<number> {
  const { knowledge, all } = await precedentsWithPacks(ctx, opts);
  if (id !== undefined) {
    const p = findPrecedent(all, id);
    await ctx.show(formatOf(opts), opts.color, (r, view) =>
      r.report({ json: { schemaVersion: 1, precedent: p }, text: (v) => precedentText(p, v.width, v.style) }, view),
    );
    return 0;
  }
  const filters = Object.fromEntries(PRECEDENT_FILTERS.flatMap((f) => (opts[f] === undefined ? [] : [[f, opts[f]]])));
  const q = queryPrecedents(all, filters, filterValues(knowledge.questions, all), limitOf(opts.limit));
  const json = { schemaVersion: 1, ...q };
  // On a terminal within its width; piped, one line an entry (for grep).
  await ctx.show(formatOf(opts), opts.color, (r, view) =>
    r.report({ json, text: (v) => precedentListText(q.precedents, q.matching, q.total, v.pretty ? v.width : Number.POSITIVE_INFINITY, v.style) }, view),
  );
  return 0;
}

function limitOf(value: string | undefined): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < 1) {
    throw new UserError({ code: 'bad-flag', message: `--limit: "${value}" is not allowed; allowed: a whole number of at least 1` });
  }
  return Number(value);
}
