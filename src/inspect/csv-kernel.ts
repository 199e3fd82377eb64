/**
 * The CSV counting kernel, in WebAssembly SIMD. It lets `inspect` count a gigabyte CSV at a
 * few times `wc -l` speed, where a JavaScript byte loop costs ~1 ns per byte. The input is
 * processed in stretches of STRETCH bytes, each in three simple loops (simple loops keep the
 * loop-carried values in registers, which matters more than instruction counts here):
 *
 *  1. classify, per 64-byte block (the simdjson/simdcsv technique): quotes, delimiters and
 *     newlines become 64-bit masks (i8x16.eq + i8x16.bitmask); "inside quotes" is the
 *     prefix-xor of the quote mask (RFC 4180 parity, so "" escapes cancel out); delimiters
 *     and newlines outside quotes are the structure. Masks are stored per block.
 *  2. rows: per newline, the row's delimiter count (popcount), where its last field starts and,
 *     when the row has a delimiter after the target field, where that field is (bit select);
 *     otherwise the target is the last field, or missing. Empty
 *     fields (delimiter right after a separator, or after `""`) are rare and handled aside.
 *  3. commit, per row record: blank lines, ragged rows, an empty last field, and the target
 *     value counted in a capped open-addressing hash table.
 *
 * Only complete rows are committed; scan returns how many bytes they took and the caller
 * carries the rest over (csv-scan.ts). The phases are in csv-kernel-rows.ts (1, 2) and
 * csv-kernel-commit.ts (3), the memory layout in csv-kernel-layout.ts.
 */

import { commitRecord } from './csv-kernel-commit.js';
import { EMPTY, kernelContext, MASKS, MEMORY_BYTES, ROW_EMPTY, ROW_RECORD, ROWS, S, STRETCH, stateAt } from './csv-kernel-layout.js';
import { classify, rowsOfBlock } from './csv-kernel-rows.js';
import { assemble, type Code, type Func, I } from './wasm.js';

export { CHUNK, DATA, DISTINCT_CAP, EMPTY, half, MAX_COLS, MEMORY_BYTES, NEW_LIST, S, SLOTS, TABLE } from './csv-kernel-layout.js';

const { i32, i64 } = I;

function buildScan(): Func {
  const ctx = kernelContext();
  const { f, get, set, st } = ctx;
  const overBlocks = (phase: Code[]): Code =>
    I.block(
      set('p', get('sub')),
      set('k', i32(MASKS)),
      I.loop(I.brIf(1, I.geU(get('p'), get('subLim'))), ...phase, set('p', I.add(get('p'), i32(64))), set('k', I.add(get('k'), i32(24))), I.br(0)),
    );
  const overRecords = I.block(
    set('r', i32(ROWS)),
    set('rEnd', I.add(i32(ROWS), I.mul(get('nRows'), i32(ROW_RECORD)))),
    I.loop(I.brIf(1, I.geU(get('r'), get('rEnd'))), ...commitRecord(ctx), set('r', I.add(get('r'), i32(ROW_RECORD))), I.br(0)),
  );

  f.body = [
    set('vq', I.splat8(i32(34))),
    set('vd', I.splat8(st(S.delim))),
    set('vn', I.splat8(i32(10))),
    I.store32(stateAt(S.firstRagged), i32(-1)),
    set('target', st(S.target)),
    set('lastCol', I.sub(st(S.expected), i32(1))),
    set('prevSep', i64(1n << 63n)),
    set('rowStart', get('start')),
    set('lastDelim', I.sub(get('start'), i32(1))),
    set('lim', I.add(get('start'), get('len'))),
    set('sub', get('start')),
    I.block(
      I.loop(
        I.brIf(1, I.geU(get('sub'), get('lim'))),
        set('subLim', I.select(get('lim'), I.add(get('sub'), i32(STRETCH)), I.ltU(get('lim'), I.add(get('sub'), i32(STRETCH))))),
        overBlocks(classify(ctx)),
        set('nRows', i32(0)),
        overBlocks(rowsOfBlock(ctx)),
        overRecords,
        set('sub', get('subLim')),
        I.br(0),
      ),
    ),
    // Take back the empty fields of the unfinished row: it is scanned again with the next bytes.
    I.block(
      I.loop(
        I.brIf(1, I.eqz(get('nEmpty'))),
        set('nEmpty', I.sub(get('nEmpty'), i32(1))),
        set('slot', I.add(i32(EMPTY), I.shl(I.load32(I.add(i32(ROW_EMPTY), I.shl(get('nEmpty'), i32(2)))), i32(2)))),
        I.store32(get('slot'), I.sub(I.load32(get('slot')), i32(1))),
        I.br(0),
      ),
    ),
    I.store32(stateAt(S.high), get('high')),
    I.store32(stateAt(S.rows), get('rows')),
    // Everything before the current (unfinished) row was committed.
    I.sub(get('rowStart'), get('start')),
  ];
  return f;
}

export interface CsvKernel {
  kind: 'wasm' | 'js';
  memory: { buffer: ArrayBuffer };
  /**
   * Scans memory[start, start + len), which must begin at a row start and be followed by 64
   * zero bytes; adds to the state counters and returns the length of the complete rows.
   */
  scan(start: number, len: number): number;
}

// The project's TypeScript libs (ES2023, no DOM) do not declare the WebAssembly JS API.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

let compiled: object | undefined;

/** The compiled kernel module (it can be posted to a worker thread), or undefined without WebAssembly SIMD. */
export function kernelModule(): object | undefined {
  try {
    compiled ??= new WebAssembly.Module(assemble(Math.ceil(MEMORY_BYTES / 65536), { scan: buildScan() }));
    return compiled;
  } catch {
    return undefined;
  }
}

/** A fresh kernel instance (its own memory), or undefined where WebAssembly SIMD is unavailable. */
export function createCsvKernel(): CsvKernel | undefined {
  try {
    const module = kernelModule();
    if (!module) return undefined;
    const instance = new WebAssembly.Instance(module, {});
    const { memory, scan } = instance.exports as unknown as Omit<CsvKernel, 'kind'>;
    return { kind: 'wasm', memory, scan };
  } catch {
    return undefined;
  }
}
