/**
 * The main thread's side of a split scan (parallel.ts): the chunks it claims from the front
 * of the file under the lock in shared memory that the worker (pieces.ts) claims from the back.
 */
import { readSync } from 'node:fs';
import type { ByteSource } from '../source.js';
import { CHUNK } from './kernel-layout.js';
import { CONTROL } from './pieces.js';

/** The shared state of a split scan. */
export interface Split {
  control: Int32Array;
  chunks: number;
  /** The main thread keeps to its first chunks (a test schedule). */
  fixed: boolean;
}

/**
 * The main thread's reads: the header, then chunk after chunk while it can claim them (the
 * worker claims from the back); after the meeting point it reads on from wherever it is put.
 */
export class ClaimSource implements ByteSource {
  readonly error = undefined;
  readonly gzip = false;
  position = 0;
  limit: number;

  constructor(
    private readonly fd: number,
    private readonly skip: number,
    private readonly size: number,
    private readonly split: Split,
  ) {
    this.limit = this.end(Atomics.load(split.control, CONTROL.front));
  }

  /** Where chunk `chunk` starts (the end of the chunks before it). */
  end(chunk: number): number {
    return Math.min(this.size, this.skip + chunk * CHUNK);
  }

  /** Takes the next chunk unless the worker has it (under the lock it also takes its pieces with). */
  private claim(): boolean {
    const { control, fixed } = this.split;
    if (fixed) return false;
    while (Atomics.compareExchange(control, CONTROL.lock, 0, 1) !== 0);
    const front = control[CONTROL.front] ?? 0;
    const ok = front < (control[CONTROL.back] ?? 0);
    if (ok) control[CONTROL.front] = front + 1;
    Atomics.store(control, CONTROL.lock, 0);
    if (ok) this.limit = this.end(front + 1);
    return ok;
  }

  /**
   * Synchronous reads: both CPUs are busy scanning, so reading ahead on libuv's thread pool
   * only adds a third thread to share them.
   */
  async read(into: Uint8Array, offset: number, length: number): Promise<number> {
    if (this.position >= this.limit && !this.claim()) return 0;
    let total = 0;
    const want = Math.min(length, this.limit - this.position);
    for (let got = 1; total < want && got > 0; total += got) got = readSync(this.fd, into, offset + total, want - total, this.position + total);
    this.position += total;
    return total;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
