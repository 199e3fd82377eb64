/** For rule authors and CI: `rules list`, `rules validate PATH...`, `rules test PATH...`. Wiring only. */
import { CheckFailedError } from '../../errors.js';
import { builtinSources } from '../../knowledge/builtin.js';
import { packageRoot } from '../../knowledge/paths.js';
import { caseJson, githubAnnotation, renderOutcome, validationReport, validationSummary } from '../../render/cases.js';
import { type Context, formatOf } from '../context.js';

interface RulesOptions {
  rules?: string[];
  builtinRules?: boolean;
  format?: string;
  json?: boolean;
  color?: boolean;
}

// ---------------------------------------------------------------- rules list

export async function rulesList(ctx: Context, opts: RulesOptions): Promise<number> {
  const k = await ctx.knowledge({ rules: opts.rules, builtin: opts.builtinRules });
  await ctx.show(formatOf(opts), opts.color, (r, view) => r.rules({ rules: k.rules, packs: k.packs.length }, view));
  return 0;
}

// ---------------------------------------------------------------- rules validate

/** Rule packs and test-case files, checked (see validateRulePaths); exit 1 when problems were found. */
export async function rulesValidate(ctx: Context, paths: string[], opts: RulesOptions): Promise<number> {
  const { validateRulePaths } = await import('../../knowledge/cases.js');
  const { files, problems } = await validateRulePaths(paths, (packPaths) =>
    packPaths.length > 0 || opts.builtinRules !== false ? ctx.knowledge({ rules: packPaths, builtin: opts.builtinRules }) : undefined,
  );
  const format = formatOf(opts);
  if (format === 'github') ctx.out(problems.map(githubAnnotation).join(''));
  else await ctx.show(format, opts.color, (r, view) => r.report(validationReport(files, problems), view));
  ctx.err(validationSummary(files, problems));
  return problems.length === 0 ? 0 : 1;
}

// ---------------------------------------------------------------- rules test

export async function rulesTest(ctx: Context, paths: string[], opts: RulesOptions): Promise<number> {
  const { readCaseFiles, runCaseFiles } = await import('../../knowledge/cases.js');
  const knowledge = await ctx.knowledge({ rules: opts.rules, builtin: opts.builtinRules });
  if (paths.length === 0) {
    await builtinSources();
    paths = [`${packageRoot()}rules/tests`];
  }
  const runs = runCaseFiles(knowledge, readCaseFiles(paths));
  const failed = runs.filter((r) => !r.outcome.passed).length;
  const json = { schemaVersion: 1, passed: runs.length - failed, failed, cases: runs.map((r) => caseJson(r, r.where)) };
  const text = (view: { style: Parameters<typeof renderOutcome>[2] }) =>
    `${runs.map((r) => renderOutcome(r, r.where, view.style)).join('')}${json.passed} passed, ${failed} failed\n`;
  await ctx.show(formatOf(opts), opts.color, (r, view) => r.report({ json, text }, view));
  if (failed > 0) throw new CheckFailedError(`${failed} of ${runs.length} rule test cases failed`);
  return 0;
}
