/**
 * Precedents that rule packs add (issue 16, item 5): a lab's own published work, validated like
 * the built-in corpus (src/knowledge/precedents.ts: the schema, every problem with file:line:column,
 * unique ids and identifiers across the built-in corpus and every pack).
 *
 * Where a pack keeps them (only paths the user named are read, never a path found in a file):
 * - in a pack folder: its `*.precedents.yaml` (.yml, .json) files and every .yaml, .yml or .json
 *   file of its `precedents/` sub-folder;
 * - a `*.precedents.yaml` file named directly with --rules.
 * The rule-pack loader skips these files (load.ts). Loads yaml and zod: import it lazily.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type Problem, UserError } from '../errors.js';
import type { Knowledge } from './assemble.js';
import { listFolder, PRECEDENT_FILE, PRECEDENT_FOLDER, sortProblems } from './load.js';
import type { Precedent } from './precedent-types.js';
import { crossCheck, type PrecedentFile, parsePrecedentFiles, vocabularyOf } from './precedents.js';
import { loadPrecedents } from './precedents-builtin.js';

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** The precedent files of the packs named (files and folders), in the order given, each folder's by name. */
export function packPrecedentPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (!isDir(p)) {
      if (PRECEDENT_FILE.test(p)) out.push(p);
      continue;
    }
    out.push(...listFolder(p, (n) => PRECEDENT_FILE.test(n)).files);
    const sub = join(p, PRECEDENT_FOLDER);
    if (isDir(sub)) out.push(...listFolder(sub, (n) => /\.(ya?ml|json)$/i.test(n)).files);
  }
  return [...new Set(out)];
}

/**
 * The precedents of the packs named, validated against the knowledge they were loaded with (so
 * a pack's own questions and methods count), and cross-checked with `others` (the built-in
 * corpus, when it is used). Every problem, in file order.
 */
export function readPackPrecedents(
  paths: readonly string[],
  knowledge: Knowledge,
  others: readonly Precedent[] = [],
): { files: string[]; precedents: Precedent[]; problems: Problem[] } {
  const files = packPrecedentPaths(paths);
  const { parsed, problems } = parsePrecedentFiles(files, vocabularyOf(knowledge));
  const builtinFile: PrecedentFile = { file: 'the built-in corpus', precedents: [...others], locate: () => ({ line: 0, column: 0 }) };
  const cross = crossCheck([builtinFile, ...parsed]).filter((p) => p.file !== builtinFile.file);
  return { files, precedents: parsed.flatMap((f) => f.precedents), problems: sortProblems([...problems, ...cross], files) };
}

/**
 * Every precedent the advice may show: the built-in corpus (unless `builtin` is false) and then
 * those of the packs named by `rules` (the same paths the knowledge was loaded from). Throws
 * UserError with every problem of the pack files.
 */
export async function loadPackPrecedents(knowledge: Knowledge, options: { rules?: readonly string[]; builtin?: boolean } = {}): Promise<Precedent[]> {
  const builtin = options.builtin === false ? [] : await loadPrecedents();
  const r = readPackPrecedents(options.rules ?? [], knowledge, builtin);
  if (r.problems.length > 0) throw new UserError(r.problems);
  return [...builtin, ...r.precedents];
}
