/**
 * The built-in knowledge. In the built package it is read from dist/knowledge.json, which the
 * build step validated with the full loader (schemas and cross-checks), so advising with the
 * built-in rules needs neither yaml nor zod. From source (tsx, tests) the YAML is validated
 * on every load.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { assemble, type Knowledge, type PackSource } from './assemble.js';
import { packageRoot } from './paths.js';
import type { Pack } from './schema.js';

declare const __PRECOMPILED__: boolean | undefined;

export interface Precompiled {
  format: 1;
  sources: { file: string; pack: Pack }[];
}

const noLocation = () => ({ line: 1, column: 1 });

export function fromPrecompiled(data: Precompiled): PackSource[] {
  return data.sources.map((s) => ({ ...s, locate: noLocation }));
}

export function toPrecompiled(sources: readonly PackSource[]): Precompiled {
  return { format: 1, sources: sources.map(({ file, pack }) => ({ file, pack })) };
}

let cached: PackSource[] | undefined;

export async function builtinSources(): Promise<PackSource[]> {
  if (cached) return cached;
  if (typeof __PRECOMPILED__ !== 'undefined' && __PRECOMPILED__) {
    // Bundled code may sit in a chunk folder: find the file from the package root.
    const text = readFileSync(`${packageRoot()}dist/knowledge.json`, 'utf8');
    cached = fromPrecompiled(JSON.parse(text) as Precompiled);
  } else {
    const { readBuiltinSources } = await import('./load.js');
    cached = readBuiltinSources(packageRoot());
  }
  return cached;
}

export interface LoadOptions {
  /** Rule pack files or folders, in precedence order (later ones override earlier ones). */
  rules?: readonly string[];
  /** Include the built-in packs (default true). */
  builtin?: boolean;
}

/** Built-in and user packs -> knowledge. User files are fully validated; throws UserError. */
export async function loadKnowledge(options: LoadOptions = {}): Promise<Knowledge> {
  const builtin = options.builtin === false ? [] : await builtinSources();
  const userPaths = options.rules ?? [];
  if (builtin.length === 0 && userPaths.length === 0) {
    throw new UserError({ code: 'no-rules', message: 'no rules to use: --no-builtin-rules needs at least one --rules PATH' });
  }
  if (userPaths.length === 0) {
    const { knowledge, problems } = assemble(builtin);
    if (problems.length > 0) throw new UserError(problems);
    return knowledge;
  }
  const { assembleWithUserPacks } = await import('./load.js');
  return assembleWithUserPacks(builtin, userPaths);
}
