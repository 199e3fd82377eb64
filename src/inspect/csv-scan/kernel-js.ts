/**
 * The same kernel as kernel-assemble.ts as a plain JavaScript byte loop, over the same memory
 * layout. It runs where WebAssembly is unavailable (node --jitless) and is the reference the
 * tests compare the WebAssembly kernel against.
 */
import type { CsvKernel } from './kernel.js';
import { DISTINCT_CAP, EMPTY, MAX_COLS, MEMORY_BYTES, NEW_LIST, S, SLOTS, TABLE } from './kernel-layout.js';

/** Views of the kernel's memory, and the columns of the current row's empty fields. */
interface Views {
  mem: Uint8Array;
  i32: Int32Array;
  keys: BigUint64Array;
  rowEmpty: number[];
}

export function createJsKernel(): CsvKernel {
  const memory = { buffer: new ArrayBuffer(MEMORY_BYTES) };
  const views: Views = { mem: new Uint8Array(memory.buffer), i32: new Int32Array(memory.buffer), keys: new BigUint64Array(memory.buffer), rowEmpty: [] };
  return { kind: 'js', memory, scan: (start, len) => scan(views, start, len) };
}

/** Counts the target value [start, end) in the capped hash table (its own hash; first slot: jsSlot in slots.ts). */
function insert({ mem, i32, keys }: Views, start: number, end: number): void {
  let h = 0xcbf29ce484222325n;
  const hashEnd = Math.min(end, start + 256);
  for (let i = start; i < hashEnd; i++) h = BigInt.asUintN(64, (h ^ BigInt(mem[i] ?? 0)) * 0x100000001b3n);
  // The length is mixed in before the low bit is set (xor-ing it in after lost its lowest bit:
  // values alike in their first 256 bytes with lengths 2k and 2k + 1 collided).
  h = BigInt.asUintN(64, (h ^ BigInt(end - start)) * 0x100000001b3n) | 1n;
  let slot = Number(BigInt.asUintN(32, h ^ (h >> 29n))) & (SLOTS - 1);
  for (;;) {
    const base = TABLE + slot * 16;
    const key = keys[base / 8];
    if (key === h) {
      i32[base / 4 + 2] = (i32[base / 4 + 2] ?? 0) + 1;
      return;
    }
    if (key === 0n) {
      if ((i32[S.distinct] ?? 0) >= DISTINCT_CAP) {
        i32[S.overflow] = (i32[S.overflow] ?? 0) + 1;
        return;
      }
      keys[base / 8] = h;
      i32[base / 4 + 2] = 1;
      i32[S.distinct] = (i32[S.distinct] ?? 0) + 1;
      const n = i32[S.newCount] ?? 0;
      i32.set([slot, start, end], NEW_LIST / 4 + n * 3);
      i32[S.newCount] = n + 1;
      return;
    }
    slot = (slot + 1) & (SLOTS - 1);
  }
}

/** The kernel's scan (CsvKernel.scan), a byte at a time. */
function scan(views: Views, start: number, len: number): number {
  const { mem, i32, rowEmpty } = views;
  const delim = i32[S.delim] ?? 44;
  const expected = i32[S.expected] ?? 0;
  const target = i32[S.target] ?? -1;
  let rows = 0;
  let blank = 0;
  let ragged = 0;
  let firstRagged = -1;
  let unlabeled = 0;
  let inQuotes = false;
  let col = 0;
  let fieldStart = start;
  let rowStart = start;
  let lastEnd = start;
  let tStart = -1;
  let tEnd = -1;
  rowEmpty.length = 0;
  const lim = start + len;
  let high = 0;
  for (let pos = start; pos < lim; pos++) {
    const c = mem[pos] ?? 0;
    high |= c & 0x80;
    if (c === 34) inQuotes = !inQuotes;
    if (inQuotes || (c !== delim && c !== 10)) continue;
    let fe = pos;
    if (c === 10 && fe > fieldStart && mem[fe - 1] === 13) fe--;
    const empty = fe === fieldStart || (fe - fieldStart === 2 && mem[fieldStart] === 34 && mem[fieldStart + 1] === 34);
    if (empty && col < MAX_COLS) rowEmpty.push(col);
    if (col === target) [tStart, tEnd] = [fieldStart, fe];
    fieldStart = pos + 1;
    if (c !== 10) {
      col++;
      continue;
    }
    if (col === 0 && fe === rowStart) blank++;
    else {
      rows++;
      if (col + 1 !== expected) {
        ragged++;
        if (firstRagged < 0) firstRagged = rows - 1;
      }
      for (const e of rowEmpty) i32[EMPTY / 4 + e] = (i32[EMPTY / 4 + e] ?? 0) + 1;
      if (target >= 0) {
        if (tStart >= 0 && tEnd - tStart >= 2 && mem[tStart] === 34 && mem[tEnd - 1] === 34) [tStart, tEnd] = [tStart + 1, tEnd - 1];
        if (tStart < 0 || tEnd === tStart) unlabeled++;
        else insert(views, tStart, tEnd);
      }
    }
    col = 0;
    rowStart = lastEnd = fieldStart;
    rowEmpty.length = 0;
    tStart = -1;
  }
  i32.set([rows, blank, ragged, firstRagged, unlabeled], S.rows);
  i32[S.high] = high;
  return lastEnd - start;
}
