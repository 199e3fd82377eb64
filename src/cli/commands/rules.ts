/** For rule authors and CI: `rules list`, `rules validate PATH...`, `rules test PATH...`. */
import { completeAnswers, missingProblem } from '../../answers/normalize.js';
import { fromMapping } from '../../answers/sources.js';
import { type CaseOutcome, checkCase } from '../../engine/check-case.js';
import { evaluate, NoRecommendationError } from '../../engine/evaluate.js';
import { CheckFailedError, formatProblem, type Problem, UserError } from '../../errors.js';
import { builtinSources } from '../../knowledge/builtin.js';
import { packageRoot } from '../../knowledge/paths.js';
import { errorDocument, renderJson } from '../../render/json.js';
import type { Context } from '../context.js';

export async function rulesList(ctx: Context, opts: { rules?: string[]; builtinRules?: boolean; format?: string; json?: boolean }): Promise<number> {
  const k = await ctx.knowledge({ rules: opts.rules, builtin: opts.builtinRules });
  if (opts.json || opts.format === 'json') {
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

export async function rulesValidate(ctx: Context, paths: string[], opts: { builtinRules?: boolean; format?: string; json?: boolean }): Promise<number> {
  const format = opts.json ? 'json' : (opts.format ?? 'text');
  let problems: Problem[] = [];
  try {
    await ctx.knowledge({ rules: paths, builtin: opts.builtinRules });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    problems = e.problems;
  }
  // A path that cannot be read at all is a usage error (2), not a finding (1).
  const unreadable = problems.filter((p) => p.code === 'unreadable' && paths.includes(p.file ?? ''));
  if (unreadable.length > 0) throw new UserError(unreadable);
  if (format === 'json')
    ctx.out(
      renderJson(
        {
          schemaVersion: 1,
          valid: problems.length === 0,
          files: paths,
          problems: errorDocument(problems.length ? problems : [{ code: 'none', message: '' }]).errors.filter((p) => p.code !== 'none'),
        },
        Boolean(ctx.io.stdout.isTTY),
      ),
    );
  else if (format === 'github') for (const p of problems) ctx.out(githubAnnotation(p));
  else {
    for (const p of problems) ctx.out(`${formatProblem(p)}\n`);
    ctx.err(problems.length === 0 ? `${paths.join(', ')}: valid\n` : `${problems.length} problem${problems.length > 1 ? 's' : ''} found\n`);
  }
  return problems.length === 0 ? 0 : 1;
}

/** GitHub Actions workflow command; positions are 1-based, newlines escaped as %0A. */
export function githubAnnotation(p: Problem): string {
  const esc = (s: string) => s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
  const props = [
    p.file && `file=${esc(p.file).replaceAll(',', '%2C').replaceAll(':', '%3A')}`,
    p.line && `line=${p.line}`,
    p.column && `col=${p.column}`,
    `title=${p.code}`,
  ]
    .filter(Boolean)
    .join(',');
  return `::error ${props}::${esc(p.message + (p.hint ? ` (${p.hint})` : ''))}\n`;
}

export async function rulesTest(
  ctx: Context,
  paths: string[],
  opts: { rules?: string[]; builtinRules?: boolean; format?: string; json?: boolean },
): Promise<number> {
  const { readCaseFiles } = await import('../../knowledge/cases.js');
  const knowledge = await ctx.knowledge({ rules: opts.rules, builtin: opts.builtinRules });
  if (paths.length === 0) {
    await builtinSources();
    paths = [`${packageRoot()}rules/tests`];
  }
  const files = readCaseFiles(paths);
  const outcomes: (CaseOutcome & { file: string })[] = [];
  for (const f of files) {
    for (const [i, tc] of f.cases.entries()) {
      const where = { file: f.file, ...f.locate([i, 'answers']) };
      const given = fromMapping(knowledge.questions, tc.answers, f.file, (p) => f.locate([i, 'answers', ...p]));
      if (given.problems.length > 0) throw new UserError(given.problems);
      const { answers, missing } = completeAnswers(knowledge.questions, given.answers);
      if (missing.length > 0) throw new UserError({ ...missingProblem(missing), ...where });
      try {
        outcomes.push({ ...checkCase(tc, evaluate(knowledge, answers)), file: f.file });
      } catch (e) {
        if (!(e instanceof NoRecommendationError)) throw e;
        outcomes.push({ id: tc.id, passed: false, failures: [e.message], file: f.file });
      }
    }
  }
  const failed = outcomes.filter((o) => !o.passed);
  if (opts.json || opts.format === 'json') {
    ctx.out(renderJson({ schemaVersion: 1, passed: outcomes.length - failed.length, failed: failed.length, cases: outcomes }, Boolean(ctx.io.stdout.isTTY)));
  } else {
    const s = await ctx.style(undefined);
    for (const o of outcomes) {
      ctx.out(`${o.passed ? s.green('✓') : s.red('✗')} ${o.id} ${s.dim(`→ ${o.primary ?? '-'}`)}\n`);
      for (const f of o.failures) ctx.out(`    ${f}\n`);
    }
    ctx.out(`${outcomes.length - failed.length} passed, ${failed.length} failed\n`);
  }
  if (failed.length > 0) throw new CheckFailedError(`${failed.length} of ${outcomes.length} rule test cases failed`);
  return 0;
}
