/**
 * Keys typed ahead (issue 15, item 7). Inquirer gives each prompt its own readline on the
 * terminal, drops what arrives before a prompt is drawn, and ignores keys that come in the same
 * chunk after the one that settled it: `Enter Enter` answered one prompt. So the walkthrough
 * reads the terminal itself, for its whole length, and hands the keys to the open prompt one at
 * a time, on a fresh stream per prompt; keys left when a prompt settles wait for the next one.
 */
import { PassThrough } from 'node:stream';

/** A terminal input as Node's stdin is one. */
export interface RawInput {
  isTTY?: boolean;
  setRawMode?: (raw: boolean) => unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export function isRawInput(input: unknown): input is RawInput {
  const i = input as RawInput | null;
  return Boolean(i?.isTTY) && typeof i?.setRawMode === 'function' && typeof i.on === 'function';
}

/** Terminal input -> keys; an escape sequence (arrows, Home, F-keys) stays one key. */
export function splitKeys(text: string): string[] {
  return text.match(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1bO[A-Za-z]|\x1b[\s\S]?|\r\n|[\s\S]/gu) ?? [];
}

export class KeyQueue {
  private readonly keys: string[] = [];
  private target: PassThrough | undefined;
  private pumping = false;
  private closed = false;
  private readonly onData = (chunk: Buffer | string) => {
    this.keys.push(...splitKeys(chunk.toString()));
    void this.pump();
  };

  constructor(private readonly input: RawInput) {
    input.setRawMode?.(true);
    input.on('data', this.onData);
    input.resume();
  }

  /** The input of the next prompt; queued keys follow once it has had a turn to start. */
  open(): PassThrough {
    const stream = new PassThrough({ encoding: 'utf8' });
    this.target = stream;
    setImmediate(() => void this.pump());
    return stream;
  }

  /** The prompt on `stream` settled: the keys not yet delivered wait for the next prompt. */
  release(stream: PassThrough): void {
    if (this.target === stream) this.target = undefined;
    stream.end();
  }

  /** Give the terminal back: raw mode off, input no longer read. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.target = undefined;
    this.input.off('data', this.onData);
    this.input.setRawMode?.(false);
    this.input.pause();
  }

  /**
   * One key at a time, each followed by a turn of the event loop: the prompt handles it (and
   * settles on Enter, which releases its stream) before the next key is written.
   */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.target && this.keys.length > 0) {
        this.target.write(this.keys.shift() ?? '');
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.pumping = false;
    }
  }
}
