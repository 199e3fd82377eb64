/**
 * The built-in precedent corpus, loaded on first use (nothing on the `advise` path imports this
 * module yet: the caller that shows precedents should import it lazily, as builtin.ts does with
 * load.ts). In the built package it comes precompiled as dist/knowledge/precedents.json (the
 * build validated it with the full schema), so reading it needs neither yaml nor zod; from
 * source (tsx, tests) the YAML is validated on every first load.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { loadKnowledge, PRECOMPILED_FORMAT } from './builtin.js';
import { packageRoot } from './paths.js';
import type { Precedent } from './precedent-types.js';

declare const __PRECOMPILED__: boolean | undefined;
const PRECOMPILED = typeof __PRECOMPILED__ !== 'undefined' && __PRECOMPILED__;

/** What the build writes to dist/knowledge/precedents.json. */
export interface PrecompiledPrecedents {
  format: typeof PRECOMPILED_FORMAT;
  precedents: Precedent[];
}

export function toPrecompiledPrecedents(precedents: readonly Precedent[]): PrecompiledPrecedents {
  return { format: PRECOMPILED_FORMAT, precedents: [...precedents] };
}

let cached: Promise<Precedent[]> | undefined;

/** The built-in precedents (validated; throws UserError when a corpus file is broken). */
export function loadPrecedents(): Promise<Precedent[]> {
  cached ??= PRECOMPILED ? Promise.resolve(readPrecompiled()) : fromSource();
  return cached;
}

function readPrecompiled(): Precedent[] {
  const data = JSON.parse(readFileSync(`${packageRoot()}dist/knowledge/precedents.json`, 'utf8')) as PrecompiledPrecedents;
  return data.precedents;
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
