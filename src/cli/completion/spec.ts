/**
 * What shell completion offers, read from the commander program itself (so a new command, flag
 * or question is completed without touching the scripts): commands, each command's flags, the
 * values of each flag (its choices, or a question's choices, including a rule pack's), and the
 * positional values (method ids, schema names, files).
 *
 * Only safe tokens reach a script: a value from a rule pack that is not a plain word (letters,
 * digits, `_.+:@%-`) is left out, so nothing from a pack is ever pasted into shell code.
 */
import type { Command } from 'commander';
import { camelToKebab } from '../../answers/normalize.js';
import type { Question } from '../../knowledge/schema.js';

export interface FlagSpec {
  /** `--format`, `-f`. */
  names: string[];
  takesValue: boolean;
  /** The allowed values, when there is a list. */
  values?: string[];
  /** The value is a path (the shell's own file completion). */
  files?: boolean;
  help: string;
}

export interface CommandSpec {
  /** `advise`, `rules list`. */
  name: string;
  help: string;
  flags: FlagSpec[];
  /** Positional values: a list, or `files`. Subcommands for `rules`. */
  args?: string[] | 'files';
}

export interface CompletionSpec {
  /** The commands (with `rules` and its subcommands), advise first: it runs when no command is named. */
  commands: CommandSpec[];
}

const SAFE = /^[A-Za-z0-9_][A-Za-z0-9_.+:@%-]*$/;
const FILE_FLAGS = new Set(['--answers', '--data', '--rules', '--save-answers', '--output']);

export function safeTokens(values: readonly string[]): string[] {
  return values.filter((v) => SAFE.test(v));
}

export interface PositionalValues {
  methods: readonly string[];
  schemas: readonly string[];
  /** The precedent ids (`dl-advisor precedents ID`). */
  precedents?: readonly string[];
}

export function completionSpec(program: Command, questions: readonly Question[], positional: PositionalValues): CompletionSpec {
  const choices = new Map(questions.map((q) => [`--${camelToKebab(q.id)}`, (q.choices ?? []).map((c) => c.value)]));
  const flagsOf = (cmd: Command): FlagSpec[] =>
    cmd.options
      .filter((o) => !o.hidden)
      .map((o) => {
        const names = safeTokens([o.long, o.short].filter((n): n is string => Boolean(n)).map((n) => n.replace(/^-+/, ''))).map((n, i) =>
          i === 0 && o.long ? `--${n}` : `-${n}`,
        );
        const long = o.long ?? '';
        const values = o.argChoices ?? choices.get(long);
        return {
          names,
          takesValue: o.required || o.optional,
          ...(values && values.length > 0 ? { values: safeTokens(values) } : {}),
          ...(FILE_FLAGS.has(long) ? { files: true } : {}),
          help: o.description,
        };
      })
      .filter((f) => f.names.length > 0);
  const argsOf = (cmd: Command, name: string): CommandSpec['args'] => {
    if (cmd.commands.length > 0) return cmd.commands.map((c) => c.name());
    const [arg] = cmd.registeredArguments;
    if (!arg) return undefined;
    if (arg.argChoices) return safeTokens(arg.argChoices);
    if (name === 'methods') return safeTokens(positional.methods);
    if (name === 'schema') return safeTokens(positional.schemas);
    if (name === 'precedents') return safeTokens(positional.precedents ?? []);
    return 'files';
  };
  const commands: CommandSpec[] = [];
  const visit = (cmd: Command, prefix: string) => {
    for (const c of cmd.commands) {
      if (c.name() === 'help') continue;
      const name = `${prefix}${c.name()}`;
      const args = argsOf(c, name);
      commands.push({ name, help: c.description(), flags: flagsOf(c), ...(args ? { args } : {}) });
      visit(c, `${name} `);
    }
  };
  visit(program, '');
  commands.sort((a, b) => Number(b.name === 'advise') - Number(a.name === 'advise'));
  return { commands };
}
