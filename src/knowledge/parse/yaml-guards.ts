/**
 * The guards of a YAML file from anywhere, each bounded (see limits.ts): tokens are counted before
 * parsing, the syntax tree is checked for depth, string length, odd numbers, control characters
 * and prototype keys before any object is built, and the built data is measured again after
 * aliases are expanded.
 */
import { type Document, isAlias, isCollection, isMap, isNode, isScalar, isSeq, Lexer, LineCounter, parseDocument, type Scalar, type YAMLMap } from 'yaml';
import { atPath, type Problem, type ProblemCode } from '../../errors.js';
import { formatNumber } from '../../text/number.js';
import { LIMITS } from '../limits.js';
import { FORBIDDEN_KEYS } from '../schema.js';
import { type Locate, lcPos, type Path, type Position } from './positions.js';

/** Too many tokens to parse quickly: the file is refused before its syntax tree is built. */
export function tokenLimitProblem(text: string, file: string): Problem | undefined {
  if (countTokens(text, LIMITS.tokens) <= LIMITS.tokens) return undefined;
  return {
    code: 'too-many-tokens',
    file,
    line: 1,
    column: 1,
    message: `file holds more than ${formatNumber(LIMITS.tokens)} YAML tokens (words, numbers and punctuation); the limit keeps loading fast`,
    hint: 'split it into several files',
  };
}

/** Text -> the YAML syntax tree (strict, one document), or the problem that stopped the parser. */
export function readDocument(text: string, file: string): { doc: Document; lineCounter: LineCounter } | Problem {
  const lineCounter = new LineCounter();
  try {
    return { doc: parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error' }), lineCounter };
  } catch (e) {
    return internalLimitProblem(e, file);
  }
}

/** The parser's errors and warnings, located, with hints. */
export function syntaxProblems(doc: Document, lineCounter: LineCounter, file: string): Problem[] {
  return [...doc.errors, ...doc.warnings].map((e) => {
    const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
    const where = { file, line: pos.line, column: pos.col };
    if (/call stack/i.test(e.message)) return { code: 'too-deep', ...where, message: `nesting too deep to parse; the limit is ${LIMITS.depth} levels` };
    return { code: `yaml-${e.code.toLowerCase().replaceAll('_', '-')}` as const, ...where, message: yamlMessage(e.code, e.message), hint: yamlHint(e.code) };
  });
}

/** The syntax tree -> plain data, aliases expanded within LIMITS.aliasCount; then measured again. */
export function expandAliases(doc: Document, file: string): { data: unknown } | { problem: Problem } {
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
    return { problem: { code: 'yaml-aliases', file, line: 1, column: 1, message } };
  }
  const size = measure(data);
  return size ? { problem: { code: size.code, file, line: 1, column: 1, message: size.message } } : { data };
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

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

interface Shape {
  problems: Problem[];
  file: string;
  text: string;
  locate: Locate;
  pos: (offset: number) => Position;
  add(path: Path, code: ProblemCode, message: string, hint?: string): void;
}

type Visit = { node: unknown; depth: number; path: Path };

/** Depth, string length, numbers, control characters and keys, checked on the syntax tree. */
export function checkShape(doc: Document, text: string, locate: Locate, lineCounter: LineCounter, file: string): Problem[] {
  const problems: Problem[] = [];
  const shape: Shape = {
    problems,
    file,
    text,
    locate,
    pos: (offset) => lcPos(lineCounter, offset),
    add: (path, code, message, hint) => problems.push({ code, file, ...locate(path), ...atPath(path), message, hint }),
  };
  const stack: Visit[] = [{ node: doc.contents, depth: 0, path: [] }];
  let values = 0;
  while (stack.length > 0 && problems.length < LIMITS.problemsPerFile) {
    const { node, depth, path } = stack.pop() as Visit;
    if (++values > LIMITS.values) {
      shape.add(
        [],
        'too-many-values',
        `file holds more than ${formatNumber(LIMITS.values)} values; the limit is ${formatNumber(LIMITS.values)}`,
        'split it into several files',
      );
      break;
    }
    if (depth > LIMITS.depth) {
      shape.add(path, 'too-deep', `nesting deeper than ${LIMITS.depth} levels; the limit is ${LIMITS.depth}`);
      break;
    }
    if (isMap(node)) checkMap(node, depth, path, shape, stack);
    else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], depth: depth + 1, path: [...path, i] });
    } else if (isScalar(node)) checkScalar(node, path, shape);
  }
  return problems;
}

/** The keys of a mapping; its values go on the stack. */
function checkMap(node: YAMLMap, depth: number, path: Path, shape: Shape, stack: Visit[]): void {
  const { problems, file, locate, pos, add } = shape;
  const seen = new Set<string>();
  for (const pair of node.items) {
    const k = pair.key;
    if (isAlias(k) || isCollection(k)) {
      problems.push({
        code: 'bad-key',
        file,
        ...(isNode(k) && k.range ? pos(k.range[0]) : locate(path)),
        ...atPath(path),
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
        ...atPath(at),
        message: `duplicate key "${key}"`,
        hint: yamlHint('DUPLICATE_KEY'),
      });
      continue;
    }
    seen.add(key);
    if ((FORBIDDEN_KEYS as readonly string[]).includes(key)) add(at, 'forbidden-key', `key "${key}" is not allowed (it could alter JavaScript objects)`);
    else if (key.length > LIMITS.stringLength)
      add(at, 'string-too-long', `key longer than ${formatNumber(LIMITS.stringLength)} characters; the limit is ${formatNumber(LIMITS.stringLength)}`);
    else if (CONTROL.test(key)) add(at, 'control-character', `key contains a control character (${describeControl(key)})`);
    stack.push({ node: pair.value, depth: depth + 1, path: at });
  }
}

/** Strings: length and control characters; numbers: finite, exact, and not hex or octal. */
function checkScalar(node: Scalar, path: Path, { text, add }: Shape): void {
  const v = node.value;
  if (typeof v === 'string') {
    if (v.length > LIMITS.stringLength) {
      add(path, 'string-too-long', `string of ${formatNumber(v.length)} characters; the limit is ${formatNumber(LIMITS.stringLength)}`);
    } else if (CONTROL.test(v)) {
      add(
        path,
        'control-character',
        `text contains a control character (${describeControl(v)})`,
        'control characters could rewrite the terminal; only tabs and line breaks are allowed',
      );
    }
    return;
  }
  if (typeof v !== 'number' && typeof v !== 'bigint') return;
  const source = node.range ? text.slice(node.range[0], node.range[1]).trim() : String(v);
  const n = Number(v);
  if (!Number.isFinite(n)) {
    add(path, 'number-out-of-range', `number ${source} is out of range (infinite or not a number)`, 'numbers must be finite; write a smaller number');
  } else if (Number.isInteger(n) && !Number.isSafeInteger(n)) {
    add(
      path,
      'number-out-of-range',
      `number ${source} is too large to be represented exactly`,
      `whole numbers must lie between -${formatNumber(Number.MAX_SAFE_INTEGER)} and ${formatNumber(Number.MAX_SAFE_INTEGER)}`,
    );
  } else if (node.format === 'HEX' || node.format === 'OCT') {
    // YAML reads 0x10 as 16 and 0o17 as 15; a count written that way is almost surely a slip.
    add(
      path,
      'ambiguous-number',
      `number ${source} is ${node.format === 'HEX' ? 'hexadecimal' : 'octal'} in YAML (${formatNumber(n)})`,
      'write it in decimal, or quote it if it is text',
    );
  }
}

function describeControl(s: string): string {
  const c = CONTROL.exec(s)?.[0] ?? '';
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** After aliases are expanded: the values and the depth of the data, visiting shared parts again. */
function measure(data: unknown): { code: ProblemCode; message: string } | undefined {
  let count = 0;
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (++count > LIMITS.values) {
      return {
        code: 'too-many-values',
        message: `file holds more than ${formatNumber(LIMITS.values)} values (counting each alias expansion); the limit is ${formatNumber(LIMITS.values)}`,
      };
    }
    if (depth > LIMITS.depth)
      return { code: 'too-deep', message: `nesting deeper than ${LIMITS.depth} levels once aliases are expanded; the limit is ${LIMITS.depth}` };
    if (v !== null && typeof v === 'object') for (const x of Object.values(v)) stack.push([x, depth + 1]);
  }
  return undefined;
}

export function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
