/**
 * The precedents shown with a recommendation (issue 16, item 3): the corpus is read only when
 * some are shown (`--no-precedents` and `--precedents 0` read nothing). The code is small and
 * imported statically (it is part of the `advise` core); the data is what costs: in the built
 * package a compact index is read and only the entries shown (knowledge/precedent-index.ts).
 */
import { closestPrecedents, DEFAULT_PRECEDENTS, MAX_PRECEDENTS, withPrecedents } from '../engine/precedent-section.js';
import { UserError } from '../errors.js';
import type { Knowledge } from './assemble.js';
import type { Result } from './output.js';
import { rankablePrecedents } from './precedent-index.js';
import type { Precedent } from './precedent-types.js';

/** How many to show: a count 0..MAX_PRECEDENTS, false for none, undefined for the default. */
export type PrecedentCount = number | false | undefined;

/** The count as given on the command line or to advise(): a whole number 0..50, or a UserError naming it. */
export function precedentCount(value: unknown, name = '--precedents'): number {
  if (value === undefined || value === true) return DEFAULT_PRECEDENTS;
  if (value === false) return 0;
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_PRECEDENTS) {
    throw new UserError({
      code: 'bad-flag',
      message: `${name}: ${JSON.stringify(value)} is not allowed; allowed: a whole number from 0 to ${MAX_PRECEDENTS} (how many published problems to show)`,
      hint: name === '--precedents' ? 'or --no-precedents to show none' : undefined,
    });
  }
  return n;
}

/** The rule packs the advice was loaded with, whose precedents count too (issue 16, item 5). */
export interface PackSource {
  knowledge: Knowledge;
  rules?: readonly string[];
  /** false with --no-builtin-rules: only the packs' precedents. */
  builtin?: boolean;
}

/**
 * The result with the `count` closest precedents (unchanged for 0): the built-in corpus and, with
 * `packs`, the precedents those packs add (validated; a broken pack file throws UserError).
 */
export async function addPrecedents(result: Result, count: number, packs?: PackSource): Promise<Result> {
  if (count <= 0) return result;
  const builtin = packs?.builtin === false ? { entries: [], full: (p: Precedent) => p } : await rankablePrecedents(result.answers.modality, count);
  const own = packs?.rules?.length ? await packPrecedents(packs) : [];
  if (own.length === 0) return withPrecedents(result, closestPrecedents(result.answers, builtin.entries, count, builtin.full));
  const mine = new Set(own);
  const full = (p: Precedent) => (mine.has(p) ? p : builtin.full(p));
  return withPrecedents(result, closestPrecedents(result.answers, [...builtin.entries, ...own], count, full));
}

async function packPrecedents(packs: PackSource): Promise<Precedent[]> {
  const { packPrecedentPaths, readPackPrecedents } = await import('./precedents-pack.js');
  if (packPrecedentPaths(packs.rules ?? []).length === 0) return [];
  const others = packs.builtin === false ? [] : await (await import('./precedents-builtin.js')).loadPrecedents();
  const r = readPackPrecedents(packs.rules ?? [], packs.knowledge, others);
  if (r.problems.length > 0) throw new UserError(r.problems);
  return r.precedents;
}
