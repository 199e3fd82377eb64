/**
 * One error hierarchy with stable codes. Commands throw these; only `cli/run.ts` turns them
 * into exit codes (contract section 5).
 */
import type { ProblemCode } from './problem-codes.js';

export type { ProblemCode } from './problem-codes.js';

export interface Problem {
  /** Stable machine code, e.g. "bad-value", "unknown-key", "yaml-syntax" (docs/errors.md). */
  code: ProblemCode;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** Where in the file, as keys and indices from the top: ["rules", 3, "when", "labeled"]. */
  path?: (string | number)[];
  hint?: string;
}

/** `{ path }` for a place inside a file; nothing for the file as a whole. */
export function atPath(path: readonly (string | number)[]): { path?: (string | number)[] } {
  return path.length > 0 ? { path: [...path] } : {};
}

/** Exit 2: the user's input (flags, answers, rule files, data paths) is the problem. */
export class UserError extends Error {
  readonly exitCode = 2;
  readonly problems: Problem[];
  constructor(problems: Problem | Problem[], message?: string) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(message ?? list.map(formatProblem).join('\n'));
    this.name = 'UserError';
    this.problems = list;
  }
}

/** Exit 1: ran fine, but a check the user asked for failed (rules validate/test). */
export class CheckFailedError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailedError';
  }
}

/** Exit 130: the user cancelled at a prompt. */
export class CancelledError extends Error {
  readonly exitCode = 130;
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** `file:line:column: message (hint)`; the location parts that are known. */
export function formatProblem(p: Problem): string {
  let where = '';
  if (p.file) {
    where = p.file;
    if (p.line !== undefined) where += `:${p.line}`;
    if (p.line !== undefined && p.column !== undefined) where += `:${p.column}`;
    where += ': ';
  }
  return `${where}${p.message}${p.hint ? ` (${p.hint})` : ''}`;
}

/** "did you mean ...?" for a misspelled name, by edit distance; undefined when nothing is close. */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  // A prefix says more than an edit distance: "y" means "yes", not "no".
  const lower = input.toLowerCase();
  if (lower.length > 0) {
    const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(lower));
    if (prefixed.length === 1) return prefixed[0];
  }
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(input.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(input.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Number.POSITIVE_INFINITY;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? Number.POSITIVE_INFINITY;
}

export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const s = suggest(input, candidates);
  return s ? `did you mean "${s}"?` : undefined;
}
