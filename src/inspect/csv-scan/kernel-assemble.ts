/**
 * The CSV counting kernel, in WebAssembly SIMD, written with the small assembler in wasm.ts:
 * a JavaScript byte loop is several times slower (docs/performance.md). scripts/build.ts
 * assembles it once and ships the bytes (csv-kernel.wasm); from the sources (tsx, the tests)
 * assets.ts assembles it in process. The input is processed in stretches of STRETCH bytes, each by a few simple loops, each loop in a function
 * of its own (simple loops keep their loop-carried values in registers, which matters more
 * than instruction counts here, and TurboFan allocates registers per function):
 *
 *  1. classify, per 64-byte block (the simdjson/simdcsv technique): quotes, delimiters and
 *     newlines become 64-bit masks (i8x16.eq + i8x16.bitmask); "inside quotes" is the
 *     prefix-xor of the quote mask (RFC 4180 parity, so "" escapes cancel out); delimiters
 *     and newlines outside quotes are the structure.
 *  2. index, per block: the delimiters before each block, the newline positions listed, and
 *     the ends of empty fields (a delimiter right after a separator, or after `""`).
 *  3. rows, per listed newline: the row's delimiter count, where its last field starts, and
 *     the row committed at once: blank lines, ragged rows, an empty last field, the target
 *     value counted in a capped open-addressing hash table. No branch of the common row
 *     depends on the data.
 *  4. empties: the empty fields (not the last of a row) counted per column.
 *
 * Only complete rows are committed; scan returns how many bytes they took and the caller
 * carries the rest over (scan.ts). What a row begun in an earlier stretch has so far is
 * carried in the kernel's state (K). Phases 1, 2 and 4 are in kernel-rows.ts, 3 in
 * kernel-commit.ts (with kernel-values.ts), the memory layout in kernel-layout.ts.
 */

import { rowsFunc } from './kernel-commit.js';
import { kernelFunc, select8Table, stateAt, valueMasksTable } from './kernel-func.js';
import { EMPTY, K, MEMORY_BYTES, ROW_EMPTY, S, SELECT8, STRETCH, VALUE_MASKS } from './kernel-layout.js';
import { classifyFunc, emptiesByRowFunc, emptiesFunc, indexFunc } from './kernel-rows.js';
import { assemble, type Func, I } from './wasm.js';

const { i32, i64 } = I;
/** The module's functions in order: a call names a function by its number. */
const FUNCS = ['scan', 'classify', 'index', 'rows', 'empties', 'emptiesByRow'] as const;
const call = (name: (typeof FUNCS)[number], ...args: Parameters<typeof I.call>[1][]) => I.call(FUNCS.indexOf(name), ...args);

function buildScan(): Func {
  const { f, get, set, k32, setK32, setK64 } = kernelFunc('start len', true, { i32: 'sub subLim lim nRows nEmpty slot' });
  f.body = [
    I.store32(stateAt(S.firstRagged), i32(-1)),
    setK64(K.carry, i64(0)),
    setK64(K.prevSep, i64(1n << 63n)),
    setK64(K.prevQ, i64(0)),
    ...(['high', 'colCarry', 'tStart', 'tEnd', 'nEmpty', 'lines', 'blanks', 'dense'] as const).map((n) => setK32(K[n], i32(0))),
    setK32(K.rowStart, get('start')),
    setK32(K.lastDelim, I.sub(get('start'), i32(1))),
    set('lim', I.add(get('start'), get('len'))),
    set('sub', get('start')),
    I.block(
      I.loop(
        I.brIf(1, I.geU(get('sub'), get('lim'))),
        set('subLim', I.select(get('lim'), I.add(get('sub'), i32(STRETCH)), I.ltU(get('lim'), I.add(get('sub'), i32(STRETCH))))),
        call('classify', get('sub'), get('subLim')),
        set('nRows', call('index', get('sub'), get('subLim'))),
        call('rows', get('sub'), get('subLim'), get('nRows')),
        I.if(k32(K.dense), [call('emptiesByRow', get('sub'), get('subLim'), get('nRows'))], [call('empties', get('sub'), get('nRows'))]),
        // Row by row in the next stretch if this one had more empty fields than rows.
        setK32(K.dense, I.gtU(k32(K.nE), get('nRows'))),
        set('sub', get('subLim')),
        I.br(0),
      ),
    ),
    // Take back the empty fields of the unfinished row: it is scanned again with the next bytes.
    set('nEmpty', k32(K.nEmpty)),
    I.block(
      I.loop(
        I.brIf(1, I.eqz(get('nEmpty'))),
        set('nEmpty', I.sub(get('nEmpty'), i32(1))),
        set('slot', I.add(i32(EMPTY), I.shl(I.load32(I.add(i32(ROW_EMPTY), I.shl(get('nEmpty'), i32(2)))), i32(2)))),
        I.store32(get('slot'), I.sub(I.load32(get('slot')), i32(1))),
        I.br(0),
      ),
    ),
    I.store32(stateAt(S.high), k32(K.high)),
    I.store32(stateAt(S.rows), I.sub(k32(K.lines), k32(K.blanks))),
    // Everything before the current (unfinished) row was committed.
    I.sub(k32(K.rowStart), get('start')),
  ];
  return f;
}

/** The module's bytes. */
export function assembleKernel(): Uint8Array {
  const funcs: Record<(typeof FUNCS)[number], Func> = {
    scan: buildScan(),
    classify: classifyFunc(),
    index: indexFunc(),
    rows: rowsFunc(),
    empties: emptiesFunc(),
    emptiesByRow: emptiesByRowFunc(),
  };
  return assemble(
    Math.ceil(MEMORY_BYTES / 65536),
    Object.fromEntries(FUNCS.map((n) => [n, funcs[n]])),
    ['scan'],
    [
      [SELECT8, select8Table()],
      [VALUE_MASKS, valueMasksTable()],
    ],
  );
}
