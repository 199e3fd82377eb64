/**
 * The memory layout of the CSV kernels (the WebAssembly one, kernel-assemble.ts, and the
 * JavaScript one, kernel-js.ts). The state block at address 0 is how JavaScript and a kernel
 * talk: settings in, counters out. Plain numbers only: the worker thread (pieces.ts) and the
 * main thread read them without loading the assembler.
 */

export const MAX_COLS = 1024;
export const DISTINCT_CAP = 4096;
export const SLOT_BITS = 13;
export const SLOTS = 1 << SLOT_BITS;
export const STRETCH = 16 << 10;
/** Empty fields per column. */
export const EMPTY = 256;
/** The columns of the current row's empty fields (counted already, taken back if the row is not finished). */
export const ROW_EMPTY = EMPTY + MAX_COLS * 4;
export const NEW_LIST = ROW_EMPTY + MAX_COLS * 4;
export const TABLE = 65536;
/** The kernel's own state, carried from one stretch (and phase function) to the next: offsets K. */
export const KSTATE = TABLE + SLOTS * 16;
/** SELECT8[byte * 8 + k]: the position of the byte's k-th set bit (a data segment of the module). */
export const SELECT8 = KSTATE + 256;
/** VALUE_MASKS[n]: two i64 that keep the first n (0 to 16) bytes of two words (a data segment). */
export const VALUE_MASKS = SELECT8 + 2048;
/**
 * A record per 64-byte block of the stretch: masks (i64) of its delimiters and newlines outside
 * quotes and of its quotes (replaced by its empty-field ends where those are counted row by
 * row), then how many delimiters and newlines the stretch has before the block (i32). Record
 * -1 stays zero; the one after the last block holds no bits and the totals.
 */
export const BLOCK = 32;
export const MASKS = VALUE_MASKS + 17 * 16 + BLOCK;
/** The newline positions of the stretch (one per row end; room for two written past the last). */
export const NL = MASKS + (STRETCH / 64 + 1) * BLOCK;
/** DS[r]: the delimiters of the stretch before row r's start (negative for a row begun in an earlier stretch). */
export const DS = NL + (STRETCH + 4) * 4;
/** The positions of the stretch's empty-field ends. */
export const EL = DS + (STRETCH + 4) * 4;
/**
 * Data area: two windows, each a CHUNK of fresh bytes preceded by room for a carried partial
 * row. The kernel's own areas end below it (checked here).
 */
export const DATA = 9 << 16;
export const CHUNK = 2 << 20;
export const half = (i: 0 | 1): number => DATA + CHUNK + i * 2 * CHUNK;
export const MEMORY_BYTES = DATA + 4 * CHUNK + 128;
if (EL + (STRETCH + 4) * 4 > DATA) throw new Error('csv kernel: layout overlaps the data area');

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

/**
 * Byte offsets in KSTATE: the quote carry and the previous block's separators and quotes (i64),
 * then i32: the unfinished row's start, its delimiters so far, the last delimiter before the
 * stretch, the target field when it ended in an earlier stretch, the pending empty fields, the
 * lines and blank lines of the scan so far, the stretch's empty-field ends, and whether the
 * next stretch counts empty fields row by row (emptiesByRow: the last one had more than rows).
 */
export const K = {
  carry: 0,
  prevSep: 8,
  prevQ: 16,
  high: 24,
  rowStart: 28,
  colCarry: 32,
  lastDelim: 36,
  tStart: 40,
  tEnd: 44,
  nEmpty: 48,
  lines: 52,
  blanks: 56,
  nE: 60,
  dense: 64,
} as const;
