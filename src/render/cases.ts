/**
 * `rules test` and `rules validate` output: the outcome of each case (text and JSON), the evidence
 * for a wrong primary, and problems as GitHub Actions annotations. Pure.
 */
import type { CaseOutcome, CaseRun, Difference, Evidence } from '../engine/check-case.js';
import { formatProblem, type Problem } from '../errors.js';
import { errorDocument } from './json.js';
import type { Style } from './style.js';

/** A difference in words, as the text output and the JSON document show it. */
export interface DifferenceText {
  field: string;
  expected: string;
  actual: string;
}

/** Where a case sits in its file. */
export interface CaseWhere {
  file: string;
  line: number;
  column: number;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const list = (xs: readonly string[]) => (xs.length > 0 ? xs.join(', ') : 'none');

export function differenceText(d: Difference, o: CaseOutcome): DifferenceText {
  const expected = d.expected.join(', ');
  if (o.error !== undefined) return { field: d.field, expected: d.expected.length > 0 ? d.expected.join(' or ') : 'a model', actual: `none: ${o.error}` };
  if (d.field === 'primary' && d.want === 'one-of') {
    const [first, ...rest] = o.ranked ?? [];
    const runnersUp = rest.slice(0, 3).map((a) => `${a.id} ${pct(a.score)}`);
    return {
      field: d.field,
      expected: `one of ${expected}`,
      actual: `${o.primary} (${pct(first?.score ?? 0)}), runners-up: ${runnersUp.join(', ') || 'none'}`,
    };
  }
  if (d.field === 'primary') return { field: d.field, expected: `anything but ${expected}`, actual: `${o.primary}` };
  if (d.want === 'one-of') return { field: d.field, expected: d.expected.length > 1 ? `one of ${expected}` : expected, actual: list(d.actual) };
  const words = { 'one-of': 'one of ', 'all-of': '', 'any-of': 'at least one of ', 'none-of': 'none of ' }[d.want];
  return { field: d.field, expected: `${words}${expected}`, actual: list(d.actual) };
}

/** One line per difference: "strategies: expected a, b; got c". */
export function failureLines(o: CaseOutcome): string[] {
  if (o.error !== undefined) return [o.error];
  return o.differences.map((d) => differenceText(d, o)).map((t) => `${t.field}: expected ${t.expected}; got ${t.actual}`);
}

export function evidenceLines(evidence: readonly Evidence[]): string[] {
  return evidence.map((e) => {
    if ('score' in e) {
      const rules = e.rules.map((r) => `${r.rule} ${r.weight !== undefined && r.weight >= 0 ? '+' : ''}${r.weight ?? ''}`).join(', ');
      return `${e.id}: ${pct(e.score)}, evidence ${e.evidence} (${rules})`;
    }
    if ('excludedBy' in e) return `${e.id}: excluded by ${e.excludedBy.join(', ')}`;
    return `${e.id}: not a candidate (no rule that fired favors it)`;
  });
}

/** A case as the JSON document of `rules test` lists it. */
export function caseJson({ outcome: o, evidence }: CaseRun, where: CaseWhere) {
  return {
    id: o.id,
    passed: o.passed,
    failures: failureLines(o),
    ...(o.primary !== undefined ? { primary: o.primary } : {}),
    ...where,
    differences: o.differences.map((d) => differenceText(d, o)),
    ...(evidence ? { evidence: evidenceLines(evidence) } : {}),
  };
}

export function renderOutcome({ outcome: o, evidence }: CaseRun, where: CaseWhere, s: Style): string {
  if (o.passed) return `${s.green('✓')} ${o.id} ${s.dim(`→ ${o.primary ?? '-'}`)}\n`;
  let out = `${s.red('✗')} ${o.id} ${s.dim(`${where.file}:${where.line}:${where.column}`)}\n`;
  for (const d of o.differences.map((x) => differenceText(x, o))) {
    if (!d.expected) {
      out += `    ${d.actual}\n`;
      continue;
    }
    out += `    ${s.bold(d.field)}\n      expected: ${d.expected}\n      actual:   ${d.actual}\n`;
  }
  if (evidence)
    out += `    ${s.bold('evidence')}\n${evidenceLines(evidence)
      .map((e) => `      ${e}\n`)
      .join('')}`;
  return out;
}

/** GitHub Actions workflow command; positions are 1-based, newlines escaped as %0A. */
export function githubAnnotation(p: Omit<Problem, 'code'> & { code: string }): string {
  const data = (s: string) => s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
  const prop = (s: string) => data(s).replaceAll(':', '%3A').replaceAll(',', '%2C');
  const props = [
    p.file !== undefined && `file=${prop(p.file)}`,
    p.line !== undefined && `line=${p.line}`,
    p.column !== undefined && `col=${p.column}`,
    `title=${prop(p.code)}`,
  ]
    .filter(Boolean)
    .join(',');
  return `::error ${props}::${data(p.message + (p.hint ? ` (${p.hint})` : ''))}\n`;
}

/** `rules validate` as a document: the JSON form and the text form (one problem a line). */
export function validationReport(files: readonly string[], problems: readonly Problem[]) {
  const json = { schemaVersion: 1, valid: problems.length === 0, files, problems: problems.length > 0 ? errorDocument(problems).errors : [] };
  return { json, text: () => problems.map((p) => `${formatProblem(p)}\n`).join('') };
}

/** The one-line summary `rules validate` prints on stderr. */
export function validationSummary(files: readonly string[], problems: readonly Problem[]): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return problems.length === 0
    ? `${plural(files.length, 'file')} valid: ${files.join(', ')}\n`
    : `${plural(problems.length, 'problem')} found in ${plural(files.length, 'file')}\n`;
}
