/**
 * Text of one YAML/JSON file -> validated data, with every problem located as file:line:column.
 * Pure: the caller reads the bytes. Used for knowledge packs, answers files and rule tests.
 */
import { type Document, isMap, isNode, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Problem } from '../errors.js';
import { FORBIDDEN_KEYS } from './schema.js';

/** Documented limits for files from users (see docs/writing-rules.md). */
export const LIMITS = {
  fileBytes: 2 * 1024 * 1024,
  aliasCount: 100,
  depth: 64,
  stringLength: 10_000,
} as const;

export type Path = readonly (string | number)[];

export interface Located<T> {
  value?: T;
  problems: Problem[];
  /** Location of a path inside the file (falls back to the nearest existing parent). */
  locate: (path: Path) => { line: number; column: number };
}

/** Decode bytes as UTF-8 (BOM allowed), rejecting binary data and other encodings. */
export function decodeText(bytes: Uint8Array, file: string, limit: number = LIMITS.fileBytes): string | Problem {
  if (bytes.length > limit) {
    return { code: 'file-too-large', file, message: `file is ${bytes.length.toLocaleString('en-US')} bytes; the limit is ${limit.toLocaleString('en-US')}` };
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { code: 'bad-encoding', file, message: 'file is UTF-16; save it as UTF-8' };
  }
  if (bytes.indexOf(0) !== -1) return { code: 'binary-file', file, message: 'file contains binary data (NUL bytes); expected UTF-8 text (YAML or JSON)' };
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    return { code: 'bad-encoding', file, message: 'file is not valid UTF-8; save it as UTF-8' };
  }
}

/** Parse YAML (JSON is YAML) and validate against a zod schema, reporting all problems. */
export function parseYaml<T>(text: string, file: string, schema: z.ZodType<T>): Located<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const locate = (path: Path) => locateIn(doc, lineCounter, path);
  const problems: Problem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
    problems.push({ code: `yaml-${e.code.toLowerCase().replaceAll('_', '-')}`, file, line: pos.line, column: pos.col, message: firstLine(e.message) });
  }
  if (problems.length > 0) return { problems, locate };
  const shape = checkShape(doc, locate, file);
  if (shape.length > 0) return { problems: shape, locate };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.aliasCount });
  } catch (e) {
    const message =
      e instanceof ReferenceError
        ? `too many aliases (limit ${LIMITS.aliasCount}): refused as a resource-exhaustion attack`
        : `cannot read YAML: ${firstLine(String(e))}`;
    return { problems: [{ code: 'yaml-aliases', file, line: 1, column: 1, message }], locate };
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return { value: parsed.data, problems: [], locate };
  for (const issue of parsed.error.issues) problems.push(issueToProblem(issue, file, locate));
  return { problems: dedupe(problems), locate };
}

/** Depth, string length and prototype keys, checked on the syntax tree before anything is built. */
function checkShape(doc: Document, locate: (p: Path) => { line: number; column: number }, file: string): Problem[] {
  const problems: Problem[] = [];
  const stack: { node: unknown; depth: number; path: Path }[] = [{ node: doc.contents, depth: 0, path: [] }];
  while (stack.length > 0 && problems.length < 50) {
    const { node, depth, path } = stack.pop() as { node: unknown; depth: number; path: Path };
    if (depth > LIMITS.depth) {
      problems.push({ code: 'too-deep', file, ...locate(path), message: `nesting deeper than ${LIMITS.depth} levels` });
      break;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = isNode(pair.key) ? (pair.key as { value?: unknown }).value : pair.key;
        const key = String(k);
        if ((FORBIDDEN_KEYS as readonly string[]).includes(key)) {
          problems.push({ code: 'forbidden-key', file, ...locate([...path, key]), message: `key "${key}" is not allowed` });
        }
        stack.push({ node: pair.value, depth: depth + 1, path: [...path, key] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, depth: depth + 1, path: [...path, i] }));
    } else if (isNode(node) && typeof (node as { value?: unknown }).value === 'string') {
      if ((node as { value: string }).value.length > LIMITS.stringLength) {
        problems.push({
          code: 'string-too-long',
          file,
          ...locate(path),
          message: `string longer than ${LIMITS.stringLength.toLocaleString('en-US')} characters`,
        });
      }
    }
  }
  return problems;
}

function issueToProblem(issue: z.core.$ZodIssue, file: string, locate: (p: Path) => { line: number; column: number }): Problem {
  let deepest = issue;
  // A union reports one list of issues per branch; the branch that got furthest says most.
  while (deepest.code === 'invalid_union' && deepest.errors.length > 0) {
    const branches = deepest.errors.filter((b) => b.length > 0);
    const best = branches.reduce((a, b) => (maxPath(b) > maxPath(a) ? b : a), branches[0] ?? []);
    const next = best.reduce<z.core.$ZodIssue | undefined>((a, b) => (!a || b.path.length > a.path.length ? b : a), undefined);
    if (!next) break;
    deepest = { ...next, path: [...issue.path, ...next.path] } as z.core.$ZodIssue;
  }
  let path = deepest.path as (string | number)[];
  if (deepest.code === 'unrecognized_keys' && deepest.keys[0] !== undefined) path = [...path, deepest.keys[0]];
  const where = path.length > 0 ? `${formatPath(path)}: ` : '';
  return { code: zodCode(deepest), file, ...locate(path), message: `${where}${describeIssue(deepest)}` };
}

function maxPath(issues: z.core.$ZodIssue[]): number {
  return issues.reduce((m, i) => Math.max(m, i.path.length), -1);
}

function zodCode(issue: z.core.$ZodIssue): string {
  return issue.code === 'unrecognized_keys' ? 'unknown-key' : `invalid-${issue.code.replaceAll('_', '-')}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key "${issue.keys.join('", "')}"`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      return issue.input === undefined ? `missing required ${issue.expected}` : `expected ${issue.expected}, got ${describeValue(issue.input)}`;
    default:
      return issue.message;
  }
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

export function formatPath(path: Path): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}

function locateIn(doc: Document, lc: LineCounter, path: Path): { line: number; column: number } {
  for (let p = [...path]; ; p = p.slice(0, -1)) {
    const last = p[p.length - 1];
    const parent = p.length === 0 ? doc.contents : doc.getIn(p.slice(0, -1), true);
    // Point at the key of a mapping entry: that is where a reader looks.
    if (isMap(parent) && last !== undefined) {
      const pair = parent.items.find((it) => isNode(it.key) && (it.key as { value?: unknown }).value === last);
      const range = (pair?.key as { range?: number[] } | undefined)?.range;
      if (range?.[0] !== undefined) return toPos(lc, range[0]);
    }
    const node = p.length === 0 ? doc.contents : doc.getIn(p, true);
    const range = isNode(node) ? node.range : undefined;
    if (range?.[0] !== undefined) return toPos(lc, range[0]);
    if (p.length === 0) return { line: 1, column: 1 };
  }
}

function toPos(lc: LineCounter, offset: number) {
  const { line, col } = lc.linePos(offset);
  return { line, column: col };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.line}:${p.column}:${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
