/** Phases 1 and 2 of the CSV kernel: structural masks per 64-byte block, then one record per row. */
import { EMPTY, type KernelContext, MAX_COLS, ROW_EMPTY, ROW_RECORD, ROWS } from './csv-kernel-layout.js';
import { type Code, I } from './wasm.js';

const { i32, i64 } = I;

/** Phase 1, branch-free: the masks of the block at p, stored at k (delimiters, newlines, empty-field ends). */
export function classify(ctx: KernelContext): Code[] {
  const { get, set, shiftIn } = ctx;
  const mask = (v: string) =>
    ['v0', 'v1', 'v2', 'v3']
      .map((vi, k) => {
        const bits = I.extendU(I.bitmask8(I.eq8(get(vi), get(v))));
        return k === 0 ? bits : I.shl64(bits, i64(16 * k));
      })
      .reduce((a, b) => I.or64(a, b));

  return [
    ...[0, 1, 2, 3].map((k) => set(`v${k}`, I.load128(get('p'), 16 * k))),
    set('high', I.or(get('high'), I.bitmask8(I.or128(I.or128(get('v0'), get('v1')), I.or128(get('v2'), get('v3')))))),
    set('q', mask('vq')),
    set('d', mask('vd')),
    set('nl', mask('vn')),
    set('x', get('q')),
    ...[1, 2, 4, 8, 16, 32].map((s) => set('x', I.xor64(get('x'), I.shl64(get('x'), i64(s))))),
    set('x', I.xor64(get('x'), get('carry'))),
    set('carry', I.shrS64(get('x'), i64(63))),
    set('dO', I.and64(get('d'), I.xor64(get('x'), i64(-1)))),
    set('nO', I.and64(get('nl'), I.xor64(get('x'), i64(-1)))),
    set('d', I.or64(get('dO'), get('nO'))), // all separators
    // Empty fields (not the last) end at a delimiter right after a separator, or after `""` right after one.
    set(
      'E',
      I.and64(get('dO'), I.or64(shiftIn('d', 'prevSep', 1), I.and64(I.and64(shiftIn('q', 'prevQ', 1), shiftIn('q', 'prevQ', 2)), shiftIn('d', 'prevSep', 3)))),
    ),
    set('prevSep', get('d')),
    set('prevQ', get('q')),
    I.store64(get('k'), get('dO')),
    I.store64(I.add(get('k'), i32(8)), get('nO')),
    I.store64(I.add(get('k'), i32(16)), get('E')),
  ];
}

/** Phase 2: for each newline in the block at p, a row record; rare things (empty fields, a target that is not last) aside. */
export function rowsOfBlock(ctx: KernelContext): Code[] {
  const { get, set, inc, bitsBelow } = ctx;
  // Address of the n-th (local `sel`) set bit of segD.
  const selectBit = (): Code[] => [
    set('ms', get('segD')),
    I.block(I.loop(I.brIf(1, I.eqz(get('sel'))), set('ms', I.and64(get('ms'), I.sub64(get('ms'), i64(1)))), set('sel', I.sub(get('sel'), i32(1))), I.br(0))),
  ];
  const selected = () => I.add(get('p'), I.wrap(I.ctz64(get('ms'))));
  // The target field (#target of the row) ends at the row's delimiter #target: when that
  // delimiter is in this segment (col <= target < c), select it, and take the start from the
  // delimiter just before it (in this segment, or the row's last one before it, `lastDelim`).
  // A target that is the row's last field ends at the newline instead: the commit takes it
  // from the last-field start, so the common case (target = last column) does no select at
  // all. Before, every row searched its target start bit by bit (a loop of varying length,
  // badly predicted): the kernel went from 0.71 s to 0.62 s per GB on the benchmark file.
  const locateTarget: Code[] = [
    set('sel', I.sub(get('target'), get('col'))),
    ...selectBit(),
    set('tEnd', selected()),
    set('ms', I.xor64(get('segD'), get('ms'))), // the delimiters of the segment before #target
    set('tStart', I.add(I.select(I.sub(I.add(get('p'), i32(63)), I.wrap(I.clz64(get('ms')))), get('lastDelim'), I.i64ne(get('ms'), i64(0))), i32(1))),
  ];
  // Empty fields are counted at once, per column, and their columns listed for the row; the
  // list is only used to take them back when the scan ends inside a row (csv-kernel.ts). This
  // saves the per-row branch that committed the list at each row end (~0.015 s per GB on the
  // benchmark file). Counting the first one without a branch (adding 0 when there is none)
  // was 0.04 s per GB slower there than this branch.
  const countEmpty: Code[] = [
    set('i', I.add(get('col'), I.wrap(I.popcnt64(I.and64(get('segD'), bitsBelow(I.ctz64(get('segE')))))))),
    I.if(I.ltU(get('i'), i32(MAX_COLS)), [
      set('slot', I.add(i32(EMPTY), I.shl(get('i'), i32(2)))),
      I.store32(get('slot'), I.add(I.load32(get('slot')), i32(1))),
      I.store32(I.add(i32(ROW_EMPTY), I.shl(get('nEmpty'), i32(2))), get('i')),
      inc('nEmpty'),
    ]),
    set('segE', I.and64(get('segE'), I.sub64(get('segE'), i64(1)))),
  ];
  const countEmpties = I.if(I.i64ne(get('segE'), i64(0)), [I.loop(...countEmpty, I.brIf(0, I.i64ne(get('segE'), i64(0))))]);
  // The part of the current row inside this block, limited to the bits of `part`.
  const segment = (part: Code): Code[] => [
    set('segD', I.and64(get('dO'), part)),
    set('c', I.add(get('col'), I.wrap(I.popcnt64(get('segD'))))),
    I.if(I.and(I.geS(get('target'), get('col')), I.ltS(get('target'), get('c'))), locateTarget),
    set('lastDelim', I.select(I.sub(I.add(get('p'), i32(63)), I.wrap(I.clz64(get('segD')))), get('lastDelim'), I.ne(get('c'), get('col')))),
    set('segE', I.and64(get('E'), part)),
    countEmpties,
    set('col', get('c')),
  ];
  // A row ends at the newline p + t: record [end, delimiters, last field start, target start, target end].
  const rowEnd: Code[] = [
    set('i', I.add(i32(ROWS), I.mul(get('nRows'), i32(ROW_RECORD)))),
    I.store32(get('i'), I.add(get('p'), get('t'))),
    I.store32(I.add(get('i'), i32(4)), get('col')),
    I.store32(I.add(get('i'), i32(8)), I.add(get('lastDelim'), i32(1))),
    I.store32(I.add(get('i'), i32(12)), get('tStart')),
    I.store32(I.add(get('i'), i32(16)), get('tEnd')),
    inc('nRows'),
    set('nEmpty', i32(0)),
    set('lastDelim', I.add(get('p'), get('t'))),
    set('col', i32(0)),
  ];
  return [
    set('dO', I.load64(get('k'))),
    set('nO', I.load64(I.add(get('k'), i32(8)))),
    set('E', I.load64(I.add(get('k'), i32(16)))),
    set('rem', i64(-1)),
    I.block(
      I.loop(
        I.brIf(1, I.i64eqz(I.and64(get('nO'), get('rem')))),
        set('t', I.wrap(I.ctz64(I.and64(get('nO'), get('rem'))))),
        ...segment(I.and64(get('rem'), bitsBelow(I.extendU(get('t'))))),
        ...rowEnd,
        set('rem', I.and64(get('rem'), I.shl64(i64(-2), I.extendU(get('t'))))),
        I.br(0),
      ),
    ),
    ...segment(get('rem')),
  ];
}
