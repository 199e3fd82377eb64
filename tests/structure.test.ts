/**
 * Issue 12's size rule, enforced: no file in src/ longer than 300 lines, no function longer than
 * 80. Functions are found with the TypeScript compiler API (every function-like node with a
 * body: declarations, expressions, arrows, methods, accessors, constructors); a function's
 * length is the lines from its first token to its last, nested functions included.
 */
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;

/**
 * TEMPORARY: files and functions over the limits on this branch because other branches of
 * issue 12 are refactoring them (knowledge/parse.ts, the CSV engine, cli/commands/rules.ts,
 * the engine). The lead empties these lists after merging; do not add to them. A function is
 * named `file:name` (`file:<anonymous>@line` when it has no name).
 */
const TEMPORARY_LONG_FILES = new Set<string>([]);
const TEMPORARY_LONG_FUNCTIONS = new Set<string>([]);

/**
 * Generated kernels, exempt from the function limit for good (CONTRIBUTING.md lists them): a
 * function that returns the body of one WebAssembly function as an instruction list is one
 * machine function, and splitting the list would only hide its shape.
 */
const GENERATED_KERNELS = new Set<string>([
  'src/inspect/csv-scan/kernel-commit.ts:rowsFunc', // the row phase of the CSV kernel (WebAssembly)
]);

const root = new URL('../', import.meta.url).pathname;
const sources = readdirSync(`${root}src`, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `src/${f}`)
  .sort();

interface Span {
  name: string;
  lines: number;
}

function functionSpans(file: string, text: string): Span[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const spans: Span[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      spans.push({ name: `${file}:${nameOf(node, start)}`, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return spans;
}

function nameOf(node: ts.Node, line: number): string {
  const named = (node as { name?: ts.Node }).name;
  if (named && (ts.isIdentifier(named) || ts.isStringLiteral(named) || ts.isPrivateIdentifier(named))) return named.text;
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) {
    return parent.name.text;
  }
  return `<anonymous>@${line + 1}`;
}

const measured = sources.map((file) => {
  const text = readFileSync(`${root}${file}`, 'utf8');
  return { file, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0), functions: functionSpans(file, text) };
});

describe('code structure (issue 12)', () => {
  it('finds the sources and their functions', () => {
    expect(measured.length).toBeGreaterThan(50);
    const spans = measured.flatMap((m) => m.functions);
    expect(spans.length).toBeGreaterThan(300);
    // The measure itself: a known small function is found with its real length.
    const wrap = spans.find((s) => s.name === 'src/render/wrap.ts:wrapWords');
    expect(wrap?.lines).toBeGreaterThan(10);
    expect(wrap?.lines).toBeLessThan(40);
  });

  it(`no file in src/ is longer than ${MAX_FILE_LINES} lines`, () => {
    const long = measured.filter((m) => m.lines > MAX_FILE_LINES && !TEMPORARY_LONG_FILES.has(m.file)).map((m) => `${m.file}: ${m.lines}`);
    expect(long).toEqual([]);
  });

  it(`no function is longer than ${MAX_FUNCTION_LINES} lines`, () => {
    const exempt = (name: string) => TEMPORARY_LONG_FUNCTIONS.has(name) || GENERATED_KERNELS.has(name);
    const long = measured
      .flatMap((m) => m.functions)
      .filter((s) => s.lines > MAX_FUNCTION_LINES && !exempt(s.name))
      .map((s) => `${s.name}: ${s.lines}`);
    expect(long).toEqual([]);
  });

  it('the exemption lists name only what still exceeds the limits', () => {
    const files = new Map(measured.map((m) => [m.file, m.lines]));
    const spans = new Map(measured.flatMap((m) => m.functions).map((s) => [s.name, s.lines]));
    expect([...TEMPORARY_LONG_FILES].filter((f) => (files.get(f) ?? 0) <= MAX_FILE_LINES)).toEqual([]);
    expect([...TEMPORARY_LONG_FUNCTIONS, ...GENERATED_KERNELS].filter((f) => (spans.get(f) ?? 0) <= MAX_FUNCTION_LINES)).toEqual([]);
  });
});
