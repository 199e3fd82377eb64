/**
 * Two passes over argv before commander parses it: flags that every command takes may come
 * before the command (`dl-advisor --no-color inspect x.csv`, as git and npm allow), and a flag
 * given twice with two different values is an error (commander would silently take the last).
 */
import type { Command, Option } from 'commander';
import { UserError } from '../errors.js';

/** Flags accepted before a command name: the ones the commands share. Value: takes an argument. */
const LEADING = new Map<string, boolean>([
  ['--no-color', false],
  ['--json', false],
  ['--debug', false],
  ['--no-builtin-rules', false],
  ['--format', true],
  ['-f', true],
  ['--rules', true],
]);

const RULES_SUBCOMMANDS = new Set(['list', 'validate', 'test']);

/**
 * `--json methods cnn` -> `methods cnn --json`: leading shared flags move after the command (and
 * after `rules list|validate|test`). Anything else is returned unchanged, for commander to judge.
 */
export function hoistLeadingFlags(argv: readonly string[], commands: ReadonlySet<string>): string[] {
  let i = 0;
  while (i < argv.length) {
    const a = argv[i] ?? '';
    const name = a.startsWith('--') && a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    const takesValue = LEADING.get(name);
    if (takesValue === undefined) break;
    i += takesValue && name === a ? 2 : 1;
  }
  const command = argv[i];
  if (i === 0 || i >= argv.length || command === undefined || !commands.has(command)) return [...argv];
  const words = command === 'rules' && RULES_SUBCOMMANDS.has(argv[i + 1] ?? '') ? 2 : 1;
  return [...argv.slice(i, i + words), ...argv.slice(0, i), ...argv.slice(i + words)];
}

interface FlagSpec {
  long: string;
  takesValue: boolean;
  repeatable: boolean;
}

const specsOf = new WeakMap<Command, Map<string, FlagSpec>>();

/** Every option of the program and its commands, by each of its spellings (`-f`, `--format`). */
function flagSpecs(program: Command, repeatable: (o: Option) => boolean): Map<string, FlagSpec> {
  const known = specsOf.get(program);
  if (known) return known;
  const specs = new Map<string, FlagSpec>();
  specsOf.set(program, specs);
  const visit = (cmd: Command) => {
    for (const o of cmd.options) {
      const long = o.long ?? o.short ?? '';
      const spec = { long, takesValue: o.required || o.optional, repeatable: repeatable(o) };
      for (const name of [o.long, o.short]) if (name && !specs.has(name)) specs.set(name, spec);
    }
    for (const sub of cmd.commands) visit(sub);
  };
  visit(program);
  return specs;
}

/**
 * `--modality image --modality text` -> UserError (exit 2) naming the flag and both values; the
 * same value twice is fine. Repeatable flags (`--answer`, `--rules`) are left alone.
 */
export function checkRepeatedFlags(argv: readonly string[], program: Command, repeatable: (o: Option) => boolean): void {
  const specs = flagSpecs(program, repeatable);
  const seen = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') break;
    let name = a;
    let value: string | undefined;
    if (a.startsWith('--') && a.includes('=')) {
      name = a.slice(0, a.indexOf('='));
      value = a.slice(a.indexOf('=') + 1);
    } else if (/^-[a-zA-Z].+/.test(a) && specs.get(a.slice(0, 2))?.takesValue) {
      name = a.slice(0, 2);
      value = a.slice(2);
    }
    const spec = specs.get(name);
    if (!spec?.takesValue) continue;
    if (value === undefined) {
      value = argv[i + 1];
      i++;
    }
    if (spec.repeatable || value === undefined) continue;
    const before = seen.get(spec.long);
    if (before !== undefined && before !== value) {
      throw new UserError({
        code: 'bad-flag',
        message: `${spec.long} is given twice, as ${JSON.stringify(before)} and as ${JSON.stringify(value)}; give it once`,
      });
    }
    seen.set(spec.long, value);
  }
}

/**
 * Whether every flag in argv (up to `--`) is one the program declares, each spelled as a flag
 * alone or with its value (`--format=json`, `-fjson`; not `-Vh`). run.ts first builds a program
 * with `advise` alone, and the whole one when this says no: the repeated-flag check above and
 * commander's errors then see every command's options, as they always did.
 */
export function knowsEveryFlag(argv: readonly string[], program: Command, repeatable: (o: Option) => boolean): boolean {
  const specs = flagSpecs(program, repeatable);
  for (const a of argv) {
    if (a === '--') break;
    if (!a.startsWith('-') || a === '-') continue;
    if (a.startsWith('--')) {
      if (!specs.has(a.includes('=') ? a.slice(0, a.indexOf('=')) : a)) return false;
    } else if (a.length === 2 ? !specs.has(a) : !specs.get(a.slice(0, 2))?.takesValue) return false;
  }
  return true;
}
