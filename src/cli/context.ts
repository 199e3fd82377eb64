import { writeFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { describeWriteError } from '../io/fs-errors.js';
import type { Io } from '../io/streams.js';
import type { Knowledge } from '../knowledge/assemble.js';
import { type LoadOptions, loadKnowledge } from '../knowledge/builtin.js';
import { type DefaultPacks, defaultPacks } from '../knowledge/config.js';
import { asciiOnly, toAscii } from '../render/ascii.js';
import { isFormat, type Renderer, renderers, type View } from '../render/index.js';
import { colorLevel, plain, type Style, styleFor } from '../render/style.js';
import { measured } from '../render/width.js';

export { FORMATS, type Format } from '../render/index.js';

/** What every command gets: the streams, and lazy helpers that pay only for what they use. */
export class Context {
  constructor(
    readonly io: Io,
    readonly version: string,
  ) {}

  private readonly loaded = new Map<string, Promise<Knowledge>>();
  private defaults: Promise<DefaultPacks> | undefined;

  /**
   * Loaded once per set of options: run() may load packs early to declare their flags. The
   * default packs (DL_ADVISOR_RULES or .dl-advisor.yaml, see knowledge/config.ts) come first,
   * then `options.rules`; `withDefaults: false` leaves them out (`rules validate PATH`).
   */
  async knowledge(options: LoadOptions = {}, withDefaults = true): Promise<Knowledge> {
    const defaults = withDefaults ? (await this.defaultPacks()).rules : [];
    const rules = [...new Set([...defaults, ...(options.rules ?? [])])];
    const key = JSON.stringify([rules, options.builtin !== false]);
    let k = this.loaded.get(key);
    if (!k) {
      k = loadKnowledge({ ...options, rules });
      this.loaded.set(key, k);
    }
    return k;
  }

  /** The default rule packs; looked for once (a stat per folder up to the root; parsed only if found). */
  defaultPacks(): Promise<DefaultPacks> {
    this.defaults ??= defaultPacks(this.io.env, this.io.cwd ?? '.');
    return this.defaults;
  }

  style(color: boolean | undefined): Promise<Style> {
    return styleFor(colorLevel(this.io.stdout.isTTY, this.io.env, color));
  }

  width(): number {
    return Math.min(this.io.stdout.columns ?? 80, 80);
  }

  /**
   * Prints what `draw` makes with the renderer of `format`, drawn for this output: colours only
   * for a styled renderer (and as --no-color, NO_COLOR and the terminal decide), its width.
   */
  async show(
    format: string,
    color: boolean | undefined,
    draw: (r: Renderer, view: View) => string,
    options: { output?: string; view?: Partial<View> } = {},
  ): Promise<void> {
    const { output } = options;
    // The options offer only formats that have a renderer; anything else is a bug.
    if (!isFormat(format)) throw new Error(`no renderer for the format "${format}"`);
    const r = renderers[format];
    const toFile = output !== undefined && output !== '-';
    // A file (-o) is a report to read later: no colours, 80 columns, indented JSON.
    const view: View = toFile
      ? { style: plain, width: 80, pretty: true, ...options.view }
      : { style: r.styled ? await this.style(color) : plain, width: this.width(), pretty: Boolean(this.io.stdout.isTTY), ...options.view };
    const text = await measured(() => draw(r, view));
    this.write(format === 'json' ? text : this.printable(text), output);
  }

  /** The text as the terminal can show it: ASCII where the locale is not UTF-8 (see render/ascii.ts). */
  printable(text: string): string {
    return asciiOnly(this.io.env) ? toAscii(text) : text;
  }

  /** To standard output, or to the file of `-o/--output` (`-`: standard output). */
  write(text: string, output?: string): void {
    if (output === undefined || output === '-') {
      this.out(text);
      return;
    }
    try {
      writeFileSync(output, text);
    } catch (e) {
      throw new UserError({ code: 'unwritable', file: output, message: `cannot write the output file: ${describeWriteError(e)}` });
    }
  }

  out(text: string): void {
    this.io.stdout.write(text);
  }

  err(text: string): void {
    this.io.stderr.write(text);
  }
}

/** The format a command's options ask for: `--json` is short for `--format json`. */
export function formatOf(opts: { json?: boolean; format?: string }): string {
  return opts.json ? 'json' : (opts.format ?? 'text');
}
