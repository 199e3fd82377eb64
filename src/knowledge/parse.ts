/**
 * Text of one YAML/JSON file -> validated data, with every problem located as file:line:column.
 * Pure: the caller reads the bytes. Used for knowledge packs, answers files and rule tests.
 *
 * Files come from anywhere, so every step is bounded (see limits.ts). The steps, each in its own
 * module under parse/: decoding the bytes strictly (decode.ts); counting tokens, parsing, and
 * checking the syntax tree and the expanded data (yaml-guards.ts); validating with the zod schema
 * and turning its issues into problems (zod-issues.ts, with zod's internals behind zod-seam.ts);
 * and positions (positions.ts). Nothing in a file is executed.
 */
import type { z } from 'zod';
import type { Problem } from '../errors.js';
import { formatNumber } from '../text/number.js';
import { LIMITS } from './limits.js';
import { type Locate, locateIn, type Path } from './parse/positions.js';
import { checkShape, expandAliases, readDocument, syntaxProblems, tokenLimitProblem } from './parse/yaml-guards.js';
import { issuesToProblems } from './parse/zod-issues.js';

export { LIMITS } from './limits.js';
export { decodeText } from './parse/decode.js';
export { formatPath, type Path } from './parse/positions.js';
export { knownKeysAt } from './parse/zod-seam.js';

export interface Located<T> {
  value?: T;
  problems: Problem[];
  /** Location of a path inside the file (falls back to the nearest existing parent). */
  locate: Locate;
  /** The data as read, when the file is well-formed YAML but fails the schema (for partial checks). */
  data?: unknown;
}

const noLocation: Locate = () => ({ line: 1, column: 1 });

/** Parse YAML (JSON is YAML) and validate against a zod schema, reporting all problems. */
export function parseYaml<T>(text: string, file: string, schema: z.ZodType<T>): Located<T> {
  const tooLong = tokenLimitProblem(text, file);
  if (tooLong) return { problems: [tooLong], locate: noLocation };
  const read = readDocument(text, file);
  if (!('doc' in read)) return { problems: [read], locate: noLocation };
  const { doc, lineCounter } = read;
  const locate: Locate = (path: Path) => locateIn(doc, lineCounter, path);
  const syntax = syntaxProblems(doc, lineCounter, file);
  if (syntax.length > 0) return { problems: finish(syntax, file), locate };
  const shape = checkShape(doc, text, locate, lineCounter, file);
  if (shape.length > 0) return { problems: finish(shape, file), locate };
  const expanded = expandAliases(doc, file);
  if ('problem' in expanded) return { problems: [expanded.problem], locate };
  const parsed = schema.safeParse(expanded.data, { reportInput: true });
  if (parsed.success) return { value: parsed.data, problems: [], locate };
  const { problems, total } = issuesToProblems(parsed.error.issues, file, locate, schema, LIMITS.problemsPerFile);
  return { problems: finish(problems, file, total), locate, data: expanded.data };
}

/** Sorted by position, duplicates dropped, at most LIMITS.problemsPerFile. */
function finish(problems: Problem[], file: string, total = problems.length): Problem[] {
  const sorted = dedupe(problems).sort((a, b) => (a.line ?? 1) - (b.line ?? 1) || (a.column ?? 1) - (b.column ?? 1));
  const shown = sorted.slice(0, LIMITS.problemsPerFile);
  const more = Math.max(total, sorted.length) - shown.length;
  if (more > 0) {
    shown.push({
      code: 'too-many-problems',
      file,
      message: `${formatNumber(more)} more problems not shown (at most ${formatNumber(LIMITS.problemsPerFile)} per file)`,
    });
  }
  return shown;
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
