/**
 * The worker thread's part of a split CSV scan (parallel.ts; worker.ts is the thread's entry).
 * The data after the header is cut into CHUNK-sized reads (the reads of a one-thread scan).
 * The main thread takes chunks from the front, this worker takes pieces of a few chunks from
 * the back, until they meet: whichever thread is faster (or started earlier) scans more. Each
 * claim is made under a lock in shared memory, so every chunk belongs to exactly one thread.
 *
 * A piece [s, e) is scanned from the first row start after s (after its first newline, which the
 * main thread checks is a row end) to e, where a snapshot of the counts is taken, and then on to
 * the start of the next piece: `clean` says whether that was a row end too. So the pieces chain:
 * a piece's counts are valid when its start is a row start, and the next piece's start is one
 * when the piece is clean. Where the chain breaks, the main thread takes the snapshot at the
 * piece end and scans on from there as one thread would (parallel.ts). A piece is given up
 * (`ok: false`) in the rare cases that the main thread then scans itself: no newline near its
 * start, a row longer than the window, a quote never closed, or more distinct target values
 * than the kernel tracks.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { CHUNK, EMPTY, half, NEW_LIST, S, SLOTS, TABLE } from './kernel-layout.js';

/** Int32 slots of the shared control block. */
export const CONTROL = { lock: 0, front: 1, back: 2 } as const;

export interface PiecesJob {
  /** The compiled kernel (a WebAssembly.Module). */
  module: object;
  path: string;
  /** Bytes before the first data row. */
  skip: number;
  size: number;
  /** Chunks of data: [skip + i * chunk, skip + (i + 1) * chunk), the last one shorter. */
  chunks: number;
  /** Shared Int32 block: CONTROL.lock, CONTROL.front (main owns chunks below), CONTROL.back (the worker owns chunks from). */
  control: SharedArrayBuffer;
  /** Largest piece, in chunks (pieces shrink as the threads get close). */
  maxPiece: number;
  delimiter: number;
  columns: number;
  target: number;
  /** Columns whose empty fields are counted (at most MAX_COLS). */
  emptyColumns: number;
}

export interface RangeCounts {
  rows: number;
  blankLines: number;
  ragged: number;
  /** 1-based row of the range, 0 if none. */
  firstRagged: number;
  unlabeled: number;
  /** Empty fields per column. */
  empties: number[];
  /** Target values in order of first appearance: [hash key, raw value, count]. */
  values: Array<[bigint, string, number]>;
  bytes: number;
  /**
   * The first window with invalid UTF-8, as 1-based rows of the range; `unsure` when it is the
   * piece's first window or the junction window, which a one-thread scan cuts differently (it
   * only matters when no invalid UTF-8 was seen before the piece).
   */
  invalidUtf8: { from: number; to: number } | 'unsure' | undefined;
}

export type Piece =
  | {
      ok: true;
      /** Chunk numbers: the piece is [skip + from * chunk, skip + to * chunk) (or to the end of the file). */
      from: number;
      to: number;
      /** Where its first row starts (after the first newline from the piece start). */
      at: number;
      /** The bytes from the piece start to that newline (the end of a row begun before). */
      head: Uint8Array;
      /** Counts up to the end of the piece (only whole rows), and the unfinished row there. */
      snapshot: RangeCounts;
      rest: Uint8Array;
      /** Counts up to the next piece's start (or the end of the file). */
      counts: RangeCounts;
      /** The next piece's start is a row start (the scan ended exactly there). */
      clean: boolean;
    }
  | { ok: false; from: number; to: number };

// The project's TypeScript libs (ES2023, no DOM) do not declare the WebAssembly JS API.
declare const WebAssembly: {
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

const WINDOW = half(0);
const emptyCounts = (): RangeCounts => ({
  rows: 0,
  blankLines: 0,
  ragged: 0,
  firstRagged: 0,
  unlabeled: 0,
  empties: [],
  values: [],
  bytes: 0,
  invalidUtf8: undefined,
});

/** Scans pieces from the back of the file until the threads meet; returns them in file order. */
export function scanPieces(job: PiecesJob): Piece[] {
  return new PieceScanner(job).run();
}

class PieceScanner {
  private readonly memory: { buffer: ArrayBuffer };
  private readonly scan: (start: number, len: number) => number;
  private readonly mem: Uint8Array;
  private readonly state: Int32Array;
  private readonly keys: BigUint64Array;
  private readonly tableCounts: Int32Array;
  private readonly control: Int32Array;
  private readonly decoder = new TextDecoder();
  // The piece being scanned: its file, the read position, the window's unscanned bytes, counts.
  private fd = -1;
  private pos = 0;
  private start = WINDOW;
  private len = 0;
  private out = emptyCounts();
  private slotOrder: Array<[number, string]> = [];
  private overflow = 0;
  private windows = 0;

  constructor(private readonly job: PiecesJob) {
    const exports = new WebAssembly.Instance(job.module, {}).exports as { memory: { buffer: ArrayBuffer }; scan: (start: number, len: number) => number };
    this.memory = exports.memory;
    this.scan = exports.scan;
    this.mem = new Uint8Array(this.memory.buffer);
    this.state = new Int32Array(this.memory.buffer, 0, 64);
    this.keys = new BigUint64Array(this.memory.buffer, TABLE, 2 * SLOTS);
    this.tableCounts = new Int32Array(this.memory.buffer, TABLE, 4 * SLOTS);
    this.control = new Int32Array(job.control);
  }

  run(): Piece[] {
    const pieces: Piece[] = [];
    let nextAt = -1;
    for (let piece = this.claim(); piece; piece = this.claim()) {
      const [from, to] = piece;
      const scanned = this.scanPiece(from, to, to >= this.job.chunks ? -1 : nextAt);
      pieces.push(scanned);
      nextAt = scanned.ok ? scanned.at : -2;
    }
    return pieces.reverse();
  }

  private end(chunk: number): number {
    return Math.min(this.job.size, this.job.skip + chunk * CHUNK);
  }

  /** Takes the next piece from the back, under the lock: smaller as the threads get close. */
  private claim(): [number, number] | undefined {
    const { control, job } = this;
    while (Atomics.compareExchange(control, CONTROL.lock, 0, 1) !== 0);
    const front = control[CONTROL.front] ?? 0;
    const back = control[CONTROL.back] ?? 0;
    const from = Math.max(front, back - Math.min(job.maxPiece, Math.max(1, Math.ceil((back - front) / 8))));
    if (from < back) control[CONTROL.back] = from;
    Atomics.store(control, CONTROL.lock, 0);
    return from < back ? [from, back] : undefined;
  }

  /** Scans the piece [from, to) whose next piece starts at byte `nextAt` (-1: at the end of the file, -2: unknown). */
  private scanPiece(from: number, to: number, nextAt: number): Piece {
    this.fd = openSync(this.job.path, 'r');
    try {
      return this.scanOpenPiece(from, to, nextAt);
    } finally {
      closeSync(this.fd);
    }
  }

  private scanOpenPiece(from: number, to: number, nextAt: number): Piece {
    const fail: Piece = { ok: false, from, to };
    const s = this.end(from);
    const e = this.end(to);
    const near = new Uint8Array(Math.min(1 << 16, e - s));
    const nearLength = readSync(this.fd, near, 0, near.length, s);
    const newline = near.subarray(0, nearLength).indexOf(10);
    if (newline < 0) return fail;
    const at = s + newline + 1;
    const head = near.slice(0, newline);
    this.reset(at);
    while (this.pos < e) if (this.read(e) === 0 || !this.scanOn(false)) return fail;
    if (nextAt === -1) {
      // The end of the file: the last row may lack its newline; one that still does not end was left open by a quote.
      const { mem } = this;
      if (this.len > 0 && mem[this.start + this.len - 1] !== 10) mem[this.start + this.len++] = 10;
      if (this.len > 0 && this.scanWindow(this.start, this.len, false) < this.len) return fail;
      if (this.overflow > 0) return fail;
      const counts = this.countsNow();
      return { ok: true, from, to, at, head, snapshot: counts, rest: new Uint8Array(0), counts, clean: true };
    }
    if (this.overflow > 0) return fail;
    const snapshot = this.countsNow();
    const rest = this.mem.slice(this.start, this.start + this.len);
    let clean = false;
    if (nextAt >= 0) {
      while (this.pos < nextAt && this.read(nextAt) > 0);
      clean = this.pos === nextAt && this.scanOn(true) && this.len === 0 && this.overflow === 0;
    }
    return { ok: true, from, to, at, head, snapshot, rest, counts: clean ? this.countsNow() : snapshot, clean };
  }

  /** A fresh kernel state and counts for a piece whose first row starts at byte `at`. */
  private reset(at: number): void {
    const { state, mem, job } = this;
    state.fill(0);
    state[S.delim] = job.delimiter;
    state[S.expected] = job.columns;
    state[S.target] = job.target;
    mem.fill(0, EMPTY, EMPTY + 4 * job.emptyColumns);
    mem.fill(0, TABLE, TABLE + 16 * SLOTS);
    this.out = emptyCounts();
    this.slotOrder = [];
    this.overflow = 0;
    this.windows = 0;
    // Reads fall where a one-thread scan's do: the first one up to the next chunk boundary.
    this.pos = at;
    this.start = WINDOW;
    this.len = 0;
  }

  private scanWindow(start: number, len: number, junction: boolean): number {
    const { mem, state, out } = this;
    mem.fill(0, start + len, start + len + 64);
    state.fill(0, S.rows, S.newCount + 1);
    state[S.high] = 0;
    const used = this.scan(start, len);
    const rowsBefore = out.rows;
    out.rows += state[S.rows] ?? 0;
    out.blankLines += state[S.blank] ?? 0;
    if ((state[S.ragged] ?? 0) > 0 && out.ragged === 0) out.firstRagged = rowsBefore + (state[S.firstRagged] ?? 0) + 1;
    out.ragged += state[S.ragged] ?? 0;
    out.unlabeled += state[S.unlabeled] ?? 0;
    this.overflow += state[S.overflow] ?? 0;
    const list = new Int32Array(this.memory.buffer, NEW_LIST, (state[S.newCount] ?? 0) * 3);
    for (let i = 0; i < list.length; i += 3) this.slotOrder.push([list[i] ?? 0, this.decoder.decode(mem.subarray(list[i + 1], list[i + 2]))]);
    if (!out.invalidUtf8 && state[S.high] && !isUtf8(mem.subarray(start, start + used))) {
      out.invalidUtf8 = this.windows === 0 || junction ? 'unsure' : { from: rowsBefore + 1, to: out.rows };
    }
    this.windows++;
    return used;
  }

  private countsNow(): RangeCounts {
    const { keys, tableCounts } = this;
    return {
      ...this.out,
      empties: Array.from(new Int32Array(this.memory.buffer, EMPTY, this.job.emptyColumns)),
      values: this.slotOrder.map(([slot, value]): [bigint, string, number] => [keys[slot * 2] ?? 0n, value, tableCounts[slot * 4 + 2] ?? 0]),
    };
  }

  /** Reads up to the next chunk boundary (or `limit`) into the window, after its unscanned bytes. */
  private read(limit: number): number {
    const size = Math.min(CHUNK - ((this.pos - this.job.skip) % CHUNK), limit - this.pos);
    let n = 0;
    for (let got = 1; n < size && got > 0; n += got) got = readSync(this.fd, this.mem, WINDOW + n, size - n, this.pos + n);
    this.pos += n;
    this.out.bytes += n;
    this.len += n;
    return n;
  }

  /** Scans the window and carries its unfinished row to just before WINDOW: false if that row is longer than a chunk. */
  private scanOn(junction: boolean): boolean {
    const used = this.scanWindow(this.start, this.len, junction);
    const rest = this.len - used;
    if (rest > CHUNK) return false;
    this.mem.copyWithin(WINDOW - rest, this.start + used, this.start + this.len);
    [this.start, this.len] = [WINDOW - rest, rest];
    return true;
  }
}
