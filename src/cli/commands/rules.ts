/** For rule authors and CI: `rules list`, `rules validate PATH...`, `rules test PATH...`. Wiring only. */
import { readdirSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { CheckFailedError, UserError } from '../../errors.js';
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

/**
 * Rule packs and test-case files, checked (see validateRulePaths); exit 1 when problems were found.
 * Given the built-in rule files themselves (`rules validate rules/` in the repository), it checks
 * them as they are on disk instead of beside the built-in copy, which would define every rule twice.
 */
export async function rulesValidate(ctx: Context, paths: string[], opts: RulesOptions): Promise<number> {
  const { validateRulePaths } = await import('../../knowledge/cases.js');
  const rest = opts.builtinRules === false ? undefined : otherBuiltinFiles(paths);
  if (rest)
    ctx.err('dl-advisor: these are the built-in rule files: checking them as they are on disk, with the other built-in files (as --no-builtin-rules)\n');
  const { files, problems } = await validateRulePaths(
    paths,
    (packPaths) =>
      rest
        ? ctx.knowledge({ rules: [...packPaths, ...rest], builtin: false }, false)
        : packPaths.length > 0 || opts.builtinRules !== false
          ? ctx.knowledge({ rules: packPaths, builtin: opts.builtinRules }, false)
          : undefined,
    // Pack precedents must not repeat the built-in corpus (unless the built-in files are what is checked).
    async () => (rest || opts.builtinRules === false ? [] : (await import('../../knowledge/precedents-builtin.js')).loadPrecedents()),
  );
  const format = formatOf(opts);
  if (format === 'github') ctx.out(problems.map(githubAnnotation).join(''));
  else await ctx.show(format, opts.color, (r, view) => r.report(validationReport(files, problems), view));
  ctx.err(validationSummary(files, problems));
  return problems.length === 0 ? 0 : 1;
}

/** When some path is (in) the package's rules/ folder: the built-in pack files not among the paths. */
function otherBuiltinFiles(paths: readonly string[]): string[] | undefined {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return undefined;
    }
  };
  const dir = real(`${packageRoot()}rules`);
  if (!dir) return undefined;
  const given = paths.map(real).filter((p): p is string => p !== undefined);
  if (!given.some((p) => p === dir || p.startsWith(`${dir}${sep}`))) return undefined;
  const isPack = (n: string) => /\.(?:ya?ml|json)$/i.test(n) && !/\.cases\./i.test(n);
  // The works cited and the recipes live in sub-folders (a folder path expands to its own files only).
  const sub = ['references', 'recipes'].flatMap((d) =>
    readdirSync(join(dir, d))
      .filter(isPack)
      .map((n) => join(dir, d, n)),
  );
  const top = given.includes(dir)
    ? []
    : readdirSync(dir)
        .filter(isPack)
        .map((n) => join(dir, n));
  return [...top, ...sub].filter((f) => !given.includes(f) && !given.includes(join(f, '..')));
}

// ---------------------------------------------------------------- rules test

export async function rulesTest(ctx: Context, paths: string[], opts: RulesOptions & { precedents?: boolean }): Promise<number> {
  const { readCaseFiles, runCaseFiles } = await import('../../knowledge/cases.js');
  const knowledge = await ctx.knowledge({ rules: opts.rules, builtin: opts.builtinRules });
  if (paths.length === 0) {
    await builtinSources();
    paths = [`${packageRoot()}rules/tests`];
  }
  const runs = withPackHint(() => runCaseFiles(knowledge, readCaseFiles(paths)), paths, opts.rules ?? []);
  const precedents = opts.precedents ? await precedentRun(ctx, knowledge, opts) : undefined;
  const failed = runs.filter((r) => !r.outcome.passed).length;
  const json = {
    schemaVersion: 1,
    passed: runs.length - failed,
    failed,
    cases: runs.map((r) => caseJson(r, r.where)),
    ...(precedents ? { precedents: precedents.json } : {}),
  };
  const text = (view: { style: Parameters<typeof renderOutcome>[2] }) =>
    `${runs.map((r) => renderOutcome(r, r.where, view.style)).join('')}${json.passed} passed, ${failed} failed\n${precedents ? precedents.text(view.style) : ''}`;
  await ctx.show(formatOf(opts), opts.color, (r, view) => r.report({ json, text }, view));
  const disagreed = precedents?.json.disagreed ?? 0;
  if (failed > 0 || disagreed > 0) {
    const what = [
      failed > 0 ? `${failed} of ${runs.length} rule test cases failed` : '',
      disagreed > 0
        ? `${disagreed} ${disagreed === 1 ? 'precedent disagrees' : 'precedents disagree'} with the advice (mark a known one with disagreement: REASON)`
        : '',
    ];
    throw new CheckFailedError(what.filter(Boolean).join('; '));
  }
  return 0;
}

/** `rules test --precedents`: every precedent (built-in and of the packs) as a rule case. */
async function precedentRun(ctx: Context, knowledge: Awaited<ReturnType<Context['knowledge']>>, opts: RulesOptions) {
  const [{ loadPackPrecedents }, { runPrecedents }, { precedentsJson, renderPrecedentRun }] = await Promise.all([
    import('../../knowledge/precedents-pack.js'),
    import('../../knowledge/precedent-cases.js'),
    import('../../render/precedent-agreement.js'),
  ]);
  const rules = [...(await ctx.defaultPacks()).rules, ...(opts.rules ?? [])];
  const all = await loadPackPrecedents(knowledge, { rules, builtin: opts.builtinRules });
  const { outcomes, problems } = runPrecedents(knowledge, all);
  if (problems.length > 0) throw new UserError(problems);
  return { json: precedentsJson(outcomes), text: (style: Parameters<typeof renderPrecedentRun>[1]) => renderPrecedentRun(outcomes, style) };
}

/**
 * Cases that answer a question no loaded pack asks, next to a pack that is not loaded
 * (`rules test examples/lab-pack`): say to add it with --rules.
 */
function withPackHint<T>(fn: () => T, paths: readonly string[], rules: readonly string[]): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof UserError) || rules.length > 0 || !e.problems.some((p) => p.code === 'unknown-key')) throw e;
    const packs = paths.filter((p) => {
      try {
        return readdirSync(p).some((n) => /\.(?:ya?ml|json)$/i.test(n) && !/\.cases\./i.test(n));
      } catch {
        return false;
      }
    });
    if (packs.length === 0) throw e;
    const hint = `the cases may answer questions of a rule pack that is not loaded: add ${packs.map((p) => `--rules ${p}`).join(' ')}`;
    throw new UserError(e.problems.map((p) => (p.code === 'unknown-key' ? { ...p, hint } : p)));
  }
}
