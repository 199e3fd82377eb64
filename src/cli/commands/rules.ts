/** For rule authors and CI: `rules list`, `rules validate PATH...`, `rules test PATH...`. */
import { statSync } from 'node:fs';
import { completeAnswers, missingProblem } from '../../answers/normalize.js';
import { fromMapping } from '../../answers/sources.js';
import { type CaseOutcome, checkCase } from '../../engine/check-case.js';
import { evaluate, NoRecommendationError } from '../../engine/evaluate.js';
import { CheckFailedError, didYouMean, formatProblem, type Problem, UserError } from '../../errors.js';
import type { Knowledge } from '../../knowledge/assemble.js';
import { builtinSources } from '../../knowledge/builtin.js';
import type { CaseFile } from '../../knowledge/cases.js';
import type { Result } from '../../knowledge/output.js';
import { packageRoot } from '../../knowledge/paths.js';
import type { MethodKind } from '../../knowledge/schema.js';
import { errorDocument, renderJson } from '../../render/json.js';
import type { Style } from '../../render/style.js';
import type { Context } from '../context.js';

interface RulesOptions {
  rules?: string[];
  builtinRules?: boolean;
  format?: string;
  json?: boolean;
}

const formatOf = (opts: RulesOptions) => (opts.json ? 'json' : (opts.format ?? 'text'));

// ---------------------------------------------------------------- rules list

export async function rulesList(ctx: Context, opts: RulesOptions): Promise<number> {
  const k = await ctx.knowledge({ rules: opts.rules, builtin: opts.builtinRules });
  if (formatOf(opts) === 'json') {
    const rules = k.rules.map((r) => ({ id: r.id, pack: r.pack, basis: r.source.basis, source: r.source, summary: r.summary }));
    ctx.out(renderJson({ schemaVersion: 1, count: rules.length, rules }, Boolean(ctx.io.stdout.isTTY)));
    return 0;
  }
  const s = await ctx.style(undefined);
  const w = Math.max(...k.rules.map((r) => r.id.length), 10);
  for (const r of k.rules) ctx.out(`${r.id.padEnd(w)}  ${s.dim(`${r.pack} · ${r.source.basis.padEnd(9)}`)}  ${r.summary}\n`);
  ctx.out(s.dim(`${k.rules.length} rules in ${k.packs.length} packs\n`));
  return 0;
}

// ---------------------------------------------------------------- rules validate

/**
 * Rule packs (files or folders) are loaded on top of the built-in packs, with every problem of
 * the schema and of the cross-checks. Test-case files (`*.cases.yaml`, named or inside a named
 * folder) are checked too: their format, and their answers and expected ids against the packs.
 */
export async function rulesValidate(ctx: Context, paths: string[], opts: RulesOptions): Promise<number> {
  const format = formatOf(opts);
  const { CASE_FILE, expandPaths, sortProblems } = await import('../../knowledge/load.js');
  const { expandCasePaths, readCaseFile } = await import('../../knowledge/cases.js');
  const isFolder = (p: string) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  };
  const casePaths = paths.filter((p) => CASE_FILE.test(p) && !isFolder(p));
  const packPaths = paths.filter((p) => !casePaths.includes(p));
  // A path that cannot be read at all is a usage error (2), not a finding (1).
  const unreadable = [...expandPaths(packPaths).problems, ...expandCasePaths(casePaths).problems].filter(
    (p) => p.code === 'unreadable' && paths.includes(p.file ?? ''),
  );
  if (unreadable.length > 0) throw new UserError(unreadable);

  let problems: Problem[] = [];
  let knowledge: Knowledge | undefined;
  try {
    if (packPaths.length > 0 || opts.builtinRules !== false) knowledge = await ctx.knowledge({ rules: packPaths, builtin: opts.builtinRules });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    problems = e.problems;
  }
  const caseFiles = [...casePaths, ...packPaths.filter(isFolder).flatMap((p) => expandCasePaths([p]).files)];
  for (const file of caseFiles) {
    const r = readCaseFile(file);
    problems.push(...r.problems);
    const cases = r.cases ?? r.partial;
    if (cases && knowledge) problems.push(...checkCaseFile(cases, knowledge));
  }
  const files = [...expandPaths(packPaths).files, ...caseFiles];
  problems = sortProblems(problems, files);

  if (format === 'json') {
    const doc = { schemaVersion: 1, valid: problems.length === 0, files, problems: problems.length > 0 ? errorDocument(problems).errors : [] };
    ctx.out(renderJson(doc, Boolean(ctx.io.stdout.isTTY)));
  } else if (format === 'github') {
    for (const p of problems) ctx.out(githubAnnotation(p));
  } else {
    for (const p of problems) ctx.out(`${formatProblem(p)}\n`);
  }
  const summary =
    problems.length === 0
      ? `${files.length} file${files.length === 1 ? '' : 's'} valid: ${files.join(', ')}\n`
      : `${problems.length} problem${problems.length > 1 ? 's' : ''} found in ${files.length} file${files.length === 1 ? '' : 's'}\n`;
  ctx.err(summary);
  return problems.length === 0 ? 0 : 1;
}

/** The answers and the expected ids of every case, against the loaded knowledge. */
function checkCaseFile(f: CaseFile, k: Knowledge): Problem[] {
  const problems: Problem[] = [];
  const ofKind = (kind: MethodKind) => k.methods.filter((m) => m.kind === kind).map((m) => m.id);
  const known: Record<string, string[]> = {
    model: ofKind('model'),
    strategy: ofKind('strategy'),
    interpretability: ofKind('interpretability'),
    rule: k.rules.map((r) => r.id),
  };
  const fields: [keyof CaseFile['cases'][number]['expect'], keyof typeof known][] = [
    ['primary', 'model'],
    ['notPrimary', 'model'],
    ['alternatives', 'model'],
    ['strategies', 'strategy'],
    ['strategiesAnyOf', 'strategy'],
    ['notStrategies', 'strategy'],
    ['interpretability', 'interpretability'],
    ['interpretabilityAnyOf', 'interpretability'],
    ['cautions', 'rule'],
  ];
  const ids = new Set<string>();
  f.cases.forEach((tc, i) => {
    if (ids.has(tc.id)) problems.push({ code: 'duplicate-id', file: f.file, ...f.locate([i, 'id']), message: `case "${tc.id}" appears twice in this file` });
    ids.add(tc.id);
    const given = fromMapping(k.questions, tc.answers, f.file, (p) => f.locate([i, 'answers', ...p]));
    problems.push(...given.problems.map((p) => ({ ...p, message: `case "${tc.id}": ${p.message}` })));
    const { missing } = completeAnswers(k.questions, given.answers);
    if (given.problems.length === 0 && missing.length > 0) {
      problems.push({
        code: 'missing-answer',
        file: f.file,
        ...f.locate([i, 'answers']),
        message: `case "${tc.id}": missing required answer${missing.length > 1 ? 's' : ''}: ${missing.map((q) => q.id).join(', ')}`,
      });
    }
    for (const [field, kind] of fields) {
      tc.expect[field]?.forEach((id, j) => {
        const list = known[kind] ?? [];
        if (list.includes(id)) return;
        problems.push({
          code: kind === 'rule' ? 'unknown-rule' : 'unknown-method',
          file: f.file,
          ...f.locate([i, 'expect', field, j]),
          message: `case "${tc.id}": expect.${field}: unknown ${kind} "${id}"`,
          hint: didYouMean(id, list) ?? (kind === 'rule' ? undefined : `known: ${list.join(', ')}`),
        });
      });
    }
  });
  return problems;
}

/** GitHub Actions workflow command; positions are 1-based, newlines escaped as %0A. */
export function githubAnnotation(p: Problem): string {
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

// ---------------------------------------------------------------- rules test

/** One field of a case that did not hold: what the case expects and what the advice gave. */
interface Difference {
  field: string;
  expected: string;
  actual: string;
}

interface TestOutcome extends CaseOutcome {
  file: string;
  line: number;
  column: number;
  differences: Difference[];
  /** For a wrong primary: the evidence for the expected models and for the one that won. */
  evidence?: string[];
}

export async function rulesTest(ctx: Context, paths: string[], opts: RulesOptions): Promise<number> {
  const { readCaseFiles } = await import('../../knowledge/cases.js');
  const knowledge = await ctx.knowledge({ rules: opts.rules, builtin: opts.builtinRules });
  if (paths.length === 0) {
    await builtinSources();
    paths = [`${packageRoot()}rules/tests`];
  }
  const files = readCaseFiles(paths);
  // Every answer problem of every case first, all at once: they are input errors (exit 2).
  const problems: Problem[] = [];
  const prepared = files.flatMap((f) =>
    f.cases.map((tc, i) => {
      const given = fromMapping(knowledge.questions, tc.answers, f.file, (p) => f.locate([i, 'answers', ...p]));
      problems.push(...given.problems.map((p) => ({ ...p, message: `case "${tc.id}": ${p.message}` })));
      const { answers, missing } = completeAnswers(knowledge.questions, given.answers);
      if (given.problems.length === 0 && missing.length > 0) {
        const m = missingProblem(missing);
        problems.push({ ...m, message: `case "${tc.id}": ${m.message}`, file: f.file, ...f.locate([i, 'answers']), hint: 'add them to the case\'s "answers"' });
      }
      return { f, tc, i, answers };
    }),
  );
  if (problems.length > 0) throw new UserError(problems);

  const outcomes: TestOutcome[] = prepared.map(({ f, tc, i, answers }) => {
    const where = { file: f.file, ...f.locate([i]) };
    try {
      const result = evaluate(knowledge, answers, { explain: true });
      const outcome = checkCase(tc, result);
      const differences = outcome.failures.map(toDifference);
      const wrongPrimary =
        (tc.expect.primary && !tc.expect.primary.includes(result.recommendation.primary.id)) || tc.expect.notPrimary?.includes(outcome.primary ?? '');
      return { ...outcome, ...where, differences, ...(wrongPrimary ? { evidence: evidenceLines(result, tc.expect.primary ?? []) } : {}) };
    } catch (e) {
      if (!(e instanceof NoRecommendationError)) throw e;
      return {
        id: tc.id,
        passed: false,
        failures: [e.message],
        ...where,
        differences: [{ field: 'primary', expected: tc.expect.primary?.join(' or ') ?? 'a model', actual: 'none: ' + e.message }],
      };
    }
  });
  const failed = outcomes.filter((o) => !o.passed);
  if (formatOf(opts) === 'json') {
    ctx.out(renderJson({ schemaVersion: 1, passed: outcomes.length - failed.length, failed: failed.length, cases: outcomes }, Boolean(ctx.io.stdout.isTTY)));
  } else {
    const s = await ctx.style(undefined);
    for (const o of outcomes) ctx.out(renderOutcome(o, s));
    ctx.out(`${outcomes.length - failed.length} passed, ${failed.length} failed\n`);
  }
  if (failed.length > 0) throw new CheckFailedError(`${failed.length} of ${outcomes.length} rule test cases failed`);
  return 0;
}

/** "strategies: expected a, b; got c" -> { field, expected, actual } (the wording of checkCase). */
function toDifference(failure: string): Difference {
  const m = /^([\w-]+): expected (.*?); got (.*)$/s.exec(failure);
  if (!m) return { field: 'result', expected: '', actual: failure };
  return { field: m[1] ?? '', expected: m[2] ?? '', actual: m[3] ?? '' };
}

/** Why the winner won: its score, evidence and rules, and the same for each expected model. */
function evidenceLines(result: Result, expected: readonly string[]): string[] {
  const rec = result.recommendation;
  const ranked = [rec.primary, ...rec.alternatives];
  const excluded = result.explain?.excluded ?? [];
  const describe = (id: string): string => {
    const m = ranked.find((x) => x.id === id);
    if (m) {
      const rules = [...m.reasons, ...m.against].map((r) => `${r.rule} ${r.weight !== undefined && r.weight >= 0 ? '+' : ''}${r.weight ?? ''}`).join(', ');
      return `${id}: ${Math.round(m.score * 100)}%, evidence ${m.evidence} (${rules})`;
    }
    const ex = excluded.find((x) => x.id === id);
    if (ex) return `${id}: excluded by ${ex.reasons.map((r) => r.rule).join(', ')}`;
    return `${id}: not a candidate (no rule that fired favors it)`;
  };
  return [...new Set([rec.primary.id, ...expected])].map(describe);
}

function renderOutcome(o: TestOutcome, s: Style): string {
  if (o.passed) return `${s.green('✓')} ${o.id} ${s.dim(`→ ${o.primary ?? '-'}`)}\n`;
  let out = `${s.red('✗')} ${o.id} ${s.dim(`${o.file}:${o.line}:${o.column}`)}\n`;
  for (const d of o.differences) {
    if (!d.expected) {
      out += `    ${d.actual}\n`;
      continue;
    }
    out += `    ${s.bold(d.field)}\n      expected: ${d.expected}\n      actual:   ${d.actual}\n`;
  }
  if (o.evidence) out += `    ${s.bold('evidence')}\n${o.evidence.map((e) => `      ${e}\n`).join('')}`;
  return out;
}
