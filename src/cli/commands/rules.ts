/** For rule authors and CI: `rules list`, `rules validate PATH...`, `rules test PATH...`. Wiring only. */
import { CheckFailedError } from '../../errors.js';
import { builtinSources } from '../../knowledge/builtin.js';
import { packageRoot } from '../../knowledge/paths.js';
import { caseJson, renderOutcome, renderValidation } from '../../render/cases.js';
import { renderJson } from '../../render/json.js';
import { renderRuleList, ruleListJson } from '../../render/rules.js';
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
  if (formatOf(opts) === 'json') ctx.out(renderJson(ruleListJson(k), Boolean(ctx.io.stdout.isTTY)));
  else ctx.out(renderRuleList(k, await ctx.style(undefined)));
  return 0;
}

// ---------------------------------------------------------------- rules validate

/** Rule packs and test-case files, checked (see validateRulePaths); exit 1 when problems were found. */
export async function rulesValidate(ctx: Context, paths: string[], opts: RulesOptions): Promise<number> {
  const { validateRulePaths } = await import('../../knowledge/cases.js');
  const { files, problems } = await validateRulePaths(paths, (packPaths) =>
    packPaths.length > 0 || opts.builtinRules !== false ? ctx.knowledge({ rules: packPaths, builtin: opts.builtinRules }) : undefined,
  );
  const { out, err } = renderValidation(files, problems, formatOf(opts), Boolean(ctx.io.stdout.isTTY));
  ctx.out(out);
  ctx.err(err);
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
  if (formatOf(opts) === 'json') {
    const cases = runs.map((r) => caseJson(r, r.where));
    ctx.out(renderJson({ schemaVersion: 1, passed: runs.length - failed, failed, cases }, Boolean(ctx.io.stdout.isTTY)));
  } else {
    const s = await ctx.style(undefined);
    for (const r of runs) ctx.out(renderOutcome(r, r.where, s));
    ctx.out(`${runs.length - failed} passed, ${failed} failed\n`);
  }
  if (failed > 0) throw new CheckFailedError(`${failed} of ${runs.length} rule test cases failed`);
  return 0;
}
