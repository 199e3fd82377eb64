/**
 * The commander program. Options are declared here; the work is done by the command modules.
 * Per-question flags come from the loaded questions, so the help lists them with their values.
 */
import { Argument, Command, Option } from 'commander';
import { camelToKebab } from '../answers/normalize.js';
import type { Question } from '../knowledge/schema.js';
import type { Context } from './context.js';
import { FORMATS } from './context.js';

type Action = (...args: unknown[]) => Promise<number>;

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** A flag that may be given more than once (`--answer`, `--rules`): its values are collected. */
export const isRepeatable = (o: Option): boolean => o.parseArg === collect;

const RESERVED_FLAGS = new Set([
  'answer',
  'answers',
  'data',
  'target',
  'sheet',
  'format',
  'json',
  'rules',
  'builtin-rules',
  'no-builtin-rules',
  'input',
  'no-input',
  'interactive',
  'save-answers',
  'output',
  'explain',
  'precedents',
  'no-precedents',
  'color',
  'no-color',
  'debug',
  'help',
  'version',
]);

const EXAMPLES = `
Examples:
  $ dl-advisor                                   ask the questions in a terminal
  $ dl-advisor --answers problem.yaml --interactive  review saved answers, ask what they leave open
  $ dl-advisor --modality image --task classification --labeled 900 --pretrained yes
  $ dl-advisor --modality tabular --task regression --labeled 1.2k --features 8 --json | jq .recommendation.primary
  $ dl-advisor --answers problem.yaml --format markdown >> "$GITHUB_STEP_SUMMARY"
  $ dl-advisor methods transfer-learning         read a method card
  $ dl-advisor precedents --modality image --result negative   published problems, filtered
  $ dl-advisor --answers problem.yaml --format bibtex > advice.bib   the works behind the advice
  $ dl-advisor inspect data.csv --target outcome infer answers from a dataset
  $ dl-advisor starter --data patients.csv --target outcome --out first-try   a runnable first experiment

Exit codes: 0 done, 1 a requested check failed, 2 bad input, 3 internal error, 130 cancelled.`;

/**
 * The program. With `only: 'advise'` (run.ts, when argv names no other command and asks for no
 * help) it has the `advise` command alone: building every command (a flag per question for
 * `starter` too) was ~270 KB of allocations and ~2 ms of a ~100 ms `advise` run.
 */
export function createProgram(ctx: Context, questions: readonly Question[], setExit: (code: number) => void, only?: 'advise'): Command {
  const run =
    (fn: Action) =>
    async (...args: unknown[]) =>
      setExit(await fn(...args));
  const program = new Command('dl-advisor')
    .description('Which method should I try first? Advice from "A Survey of Deep Learning for Scientific Discovery" (Raghu & Schmidt 2020), rule by rule.')
    .version(ctx.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s), outputError: (s, write) => write(`dl-advisor: ${s.replace(/^error: /, '')}`) })
    .addHelpText('after', EXAMPLES);

  addAdvise(program, ctx, questions, run);
  const rules = only === 'advise' ? undefined : addCommands(program, ctx, questions, run);
  for (const cmd of [program, ...program.commands, ...(rules?.commands ?? [])]) {
    cmd.exitOverride().configureOutput(program.configureOutput()).showSuggestionAfterError(true);
    cmd.option('--debug', 'print the stack trace of internal errors');
    // Every command that runs takes --no-color (the top level and `rules` would swallow it).
    const leaf = cmd !== program && cmd.commands.length === 0;
    if (leaf && !cmd.options.some((o) => o.long === '--no-color')) cmd.option('--no-color', 'no colours (also NO_COLOR=1)');
  }
  return program;
}

type Run = (fn: Action) => (...args: unknown[]) => Promise<void>;

/** Every command but `advise`, in the order the help lists them; returns the `rules` command. */
function addCommands(program: Command, ctx: Context, questions: readonly Question[], run: Run): Command {
  addStarter(program, ctx, questions, run);

  program
    .command('questions')
    .description('list the questions, their values, defaults and flags')
    .addOption(formatOption(['text', 'json']))
    .option('--json', 'short for --format json')
    .option('--no-color', 'no colours');
  withPacks(program.commands.at(-1), 'include the questions of a rule pack (repeatable)').action(
    run(async (opts) => (await import('./commands/info.js')).questions(ctx, opts as never)),
  );

  program
    .command('methods [id]')
    .description('method cards: what it is, when it fits, data needs, interpretability, where to start')
    .addOption(formatOption(['text', 'json', 'markdown']))
    .option('--json', 'short for --format json')
    .option('--no-color', 'no colours');
  withPacks(program.commands.at(-1), 'include the method cards of a rule pack (repeatable)').action(
    run(async (id, opts) => (await import('./commands/info.js')).methods(ctx, id as string | undefined, opts as never)),
  );

  addPrecedentsCommand(program, ctx, run);

  const rules = addRules(program, ctx, run);

  program.command('schema <name>').description('print a JSON Schema (draft-07): answers, output, rules, tests or inspect');
  withPacks(program.commands.at(-1), 'include the questions of a rule pack in the answers schema (repeatable)').action(
    run(async (name, opts) => (await import('./commands/info.js')).schema(ctx, name as string, opts as never)),
  );

  program
    .command('inspect <path>')
    .description('infer answers from a dataset (table, image folder, sequences, ...) with the evidence')
    .option('--target <column>', 'the column to predict')
    .option('--sheet <name>', 'Excel workbooks: the sheet to read (default: the first non-empty one)')
    .option('--max-files <n>', 'folders: read the headers of at most N files per kind (default 1,000; DICOM folders 100,000)')
    .addOption(formatOption(['text', 'json', 'yaml']))
    .option('--json', 'short for --format json')
    .option('-o, --output <file>', 'write the report to FILE instead of standard output (- for stdout)')
    .action(run(async (path, opts) => (await import('./commands/info.js')).inspect(ctx, path as string, opts as never)));

  program
    .command('completion')
    .description('a shell completion script: bash, zsh or fish (see the README to install it)')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']));
  withPacks(program.commands.at(-1), "complete a rule pack's questions too (repeatable)").action(
    run(async (shell, opts) => (await import('./commands/completion.js')).completion(ctx, program, questions, shell as string, opts as never)),
  );

  program.command('mcp').description('serve the advisor to AI assistants over the Model Context Protocol (stdio)');
  withPacks(program.commands.at(-1), 'serve with this rule pack added (repeatable)').action(
    run(async (opts) => (await import('./commands/mcp.js')).mcp(ctx, opts as never)),
  );
  return rules;
}

/** `advise` (the default command): a flag per question, then its own options. */
function addAdvise(program: Command, ctx: Context, questions: readonly Question[], run: Run): void {
  const advise = program.command('advise', { isDefault: true }).description('recommend a method (the default command)');
  answerOptions(advise, questions, RESERVED_FLAGS);
  advise.option('--sheet <name>', 'with --data: the Excel sheet to read (default: the first non-empty one)');
  advise
    .addOption(formatOption([...FORMATS, 'bibtex', 'csl-json']))
    .option('--json', 'short for --format json')
    .option('--precedents <n>', 'how many published problems like yours to show (default 3, at most 50)')
    .option('--no-precedents', 'show no published problems')
    .addOption(new Option('--interactive', 'ask the open questions in a terminal even when the required answers are given').conflicts('input'))
    .option('--save-answers <file>', 'write the answers to a YAML or JSON file (by extension)')
    .option('-o, --output <file>', 'write the report to FILE instead of standard output (no colours; - for stdout)')
    .addOption(
      new Option('--explain [level]', 'why this model: what decided it and what each runner-up lacked; --explain=all adds every rule and its checks').choices([
        'short',
        'all',
      ]),
    )
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .action(run(async (opts) => (await import('./commands/advise.js')).advise(ctx, opts as never)));
}

/** `precedents [id]`: the corpus of published problems (issue 16). */
function addPrecedentsCommand(program: Command, ctx: Context, run: Run): void {
  program
    .command('precedents [id]')
    .description('published problems like yours: list and filter the corpus behind the advice, or show one entry')
    .option('--modality <value>', 'only this modality (image, tabular, ...)')
    .option('--task <value>', 'only this task (classification, regression, ...)')
    .option('--kind <value>', 'only this kind of data (molecules, volume, signal, ...)')
    .option('--result <value>', 'only positive, negative or caution results')
    .option('--limit <n>', 'show at most N entries')
    .addOption(formatOption(['text', 'json']))
    .option('--json', 'short for --format json')
    .option('--no-color', 'no colours');
  withPacks(program.commands.at(-1), 'include the precedents of a rule pack (repeatable)').action(
    run(async (id, opts) => (await import('./commands/precedents.js')).precedents(ctx, id as string | undefined, opts as never)),
  );
}

const STARTER_FLAGS = new Set([...RESERVED_FLAGS, 'out', 'group', 'force', 'run', 'python', 'trust-rules']);

/** `starter`: the answers of advise, then a runnable first experiment in --out DIR. */
function addStarter(program: Command, ctx: Context, questions: readonly Question[], run: Run): void {
  const starter = program.command('starter').description('write a small runnable Python experiment for the advice (recipe and baseline) into --out DIR');
  answerOptions(starter, questions, STARTER_FLAGS);
  starter
    .requiredOption('--out <dir>', 'the folder to write into (created; must be empty unless --force)')
    .option('--group <column>', 'the column that ties rows together (patient, site, batch): a grouped split on it')
    .option('--force', 'write into a non-empty folder, replacing the starter files (other files are kept)')
    .option('--run', 'then run the experiment and add its results (exit 1 if it fails, 2 if Python or packages are missing)')
    .option('--python <path>', 'the Python that --run uses', 'python3')
    .option('--trust-rules', 'let --run execute a script whose template comes from a --rules pack (read its run.py first)')
    .addOption(formatOption(['text', 'json']))
    .option('--json', 'short for --format json')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .action(run(async (opts) => (await import('./commands/starter.js')).starter(ctx, opts as never)));
}

/** The answer sources advise and starter share: a flag per question, --answer(s), --data, packs. */
function answerOptions(cmd: Command, questions: readonly Question[], reserved: ReadonlySet<string>): void {
  for (const q of questions) {
    // A pack question named like one of the command's own options is answered with --answer only.
    if (reserved.has(camelToKebab(q.id))) continue;
    const values = q.type === 'integer' ? 'a count: 1200, 1,200, 1.2k, 3M' : `${(q.choices ?? []).map((c) => c.value).join('|')}`;
    const dflt = q.required ? 'required' : q.default === null || q.default === undefined ? 'default: unknown' : `default: ${q.default}`;
    cmd.addOption(new Option(`--${camelToKebab(q.id)} <${q.type === 'integer' ? 'n' : 'value'}>`, `${q.prompt} (${values}; ${dflt})`));
  }
  cmd
    .option('--answer <key=value>', 'answer any question, including ones a rule pack adds (repeatable)', collect)
    .option('--answers <file>', 'read answers from a YAML or JSON file, or - for stdin')
    .option('--data <path>', 'infer answers from a dataset (see: dl-advisor inspect)')
    .option('--target <column>', 'with --data: the column to predict')
    .option('--rules <path>', 'add a rule pack file or folder (repeatable; later packs override earlier ones)', collect)
    .option('--no-builtin-rules', 'use only the packs given with --rules')
    .option('--no-input', 'never prompt; fail if a required answer is missing');
}

/** `rules list`, `rules validate` and `rules test`; returns the `rules` command. */
function addRules(program: Command, ctx: Context, run: Run): Command {
  const rules = program.command('rules').description('for rule authors and CI: list, validate and test rule packs');
  rules
    .command('list')
    .description('every rule: id, pack, basis and summary')
    .addOption(formatOption(['text', 'json']))
    .option('--json', 'short for --format json');
  withPacks(rules.commands.at(-1), 'add a rule pack (repeatable)').action(
    run(async (opts) => (await import('./commands/rules.js')).rulesList(ctx, opts as never)),
  );
  rules
    .command('validate <paths...>')
    .description('check rule packs; every problem as file:line:column (exit 1 if any)')
    .addOption(formatOption(['text', 'json', 'github']))
    .option('--json', 'short for --format json')
    .option('--no-builtin-rules', 'validate the packs on their own')
    .action(run(async (paths, opts) => (await import('./commands/rules.js')).rulesValidate(ctx, paths as string[], opts as never)));
  rules
    .command('test [paths...]')
    .description('run rule test cases (*.cases.yaml); default: the built-in cases (exit 1 if any fail)')
    .addOption(formatOption(['text', 'json']))
    .option('--json', 'short for --format json')
    .option('--precedents', 'also run every precedent (built-in and of the packs) as a case: agreement per modality');
  withPacks(rules.commands.at(-1), 'test with these rule packs added (repeatable)').action(
    run(async (paths, opts) => (await import('./commands/rules.js')).rulesTest(ctx, paths as string[], opts as never)),
  );
  return rules;
}

/** --rules and --no-builtin-rules, the same on every command that loads knowledge. */
function withPacks(cmd: Command | undefined, rulesHelp: string): Command {
  if (!cmd) throw new Error('withPacks needs a command');
  return cmd.option('--rules <path>', rulesHelp, collect).option('--no-builtin-rules', 'only the packs given with --rules');
}

function formatOption(values: string[]): Option {
  return new Option('-f, --format <format>', 'output format').choices(values).default('text');
}
