/**
 * The built-in precedent corpus, loaded on first use (nothing on the `advise` path imports this
 * module yet: the caller that shows precedents should import it lazily, as builtin.ts does with
 * load.ts). In the built package it comes precompiled as dist/knowledge/precedents-details.jsonl, one
 * entry per line (the build validated it with the full schema; precedent-index.ts reads lines of it), so reading it needs neither yaml nor zod; from
 * source (tsx, tests) the YAML is validated on every first load.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { loadKnowledge } from './builtin.js';
import { packageRoot } from './paths.js';
import type { Precedent } from './precedent-types.js';

declare const __PRECOMPILED__: boolean | undefined;
const PRECOMPILED = typeof __PRECOMPILED__ !== 'undefined' && __PRECOMPILED__;

/** The corpus in the built package, one entry per line (also read line by line: precedent-index.ts). */
export const DETAILS_FILE = 'precedents-details.jsonl';

let cached: Promise<Precedent[]> | undefined;

/** The built-in precedents (validated; throws UserError when a corpus file is broken). */
export function loadPrecedents(): Promise<Precedent[]> {
  cached ??= PRECOMPILED ? Promise.resolve(readPrecompiled()) : fromSource();
  return cached;
}

/** The whole corpus from the details file the build writes for advise (one entry per line). */
function readPrecompiled(): Precedent[] {
  const text = readFileSync(`${packageRoot()}dist/knowledge/${DETAILS_FILE}`, 'utf8').trimEnd();
  return JSON.parse(`[${text.split('\n').join(',')}]`) as Precedent[];
}

async function fromSource(): Promise<Precedent[]> {
  const [{ readBuiltinPrecedents, vocabularyOf }, knowledge] = await Promise.all([import('./precedents.js'), loadKnowledge()]);
  const { precedents, problems } = readBuiltinPrecedents(packageRoot(), vocabularyOf(knowledge));
  if (problems.length > 0) {
    cached = undefined;
    throw new UserError(problems);
  }
  return precedents;
}
