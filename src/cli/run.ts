/**
 * run(argv, io) -> exit code. The one place that maps errors to exit codes (contract section 5);
 * it never touches `process`, so tests run the whole CLI in process with fake streams.
 */
import { CommanderError } from 'commander';
import { CancelledError, CheckFailedError, didYouMean, formatProblem, type Problem, type ProblemCode, UserError } from '../errors.js';
import type { Io } from '../io/streams.js';
import { builtinQuestions } from '../knowledge/builtin.js';
import type { Question } from '../knowledge/schema.js';
import { errorDocument, renderJson } from '../render/json.js';
import { builtKnowledge, isVersionRequest, knowledgeSummary, versionText } from '../version.js';
import { checkRepeatedFlags, hoistLeadingFlags, knowsEveryFlag } from './argv.js';
import { Context } from './context.js';
import { createProgram, isRepeatable } from './program.js';

export const REPORT_URL = 'https://github.com/dl-advisor/dl-advisor/issues';

export async function run(given: readonly string[], io: Io, version: string): Promise<number> {
  const argv = hoistLeadingFlags(given, SUBCOMMANDS);
  const ctx = new Context(io, version);
  // main.ts answers this before loading this module; here for callers of run() (tests).
  if (isVersionRequest(argv)) {
    const knowledge = builtKnowledge() ?? knowledgeSummary(await ctx.knowledge({}, false));
    ctx.out(versionText(version, io.node, knowledge));
    return 0;
  }
  const json = wantsJson(argv);
  let exit = 0;
  try {
    unknownCommand(argv);
    const questions = (await packQuestions(argv, ctx)) ?? (await builtinQuestions());
    const setExit = (code: number) => {
      exit = code;
    };
    // `advise` (the default) builds its command alone, unless argv may need another one: a
    // command's name, help, or a flag that `advise` does not know (see knowsEveryFlag).
    const lean = !argv.some((a) => a === '-h' || a === '--help' || (SUBCOMMANDS.has(a) && a !== 'advise'));
    let program = createProgram(ctx, questions, setExit, lean ? 'advise' : undefined);
    if (lean && !knowsEveryFlag(argv, program, isRepeatable)) program = createProgram(ctx, questions, setExit);
    checkRepeatedFlags(argv, program, isRepeatable);
    await program.parseAsync([...argv], { from: 'user' });
    return exit;
  } catch (e) {
    return report(e, ctx, json, argv.includes('--debug'));
  }
}

const SUBCOMMANDS = new Set(['advise', 'starter', 'questions', 'methods', 'rules', 'schema', 'inspect', 'precedents', 'completion', 'mcp', 'help']);
/** Commands whose flags (advise) or output (completion) include the questions of --rules packs. */
const PACK_FLAGS = new Set(['advise', 'starter', 'completion']);

/**
 * When `advise` runs with --rules, the packs may add questions: load them first so that each gets
 * its own flag (`--in-house-model yes`) like the built-in ones. Undefined when there is nothing
 * to add, or when the packs do not load: the command then reports their problems itself.
 */
async function packQuestions(argv: readonly string[], ctx: Context): Promise<Question[] | undefined> {
  const command = argv.find((a) => !a.startsWith('-'));
  if (command !== undefined && !PACK_FLAGS.has(command) && SUBCOMMANDS.has(command)) return undefined;
  const rules = argv.flatMap((a, i) => (a === '--rules' ? [argv[i + 1] ?? ''] : a.startsWith('--rules=') ? [a.slice(8)] : [])).filter(Boolean);
  if (rules.length === 0 && (await ctx.defaultPacks().catch(() => ({ rules: [] }))).rules.length === 0) return undefined;
  try {
    return (await ctx.knowledge({ rules, builtin: !argv.includes('--no-builtin-rules') })).questions;
  } catch {
    return undefined;
  }
}

/** advise takes no positional arguments, so a leading word must be a command: suggest one. */
function unknownCommand(argv: readonly string[]): void {
  const first = argv[0];
  if (first === undefined || first.startsWith('-') || SUBCOMMANDS.has(first)) return;
  throw new UserError({
    code: 'unknown-command',
    message: `unknown command '${first}'; commands: ${[...SUBCOMMANDS].join(', ')}`,
    hint: didYouMean(first, [...SUBCOMMANDS]),
  });
}

function wantsJson(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--json' || a === '--format=json' || a === '-fjson' || ((a === '--format' || a === '-f') && argv[i + 1] === 'json'));
}

function report(e: unknown, ctx: Context, json: boolean, debug: boolean): number {
  const fail = (problems: Problem[], code: number) => {
    for (const p of problems) ctx.err(`dl-advisor: ${formatProblem(p)}\n`);
    if (json) ctx.out(renderJson(errorDocument(problems), false));
    return code;
  };
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
    // commander has already printed its message to stderr.
    if (json)
      ctx.out(renderJson(errorDocument([{ code: e.code.replace('commander.', 'usage-') as ProblemCode, message: e.message.replace(/^error: /, '') }]), false));
    return 2;
  }
  if (e instanceof UserError) return fail(e.problems, 2);
  if (e instanceof CheckFailedError) {
    ctx.err(`dl-advisor: ${e.message}\n`);
    return 1;
  }
  if (e instanceof CancelledError) {
    ctx.err('\ndl-advisor: cancelled\n');
    if (json) ctx.out(renderJson(errorDocument([{ code: 'cancelled', message: 'cancelled by the user' }]), false));
    return 130;
  }
  const message = e instanceof Error ? e.message : String(e);
  ctx.err(
    `dl-advisor: internal error: ${message.split('\n')[0]}\nThis is a bug; please report it at ${REPORT_URL}${debug ? '' : ' (run again with --debug for the stack trace)'}\n`,
  );
  if (debug && e instanceof Error && e.stack) ctx.err(`${e.stack}\n`);
  if (json) ctx.out(renderJson(errorDocument([{ code: 'internal', message }]), false));
  return 3;
}
