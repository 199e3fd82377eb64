import type { Io } from '../io/streams.js';
import type { Knowledge } from '../knowledge/assemble.js';
import { type LoadOptions, loadKnowledge } from '../knowledge/builtin.js';
import { colorLevel, type Style, styleFor } from '../render/style.js';

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

  out(text: string): void {
    this.io.stdout.write(text);
  }

  err(text: string): void {
    this.io.stderr.write(text);
  }
}

export const FORMATS = ['text', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];
