/**
 * The full pass over a CSV: exact row count, ragged rows, empty fields per column and the
 * target's value counts, in bounded memory (two windows of CHUNK bytes, 2 MiB). A window always starts at a
 * row start; the kernel commits complete rows and the rest is carried over to the next read.
 * A row that does not fit the window is skipped with a JavaScript scan and reported.
 */
import { isUtf8 } from 'node:buffer';
import type { ByteSource } from '../source.js';
import { type CsvKernel, createCsvKernel } from './kernel.js';
import { createJsKernel } from './kernel-js.js';
import { CHUNK, DISTINCT_CAP, EMPTY, half, MAX_COLS, NEW_LIST, S, SLOTS, TABLE } from './kernel-layout.js';
import type { RangeCounts } from './pieces.js';
import { jsSlot, wasmSlot } from './slots.js';
import type { ScanOptions, ScanStats } from './types.js';

export type { ScanOptions, ScanStats, TargetCounts } from './types.js';

/** A quoted value's `""` escapes. */
const unquoteEscapes = (raw: string) => (raw.includes('"') ? raw.replaceAll('""', '"') : raw);

export async function scanCsv(source: ByteSource, options: ScanOptions): Promise<ScanStats> {
  const kernel = (options.kernel !== 'js' && createCsvKernel()) || createJsKernel();
  return new Scanner(kernel, options, source).run();
}

export class Scanner {
  private readonly mem: Uint8Array;
  private readonly state: Int32Array;
  private readonly slotValues = new Map<number, string>();
  private readonly decoder = new TextDecoder();
  private readonly stats: ScanStats;
  /** Where the data not yet committed is (it ends just before the half `cur`, which is read next). */
  private cur: 0 | 1 = 0;
  private start = half(0);
  private len = 0;

  constructor(
    private readonly kernel: CsvKernel,
    private readonly options: ScanOptions,
    private readonly source: ByteSource,
  ) {
    this.mem = new Uint8Array(kernel.memory.buffer);
    this.state = new Int32Array(kernel.memory.buffer, 0, 64);
    this.state[S.delim] = options.delimiter.charCodeAt(0);
    this.state[S.expected] = options.columns;
    this.state[S.target] = options.target ?? -1;
    this.stats = {
      ...{ rows: 0, blankLines: 0, ragged: 0, firstRagged: 0, longRows: 0, firstLongRow: 0, bytes: 0 },
      empties: new Array<number>(Math.min(options.columns, MAX_COLS)).fill(0),
      target: options.target === undefined ? undefined : { counts: new Map(), empty: 0, untracked: 0 },
      invalidUtf8: undefined,
      unterminatedQuote: false,
      kernel: kernel.kind,
    };
  }

  async run(): Promise<ScanStats> {
    await this.skip(this.options.skipBytes);
    return this.resume();
  }

  /** Scans on to the end of the source and returns the totals. */
  async resume(): Promise<ScanStats> {
    if ((await this.pump()) && this.len > 0) this.finish(this.start, this.len);
    return this.done();
  }

  /**
   * Scans the header and then the data until the source has no more for now (the first part
   * of a split scan, csv-scan-parallel.ts): false if that ended inside a row longer than the
   * window (which cannot be resumed). The unfinished row is then `unfinishedRow`.
   */
  async runToLimit(): Promise<boolean> {
    await this.skip(this.options.skipBytes);
    return this.pump();
  }

  /** Whether invalid UTF-8 was seen so far. */
  get invalidUtf8(): boolean {
    return this.stats.invalidUtf8 !== undefined;
  }

  /** After runToLimit: the first bytes of the row that the data so far ends inside. */
  get unfinishedRow(): Uint8Array {
    return this.mem.subarray(this.start, this.start + this.len);
  }

  /** Scans on as far as the source goes now: false if that is not a row end. */
  async scanOn(): Promise<boolean> {
    return (await this.pump()) && this.len === 0;
  }

  /**
   * Reads and scans until the source returns nothing; false if it ended inside a row longer
   * than the window (then there is nothing left to finish).
   */
  private async pump(): Promise<boolean> {
    // Double buffering: the next chunk is read into one half while the other is scanned. The
    // unfinished row of a scan is copied just before the half that is being read, so that the
    // next scan sees it followed by the new bytes.
    let { cur, start, len } = this;
    let pending = this.read(half(cur));
    for (;;) {
      const n = await pending;
      if (n === 0) break;
      len += n;
      const next = (cur ^ 1) as 0 | 1;
      pending = this.read(half(next));
      const used = this.scan(start, len);
      const restStart = start + used;
      const restLen = len - used;
      if (restLen > CHUNK) {
        const after = await this.skipLongRow(restStart, restLen, pending, next);
        if (after === undefined) return false;
        this.mem.copyWithin(half(cur) - after.length, after.start, after.start + after.length);
        [start, len, pending] = [half(cur) - after.length, after.length, this.read(half(cur))];
        continue;
      }
      this.mem.copyWithin(half(next) - restLen, restStart, restStart + restLen);
      [start, len, cur] = [half(next) - restLen, restLen, next];
    }
    [this.cur, this.start, this.len] = [cur, start, len];
    return true;
  }

  /** Whether counts scanned apart can be added as they are (parallel.ts). */
  accepts(part: RangeCounts): boolean {
    return part.invalidUtf8 !== 'unsure' || this.stats.invalidUtf8 !== undefined;
  }

  /**
   * Adds the counts of a part of the file scanned apart (pieces.ts), as if this scanner
   * had scanned it: row numbers move on, and the target values go into this kernel's table in
   * order of first appearance, up to the same distinct cap, as one kernel would have put them.
   */
  absorb(part: RangeCounts): void {
    const { stats } = this;
    const rowsBefore = stats.rows;
    if (part.ragged > 0 && stats.ragged === 0) stats.firstRagged = rowsBefore + part.firstRagged;
    if (!stats.invalidUtf8 && typeof part.invalidUtf8 === 'object') {
      stats.invalidUtf8 = { from: rowsBefore + part.invalidUtf8.from, to: rowsBefore + part.invalidUtf8.to };
    }
    stats.rows += part.rows;
    stats.blankLines += part.blankLines;
    stats.ragged += part.ragged;
    stats.bytes += part.bytes;
    for (let c = 0; c < stats.empties.length; c++) stats.empties[c] = (stats.empties[c] ?? 0) + (part.empties[c] ?? 0);
    if (!stats.target) return;
    stats.target.empty += part.unlabeled;
    for (const [key, value, n] of part.values) this.addValue(key, value, n);
  }

  /**
   * Goes on as if this scanner had scanned up to where the source now is, with `rest` (the start
   * of an unfinished row) carried over: after absorbing parts scanned apart.
   */
  carry(rest: Uint8Array): void {
    this.start = half(this.cur) - rest.length;
    this.len = rest.length;
    this.mem.set(rest, this.start);
  }

  /** A value counted apart, put into the kernel's table where the kernel would look for it. */
  private addValue(key: bigint, value: string, n: number): void {
    const keys = new BigUint64Array(this.mem.buffer, TABLE, SLOTS * 2);
    const counts = new Int32Array(this.mem.buffer, TABLE, SLOTS * 4);
    for (let slot = this.kernel.kind === 'wasm' ? wasmSlot(key) : jsSlot(key); ; slot = (slot + 1) & (SLOTS - 1)) {
      if (keys[slot * 2] === key) {
        counts[slot * 4 + 2] = (counts[slot * 4 + 2] ?? 0) + n;
        return;
      }
      if (keys[slot * 2] !== 0n) continue;
      if ((this.state[S.distinct] ?? 0) >= DISTINCT_CAP) {
        if (this.stats.target) this.stats.target.untracked += n;
        return;
      }
      keys[slot * 2] = key;
      counts[slot * 4 + 2] = n;
      this.state[S.distinct] = (this.state[S.distinct] ?? 0) + 1;
      this.slotValues.set(slot, unquoteEscapes(value));
      return;
    }
  }

  private async read(at: number): Promise<number> {
    const n = await this.source.read(this.mem, at, CHUNK);
    this.stats.bytes += n;
    return n;
  }

  private done(): ScanStats {
    this.stats.sourceError = this.source.error;
    const target = this.stats.target;
    if (target) for (const { value, n } of this.trackedValues()) target.counts.set(value, (target.counts.get(value) ?? 0) + n);
    return this.stats;
  }

  /** The last row may lack its newline; one that still does not end was left open by a quote. */
  private finish(start: number, filled: number): void {
    let len = filled;
    if (this.mem[start + len - 1] !== 10) this.mem[start + len++] = 10;
    const used = this.scan(start, len);
    if (used < len) {
      this.stats.unterminatedQuote = true;
      this.countLongRow();
    }
  }

  private async skip(bytes: number): Promise<void> {
    for (let left = bytes; left > 0; ) {
      const n = await this.source.read(this.mem, half(0), Math.min(left, CHUNK));
      if (n === 0) break;
      left -= n;
    }
  }

  private scan(start: number, len: number): number {
    const { mem, state } = this;
    mem.fill(0, start + len, start + len + 64);
    state.fill(0, S.rows, S.newCount + 1);
    state[S.high] = 0;
    const used = this.kernel.scan(start, len);
    const rowsBefore = this.stats.rows;
    this.stats.rows += state[S.rows] ?? 0;
    this.stats.blankLines += state[S.blank] ?? 0;
    const ragged = state[S.ragged] ?? 0;
    if (ragged > 0 && this.stats.ragged === 0) this.stats.firstRagged = rowsBefore + (state[S.firstRagged] ?? 0) + 1;
    this.stats.ragged += ragged;
    const empties = new Uint32Array(mem.buffer, EMPTY, this.stats.empties.length);
    for (let c = 0; c < empties.length; c++) this.stats.empties[c] = (this.stats.empties[c] ?? 0) + (empties[c] ?? 0);
    empties.fill(0);
    if (this.stats.target) {
      this.stats.target.empty += state[S.unlabeled] ?? 0;
      this.stats.target.untracked += state[S.overflow] ?? 0;
      this.decodeNewValues(state[S.newCount] ?? 0);
    }
    if (!this.stats.invalidUtf8 && state[S.high] && !isUtf8(mem.subarray(start, start + used))) {
      this.stats.invalidUtf8 = { from: rowsBefore + 1, to: this.stats.rows };
    }
    return used;
  }

  private decodeNewValues(count: number): void {
    const list = new Int32Array(this.mem.buffer, NEW_LIST, count * 3);
    for (let i = 0; i < count; i++) {
      const [slot = 0, start = 0, end = 0] = list.subarray(i * 3, i * 3 + 3);
      this.slotValues.set(slot, unquoteEscapes(this.decoder.decode(this.mem.subarray(start, end))));
    }
  }

  /** The tracked target values and their counts, in order of first appearance. */
  private *trackedValues(): Generator<{ value: string; n: number }> {
    const table = new Int32Array(this.mem.buffer, TABLE, SLOTS * 4);
    for (const [slot, value] of this.slotValues) yield { value, n: table[slot * 4 + 2] ?? 0 };
  }

  private countLongRow(): void {
    this.stats.rows++;
    this.stats.longRows++;
    if (this.stats.firstLongRow === 0) this.stats.firstLongRow = this.stats.rows;
  }

  /**
   * Skips a row longer than the window (quote-aware), from its first bytes [start, start+len)
   * and the chunk being read into half `into`. Returns where the bytes after it are, or
   * undefined at the end of the data.
   */
  private async skipLongRow(start: number, len: number, pending: Promise<number>, into: 0 | 1): Promise<{ start: number; length: number } | undefined> {
    this.countLongRow();
    let inQuotes = false;
    for (let i = start; i < start + len; i++) if (this.mem[i] === 34) inQuotes = !inQuotes;
    for (let n = await pending; n > 0; n = await this.read(half(into))) {
      const from = half(into);
      for (let i = from; i < from + n; i++) {
        const c = this.mem[i];
        if (c === 34) inQuotes = !inQuotes;
        else if (c === 10 && !inQuotes) return { start: i + 1, length: from + n - (i + 1) };
      }
    }
    this.stats.unterminatedQuote ||= inQuotes;
    return undefined;
  }
}
