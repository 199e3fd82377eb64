/**
 * Memory layout and shared helpers of the CSV kernel (csv-kernel.ts). The state block at
 * address 0 is how JavaScript and the kernel talk: settings in, counters out.
 */
import { type Code, Func, I, T } from './wasm.js';

export const MAX_COLS = 1024;
export const DISTINCT_CAP = 4096;
export const SLOT_BITS = 13;
export const SLOTS = 1 << SLOT_BITS;
export const STRETCH = 16 << 10;
export const ROW_RECORD = 20;
/** Empty fields per column. */
export const EMPTY = 256;
/** The columns of the current row's empty fields (counted already, taken back if the row is not finished). */
export const ROW_EMPTY = EMPTY + MAX_COLS * 4;
export const NEW_LIST = ROW_EMPTY + MAX_COLS * 4;
export const TABLE = 65536;
export const MASKS = TABLE + SLOTS * 16;
export const ROWS = MASKS + (STRETCH / 64) * 24;
/** Data area: two windows, each a CHUNK of fresh bytes preceded by room for a carried partial row. */
export const DATA = Math.ceil((ROWS + STRETCH * ROW_RECORD) / 65536) * 65536;
export const CHUNK = 2 << 20;
export const half = (i: 0 | 1): number => DATA + CHUNK + i * 2 * CHUNK;
export const MEMORY_BYTES = DATA + 4 * CHUNK + 128;

/** Int32 slots of the state block (at address 0) shared with JavaScript. */
export const S = {
  delim: 0,
  expected: 1,
  target: 2,
  rows: 3,
  blank: 4,
  ragged: 5,
  firstRagged: 6,
  unlabeled: 7,
  overflow: 8,
  newCount: 9,
  distinct: 10,
  /** Non-zero when a byte >= 0x80 was seen (the text is not plain ASCII). */
  high: 11,
} as const;

const { i32, i64 } = I;
export const stateAt = (slot: number) => i32(slot * 4);
const LOCALS_I32 = 'p lim sub subLim k r rEnd nRows t c col rowStart lastDelim tStart tEnd vStart vEnd nEmpty target lastCol rows high i slot fe lfs sel hEnd';
const LOCALS_I64 = 'q d nl x carry dO nO E prevSep prevQ rem below segD segE ms h key';

/** The scan function (start, len) -> bytes committed, with its named locals and small helpers. */
export function kernelContext() {
  const f = new Func(
    [
      ['start', T.i32],
      ['len', T.i32],
    ],
    T.i32,
    [
      ...LOCALS_I32.split(' ').map((n): [string, typeof T.i32] => [n, T.i32]),
      ...LOCALS_I64.split(' ').map((n): [string, typeof T.i64] => [n, T.i64]),
      ...'vq vd vn v0 v1 v2 v3'.split(' ').map((n): [string, typeof T.v128] => [n, T.v128]),
    ],
  );
  const { get } = f;
  const st = (slot: number): Code => I.load32(stateAt(slot));
  return {
    f,
    get,
    set: f.set,
    inc: f.inc,
    st,
    incState: (slot: number): Code => I.store32(stateAt(slot), I.add(st(slot), i32(1))),
    /** m shifted left by k, with the top k bits of the previous block's mask shifted in. */
    shiftIn: (m: string, prev: string, k: number) => I.or64(I.shl64(get(m), i64(k)), I.shrU64(get(prev), i64(64 - k))),
    bitsBelow: (bit: Code) => I.sub64(I.shl64(i64(1), bit), i64(1)),
    ifNot: (cond: Code, then: Code[]) => I.if(I.eqz(cond), then),
  };
}
export type KernelContext = ReturnType<typeof kernelContext>;
