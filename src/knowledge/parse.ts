/**
 * Text of one YAML/JSON file -> validated data, with every problem located as file:line:column.
 * Pure: the caller reads the bytes. Used for knowledge packs, answers files and rule tests.
 *
 * Files come from anywhere, so every step is bounded (see limits.ts): the bytes are decoded
 * strictly, the tokens are counted before parsing, the syntax tree is checked for depth, string
 * length, odd numbers, control characters and prototype keys before any object is built, and the
 * built data is measured again after aliases are expanded. Nothing in a file is executed.
 */
import { type Document, isAlias, isCollection, isMap, isNode, isScalar, isSeq, Lexer, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { didYouMean, type Problem } from '../errors.js';
import { fmt, LIMITS } from './limits.js';
import { FORBIDDEN_KEYS } from './schema.js';

export { LIMITS } from './limits.js';

export type Path = readonly (string | number)[];
type Locate = (path: Path) => { line: number; column: number };

export interface Located<T> {
  value?: T;
  problems: Problem[];
  /** Location of a path inside the file (falls back to the nearest existing parent). */
  locate: Locate;
  /** The data as read, when the file is well-formed YAML but fails the schema (for partial checks). */
  data?: unknown;
}

/** Decode bytes as UTF-8 (BOM allowed), rejecting binary data and other encodings. */
export function decodeText(bytes: Uint8Array, file: string, limit: number = LIMITS.fileBytes): string | Problem {
  if (bytes.length > limit) {
    return { code: 'file-too-large', file, message: `file is ${fmt(bytes.length)} bytes; the limit is ${fmt(limit)} bytes` };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { code: 'bad-encoding', file, message: 'file is UTF-16; save it as UTF-8', hint: 'most editors offer "UTF-8" under "Save with encoding"' };
  }
  if (bytes.indexOf(0) !== -1) {
    if (looksLikeUtf16(bytes)) return { code: 'bad-encoding', file, message: 'file looks like UTF-16 (without a byte-order mark); save it as UTF-8' };
    return { code: 'binary-file', file, message: 'file contains binary data (NUL bytes); expected UTF-8 text (YAML or JSON)' };
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    const at = firstInvalidUtf8(bytes, start);
    return {
      code: 'bad-encoding',
      file,
      message: `file is not valid UTF-8 (byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${fmt(at)}); save it as UTF-8`,
      hint: 'Latin-1 or Windows-1252 files look like this; most editors offer "UTF-8" under "Save with encoding"',
    };
  }
}

/** Mostly ASCII text in UTF-16: in the first bytes, every NUL sits at an even offset, or every one at an odd offset. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 256);
  let even = 0;
  let odd = 0;
  head.forEach((b, i) => {
    if (b === 0) i % 2 === 0 ? even++ : odd++;
  });
  return head.length >= 8 && (even === 0 || odd === 0) && even + odd >= head.length / 4;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (for the message). */
function firstInvalidUtf8(bytes: Uint8Array, start: number): number {
  for (let i = start; i < bytes.length; ) {
    const b = bytes[i] ?? 0;
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return start;
}

/** Parse YAML (JSON is YAML) and validate against a zod schema, reporting all problems. */
export function parseYaml<T>(text: string, file: string, schema: z.ZodType<T>): Located<T> {
  const noLocation: Locate = () => ({ line: 1, column: 1 });
  const tokens = countTokens(text, LIMITS.tokens);
  if (tokens > LIMITS.tokens) {
    return {
      problems: [
        {
          code: 'too-many-tokens',
          file,
          line: 1,
          column: 1,
          message: `file holds more than ${fmt(LIMITS.tokens)} YAML tokens (words, numbers and punctuation); the limit keeps loading fast`,
          hint: 'split it into several files',
        },
      ],
      locate: noLocation,
    };
  }
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error' });
  } catch (e) {
    return { problems: [internalLimitProblem(e, file)], locate: noLocation };
  }
  const locate: Locate = (path) => locateIn(doc, lineCounter, path);
  const problems: Problem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
    const where = { file, line: pos.line, column: pos.col };
    if (/call stack/i.test(e.message)) problems.push({ code: 'too-deep', ...where, message: `nesting too deep to parse; the limit is ${LIMITS.depth} levels` });
    else
      problems.push({ code: `yaml-${e.code.toLowerCase().replaceAll('_', '-')}`, ...where, message: yamlMessage(e.code, e.message), hint: yamlHint(e.code) });
  }
  if (problems.length > 0) return { problems: finish(problems, file), locate };
  const shape = checkShape(doc, text, locate, (offset) => lcPos(lineCounter, offset), file);
  if (shape.length > 0) return { problems: finish(shape, file), locate };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.aliasCount });
  } catch (e) {
    const message =
      e instanceof ReferenceError && /alias count/i.test(e.message)
        ? `aliases expand too much: an anchor and its aliases may be used at most ${LIMITS.aliasCount} times, nested aliases multiplying; refused as a resource-exhaustion attack ("billion laughs")`
        : e instanceof RangeError
          ? `aliases nest too deep; the limit is ${LIMITS.depth} levels`
          : `cannot read YAML: ${firstLine(String(e))}`;
    return { problems: [{ code: 'yaml-aliases', file, line: 1, column: 1, message }], locate };
  }
  const size = measure(data);
  if (size) return { problems: [{ code: size.code, file, line: 1, column: 1, message: size.message }], locate };
  const parsed = schema.safeParse(data, { reportInput: true });
  if (parsed.success) return { value: parsed.data, problems: [], locate };
  const issues = parsed.error.issues;
  // One problem per unknown key, each at its own position.
  const split = issues.flatMap((i) => (i.code === 'unrecognized_keys' && i.keys.length > 1 ? i.keys.map((k) => ({ ...i, keys: [k] })) : [i]));
  const mapped = split.slice(0, LIMITS.problemsPerFile).map((issue) => issueToProblem(issue, file, locate, schema));
  // `promt: ...` gives "unknown key promt (did you mean prompt?)" and "prompt: missing": say it once.
  const meant = new Set(mapped.flatMap((m) => (m.meant ? [m.meant] : [])));
  for (const m of mapped) if (!(m.missing && meant.has(m.missing))) problems.push(m.problem);
  return { problems: finish(problems, file, split.length > mapped.length ? split.length : problems.length), locate, data };
}

/** Sorted by position, duplicates dropped, at most LIMITS.problemsPerFile. */
function finish(problems: Problem[], file: string, total = problems.length): Problem[] {
  const sorted = dedupe(problems).sort((a, b) => (a.line ?? 1) - (b.line ?? 1) || (a.column ?? 1) - (b.column ?? 1));
  const shown = sorted.slice(0, LIMITS.problemsPerFile);
  const more = Math.max(total, sorted.length) - shown.length;
  if (more > 0)
    shown.push({ code: 'too-many-problems', file, message: `${fmt(more)} more problems not shown (at most ${fmt(LIMITS.problemsPerFile)} per file)` });
  return shown;
}

/** Counts lexer tokens, stopping early past the limit: cheap next to building the syntax tree. */
function countTokens(text: string, limit: number): number {
  let n = 0;
  for (const _ of new Lexer().lex(text)) if (++n > limit) break;
  return n;
}

function internalLimitProblem(e: unknown, file: string): Problem {
  if (e instanceof RangeError) return { code: 'too-deep', file, line: 1, column: 1, message: `nesting too deep to parse; the limit is ${LIMITS.depth} levels` };
  return { code: 'yaml-syntax', file, line: 1, column: 1, message: `cannot parse: ${firstLine(String(e))}` };
}

function yamlMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return 'file holds several YAML documents; expected one';
  return firstLine(message);
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once per mapping; merge the two entries';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'MULTIPLE_DOCS':
      return 'one document per file: remove the "---" separator or split the file';
    case 'TAG_RESOLVE_FAILED':
      return 'tags such as !!js/function are not supported: a file holds data only';
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- the syntax tree, before any object is built

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Depth, string length, numbers, control characters and keys, checked on the syntax tree. */
function checkShape(doc: Document, text: string, locate: Locate, pos: (offset: number) => { line: number; column: number }, file: string): Problem[] {
  const problems: Problem[] = [];
  const add = (path: Path, code: string, message: string, hint?: string) => problems.push({ code, file, ...locate(path), message, hint });
  const stack: { node: unknown; depth: number; path: Path }[] = [{ node: doc.contents, depth: 0, path: [] }];
  let values = 0;
  while (stack.length > 0 && problems.length < LIMITS.problemsPerFile) {
    const { node, depth, path } = stack.pop() as { node: unknown; depth: number; path: Path };
    if (++values > LIMITS.values) {
      add([], 'too-many-values', `file holds more than ${fmt(LIMITS.values)} values; the limit is ${fmt(LIMITS.values)}`, 'split it into several files');
      break;
    }
    if (depth > LIMITS.depth) {
      add(path, 'too-deep', `nesting deeper than ${LIMITS.depth} levels; the limit is ${LIMITS.depth}`);
      break;
    }
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const k = pair.key;
        if (isAlias(k) || isCollection(k)) {
          problems.push({
            code: 'bad-key',
            file,
            ...(isNode(k) && k.range ? pos(k.range[0]) : locate(path)),
            message: isAlias(k) ? 'an alias cannot be a key' : 'a key must be a plain name, not a list or mapping',
          });
          continue;
        }
        const key = String(isScalar(k) ? k.value : k);
        const at = [...path, key];
        if (seen.has(key)) {
          // yaml's own check (uniqueKeys) is quadratic in the number of keys: this one is not.
          problems.push({
            code: 'yaml-duplicate-key',
            file,
            ...(isNode(k) && k.range ? pos(k.range[0]) : locate(at)),
            message: `duplicate key "${key}"`,
            hint: yamlHint('DUPLICATE_KEY'),
          });
          continue;
        }
        seen.add(key);
        if ((FORBIDDEN_KEYS as readonly string[]).includes(key)) add(at, 'forbidden-key', `key "${key}" is not allowed (it could alter JavaScript objects)`);
        else if (key.length > LIMITS.stringLength)
          add(at, 'string-too-long', `key longer than ${fmt(LIMITS.stringLength)} characters; the limit is ${fmt(LIMITS.stringLength)}`);
        else if (CONTROL.test(key)) add(at, 'control-character', `key contains a control character (${describeControl(key)})`);
        stack.push({ node: pair.value, depth: depth + 1, path: at });
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], depth: depth + 1, path: [...path, i] });
    } else if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'string') {
        if (v.length > LIMITS.stringLength) {
          add(path, 'string-too-long', `string of ${fmt(v.length)} characters; the limit is ${fmt(LIMITS.stringLength)}`);
        } else if (CONTROL.test(v)) {
          add(
            path,
            'control-character',
            `text contains a control character (${describeControl(v)})`,
            'control characters could rewrite the terminal; only tabs and line breaks are allowed',
          );
        }
      } else if (typeof v === 'number' || typeof v === 'bigint') {
        const source = node.range ? text.slice(node.range[0], node.range[1]).trim() : String(v);
        const n = Number(v);
        if (!Number.isFinite(n)) {
          add(path, 'number-out-of-range', `number ${source} is out of range (infinite or not a number)`, 'numbers must be finite; write a smaller number');
        } else if (Number.isInteger(n) && !Number.isSafeInteger(n)) {
          add(
            path,
            'number-out-of-range',
            `number ${source} is too large to be represented exactly`,
            `whole numbers must lie between -${fmt(Number.MAX_SAFE_INTEGER)} and ${fmt(Number.MAX_SAFE_INTEGER)}`,
          );
        } else if (node.format === 'HEX' || node.format === 'OCT') {
          // YAML reads 0x10 as 16 and 0o17 as 15; a count written that way is almost surely a slip.
          add(
            path,
            'ambiguous-number',
            `number ${source} is ${node.format === 'HEX' ? 'hexadecimal' : 'octal'} in YAML (${fmt(n)})`,
            'write it in decimal, or quote it if it is text',
          );
        }
      }
    }
  }
  return problems;
}

function describeControl(s: string): string {
  const c = CONTROL.exec(s)?.[0] ?? '';
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** After aliases are expanded: the values and the depth of the data, visiting shared parts again. */
function measure(data: unknown): { code: string; message: string } | undefined {
  let count = 0;
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (++count > LIMITS.values) {
      return {
        code: 'too-many-values',
        message: `file holds more than ${fmt(LIMITS.values)} values (counting each alias expansion); the limit is ${fmt(LIMITS.values)}`,
      };
    }
    if (depth > LIMITS.depth)
      return { code: 'too-deep', message: `nesting deeper than ${LIMITS.depth} levels once aliases are expanded; the limit is ${LIMITS.depth}` };
    if (v !== null && typeof v === 'object') for (const x of Object.values(v)) stack.push([x, depth + 1]);
  }
  return undefined;
}

// ---------------------------------------------------------------- zod issues -> problems with hints

interface Mapped {
  problem: Problem;
  /** The path of a required key that is missing. */
  missing?: string;
  /** The path of the key that an unknown key probably meant. */
  meant?: string;
}

function issueToProblem(issue: z.core.$ZodIssue, file: string, locate: Locate, schema: z.ZodType): Mapped {
  let deepest = issue;
  const types = scalarUnionTypes(issue);
  if (types) {
    const path = issue.path as (string | number)[];
    const input = (issue as { input?: unknown }).input;
    const where = path.length > 0 ? `${formatPath(path)}: ` : '';
    return {
      problem: {
        code: 'wrong-type',
        file,
        ...locate(path),
        message: `${where}expected ${types.slice(0, -1).join(', ')}${types.length > 1 ? ' or ' : ''}${types.at(-1)}, got ${describeValue(input)}`,
      },
    };
  }
  // A union reports one list of issues per branch; the branch that got furthest says most.
  while (deepest.code === 'invalid_union' && deepest.errors.length > 0) {
    const branches = deepest.errors.filter((b) => b.length > 0);
    const best = branches.reduce((a, b) => (maxPath(b) > maxPath(a) ? b : a), branches[0] ?? []);
    const next = best.reduce<z.core.$ZodIssue | undefined>((a, b) => (!a || b.path.length > a.path.length ? b : a), undefined);
    if (!next) break;
    deepest = { ...next, path: [...issue.path, ...next.path] } as z.core.$ZodIssue;
  }
  let path = deepest.path as (string | number)[];
  let hint: string | undefined;
  let meant: string | undefined;
  if (deepest.code === 'unrecognized_keys' && deepest.keys[0] !== undefined) {
    hint = unknownKeyHint(deepest.keys[0], knownKeysAt(schema, path));
    const target = /^did you mean "(.*)"\?$/.exec(hint ?? '')?.[1];
    if (target) meant = formatPath([...path, target]);
    path = [...path, deepest.keys[0]];
  }
  const missing = deepest.code === 'invalid_type' && (deepest as { input?: unknown }).input === undefined ? formatPath(path) : undefined;
  const where = path.length > 0 ? `${formatPath(path)}: ` : '';
  const problem = { code: zodCode(deepest), file, ...locate(path), message: `${where}${describeIssue(deepest, path)}`, hint: hint ?? issueHint(deepest, path) };
  return { problem, missing, meant };
}

/** A union of scalar types that failed on its own value (`x: [list]` where text or a number was expected). */
function scalarUnionTypes(issue: z.core.$ZodIssue): string[] | undefined {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return undefined;
  const flat = issue.errors.flat();
  if (!flat.every((i) => i.code === 'invalid_type' && i.path.length === 0)) return undefined;
  return [...new Set(flat.map((i) => expectedName((i as { expected: string }).expected)))];
}

function maxPath(issues: z.core.$ZodIssue[]): number {
  return issues.reduce((m, i) => Math.max(m, i.path.length), -1);
}

const ZOD_CODES: Record<string, string> = {
  unrecognized_keys: 'unknown-key',
  invalid_type: 'wrong-type',
  invalid_value: 'bad-value',
  invalid_format: 'bad-format',
  too_big: 'too-big',
  too_small: 'too-small',
  invalid_key: 'bad-key',
  invalid_union: 'bad-value',
  invalid_element: 'bad-value',
  not_multiple_of: 'bad-value',
  custom: 'invalid',
};

function zodCode(issue: z.core.$ZodIssue): string {
  return ZOD_CODES[issue.code] ?? issue.code.replaceAll('_', '-');
}

function describeIssue(issue: z.core.$ZodIssue, path: Path): string {
  const input = (issue as { input?: unknown }).input;
  const last = path[path.length - 1];
  // A message written in the schema (`{ error: ... }`) says it best; zod's own start like these.
  if (!/^(Invalid|Too (big|small)|Unrecognized)/.test(issue.message) && issue.code !== 'unrecognized_keys') return issue.message;
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key "${issue.keys.join('", "')}"`;
    case 'invalid_value':
      return `${typeof input === 'string' ? JSON.stringify(input) : describeValue(input)} is not allowed; expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      if (path.length === 0 && (input === null || input === undefined))
        return `file holds no data (only comments or blank lines); expected ${expectedName(issue.expected)}`;
      return input === undefined ? `missing required ${expectedName(issue.expected)}` : `expected ${expectedName(issue.expected)}, got ${describeValue(input)}`;
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array' && Array.isArray(input)) {
        const what = last === 'rules' && path.length === 1 ? 'rules per pack' : 'items';
        return `${fmt(input.length)} ${what === 'items' ? 'items' : 'rules'}; the limit is ${fmt(max)} ${what}`;
      }
      if (issue.origin === 'string' && typeof input === 'string') return `${fmt(input.length)} characters; the limit is ${fmt(max)}`;
      if (issue.origin === 'number') return `${describeValue(input)} is too large; the maximum is ${max}`;
      return issue.message;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array') return `needs at least ${min} item${min === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return min === 1 ? 'must not be empty' : `needs at least ${min} characters`;
      if (issue.origin === 'number') return `${describeValue(input)} is too small; it must be ${issue.inclusive ? 'at least' : 'greater than'} ${min}`;
      return issue.message;
    }
    case 'invalid_key':
      return `key ${JSON.stringify(last)}: ${issue.issues[0]?.message ?? issue.message}`;
    default:
      return issue.message;
  }
}

/** A hint for common mistakes: YAML's yes/no, unquoted versions, near-miss enum values. */
function issueHint(issue: z.core.$ZodIssue, path: Path): string | undefined {
  const input = (issue as { input?: unknown }).input;
  const last = path[path.length - 1];
  if (issue.code === 'invalid_value' && typeof input === 'string') return didYouMean(input, issue.values.map(String));
  if (issue.code === 'invalid_type') {
    if (issue.expected === 'boolean' && typeof input === 'string') return 'write true or false, without quotes (YAML 1.2 reads yes/no as text)';
    if (last === 'version' && typeof input === 'number') return 'write the version in quotes, e.g. version: "1.0.0"';
    if (issue.expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')) return `put it in quotes: "${String(input)}"`;
    if ((last === 'when' || last === 'askIf') && typeof input !== 'object') return 'a condition is a mapping, e.g. { modality: image, labeled: { lt: 1000 } }';
  }
  return undefined;
}

/** Frequent words for fields, mapped to the field's real name (only offered when that name is allowed). */
const SYNONYMS: Record<string, string> = {
  if: 'when',
  condition: 'when',
  conditions: 'when',
  reason: 'because',
  why: 'because',
  message: 'because',
  prefer: 'favor',
  boost: 'favor',
  penalize: 'disfavor',
  penalise: 'disfavor',
  warning: 'caution',
  warn: 'caution',
  next: 'nextSteps',
  steps: 'nextSteps',
  equals: 'eq',
  equal: 'eq',
  lessThan: 'lt',
  greaterThan: 'gt',
  lessThanOrEqual: 'lte',
  greaterThanOrEqual: 'gte',
  oneOf: 'in',
  noneOf: 'notIn',
  and: 'all',
  or: 'any',
  options: 'choices',
  values: 'choices',
  question: 'prompt',
  replace: 'override',
  disabled: 'disable',
  remove: 'disable',
  reference: 'ref',
  references: 'source',
};

function unknownKeyHint(key: string, known: string[]): string | undefined {
  if (known.length === 0) return undefined;
  // `{ ref: Smith, Jones 2020, basis: paper }`: the comma ended the value and "Jones 2020" became a key.
  if (/\s/.test(key.trim())) return 'inside { ... }, a comma ends a value: put text that contains commas in quotes';
  const synonym = SYNONYMS[key] ?? SYNONYMS[key.toLowerCase()];
  if (synonym && known.includes(synonym)) return `did you mean "${synonym}"?`;
  const snake = key.replace(/[_-]([a-z])/g, (_, c: string) => c.toUpperCase());
  if (snake !== key && known.includes(snake)) return `did you mean "${snake}"?`;
  return didYouMean(key, known) ?? `allowed here: ${known.join(', ')}`;
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  getter?: () => z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  in?: z.ZodType;
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schemas a value may have, with wrappers (optional, default, lazy, union, pipe) opened. */
function open(schemas: z.ZodType[]): z.ZodType[] {
  const out: z.ZodType[] = [];
  const todo = [...schemas];
  while (todo.length > 0 && out.length < 64) {
    const s = todo.pop() as z.ZodType;
    const d = defOf(s);
    if (d.innerType) todo.push(d.innerType);
    else if (d.type === 'lazy' && d.getter) todo.push(d.getter());
    else if (d.type === 'union' && d.options) todo.push(...d.options);
    else if (d.type === 'pipe' && d.in) todo.push(d.in);
    else out.push(s);
  }
  return out;
}

/** The keys an object at `path` may have according to the schema (for "did you mean"). */
export function knownKeysAt(schema: z.ZodType, path: Path): string[] {
  let current = open([schema]);
  for (const seg of path) {
    const next: z.ZodType[] = [];
    for (const s of current) {
      const d = defOf(s);
      if (d.type === 'object' && typeof seg === 'string' && d.shape?.[seg]) next.push(d.shape[seg]);
      else if (d.type === 'array' && typeof seg === 'number' && d.element) next.push(d.element);
      else if (d.type === 'record' && d.valueType) next.push(d.valueType);
    }
    current = open(next);
  }
  const keys = new Set<string>();
  for (const s of current) {
    const d = defOf(s);
    if (d.type === 'object' && d.shape) for (const k of Object.keys(d.shape)) keys.add(k);
  }
  return [...keys];
}

/** zod's type names in YAML words. */
function expectedName(expected: string): string {
  if (expected === 'object' || expected === 'record') return 'a mapping (key: value)';
  return expected === 'array' ? 'a list' : expected;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  const s = JSON.stringify(v) ?? String(v);
  return `${typeof v} ${s.length > 60 ? `${s.slice(0, 57)}...` : s}`;
}

export function formatPath(path: Path): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}

// ---------------------------------------------------------------- positions

function locateIn(doc: Document, lc: LineCounter, path: Path): { line: number; column: number } {
  for (let p = [...path]; ; p = p.slice(0, -1)) {
    const last = p[p.length - 1];
    const parent = p.length === 0 ? doc.contents : doc.getIn(p.slice(0, -1), true);
    // Point at the key of a mapping entry: that is where a reader looks.
    if (isMap(parent) && last !== undefined) {
      const pair = parent.items.find((it) => isScalar(it.key) && String(it.key.value) === String(last));
      const range = (pair?.key as { range?: number[] } | undefined)?.range;
      if (range?.[0] !== undefined) return lcPos(lc, range[0]);
    }
    const node = p.length === 0 ? doc.contents : doc.getIn(p, true);
    const range = isNode(node) ? node.range : undefined;
    if (range?.[0] !== undefined) return lcPos(lc, range[0]);
    if (p.length === 0) return { line: 1, column: 1 };
  }
}

function lcPos(lc: LineCounter, offset: number) {
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
