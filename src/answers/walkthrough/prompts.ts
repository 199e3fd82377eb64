/**
 * The prompt seam. The walkthrough talks to `Prompts`; `loadPrompts` builds the real one on
 * @inquirer/prompts (the only module that imports it, and only on the interactive path), and
 * tests pass a scripted fake. Prompts draw on the given output (stderr), never on stdout.
 */
import { Writable } from 'node:stream';
import { CancelledError } from '../../errors.js';
import { colorLevel, type Style, styleFor } from '../../render/style.js';
import { visibleWidth } from '../../render/width.js';
import { wrap } from '../../render/wrap.js';
import { isRawInput, KeyQueue } from './keys.js';

export interface Option<V> {
  value: V;
  /** What the list shows. */
  name: string;
  /** What stays on screen once chosen (defaults to `name`). */
  short?: string;
  /** Shown under the list for the highlighted choice. */
  description?: string;
}

interface Common {
  /** Which question (or "review") is asked: for fakes and logs, not shown. */
  name: string;
  message: string;
  /** One dim line under the message while the prompt is open. */
  help?: string;
  /** Plain lines under the message while the prompt is open (the review's summary). */
  details?: readonly string[];
}

export interface SelectConfig<V> extends Common {
  choices: readonly Option<V>[];
  default?: V;
  pageSize?: number;
}

export interface InputConfig extends Common {
  default?: string;
  validate: (text: string) => true | string;
  /** How the accepted text is shown once answered ("1.2k" -> "1,200"). */
  answerLabel?: (text: string) => string;
}

export interface Prompts {
  select<V>(config: SelectConfig<V>): Promise<V>;
  input(config: InputConfig): Promise<string>;
  /** Text for the person, on the prompts' stream. */
  note(text: string): void;
  /** Gives the terminal back (raw mode off, input released); called once the walkthrough ends. */
  close?(): void;
}

/** What a terminal-like output needs: Node's stderr, or a test double. */
export interface Terminal {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface PromptIo {
  input: unknown;
  output: Terminal;
  env: Record<string, string | undefined>;
  /** `--no-color` gives false. */
  color?: boolean;
}

type Inquirer = Pick<typeof import('@inquirer/prompts'), 'select' | 'input'>;

export async function loadPrompts(io: PromptIo): Promise<Prompts> {
  const [inquirer, style] = await Promise.all([import('@inquirer/prompts'), styleFor(colorLevel(io.output.isTTY, io.env, io.color))]);
  return createPrompts(inquirer, io, style);
}

/** The real prompts on an inquirer implementation (tests pass @inquirer/testing's streams). */
export function createPrompts(inquirer: Inquirer, io: Pick<PromptIo, 'input' | 'output'>, style: Style): Prompts {
  // On a terminal the walkthrough reads the keys itself, so that keys typed ahead are kept.
  let queue: KeyQueue | undefined;
  const run = <T>(start: (context: object) => Promise<T>): Promise<T> => {
    if (!isRawInput(io.input)) return start({ input: io.input as NodeJS.ReadableStream, output: forwardTo(io.output), clearPromptOnDone: true });
    queue ??= new KeyQueue(io.input);
    const feed = queue.open();
    const prompt = start({ input: feed, output: forwardTo(io.output), clearPromptOnDone: true });
    const release = () => queue?.release(feed);
    prompt.then(release, release);
    return prompt;
  };
  const width = () => Math.min(io.output.columns || 80, 100) - 1;
  const echo = (message: string, answer: string) => io.output.write(`${style.green('✔')} ${style.bold(message)} ${style.cyan(answer)}\n`);
  return {
    async select<V>(config: SelectConfig<V>): Promise<V> {
      const prompt = run((context) =>
        inquirer.select(
          {
            message: heading(config, style, width()),
            choices: config.choices.map((c) => ({ value: c.value, name: c.name, short: c.short ?? c.name, description: c.description })),
            default: config.default,
            pageSize: config.pageSize ?? Math.min(config.choices.length, 12),
            loop: false,
            theme: { ...theme(style), style: { ...theme(style).style, description: (text: string) => style.dim(text), keysHelpTip: keysTip(style) } },
          },
          context,
        ),
      );
      const value = await cancellable(prompt);
      const chosen = config.choices.find((c) => c.value === value);
      echo(config.message, chosen?.short ?? chosen?.name ?? String(value));
      return value;
    },
    async input(config: InputConfig): Promise<string> {
      const prompt = run((context) =>
        inquirer.input(
          { message: `${heading(config, style, width())}\n${style.cyan('›')}`, default: config.default, validate: config.validate, theme: theme(style) },
          context,
        ),
      );
      const text = await cancellable(prompt);
      echo(config.message, config.answerLabel?.(text) ?? text);
      return text;
    },
    close() {
      queue?.close();
    },
    note(text: string) {
      io.output.write(
        text
          .split('\n')
          .map((line) => (line ? wrap(line, width()) : line))
          .join('\n'),
      );
    },
  };
}

/** Ctrl-C (and a closed terminal) rejects with ExitPromptError: that is a cancel, not a crash. */
async function cancellable<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (e) {
    if (e instanceof Error && e.name === 'ExitPromptError') throw new CancelledError();
    throw e;
  }
}

/** The message, then the help and details, word-wrapped (inquirer would cut words). */
function heading(config: Common, style: Style, width: number): string {
  const lines = [style.bold(config.message)];
  if (config.help)
    lines.push(
      ...wrap(config.help, width, '  ')
        .split('\n')
        .map((l) => style.dim(l)),
    );
  for (const line of config.details ?? []) lines.push(fitDetail(line, width));
  return lines.join('\n');
}

/**
 * A review line in `width` columns. A line with a mark after its value ("  (from data.csv)")
 * that does not fit puts the mark under the value, keeping the columns; other long lines wrap.
 */
export function fitDetail(line: string, width: number): string {
  if (visibleWidth(line) + 2 <= width) return `  ${line}`;
  const mark = line.lastIndexOf('  (');
  const column = /^\S.*?\s{2,}/.exec(line)?.[0].length ?? 0;
  if (mark > column && mark + 2 <= width && column + visibleWidth(line.slice(mark + 2)) + 2 <= width) {
    return `  ${line.slice(0, mark)}\n  ${' '.repeat(column)}${line.slice(mark + 2)}`;
  }
  return wrap(line, width, '    ', '  ');
}

function theme(style: Style) {
  return {
    prefix: { idle: style.cyan('?'), done: style.green('✔') },
    style: {
      answer: (text: string) => style.cyan(text),
      // The message is styled by heading(): it is several lines, only the first bold.
      message: (text: string) => text,
      error: (text: string) => style.red(`> ${text}`),
      defaultAnswer: (text: string) => style.dim(`(${text})`),
      help: (text: string) => style.dim(text),
      highlight: (text: string) => style.cyan(text),
    },
  };
}

function keysTip(style: Style) {
  return (keys: [string, string][]) => keys.map(([key, action]) => `${style.bold(key)} ${style.dim(action)}`).join(style.dim(' • '));
}

/**
 * A fresh stream per prompt that forwards to the terminal. Inquirer ends its output when a
 * prompt settles; ending this proxy leaves the real stream open for the next prompt and for
 * our own lines, and lets the output be any object with `write` (as in-process tests pass).
 */
function forwardTo(out: Terminal): NodeJS.WritableStream {
  const proxy = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      out.write(chunk.toString());
      done();
    },
  });
  Object.defineProperties(proxy, {
    isTTY: { get: () => Boolean(out.isTTY) },
    columns: { get: () => out.columns },
    rows: { get: () => (out as { rows?: number }).rows },
  });
  return proxy;
}
