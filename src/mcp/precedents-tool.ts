/**
 * The MCP `precedents` tool (issue 16): the `dl-advisor precedents` command for assistants, from
 * the same definitions (the filters and their values in engine/precedent-query.ts, the corpus
 * from loadPrecedents() with the precedents of the server's rule packs, the text renderers of the CLI).
 */
import { filterValues, findPrecedent, PRECEDENT_FILTERS, type PrecedentFilters, queryPrecedents } from '../engine/precedent-query.js';
import { UserError } from '../errors.js';
import type { Knowledge } from '../knowledge/assemble.js';
import type { Precedent } from '../knowledge/precedent-types.js';
import { loadPrecedents } from '../knowledge/precedents-builtin.js';
import { precedentListText, precedentText } from '../render/precedents.js';
import { plain } from '../render/style.js';
import type { Packs, Tool, ToolResult } from './tools.js';

const TEXT_WIDTH = 100;
const FILTER_HELP: Record<(typeof PRECEDENT_FILTERS)[number], string> = {
  modality: 'Only entries of this modality.',
  task: 'Only entries of this task.',
  kind: 'Only entries of this kind of data (molecules, volume, signal, ...).',
  result: 'positive: the method worked; negative: a complex model did not beat a simple one; caution: a shift, shortcut or leakage.',
};

/** The built-in corpus (unless `builtin` is false) and the packs' precedents, validated against `k` (a UserError if broken). */
export async function allPrecedents(k: Knowledge, packs: Packs): Promise<Precedent[]> {
  if (!packs.rules?.length && packs.builtin !== false) return loadPrecedents();
  const { loadPackPrecedents } = await import('../knowledge/precedents-pack.js');
  return loadPackPrecedents(k, packs);
}

export function precedentsTool(k: Knowledge, packs: Packs = {}): Tool {
  const allowed = filterValues(k.questions, []);
  const filters = Object.fromEntries(PRECEDENT_FILTERS.map((f) => [f, { type: 'string', enum: allowed[f], description: FILTER_HELP[f] }]));
  return {
    name: 'precedents',
    title: 'Published problems like yours',
    description:
      'The corpus of published applications behind the advice: each entry has the citation, a DOI, arXiv id or URL, the problem as answers, what the authors used and what they found (with the figure), and how it was checked against the publication. With an id, that entry; otherwise the entries matching the filters. advise already returns the closest ones as `precedents`; use this to read one in full or to browse, e.g. the negative results for a modality. Cite only what it returns.',
    inputSchema: {
      type: 'object',
      properties: {
        id: { type: 'string', description: 'A precedent id, e.g. from advise `precedents[].id`.' },
        ...filters,
        limit: { type: 'integer', minimum: 1, description: 'At most this many entries (default 20).' },
      },
      additionalProperties: false,
    },
    call: (args) => callPrecedents(k, packs, args),
  };
}

async function callPrecedents(k: Knowledge, packs: Packs, args: Record<string, unknown>): Promise<ToolResult> {
  const { id, limit, ...rest } = args;
  const all = await allPrecedents(k, packs);
  if (id !== undefined) {
    if (typeof id !== 'string') throw argError('id', id, 'a precedent id');
    const p = findPrecedent(all, id);
    return { structured: { schemaVersion: 1, precedent: p }, text: precedentText(p, TEXT_WIDTH, plain) };
  }
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1))
    throw argError('limit', limit, 'a whole number of at least 1');
  for (const [key, v] of Object.entries(rest)) if (typeof v !== 'string') throw argError(key, v, 'a string');
  const q = queryPrecedents(all, rest as PrecedentFilters, filterValues(k.questions, all), (limit as number | undefined) ?? 20, '');
  return { structured: { schemaVersion: 1, ...q }, text: precedentListText(q.precedents, q.matching, q.total, TEXT_WIDTH, plain) };
}

function argError(key: string, value: unknown, allowed: string): UserError {
  return new UserError({ code: 'bad-argument', message: `${key}: ${JSON.stringify(value) ?? String(value)} is not allowed; allowed: ${allowed}` });
}
