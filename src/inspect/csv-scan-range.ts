/**
 * The worker thread of a split CSV scan (csv-scan-parallel.ts). The data after the header is cut
 * into CHUNK-sized reads (the reads of a one-thread scan). The main thread takes chunks from the
 * front, this worker takes pieces of a few chunks from the back, until they meet: whichever
 * thread is faster (or started earlier) scans more. Each claim is made under a lock in shared
 * memory, so every chunk belongs to exactly one thread.
 *
 * A piece [s, e) is scanned from the first row start after s (after its first newline, which the
 * main thread checks is a row end) to e, where a snapshot of the counts is taken, and then on to
 * the start of the next piece: `clean` says whether that was a row end too. So the pieces chain:
 * a piece's counts are valid when its start is a row start, and the next piece's start is one
 * when the piece is clean. Where the chain breaks, the main thread takes the snapshot at the
 * piece end and scans on from there as one thread would (csv-scan-parallel.ts).
 *
 * This function is sent to the worker as source text (`scanPieces.toString()`), because the CLI
 * is one esbuild bundle with no separate worker file: it must not use anything from outside its
 * body but module-free globals (WebAssembly, TextDecoder, Atomics) and its arguments. It gives
 * up on a piece (`ok: false`) in the rare cases that the main thread then scans itself: no
 * newline near its start, a row longer than the window, a quote never closed, or more distinct
 * target values than the kernel tracks.
 */

/** Int32 slots of the shared control block. */
export const CONTROL = { lock: 0, front: 1, back: 2 } as const;

export interface PiecesJob {
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
  /** Layout constants (csv-kernel-layout.ts). */
  window: number;
  chunk: number;
  empty: number;
  table: number;
  tableSlots: number;
  newList: number;
  slots: { delim: number; expected: number; target: number; rows: number; blank: number; ragged: number; firstRagged: number };
  more: { unlabeled: number; overflow: number; newCount: number; high: number };
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

interface Fs {
  openSync(path: string, flags: string): number;
  readSync(fd: number, into: Uint8Array, offset: number, length: number, position: number): number;
  closeSync(fd: number): void;
}

declare const WebAssembly: {
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

export function scanPieces(job: PiecesJob, fs: Fs, isUtf8: (bytes: Uint8Array) => boolean): Piece[] {
  const { memory, scan } = new WebAssembly.Instance(job.module, {}).exports as {
    memory: { buffer: ArrayBuffer };
    scan: (start: number, len: number) => number;
  };
  const mem = new Uint8Array(memory.buffer);
  const state = new Int32Array(memory.buffer, 0, 64);
  const keys = new BigUint64Array(memory.buffer, job.table, 2 * job.tableSlots);
  const tableCounts = new Int32Array(memory.buffer, job.table, 4 * job.tableSlots);
  const { slots, more } = job;
  const control = new Int32Array(job.control);
  const decoder = new TextDecoder();
  const end = (chunk: number) => Math.min(job.size, job.skip + chunk * job.chunk);

  /** Takes the next piece from the back, under the lock: smaller as the threads get close. */
  const claim = (): [number, number] | undefined => {
    while (Atomics.compareExchange(control, 0, 0, 1) !== 0);
    const front = control[1] ?? 0;
    const back = control[2] ?? 0;
    const from = Math.max(front, back - Math.min(job.maxPiece, Math.max(1, Math.ceil((back - front) / 8))));
    if (from < back) control[2] = from;
    Atomics.store(control, 0, 0);
    return from < back ? [from, back] : undefined;
  };

  /** Scans the piece [from, to) whose next piece starts at byte `nextAt` (-1: at the end of the file, -2: unknown). */
  const scanPiece = (from: number, to: number, nextAt: number): Piece => {
    const fail: Piece = { ok: false, from, to };
    const fd = fs.openSync(job.path, 'r');
    try {
      const s = end(from);
      const e = end(to);
      const near = new Uint8Array(Math.min(1 << 16, e - s));
      const nearLength = fs.readSync(fd, near, 0, near.length, s);
      const newline = near.subarray(0, nearLength).indexOf(10);
      if (newline < 0) return fail;
      const at = s + newline + 1;
      state.fill(0);
      state[slots.delim] = job.delimiter;
      state[slots.expected] = job.columns;
      state[slots.target] = job.target;
      mem.fill(0, job.empty, job.empty + 4 * job.emptyColumns);
      mem.fill(0, job.table, job.table + 16 * job.tableSlots);
      const out: RangeCounts = { rows: 0, blankLines: 0, ragged: 0, firstRagged: 0, unlabeled: 0, empties: [], values: [], bytes: 0, invalidUtf8: undefined };
      const slotOrder: Array<[number, string]> = [];
      let overflow = 0;
      let windows = 0;
      const scanWindow = (start: number, len: number, junction: boolean): number => {
        mem.fill(0, start + len, start + len + 64);
        state.fill(0, slots.rows, more.newCount + 1);
        state[more.high] = 0;
        const used = scan(start, len);
        const rowsBefore = out.rows;
        out.rows += state[slots.rows] ?? 0;
        out.blankLines += state[slots.blank] ?? 0;
        if ((state[slots.ragged] ?? 0) > 0 && out.ragged === 0) out.firstRagged = rowsBefore + (state[slots.firstRagged] ?? 0) + 1;
        out.ragged += state[slots.ragged] ?? 0;
        out.unlabeled += state[more.unlabeled] ?? 0;
        overflow += state[more.overflow] ?? 0;
        const list = new Int32Array(memory.buffer, job.newList, (state[more.newCount] ?? 0) * 3);
        for (let i = 0; i < list.length; i += 3) slotOrder.push([list[i] ?? 0, decoder.decode(mem.subarray(list[i + 1], list[i + 2]))]);
        if (!out.invalidUtf8 && state[more.high] && !isUtf8(mem.subarray(start, start + used))) {
          out.invalidUtf8 = windows === 0 || junction ? 'unsure' : { from: rowsBefore + 1, to: out.rows };
        }
        windows++;
        return used;
      };
      const countsNow = (): RangeCounts => ({
        ...out,
        empties: Array.from(new Int32Array(memory.buffer, job.empty, job.emptyColumns)),
        values: slotOrder.map(([slot, value]): [bigint, string, number] => [keys[slot * 2] ?? 0n, value, tableCounts[slot * 4 + 2] ?? 0]),
      });
      // Reads fall where a one-thread scan's do: the first one up to the next chunk boundary.
      let pos = at;
      let start = job.window;
      let len = 0;
      const read = (limit: number): number => {
        const size = Math.min(job.chunk - ((pos - job.skip) % job.chunk), limit - pos);
        let n = 0;
        for (let got = 1; n < size && got > 0; n += got) got = fs.readSync(fd, mem, job.window + n, size - n, pos + n);
        pos += n;
        out.bytes += n;
        len += n;
        return n;
      };
      const scanOn = (junction: boolean): boolean => {
        const used = scanWindow(start, len, junction);
        const rest = len - used;
        if (rest > job.chunk) return false;
        mem.copyWithin(job.window - rest, start + used, start + len);
        [start, len] = [job.window - rest, rest];
        return true;
      };
      while (pos < e) if (read(e) === 0 || !scanOn(false)) return fail;
      if (nextAt === -1) {
        // The end of the file: the last row may lack its newline; one that still does not end was left open by a quote.
        if (len > 0 && mem[start + len - 1] !== 10) mem[start + len++] = 10;
        if (len > 0 && scanWindow(start, len, false) < len) return fail;
        if (overflow > 0) return fail;
        const counts = countsNow();
        return { ok: true, from, to, at, head: near.slice(0, newline), snapshot: counts, rest: new Uint8Array(0), counts, clean: true };
      }
      if (overflow > 0) return fail;
      const snapshot = countsNow();
      const rest = mem.slice(start, start + len);
      let clean = false;
      if (nextAt >= 0) {
        while (pos < nextAt && read(nextAt) > 0);
        clean = pos === nextAt && scanOn(true) && len === 0 && overflow === 0;
      }
      return { ok: true, from, to, at, head: near.slice(0, newline), snapshot, rest, counts: clean ? countsNow() : snapshot, clean };
    } finally {
      fs.closeSync(fd);
    }
  };

  const pieces: Piece[] = [];
  let nextAt = -1;
  for (let piece = claim(); piece; piece = claim()) {
    const [from, to] = piece;
    const scanned = scanPiece(from, to, to >= job.chunks ? -1 : nextAt);
    pieces.push(scanned);
    nextAt = scanned.ok ? scanned.at : -2;
  }
  return pieces.reverse();
}
