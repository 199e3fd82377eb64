import type { Io } from '../io/streams.js';
import type { Knowledge } from '../knowledge/assemble.js';
import { type LoadOptions, loadKnowledge } from '../knowledge/builtin.js';
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

  /** Loaded once per set of options: run() may load packs early to declare their flags. */
  knowledge(options: LoadOptions = {}): Promise<Knowledge> {
    const key = JSON.stringify([options.rules ?? [], options.builtin !== false]);
    let k = this.loaded.get(key);
    if (!k) {
      k = loadKnowledge(options);
      this.loaded.set(key, k);
    }
    return k;
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
  async show(format: string, color: boolean | undefined, draw: (r: Renderer, view: View) => string, more: Partial<View> = {}): Promise<void> {
    // The options offer only formats that have a renderer; anything else is a bug.
    if (!isFormat(format)) throw new Error(`no renderer for the format "${format}"`);
    const r = renderers[format];
    const view: View = { style: r.styled ? await this.style(color) : plain, width: this.width(), pretty: Boolean(this.io.stdout.isTTY), ...more };
    this.out(await measured(() => draw(r, view)));
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
