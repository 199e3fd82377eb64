/**
 * The full CSV pass on two threads, for a big plain (not gzipped) file. The data after the
 * header is cut into the one-thread scan's 2 MiB reads ("chunks"); the main thread scans chunks
 * from the front, a worker thread pieces of a few chunks from the back (csv-scan-range.ts),
 * until they meet. Each chunk is claimed under a lock in shared memory, so the thread that
 * starts earlier or runs faster simply scans more: the worker can start while the main thread
 * is still reading and profiling the sample (csv.ts starts it with the settings it can read off
 * the first rows; if the final settings differ, a new worker is started with them).
 *
 * The main thread's scan up to the meeting point is exactly the one-thread scan. The worker's
 * first piece starts after the first newline past that point; whether that newline ends a row
 * depends on the quotes before it, which only the main thread knows: an even number of quotes
 * in the row it is in. Each piece then says whether the next one starts at a row end. Where
 * that chain breaks (a quoted field with newlines spans a piece start) or the worker gave up on
 * a piece (a row longer than the window, a quote left open, more distinct target values than
 * are tracked), the main thread takes the counts at the end of the last good piece and scans on
 * from there, as one thread would. So the counts and warnings are always those of a one-thread
 * scan; only the time differs. Below PARALLEL_MIN_BYTES a second thread does not pay for its
 * start-up.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { isGzip, openSource } from '../source.js';
import { startWorker } from './assets.js';
import { ClaimSource, type Split } from './claim-source.js';
import { createCsvKernel, kernelModule } from './kernel.js';
import { CHUNK, MAX_COLS } from './kernel-layout.js';
import { CONTROL, type Piece, type PiecesJob } from './pieces.js';
import { Scanner, type ScanOptions, type ScanStats, scanCsv } from './scan.js';

export const PARALLEL_MIN_BYTES = 64 << 20;

/** What the worker needs to know to scan (a subset of ScanOptions). */
export interface ScanSettings {
  delimiter: string;
  columns: number;
  target?: number | undefined;
  skipBytes: number;
}

/** Test hooks: a fixed share for the main thread and the largest piece, in chunks. */
export interface SplitSchedule {
  mainChunks?: number;
  maxPiece?: number;
}

/** The worker thread of a split scan, started early: it waits for its settings. */
export interface ScanWorker {
  readonly path: string;
  readonly size: number;
  /** The settings it scans with, once started. */
  readonly settings: ScanSettings | undefined;
  /** Starts scanning from the back of the file (once). */
  start(settings: ScanSettings, schedule?: SplitSchedule): void;
  /** The pieces it scanned, in file order, when it is done (undefined if it failed or was stopped). */
  readonly pieces: Promise<Piece[] | undefined>;
  /** Ends the worker (done, or not needed after all). */
  stop(): void;
}

const splits = new WeakMap<ScanWorker, Split>();

/**
 * Starts the worker of a split scan when the file is worth one (a plain file of at least
 * `minBytes`, with WebAssembly): before the sample is read and profiled, so that the thread's
 * start-up overlaps that work. Until it is started the worker does not keep the process
 * alive.
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
  let worker: Worker;
  try {
    worker = startWorker(module);
  } catch {
    return undefined;
  }
  worker.unref();
  const pieces = new Promise<Piece[] | undefined>((resolve) => {
    worker.once('message', (m: Piece[]) => resolve(m));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  let settings: ScanSettings | undefined;
  const handle: ScanWorker = {
    path,
    size,
    get settings() {
      return settings;
    },
    start(s, schedule = {}) {
      if (settings) return;
      settings = { ...s };
      const chunks = Math.ceil((size - s.skipBytes) / CHUNK);
      const mainChunks = Math.max(1, Math.min(chunks, schedule.mainChunks ?? 1));
      const control = new Int32Array(new SharedArrayBuffer(16));
      control[CONTROL.front] = mainChunks;
      control[CONTROL.back] = chunks;
      splits.set(handle, { control, chunks, fixed: schedule.mainChunks !== undefined });
      worker.ref();
      worker.postMessage(job(path, size, s, chunks, control, schedule.maxPiece ?? 16));
    },
    pieces,
    stop: () => void worker.terminate(),
  };
  return handle;
}

const sameSettings = (a: ScanSettings, b: ScanSettings) =>
  a.delimiter === b.delimiter && a.columns === b.columns && (a.target ?? -1) === (b.target ?? -1) && a.skipBytes === b.skipBytes;

/**
 * Scans a CSV file: on two threads when a worker was started for it (startScanWorker), else on
 * one. Either way the counts and warnings are those of a one-thread scan.
 */
export async function scanCsvFile(path: string, options: ScanOptions, worker?: ScanWorker, schedule?: SplitSchedule): Promise<ScanStats> {
  const kernel = worker && options.kernel !== 'js' ? createCsvKernel() : undefined;
  if (!worker || !kernel) {
    const source = await openSource(path);
    return await scanCsv(source, options).finally(() => source.close());
  }
  let helper = worker;
  if (helper.settings && !sameSettings(helper.settings, options)) {
    // Started with settings guessed from the first rows that turned out otherwise: start afresh.
    helper.stop();
    helper = startScanWorker(path, 0) ?? helper;
  }
  try {
    helper.start(options, schedule);
    const split = splits.get(helper);
    if (!split || !helper.settings || !sameSettings(helper.settings, options)) {
      const source = await openSource(path);
      return await scanCsv(source, options).finally(() => source.close());
    }
    const fd = openSync(path, 'r');
    try {
      const source = new ClaimSource(fd, options.skipBytes, helper.size, split);
      const restart = async () => {
        helper.stop();
        const again = await openSource(path);
        return await scanCsv(again, options).finally(() => again.close());
      };
      return await scanSplit(new Scanner(kernel, options, source), source, helper, split, restart);
    } finally {
      closeSync(fd);
    }
  } finally {
    helper.stop();
  }
}

async function scanSplit(scanner: Scanner, source: ClaimSource, worker: ScanWorker, split: Split, restart: () => Promise<ScanStats>): Promise<ScanStats> {
  // false: a row longer than the window crosses the meeting point; start again on one thread.
  if (!(await scanner.runToLimit())) return restart();
  const front = Atomics.load(split.control, CONTROL.front);
  if (front >= split.chunks) return scanner.resume();
  const pieces = (await worker.pieces) ?? [];
  const first = pieces[0];
  // The worker's first piece starts after the first newline from the meeting point: is that a
  // row end (an even number of quotes in the row it is in)? The row itself is scanned here; it
  // and the piece's first window would be one window of a one-thread scan, so invalid UTF-8 in
  // it would be reported over other rows: that case scans on.
  if (first?.ok && first.from === front && scanner.accepts(first.snapshot)) {
    const junction = concat(scanner.unfinishedRow, first.head);
    if (quotes(junction) % 2 === 0 && (scanner.invalidUtf8 || isUtf8(junction))) {
      source.limit = first.at;
      // false: the junction row is longer than the window (it cannot be resumed).
      return (await scanner.scanOn()) ? absorbPieces(scanner, source, pieces) : restart();
    }
  }
  // Not a row end, or the worker gave up: scan on from the meeting point, as one thread would.
  return scanOnFrom(scanner, source, source.end(front));
}

/**
 * Adds up the pieces in file order; each one's start is known to be a row start when it is
 * reached. Where the chain breaks, it takes the counts at the end of the last good piece and
 * scans on from there as one thread would.
 */
async function absorbPieces(scanner: Scanner, source: ClaimSource, pieces: Piece[]): Promise<ScanStats> {
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (!piece?.ok) break;
    const next = pieces[i + 1];
    if (!next) {
      // The last piece ends at the end of the file.
      scanner.absorb(piece.counts);
      return scanner.resume();
    }
    // Invalid UTF-8 in a piece's first window or in a junction row is only placed exactly by a
    // one-thread scan; it does not matter when some was found before.
    const invalidBefore = scanner.invalidUtf8 || typeof piece.counts.invalidUtf8 === 'object';
    if (piece.clean && next.ok && scanner.accepts(piece.counts) && (invalidBefore || next.snapshot.invalidUtf8 !== 'unsure')) {
      scanner.absorb(piece.counts);
      continue;
    }
    // The chain breaks after this piece: its counts up to its end, then one thread from there.
    scanner.absorb(piece.snapshot);
    scanner.carry(piece.rest);
    return scanOnFrom(scanner, source, source.end(piece.to));
  }
  throw new Error('split scan: the pieces do not reach the end of the file');
}

async function scanOnFrom(scanner: Scanner, source: ClaimSource, at: number): Promise<ScanStats> {
  source.position = at;
  source.limit = Number.POSITIVE_INFINITY;
  return scanner.resume();
}

function job(path: string, size: number, s: ScanSettings, chunks: number, control: Int32Array, maxPiece: number): Omit<PiecesJob, 'module'> {
  return {
    ...{ path, skip: s.skipBytes, size, chunks, control: control.buffer as SharedArrayBuffer, maxPiece },
    ...{ delimiter: s.delimiter.charCodeAt(0), columns: s.columns, target: s.target ?? -1, emptyColumns: Math.min(s.columns, MAX_COLS) },
  };
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
