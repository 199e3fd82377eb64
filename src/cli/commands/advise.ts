/** The main job: collect answers, evaluate, print. */
import { writeFileSync } from 'node:fs';
import { completeAnswers, flagOf, missingProblem } from '../../answers/normalize.js';
import { type Collected, fromFlags, merge } from '../../answers/sources.js';
import { validIfProblems } from '../../answers/valid-if.js';
import type { Answers } from '../../engine/conditions.js';
import { recommend } from '../../engine/recommend.js';
import { type Problem, UserError } from '../../errors.js';
import { describeWriteError } from '../../io/fs-errors.js';
import type { Knowledge } from '../../knowledge/assemble.js';
import type { Result } from '../../knowledge/output.js';
import type { Question } from '../../knowledge/schema.js';
import { type Context, type Format, formatOf } from '../context.js';

export interface AdviseOptions {
  answer?: string[];
  answers?: string;
  data?: string;
  target?: string;
  format?: Format;
  json?: boolean;
  rules?: string[];
  builtinRules?: boolean;
  input?: boolean;
  saveAnswers?: string;
  explain?: boolean;
  color?: boolean;
  [flag: string]: unknown;
}

export async function advise(ctx: Context, opts: AdviseOptions): Promise<number> {
  const knowledge = await ctx.knowledge({ rules: opts.rules, builtin: opts.builtinRules });
  const questions = knowledge.questions;
  const layers: Collected[] = [fromFlags(questions, opts, opts.answer ?? [])];
  if (opts.answers) {
    const { readAnswersFile } = await import('../../answers/file.js');
    layers.push(await readAnswersFile(opts.answers, ctx.io.stdin, questions));
  }
  if (opts.data) layers.push(await fromData(opts.data, opts.target, questions, ctx));
  const problems: Problem[] = layers.flatMap((l) => l.problems);
  if (problems.length > 0) throw new UserError(problems);
  let given: Answers = merge(...layers.map((l) => l.answers));
  const invalid = validIfProblems(questions, given);
  if (invalid.length > 0) throw new UserError(invalid);
  let { answers, missing } = completeAnswers(questions, given);
  const interactive = canPrompt(ctx, opts);
  if (interactive) {
    const { walkthrough } = await import('../../answers/interactive.js');
    given = await walkthrough(questions, given, { input: ctx.io.stdin, output: ctx.io.stderr, env: ctx.io.env, color: opts.color });
    ({ answers, missing } = completeAnswers(questions, given));
  }
  if (missing.length > 0) throw new UserError(missingProblem(missing));
  if (interactive) {
    const late = validIfProblems(questions, answers);
    if (late.length > 0) throw new UserError(late);
  }
  const result = evaluateOrExplain(knowledge, answers, opts, ctx.version);
  if (opts.saveAnswers) await saveAnswers(opts.saveAnswers, answers, questions);
  await ctx.show(formatOf(opts), opts.color, (r, view) => r.advice(result, view, questions));
  if (interactive) ctx.err(`\nTo run this again without questions:\n  ${equivalentCommand(questions, answers, opts)}\n`);
  return 0;
}

/**
 * Prompts only when both stdin and stderr are terminals, --no-input was not given, and CI is not
 * set (a CI job that happens to have a terminal must fail fast, not wait for an answer).
 */
export function canPrompt(ctx: Context, opts: AdviseOptions): boolean {
  const ci = ctx.io.env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return false;
  return opts.input !== false && Boolean(ctx.io.stdin.isTTY) && Boolean(ctx.io.stderr.isTTY);
}

function evaluateOrExplain(knowledge: Knowledge, answers: Answers, opts: AdviseOptions, version: string): Result {
  return recommend(knowledge, answers, { explain: opts.explain, toolVersion: version, files: knowledge.packs.map((p) => p.file) });
}

async function fromData(path: string, target: string | undefined, questions: readonly Question[], ctx: Context): Promise<Collected> {
  const { answersFromData } = await import('../../answers/data.js');
  const { answers, warnings } = await answersFromData(path, target, questions);
  for (const w of warnings) ctx.err(`dl-advisor: ${path}: ${w}\n`);
  return fromFlags(questions, answers, []);
}

/** The non-interactive command that reproduces a run. */
export function equivalentCommand(questions: readonly Question[], answers: Answers, opts: Pick<AdviseOptions, 'rules' | 'builtinRules'> = {}): string {
  const quote = (v: string) => (/^[\w./:,=-]+$/.test(v) ? v : `'${v.replaceAll("'", "'\\''")}'`);
  const parts = ['npx dl-advisor'];
  for (const path of opts.rules ?? []) parts.push(`--rules ${quote(path)}`);
  if (opts.builtinRules === false) parts.push('--no-builtin-rules');
  for (const q of questions) {
    const v = answers[q.id];
    if (v === undefined || v === null) continue;
    if (!q.required && v === (q.default ?? q.unsure)) continue;
    parts.push(`${flagOf(q)} ${/^[\w.,-]+$/.test(String(v)) ? v : JSON.stringify(String(v))}`);
  }
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
