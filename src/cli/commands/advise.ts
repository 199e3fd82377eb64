/** The main job: collect answers, evaluate, print. */
import { writeFileSync } from 'node:fs';
import type { FromData } from '../../answers/data.js';
import { completeAnswers, flagOf, missingProblem } from '../../answers/normalize.js';
import { type Collected, fromFlags, merge } from '../../answers/sources.js';
import { validIfProblems, withoutInvalid } from '../../answers/valid-if.js';
import type { Answers } from '../../engine/conditions.js';
import { recommend } from '../../engine/recommend.js';
import { type Problem, UserError } from '../../errors.js';
import { describeWriteError } from '../../io/fs-errors.js';
import { addPrecedents, precedentCount } from '../../knowledge/advice-precedents.js';
import type { Knowledge } from '../../knowledge/assemble.js';
import type { Result } from '../../knowledge/output.js';
import type { Question } from '../../knowledge/schema.js';
import { isCitationFormat, renderCitations } from '../../render/citations.js';
import { type Context, type Format, formatOf } from '../context.js';

export interface AdviseOptions {
  answer?: string[];
  answers?: string;
  data?: string;
  target?: string;
  sheet?: string;
  format?: Format;
  json?: boolean;
  rules?: string[];
  builtinRules?: boolean;
  input?: boolean;
  interactive?: boolean;
  saveAnswers?: string;
  /** `--explain` gives true, `--explain=all` "all". */
  explain?: boolean | 'short' | 'all';
  output?: string;
  color?: boolean;
  /** `--precedents N` gives "N", `--no-precedents` false. */
  precedents?: string | boolean;
  [flag: string]: unknown;
}

export async function advise(ctx: Context, opts: AdviseOptions): Promise<number> {
  const count = precedentCount(opts.precedents);
  const { knowledge, answers, given, interactive, data } = await collectAnswers(ctx, opts);
  const questions = knowledge.questions;
  const advice = evaluateOrExplain(knowledge, answers, opts, ctx.version);
  const result = await addPrecedents(data ? (await import('../../answers/data.js')).withData(advice, data.report) : advice, count, {
    knowledge,
    // The default packs (DL_ADVISOR_RULES, .dl-advisor.yaml) add their precedents too, as their rules.
    rules: [...(await ctx.defaultPacks()).rules, ...(opts.rules ?? [])],
    builtin: opts.builtinRules,
  });
  if (opts.saveAnswers) await saveAnswers(opts.saveAnswers, answers, questions);
  const format = formatOf(opts);
  if (isCitationFormat(format)) {
    // The works behind the advice, for a reference manager (issue 16, item 6).
    ctx.write(renderCitations(result, format, opts.output !== undefined || Boolean(ctx.io.stdout.isTTY)), opts.output);
  } else {
    const explain = opts.explain === 'all' ? 'all' : 'short';
    await ctx.show(format, opts.color, (r, view) => r.advice(result, view, questions), { output: opts.output, view: { explain } });
  }
  if (interactive) ctx.err(`\nTo run this again without questions:\n  ${equivalentCommand(questions, given, opts)}\n`);
  return 0;
}

export interface CollectedAnswers {
  knowledge: Knowledge;
  /** Every answer, defaults applied. */
  answers: Answers;
  /** The answers given or asked (what the printed command carries). */
  given: Answers;
  interactive: boolean;
  /** What --data found (undefined without --data). */
  data?: FromData;
}

/**
 * The answers of advise and starter: flags, --answer, --answers, --data, then the walkthrough
 * when a terminal is there to ask (or a UserError naming what is missing).
 */
export async function collectAnswers(ctx: Context, opts: AdviseOptions): Promise<CollectedAnswers> {
  const knowledge = await ctx.knowledge({ rules: opts.rules, builtin: opts.builtinRules });
  const questions = knowledge.questions;
  const layers: (Collected & { origin: string })[] = [{ ...fromFlags(questions, opts, opts.answer ?? []), origin: 'given' }];
  if (opts.answers) {
    const { readAnswersFile } = await import('../../answers/file.js');
    layers.push({ ...(await readAnswersFile(opts.answers, ctx.io.stdin, questions)), origin: opts.answers === '-' ? 'from stdin' : `from ${opts.answers}` });
  }
  for (const [flag, value] of [
    ['--target', opts.target],
    ['--sheet', opts.sheet],
  ] as const) {
    if (value === undefined || opts.data) continue;
    const what = flag === '--target' ? 'names the column to predict' : 'names the Excel sheet to read';
    throw new UserError({
      code: 'bad-flag',
      message: `${flag} ${what} in the --data file, but no --data was given`,
      hint: `add --data FILE, or see what a file shows: dl-advisor inspect FILE ${flag} ${value}`,
    });
  }
  const data = opts.data ? await fromData(opts.data, opts, questions, ctx, merge(...layers.map((l) => l.answers))) : undefined;
  if (data) {
    const layer = fromFlags(questions, data.answers, []);
    layer.answers = withoutInvalid(questions, layer.answers, merge(...layers.map((l) => l.answers)));
    layers.push({ ...layer, origin: `from ${opts.data}` });
  }
  const problems: Problem[] = layers.flatMap((l) => l.problems);
  if (problems.length > 0) throw new UserError(problems);
  let given: Answers = merge(...layers.map((l) => l.answers));
  const invalid = validIfProblems(questions, given);
  if (invalid.length > 0) throw new UserError(invalid);
  let { answers, missing } = completeAnswers(questions, given);
  const blocked = promptBlocker(ctx, opts);
  // Prompt only for what is missing, or when asked to (--interactive): a command that answers
  // every required question prints the advice at once, in a terminal too.
  const interactive = blocked === undefined && (missing.length > 0 || opts.interactive === true);
  if (opts.interactive && blocked !== undefined && missing.length === 0) ctx.err(`dl-advisor: --interactive: not prompting, ${blocked.reason}\n`);
  if (interactive) {
    const [{ walkthrough }, { mattersFor }] = await Promise.all([import('../../answers/interactive.js'), import('../../answers/walkthrough/matters.js')]);
    // Earlier layers win (flags > file > data), so the first layer that gives a key is its origin.
    const origins: Record<string, string> = {};
    for (const l of layers) for (const k of Object.keys(l.answers)) origins[k] ??= l.origin;
    const io = { input: ctx.io.stdin, output: ctx.io.stderr, env: ctx.io.env, color: opts.color };
    given = await walkthrough(questions, given, io, undefined, { origins, matters: mattersFor(knowledge) });
    ({ answers, missing } = completeAnswers(questions, given));
  }
  if (missing.length > 0) throw new UserError(missingProblem(missing, blocked?.hint));
  if (interactive) {
    const late = validIfProblems(questions, answers);
    if (late.length > 0) throw new UserError(late);
  }
  return { knowledge, answers, given, interactive, data };
}

/** Why no prompt is possible (for the missing-answer hint), or undefined when one is. */
export interface Blocker {
  reason: string;
  hint: string;
}

const ANSWER_HINT = 'pass them as flags, with --answer KEY=VALUE or --answers FILE';

/**
 * Prompts only when both stdin and stderr are terminals, --no-input was not given, and CI is not
 * set (a CI job that happens to have a terminal must fail fast, not wait for an answer).
 */
export function promptBlocker(ctx: Context, opts: AdviseOptions): Blocker | undefined {
  const ci = ctx.io.env.CI;
  if (opts.input === false) return { reason: '--no-input was given', hint: `${ANSWER_HINT}, or leave out --no-input to be asked` };
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false')
    return { reason: 'CI is set', hint: `${ANSWER_HINT}; nothing is asked when CI is set` };
  if (!ctx.io.stdin.isTTY) return { reason: 'stdin is not a terminal', hint: `${ANSWER_HINT}, or run in a terminal to be asked` };
  if (!ctx.io.stderr.isTTY)
    return {
      reason: 'stderr is not a terminal',
      hint: `${ANSWER_HINT}, or leave stderr on the terminal to be asked: the questions are drawn on stderr, which is redirected`,
    };
  return undefined;
}

export function canPrompt(ctx: Context, opts: AdviseOptions): boolean {
  return promptBlocker(ctx, opts) === undefined;
}

function evaluateOrExplain(knowledge: Knowledge, answers: Answers, opts: AdviseOptions, version: string): Result {
  return recommend(knowledge, answers, { explain: Boolean(opts.explain), toolVersion: version, files: knowledge.packs.map((p) => p.file) });
}

/** Answers inferred from `--data`; where a flag or the answers file says otherwise, that wins, with a warning. */
async function fromData(path: string, opts: AdviseOptions, questions: readonly Question[], ctx: Context, given: Answers): Promise<FromData> {
  const { answersFromData } = await import('../../answers/data.js');
  const found = await answersFromData(path, opts.target, questions, opts.sheet);
  for (const [key, value] of Object.entries(fromFlags(questions, found.answers, []).answers)) {
    const mine = given[key];
    if (mine === undefined || mine === value) continue;
    const why = found.evidence[key] ? ` (${found.evidence[key]})` : '';
    ctx.err(
      `dl-advisor: ${path}: warning: ${key} is given as ${JSON.stringify(mine)}, but the data suggests ${JSON.stringify(value)}${why}; using ${JSON.stringify(mine)}\n`,
    );
  }
  return found;
}

/**
 * The command that reproduces a run without questions: every answer that was given or asked
 * (defaults included, so that nothing is asked again), and --no-input.
 */
export function equivalentCommand(questions: readonly Question[], given: Answers, opts: Pick<AdviseOptions, 'rules' | 'builtinRules'> = {}): string {
  const quote = (v: string) => (/^[\w./:,=-]+$/.test(v) ? v : `'${v.replaceAll("'", "'\\''")}'`);
  const parts = ['npx dl-advisor'];
  for (const path of opts.rules ?? []) parts.push(`--rules ${quote(path)}`);
  if (opts.builtinRules === false) parts.push('--no-builtin-rules');
  for (const q of questions) {
    if (!Object.hasOwn(given, q.id)) continue;
    const v = given[q.id];
    parts.push(`${flagOf(q)} ${v === null || v === undefined ? 'unknown' : quote(String(v))}`);
  }
  parts.push('--no-input');
  return parts.join(' ');
}

async function saveAnswers(path: string, answers: Answers, questions: readonly Question[]): Promise<void> {
  const data: Record<string, string | number> = {};
  for (const q of questions) {
    const v = answers[q.id];
    if (v !== null && v !== undefined) data[q.id] = v;
  }
  let text: string;
  if (/\.json$/i.test(path)) text = `${JSON.stringify(data, null, 2)}\n`;
  else {
    // A bundle may hand this CommonJS package over as its default export only (esbuild with
    // code splitting does, and `--save-answers x.yaml` then failed with exit 3).
    const yaml = await import('yaml');
    const stringify = yaml.stringify ?? (yaml as unknown as { default: typeof yaml }).default.stringify;
    text = `# dl-advisor answers: dl-advisor advise --answers ${path}\n${stringify(data, { defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' })}`;
  }
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new UserError({ code: 'unwritable', file: path, message: `cannot write the answers file: ${describeWriteError(e)}` });
  }
}
