/**
 * Reading knowledge packs from disk: files or folders named by the user, and the built-in
 * YAML in development. Loads yaml and zod, so it is imported lazily (see builtin.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Problem, UserError } from '../errors.js';
import { assemble, type Knowledge, type PackSource } from './assemble.js';
import { decodeText, LIMITS, parseYaml } from './parse.js';
import { Pack } from './schema.js';

const PACK_FILE = /\.(ya?ml|json)$/i;
/** At most this many files from one folder (a guard against pointing at a huge tree). */
const MAX_FILES = 200;

/** One file -> a validated pack, or its problems (all of them). */
export function readPack(file: string, shownAs = file): { source?: PackSource; problems: Problem[] } {
  const bytes = readBytes(file, shownAs);
  if ('code' in bytes) return { problems: [bytes] };
  const text = decodeText(bytes, shownAs);
  if (typeof text !== 'string') return { problems: [text] };
  if (text.trim() === '')
    return {
      problems: [{ code: 'empty-file', file: shownAs, line: 1, column: 1, message: 'file is empty; expected a rule pack with "pack", "version" and "rules"' }],
    };
  const parsed = parseYaml(text, shownAs, Pack);
  if (!parsed.value) return { problems: parsed.problems };
  return { source: { file: shownAs, pack: parsed.value, locate: parsed.locate }, problems: [] };
}

function readBytes(file: string, shownAs: string): Uint8Array | Problem {
  try {
    const st = statSync(file);
    if (!st.isFile()) return { code: 'not-a-file', file: shownAs, message: 'not a regular file' };
    if (st.size > LIMITS.fileBytes) {
      return {
        code: 'file-too-large',
        file: shownAs,
        message: `file is ${st.size.toLocaleString('en-US')} bytes; the limit is ${LIMITS.fileBytes.toLocaleString('en-US')}`,
      };
    }
    return readFileSync(file);
  } catch (e) {
    return { code: 'unreadable', file: shownAs, message: describeFsError(e) };
  }
}

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder, expected a file';
  return `cannot read: ${code ?? String(e)}`;
}

/** Files and folders (their *.yaml, *.yml, *.json, sorted by name) in the order given. */
export function expandPaths(paths: readonly string[]): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const p of paths) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch (e) {
      problems.push({ code: 'unreadable', file: p, message: describeFsError(e) });
      continue;
    }
    if (!st.isDirectory()) {
      files.push(p);
      continue;
    }
    const found = readdirSync(p, { withFileTypes: true })
      .filter((d) => d.isFile() && PACK_FILE.test(d.name) && !/\.cases\.ya?ml$/i.test(d.name))
      .map((d) => join(p, d.name))
      .sort();
    if (found.length === 0) problems.push({ code: 'no-packs', file: p, message: 'folder holds no .yaml, .yml or .json rule packs' });
    if (found.length > MAX_FILES)
      problems.push({ code: 'too-many-files', file: p, message: `folder holds ${found.length} rule files; the limit is ${MAX_FILES}` });
    else files.push(...found);
  }
  return { files, problems };
}

/** Built-in YAML packs, validated from source (development and the build step). */
export function readBuiltinSources(root: string): PackSource[] {
  const dir = join(root, 'rules');
  const names = readdirSync(dir)
    .filter((n) => PACK_FILE.test(n))
    .sort(builtinOrder);
  const sources: PackSource[] = [];
  const problems: Problem[] = [];
  for (const name of names) {
    const r = readPack(join(dir, name), `builtin:${relative(dir, join(dir, name))}`);
    problems.push(...r.problems);
    if (r.source) sources.push(r.source);
  }
  if (problems.length > 0) throw new UserError(problems);
  return sources;
}

/** questions and methods first: rule packs refer to them. */
function builtinOrder(a: string, b: string): number {
  const rank = (n: string) => (n.startsWith('questions.') ? 0 : n.startsWith('methods.') ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** Built-in sources (may be none) + user files -> knowledge; throws UserError with every problem. */
export function assembleWithUserPacks(builtin: PackSource[], userPaths: readonly string[]): Knowledge {
  const { files, problems } = expandPaths(userPaths);
  const sources = [...builtin];
  for (const f of files) {
    const r = readPack(f);
    problems.push(...r.problems);
    if (r.source) sources.push(r.source);
  }
  if (problems.length > 0) throw new UserError(problems);
  const { knowledge, problems: cross } = assemble(sources);
  if (cross.length > 0) throw new UserError(cross);
  return knowledge;
}
