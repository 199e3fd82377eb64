/**
 * Reading knowledge packs from disk: files or folders named by the user, and the built-in
 * YAML in development. Loads yaml and zod, so it is imported lazily (see builtin.ts).
 *
 * Precedence: packs apply in the order given (the built-in packs first, then each --rules path
 * in order; the files of a folder in name order). A later pack may replace a rule of an earlier
 * one (`override: true`) or switch it off (`disable`). Only the paths the user named are read:
 * nothing inside a pack is ever used as a path.
 */
import { type Dirent, opendirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Problem, UserError } from '../errors.js';
import { isBytes, readLimited } from '../io/files.js';
import { describeFsError } from '../io/fs-errors.js';
import { formatNumber } from '../text/number.js';
import { assemble, type Knowledge, type PackSource } from './assemble.js';
import { LIMITS } from './limits.js';
import { decodeText, parseYaml } from './parse.js';
import { ID_PATTERN, Method, Pack, Question, Rule } from './schema.js';

const PACK_FILE = /\.(ya?ml|json)$/i;
export const CASE_FILE = /\.cases\.(ya?ml|json)$/i;
/** Precedent files of a pack (issue 16, item 5): read by precedents-pack.ts, not as rule packs. */
export const PRECEDENT_FILE = /\.precedents\.(ya?ml|json)$/i;
/** The sub-folder of a pack folder whose files are all precedent files. */
export const PRECEDENT_FOLDER = 'precedents';

/** A rule pack or case file named by the user -> its text, or a problem (see readLimited). */
export function readUserFile(file: string, shownAs = file, limit: number = LIMITS.fileBytes): string | Problem {
  const bytes = readLimited(file, limit, shownAs, 'split it into several files');
  return isBytes(bytes) ? decodeText(bytes, shownAs, limit) : bytes;
}

/** One file -> a validated pack, or its problems (all of them). */
export function readPack(file: string, shownAs = file): { source?: PackSource; partial?: PackSource; problems: Problem[] } {
  const text = readUserFile(file, shownAs);
  if (typeof text !== 'string') return { problems: [text] };
  if (text.trim() === '') {
    return {
      problems: [{ code: 'empty-file', file: shownAs, line: 1, column: 1, message: 'file is empty; expected a rule pack with "pack", "version" and "rules"' }],
    };
  }
  const parsed = parseYaml(text, shownAs, Pack);
  if (parsed.value) return { source: { file: shownAs, pack: parsed.value, locate: parsed.locate }, problems: [] };
  // The schema failed: keep the parts that are valid, so that the cross-checks (unknown
  // questions, methods, duplicate ids) still run and `rules validate` reports everything at once.
  const salvaged = parsed.data === undefined ? undefined : salvage(parsed.data);
  return {
    problems: parsed.problems,
    partial: salvaged && { file: shownAs, pack: salvaged.pack, locate: parsed.locate, broken: salvaged.broken },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The valid items of an invalid pack, at their original indices (a sparse array, so that the
 * positions of the cross-check problems stay right), and the ids of the invalid ones.
 */
function salvage(data: unknown): { pack: Pack; broken: Set<string> } | undefined {
  if (!isObject(data)) return undefined;
  const broken = new Set<string>();
  const section = <T>(
    name: string,
    kind: 'question' | 'method' | 'rule',
    schema: { safeParse(x: unknown): { success: boolean; data?: T } },
    max: number,
  ): T[] | undefined => {
    const list = data[name];
    if (!Array.isArray(list) || list.length > max) return undefined;
    const out: T[] = [];
    list.forEach((item, i) => {
      const r = schema.safeParse(item);
      if (r.success) out[i] = r.data as T;
      else if (isObject(item) && typeof item.id === 'string') broken.add(`${kind}:${item.id}`);
    });
    return out;
  };
  const disable = Array.isArray(data.disable) && data.disable.length <= LIMITS.rulesPerPack ? data.disable : [];
  const pack: Pack = {
    pack: typeof data.pack === 'string' && ID_PATTERN.test(data.pack) ? data.pack : 'invalid-pack',
    version: '0.0.0',
    questions: section('questions', 'question', Question, 200),
    methods: section('methods', 'method', Method, 500),
    rules: section('rules', 'rule', Rule, LIMITS.rulesPerPack),
  };
  const ids: string[] = [];
  disable.forEach((id, i) => {
    if (typeof id === 'string' && ID_PATTERN.test(id)) ids[i] = id;
  });
  pack.disable = ids;
  return { pack, broken };
}

/**
 * The files of a folder that match, in name order; at most LIMITS.filesPerFolder (the listing
 * stops as soon as there are more, so pointing at a huge folder costs little). Symbolic links
 * to files count; sub-folders are not searched.
 */
export function listFolder(dir: string, match: (name: string) => boolean): { files: string[]; problem?: Problem } {
  const found: string[] = [];
  let handle: ReturnType<typeof opendirSync> | undefined;
  try {
    handle = opendirSync(dir);
    for (let d: Dirent | null = handle.readSync(); d !== null; d = handle.readSync()) {
      if (!match(d.name)) continue;
      const path = join(dir, d.name);
      if (!(d.isFile() || (d.isSymbolicLink() && isFile(path)))) continue;
      found.push(path);
      if (found.length > LIMITS.filesPerFolder) {
        return {
          files: [],
          problem: {
            code: 'too-many-files',
            file: dir,
            message: `folder holds more than ${formatNumber(LIMITS.filesPerFolder)} rule files; the limit is ${formatNumber(LIMITS.filesPerFolder)}`,
            hint: 'name the files or smaller folders with --rules instead',
          },
        };
      }
    }
  } catch (e) {
    return { files: [], problem: { code: 'unreadable', file: dir, message: describeFsError(e) } };
  } finally {
    handle?.closeSync();
  }
  return { files: found.sort(byName) };
}

/** Code-point order, the same on every machine and locale. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Files and folders (their *.yaml, *.yml, *.json except *.cases.* and *.precedents.*, sorted by name) in the order given. */
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
      if (CASE_FILE.test(p)) {
        problems.push({
          code: 'not-a-pack',
          file: p,
          message: 'this is a rule-test file (*.cases.yaml), not a rule pack',
          hint: `run its cases with: dl-advisor rules test ${p} --rules PACK`,
        });
      } else if (!PRECEDENT_FILE.test(p)) files.push(p);
      continue;
    }
    const listed = listFolder(p, (n) => PACK_FILE.test(n) && !CASE_FILE.test(n) && !PRECEDENT_FILE.test(n));
    if (listed.problem) problems.push(listed.problem);
    else if (listed.files.length === 0 && !holdsPrecedents(p))
      problems.push({ code: 'no-packs', file: p, message: 'folder holds no .yaml, .yml or .json rule packs' });
    files.push(...listed.files);
  }
  return { files, problems };
}

/** A pack folder with precedents only (a *.precedents.yaml file or a precedents/ sub-folder) is a pack too. */
function holdsPrecedents(dir: string): boolean {
  if (listFolder(dir, (n) => PRECEDENT_FILE.test(n)).files.length > 0) return true;
  try {
    return statSync(join(dir, PRECEDENT_FOLDER)).isDirectory();
  } catch {
    return false;
  }
}

/** Built-in YAML packs, validated from source (development and the build step). */
export function readBuiltinSources(root: string): PackSource[] {
  const dir = join(root, 'rules');
  const isPack = (n: string) => PACK_FILE.test(n) && !CASE_FILE.test(n);
  // The works cited and the recipes live in their own folders (issue 13), read after the rule packs.
  const names = [dir, ...BUILTIN_FOLDERS.map((f) => join(dir, f))]
    .flatMap((d) => listFolder(d, isPack).files)
    .map((f) => relative(dir, f))
    .sort(builtinOrder);
  const sources: PackSource[] = [];
  const problems: Problem[] = [];
  for (const name of names) {
    const r = readPack(join(dir, name), `builtin:${name}`);
    problems.push(...r.problems);
    if (r.source) sources.push(r.source);
  }
  if (problems.length > 0) throw new UserError(problems);
  return sources;
}

/** Sub-folders of rules/ with built-in packs: references, recipes and starter templates. */
const BUILTIN_FOLDERS = ['references', 'recipes', 'starters'] as const;

/** questions and methods first: rule packs refer to them; then the rule packs, references, recipes, starters. */
function builtinOrder(a: string, b: string): number {
  const rank = (n: string) =>
    n.startsWith('questions.')
      ? 0
      : n.startsWith('methods.')
        ? 1
        : n.startsWith('references/')
          ? 3
          : n.startsWith('recipes/')
            ? 4
            : n.startsWith('starters/')
              ? 5
              : 2;
  return rank(a) - rank(b) || byName(a, b);
}

/**
 * Built-in sources (may be none) + user files -> knowledge; throws UserError with every problem:
 * those of each file and, for the parts that are valid, those of the cross-checks.
 */
export function assembleWithUserPacks(builtin: PackSource[], userPaths: readonly string[]): Knowledge {
  const { files, problems } = expandPaths(userPaths);
  const sources = [...builtin];
  let partial = false;
  for (const f of files) {
    const r = readPack(f);
    problems.push(...r.problems);
    const source = r.source ?? r.partial;
    if (source) sources.push(source);
    if (r.partial) partial = true;
  }
  const { knowledge, problems: cross } = assemble(sources);
  problems.push(...cross);
  if (problems.length > 0 || partial) throw new UserError(sortProblems(problems, [...sources.map((s) => s.file), ...userPaths]));
  return knowledge;
}

/** In the order of the files, then by line and column; a file's problems without a position last. */
export function sortProblems(problems: readonly Problem[], files: readonly string[]): Problem[] {
  const rank = new Map<string, number>();
  files.forEach((f, i) => {
    if (!rank.has(f)) rank.set(f, i);
  });
  const fileRank = (p: Problem) => (p.file === undefined ? -1 : (rank.get(p.file) ?? files.length));
  const line = (p: Problem) => p.line ?? Number.POSITIVE_INFINITY;
  return [...problems].sort((a, b) => fileRank(a) - fileRank(b) || line(a) - line(b) || (a.column ?? 0) - (b.column ?? 0));
}
