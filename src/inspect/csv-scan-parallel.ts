/**
 * The full CSV pass on two threads, for a big plain (not gzipped) file: the main thread scans
 * the first half, a worker thread the rest (csv-scan-range.ts), and the counts are added up.
 *
 * The first half ends at a `limit` that is a whole number of the one-thread scan's 2 MiB reads,
 * so the main thread's scan up to there is exactly the one-thread scan; the worker starts after
 * the first newline from the limit. Whether that newline ends a row depends on the quotes
 * before it, which only the first half knows: an even number of quotes in the row it is in.
 * If it does not end a row (a quoted field with newlines spans it), or the worker gave up on a
 * rare case (a row longer than the window, a quote left open, more distinct target values
 * than are tracked, invalid UTF-8), the main thread scans on from the limit itself, as one
 * thread would. So the counts and warnings are always those of a one-thread scan; only the
 * time differs.
 *
 * Measured on the 1 GB benchmark file (2 CPUs, bench/inspect.ts): the whole inspection from
 * 0.64 s to 0.45 s (the scan ~0.55 s -> ~0.36 s). Below PARALLEL_MIN_BYTES a second thread is
 * not worth its start-up (~25 ms).
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { CHUNK, createCsvKernel, EMPTY, half, kernelModule, MAX_COLS, NEW_LIST, S, SLOTS, TABLE } from './csv-kernel.js';
import { Scanner, type ScanOptions, type ScanStats, scanCsv } from './csv-scan.js';
import { type RangeCounts, type RangeJob, scanRange } from './csv-scan-range.js';
import { type ByteSource, isGzip, openSource, readAt } from './source.js';

export const PARALLEL_MIN_BYTES = 64 << 20;

type RangeResult = RangeCounts | { ok: false } | undefined;

/** The worker thread of a split scan, started early: it waits for its range. */
export interface ScanWorker {
  readonly path: string;
  readonly size: number;
  /** Sends the range; the result is undefined if the worker failed or was stopped. */
  run(job: Omit<RangeJob, 'module'>): Promise<RangeResult>;
  /** Ends the worker (done, or not needed after all). */
  stop(): void;
}

/**
 * Starts the worker of a split scan when the file is worth one (a plain file of at least
 * `minBytes`, with WebAssembly): before the sample is read and profiled, so that the thread's
 * start-up (~25 ms) overlaps that work instead of delaying the scan. Until it gets its range
 * the worker does not keep the process alive.
 */
export function startScanWorker(path: string, minBytes = PARALLEL_MIN_BYTES): ScanWorker | undefined {
  let size: number;
  const magic = new Uint8Array(2);
  try {
    size = statSync(path).size;
    if (size < minBytes) return undefined;
    const fd = openSync(path, 'r');
    try {
      readSync(fd, magic, 0, 2, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const module = isGzip(magic) ? undefined : kernelModule();
  if (!module) return undefined;
  // __name: the helper that esbuild's keepNames (tsx, vitest) wraps named functions in.
  const code = `const { parentPort, workerData } = require('node:worker_threads');
const __name = (f) => f;
parentPort.once('message', (job) => parentPort.postMessage((${scanRange.toString()})({ ...job, module: workerData }, require('node:fs'), require('node:buffer').isUtf8)));`;
  let worker: Worker;
  try {
    worker = new Worker(code, { eval: true, workerData: module });
  } catch {
    return undefined;
  }
  worker.unref();
  const result = new Promise<RangeResult>((resolve) => {
    worker.once('message', (m: RangeCounts | { ok: false }) => resolve(m));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  return {
    path,
    size,
    run(job) {
      worker.ref();
      worker.postMessage(job);
      return result;
    },
    stop: () => void worker.terminate(),
  };
}

/**
 * Scans a CSV file: on two threads when a worker was started for it (startScanWorker), else
 * on one. Either way the counts and warnings are those of a one-thread scan.
 */
export async function scanCsvFile(path: string, options: ScanOptions, worker?: ScanWorker): Promise<ScanStats> {
  const source = await openSource(path);
  try {
    const split = worker && options.kernel !== 'js' && !source.gzip ? await splitPoint(path, options.skipBytes, worker.size) : undefined;
    const kernel = split && createCsvKernel();
    if (!worker || !split || !kernel) return await scanCsv(source, options);
    const rest = worker.run(rangeJob(path, split, worker.size, options));
    const first = new LimitedSource(source, split.limit);
    const scanner = new Scanner(kernel, options, first);
    if (!(await scanner.runToLimit())) {
      // A row longer than the window crosses the limit: start again on one thread.
      worker.stop();
      const again = await openSource(path);
      return await scanCsv(again, options).finally(() => again.close());
    }
    // The data up to the limit was read and scanned exactly as one thread would. Is the newline
    // that the worker started after a row end (an even number of quotes since the last one)?
    const junction = concat(scanner.unfinishedRow, split.head);
    if (quotes(junction) % 2 === 0) {
      const counts = await rest;
      // The junction row and the worker's first window would be one window of a one-thread
      // scan; invalid UTF-8 there would be reported over other rows, so that case scans on.
      if (counts?.ok && (scanner.invalidUtf8 || isUtf8(junction))) {
        first.limit = split.at;
        if (await scanner.scanOn()) return scanner.absorb(counts);
      }
    }
    // Not a row end, or the worker gave up: scan on from the limit, as one thread would.
    worker.stop();
    first.limit = Number.POSITIVE_INFINITY;
    return await scanner.resume();
  } finally {
    worker?.stop();
    await source.close().catch(() => undefined);
  }
}

interface Split {
  /**
   * Where the first part's reads stop: a whole number of CHUNK reads after the header, so
   * that they are the reads of a one-thread scan, which can go on from there if need be.
   */
  limit: number;
  /** Where the worker starts: after the first newline from the limit. */
  at: number;
  /** The bytes [limit, at - 1): the start of the row that ends at that newline. */
  head: Uint8Array;
}

async function splitPoint(path: string, skipBytes: number, size: number): Promise<Split | undefined> {
  const limit = skipBytes + Math.floor((size - skipBytes) / 2 / CHUNK) * CHUNK;
  if (limit <= skipBytes) return undefined;
  const fh = await open(path, 'r');
  try {
    const bytes = await readAt(fh, limit, 1 << 16);
    const newline = bytes.indexOf(10);
    return newline < 0 ? undefined : { limit, at: limit + newline + 1, head: bytes.subarray(0, newline) };
  } finally {
    await fh.close();
  }
}

const quotes = (bytes: Uint8Array) => {
  let n = 0;
  for (let i = bytes.indexOf(34); i >= 0; i = bytes.indexOf(34, i + 1)) n++;
  return n;
};

const concat = (a: Uint8Array, b: Uint8Array) => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

function rangeJob(path: string, split: Split, to: number, options: ScanOptions): Omit<RangeJob, 'module'> {
  return {
    ...{ path, from: split.at, firstRead: split.limit + CHUNK - split.at, to },
    ...{
      delimiter: options.delimiter.charCodeAt(0),
      columns: options.columns,
      target: options.target ?? -1,
      emptyColumns: Math.min(options.columns, MAX_COLS),
    },
    ...{ window: half(0), chunk: CHUNK, empty: EMPTY, table: TABLE, tableSlots: SLOTS, newList: NEW_LIST },
    slots: { delim: S.delim, expected: S.expected, target: S.target, rows: S.rows, blank: S.blank, ragged: S.ragged, firstRagged: S.firstRagged },
    more: { unlabeled: S.unlabeled, overflow: S.overflow, newCount: S.newCount, high: S.high },
  };
}

/** A source that stops at byte `limit` of the file (until the limit is lifted). */
class LimitedSource implements ByteSource {
  position = 0;
  constructor(
    private readonly source: ByteSource,
    public limit: number,
  ) {}
  get error() {
    return this.source.error;
  }
  get gzip() {
    return this.source.gzip;
  }
  async read(into: Uint8Array, offset: number, length: number): Promise<number> {
    const n = await this.source.read(into, offset, Math.min(length, this.limit - this.position));
    this.position += n;
    return n;
  }
  close(): Promise<void> {
    return this.source.close();
  }
}
