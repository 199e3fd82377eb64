/**
 * The second thread of a split CSV scan (csv-scan-parallel.ts): the kernel over the file range
 * [from, to), which starts at a row start, up to the end of the file. It is sent to a worker
 * thread as source text (`scanRange.toString()`), because the CLI is one esbuild bundle with no
 * separate worker file: so the function must not use anything from outside its body. Only
 * module-free globals (WebAssembly, TextDecoder) and its arguments. It does what Scanner.run
 * (csv-scan.ts) does for the common case and gives up (`ok: false`) on the rare ones, which the
 * main thread then scans itself: a row longer than the window, a quote never closed, more
 * distinct target values than the kernel tracks, or invalid UTF-8 (whose warning names the
 * rows of the 2 MiB window where it is, as the one-thread scan cuts them).
 */

export interface RangeJob {
  module: object;
  path: string;
  from: number;
  /** Bytes of the first read: after it, reads fall where a one-thread scan's do. */
  firstRead: number;
  to: number;
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
  ok: true;
  rows: number;
  blankLines: number;
  ragged: number;
  /** 1-based row of the range, 0 if none. */
  firstRagged: number;
  unlabeled: number;
  /** Empty fields per column. */
  empties: number[];
  /** Target values in order of first appearance: [hash key (decimal), raw value, count]. */
  values: Array<[string, string, number]>;
  bytes: number;
}

interface Fs {
  openSync(path: string, flags: string): number;
  readSync(fd: number, into: Uint8Array, offset: number, length: number, position: number): number;
  closeSync(fd: number): void;
}

declare const WebAssembly: {
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

export function scanRange(job: RangeJob, fs: Fs, isUtf8: (bytes: Uint8Array) => boolean): RangeCounts | { ok: false } {
  const { memory, scan } = new WebAssembly.Instance(job.module, {}).exports as {
    memory: { buffer: ArrayBuffer };
    scan: (start: number, len: number) => number;
  };
  const mem = new Uint8Array(memory.buffer);
  const state = new Int32Array(memory.buffer, 0, 64);
  const { slots, more } = job;
  state[slots.delim] = job.delimiter;
  state[slots.expected] = job.columns;
  state[slots.target] = job.target;
  const out: RangeCounts = {
    ok: true,
    rows: 0,
    blankLines: 0,
    ragged: 0,
    firstRagged: 0,
    unlabeled: 0,
    empties: [],
    values: [],
    bytes: 0,
  };
  const slotOrder: Array<[number, string]> = [];
  const decoder = new TextDecoder();
  let overflow = 0;
  let invalidUtf8 = false;
  const scanWindow = (start: number, len: number): number => {
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
    if (!invalidUtf8 && state[more.high] && !isUtf8(mem.subarray(start, start + used))) invalidUtf8 = true;
    return used;
  };
  const fd = fs.openSync(job.path, 'r');
  try {
    // One window, read synchronously; the unfinished row is copied just before it. After the
    // first read the window holds what a one-thread scan's would (but for the row before
    // `from`), so a row longer than the window is one here exactly when it is one there.
    let pos = job.from;
    let want = job.firstRead;
    let start = job.window;
    let len = 0;
    for (;;) {
      const size = Math.min(want, job.to - pos);
      let n = 0;
      for (let got = 1; n < size && got > 0; n += got) got = fs.readSync(fd, mem, job.window + n, size - n, pos + n);
      want = job.chunk;
      pos += n;
      out.bytes += n;
      if (n === 0) {
        if (len > 0 && mem[start + len - 1] !== 10) mem[start + len++] = 10;
        if (len > 0 && scanWindow(start, len) < len) return { ok: false };
        break;
      }
      len += n;
      const used = scanWindow(start, len);
      const rest = len - used;
      if (rest > job.chunk) return { ok: false };
      mem.copyWithin(job.window - rest, start + used, start + len);
      [start, len] = [job.window - rest, rest];
    }
  } finally {
    fs.closeSync(fd);
  }
  if (overflow > 0 || invalidUtf8) return { ok: false };
  out.empties = Array.from(new Int32Array(memory.buffer, job.empty, job.emptyColumns));
  const keys = new BigUint64Array(memory.buffer, job.table, 2 * job.tableSlots);
  const counts = new Int32Array(memory.buffer, job.table, 4 * job.tableSlots);
  out.values = slotOrder.map(([slot, value]) => [String(keys[slot * 2]), value, counts[slot * 4 + 2] ?? 0]);
  return out;
}
