/** zod's issues -> problems in the words of a YAML author, with hints for the usual mistakes. */
import type { z } from 'zod';
import { atPath, didYouMean, type Problem, type ProblemCode } from '../../errors.js';
import { formatNumber } from '../../text/number.js';
import { formatPath, type Locate, type Path } from './positions.js';
import { knownKeysAt } from './zod-seam.js';

/**
 * The issues of a failed safeParse -> problems (at most `max` mapped), and how many there were
 * in all (for the "more problems not shown" line).
 */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  file: string,
  locate: Locate,
  schema: z.ZodType,
  max: number,
): { problems: Problem[]; total: number } {
  // One problem per unknown key, each at its own position.
  const split = issues.flatMap((i) => (i.code === 'unrecognized_keys' && i.keys.length > 1 ? i.keys.map((k) => ({ ...i, keys: [k] })) : [i]));
  const mapped = split.slice(0, max).map((issue) => issueToProblem(issue, file, locate, schema));
  // `promt: ...` gives "unknown key promt (did you mean prompt?)" and "prompt: missing": say it once.
  const meant = new Set(mapped.flatMap((m) => (m.meant ? [m.meant] : [])));
  const problems = mapped.filter((m) => !(m.missing && meant.has(m.missing))).map((m) => m.problem);
  return { problems, total: split.length > mapped.length ? split.length : problems.length };
}

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
        ...atPath(path),
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
  const problem = {
    code: zodCode(deepest),
    file,
    ...locate(path),
    ...atPath(path),
    message: `${where}${describeIssue(deepest, path)}`,
    hint: hint ?? issueHint(deepest, path),
  };
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

/** Every zod issue code (the type makes the list complete) -> a problem code. */
const ZOD_CODES: Record<z.core.$ZodIssue['code'], ProblemCode> = {
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

function zodCode(issue: z.core.$ZodIssue): ProblemCode {
  return ZOD_CODES[issue.code];
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
      if (input !== undefined) return `expected ${expectedName(issue.expected)}, got ${describeValue(input)}`;
      // "missing required string", "missing required mapping (key: value)" (not "required a mapping").
      return `missing required ${expectedName(issue.expected).replace(/^an? /, '')}`;
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array' && Array.isArray(input)) {
        const what = last === 'rules' && path.length === 1 ? 'rules per pack' : 'items';
        return `${formatNumber(input.length)} ${what === 'items' ? 'items' : 'rules'}; the limit is ${formatNumber(max)} ${what}`;
      }
      if (issue.origin === 'string' && typeof input === 'string') return `${formatNumber(input.length)} characters; the limit is ${formatNumber(max)}`;
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
