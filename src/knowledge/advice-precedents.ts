/**
 * The precedents shown with a recommendation (issue 16, item 3): the corpus is read only when
 * some are shown (`--no-precedents` and `--precedents 0` read nothing). The code is small and
 * imported statically (it is part of the `advise` core); the data is what costs: in the built
 * package a compact index is read and only the entries shown (knowledge/precedent-index.ts).
 */
import { closestPrecedents, DEFAULT_PRECEDENTS, MAX_PRECEDENTS, withPrecedents } from '../engine/precedent-section.js';
import { UserError } from '../errors.js';
import type { Result } from './output.js';
import { rankablePrecedents } from './precedent-index.js';

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

/** The result with the `count` closest precedents of the built-in corpus (unchanged for 0). */
export async function addPrecedents(result: Result, count: number): Promise<Result> {
  if (count <= 0) return result;
  const { entries, full } = await rankablePrecedents();
  return withPrecedents(result, closestPrecedents(result.answers, entries, count, full));
}
