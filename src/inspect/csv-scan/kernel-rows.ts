/**
 * Phases 1, 2 and 4 of the CSV kernel, per stretch: the structural masks of each 64-byte block
 * (classify), an index of them (index: the newline positions, the ends of empty fields,
 * delimiter and newline counts per block) and, after the rows, the empty fields counted per
 * column (empties, or emptiesByRow where they are dense).
 */
import { type KernelFunc, kernelFunc } from './kernel-func.js';
import { BLOCK, DS, EL, EMPTY, K, MASKS, MAX_COLS, NL, ROW_EMPTY, S } from './kernel-layout.js';
import { type Code, type Func, I } from './wasm.js';

const { i32, i64 } = I;

/** The blocks [sub, subLim) of a stretch, 64 bytes at p, their records at k. */
const overBlocks = (ctx: KernelFunc, body: Code[]): Code => {
  const { get, set } = ctx;
  return I.block(
    set('p', get('sub')),
    set('k', i32(MASKS)),
    I.loop(I.brIf(1, I.geU(get('p'), get('subLim'))), ...body, set('p', I.add(get('p'), i32(64))), set('k', I.add(get('k'), i32(BLOCK))), I.br(0)),
  );
};

/** classify(sub, subLim), branch-free: the masks of each block (delimiters and newlines outside quotes, quotes). */
export function classifyFunc(): Func {
  const ctx = kernelFunc('sub subLim', false, { i32: 'p k high', i64: 'q d nl x carry dO nO', v128: 'vq vd vn v0 v1 v2 v3' });
  const { f, get, set, st, k32, k64, setK32, setK64 } = ctx;
  const mask = (v: string) =>
    ['v0', 'v1', 'v2', 'v3']
      .map((vi, k) => {
        const bits = I.extendU(I.bitmask8(I.eq8(get(vi), get(v))));
        return k === 0 ? bits : I.shl64(bits, i64(16 * k));
      })
      .reduce((a, b) => I.or64(a, b));
  const block = [
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
    I.store64(get('k'), get('dO')),
    I.store64(get('k'), get('nO'), 8),
    I.store64(get('k'), get('q'), 16),
  ];
  f.body = [
    set('vq', I.splat8(i32(34))),
    set('vd', I.splat8(st(S.delim))),
    set('vn', I.splat8(i32(10))),
    set('carry', k64(K.carry)),
    set('high', k32(K.high)),
    overBlocks(ctx, block),
    setK64(K.carry, get('carry')),
    setK32(K.high, get('high')),
  ];
  return f;
}

/**
 * index(sub, subLim) -> the stretch's newlines: lists their positions (NL), counts per block
 * the delimiters and newlines before it, finds the ends of empty fields (E: a delimiter right
 * after a separator, or after `""` right after one) and lists them (EL, their number in
 * K.nE). The first two newlines and the first empty-field end of a block are written without
 * a branch, the list advanced by how many there are: a loop over the bits instead runs 0, 1 or
 * 2 times, which the CPU mispredicts.
 */
export function indexFunc(): Func {
  const ctx = kernelFunc('sub subLim', true, { i32: 'p k cum nNl nE w dense', i64: 'dO nO q sep E m prevSep prevQ' });
  const { f, get, set, k32, k64, setK32, setK64, shiftIn } = ctx;
  // Writes the positions of the set bits of m from address w on.
  const listRest = (): Code =>
    I.loop(
      I.store32(get('w'), I.add(get('p'), I.wrap(I.ctz64(get('m'))))),
      set('w', I.add(get('w'), i32(4))),
      set('m', I.and64(get('m'), I.sub64(get('m'), i64(1)))),
      I.brIf(0, I.i64ne(get('m'), i64(0))),
    );
  const block = [
    set('dO', I.load64(get('k'))),
    set('nO', I.load64(get('k'), 8)),
    set('q', I.load64(get('k'), 16)),
    set('sep', I.or64(get('dO'), get('nO'))),
    set(
      'E',
      I.and64(
        get('dO'),
        I.or64(shiftIn('sep', 'prevSep', 1), I.and64(I.and64(shiftIn('q', 'prevQ', 1), shiftIn('q', 'prevQ', 2)), shiftIn('sep', 'prevSep', 3))),
      ),
    ),
    set('prevSep', get('sep')),
    set('prevQ', get('q')),
    I.store32(get('k'), get('cum'), 24),
    I.store32(get('k'), get('nNl'), 28),
    set('cum', I.add(get('cum'), I.wrap(I.popcnt64(get('dO'))))),
    set('w', I.add(i32(NL), I.shl(get('nNl'), i32(2)))),
    I.store32(get('w'), I.add(get('p'), I.wrap(I.ctz64(get('nO'))))),
    set('m', I.and64(get('nO'), I.sub64(get('nO'), i64(1)))),
    I.store32(get('w'), I.add(get('p'), I.wrap(I.ctz64(get('m')))), 4),
    set('nNl', I.add(get('nNl'), I.wrap(I.popcnt64(get('nO'))))),
    set('m', I.and64(get('m'), I.sub64(get('m'), i64(1)))),
    I.if(I.i64ne(get('m'), i64(0)), [set('w', I.add(get('w'), i32(8))), listRest()]),
    // Listed, or kept in the record (for emptiesByRow) where they are dense.
    I.if(
      get('dense'),
      [I.store64(get('k'), get('E'), 16)],
      [
        set('w', I.add(i32(EL), I.shl(get('nE'), i32(2)))),
        I.store32(get('w'), I.add(get('p'), I.wrap(I.ctz64(get('E'))))),
        set('m', I.and64(get('E'), I.sub64(get('E'), i64(1)))),
        I.if(I.i64ne(get('m'), i64(0)), [set('w', I.add(get('w'), i32(4))), listRest()]),
      ],
    ),
    set('nE', I.add(get('nE'), I.wrap(I.popcnt64(get('E'))))),
  ];
  f.body = [
    set('dense', k32(K.dense)),
    set('prevSep', k64(K.prevSep)),
    set('prevQ', k64(K.prevQ)),
    overBlocks(ctx, block),
    setK64(K.prevSep, get('prevSep')),
    setK64(K.prevQ, get('prevQ')),
    // The record after the last block: no masks, the totals.
    I.store64(get('k'), i64(0)),
    I.store64(get('k'), i64(0), 8),
    I.store64(get('k'), i64(0), 16),
    I.store32(get('k'), get('cum'), 24),
    I.store32(get('k'), get('nNl'), 28),
    setK32(K.nE, get('nE')),
    get('nNl'),
  ];
  return f;
}

/**
 * empties(sub, nRows): counts the stretch's empty fields (not the last of a row) per column,
 * after the rows (which leave DS), from the list: the column of the field ending at x is the
 * delimiters before x less those before its row (DS), its row the newlines before x. No
 * branch depends on the data. The columns of the unfinished row's ones are listed, to take
 * them back if the scan ends there.
 */
export function emptiesFunc(): Func {
  const ctx = kernelFunc('sub nRows', false, { i32: 'j jEnd x blk col r nEmpty', i64: 'below' });
  const { f, get, set, k32, setK32, blockOf } = ctx;
  f.body = [
    // A newline in the stretch ended the row the listed ones were in.
    set('nEmpty', I.select(i32(0), k32(K.nEmpty), get('nRows'))),
    set('j', i32(EL)),
    set('jEnd', I.add(i32(EL), I.shl(k32(K.nE), i32(2)))),
    I.block(
      I.loop(
        I.brIf(1, I.geU(get('j'), get('jEnd'))),
        set('x', I.load32(get('j'))),
        set('blk', blockOf(get('x'))),
        set('below', ctx.bitsBelow(I.extendU(I.and(I.sub(get('x'), get('sub')), i32(63))))),
        set('r', I.add(I.load32(get('blk'), 28), I.wrap(I.popcnt64(I.and64(I.load64(get('blk'), 8), get('below')))))),
        set(
          'col',
          I.sub(
            I.add(I.load32(get('blk'), 24), I.wrap(I.popcnt64(I.and64(I.load64(get('blk')), get('below'))))),
            I.load32(I.add(i32(DS), I.shl(get('r'), i32(2)))),
          ),
        ),
        I.if(I.ltU(get('col'), i32(MAX_COLS)), [
          set('blk', I.add(i32(EMPTY), I.shl(get('col'), i32(2)))),
          I.store32(get('blk'), I.add(I.load32(get('blk')), i32(1))),
          I.store32(I.add(i32(ROW_EMPTY), I.shl(get('nEmpty'), i32(2))), get('col')),
          set('nEmpty', I.add(get('nEmpty'), I.eq(get('r'), get('nRows')))),
        ]),
        set('j', I.add(get('j'), i32(4))),
        I.br(0),
      ),
    ),
    setK32(K.nEmpty, get('nEmpty')),
  ];
  return f;
}

/**
 * emptiesByRow(sub, subLim, nRows): the same count where empty fields are dense (K.dense: the
 * last stretch had more of them than rows), row by row from the E masks: the column of the
 * field ending at x is the delimiters before x less those before the row (DS). The loops run
 * a varying number of times per row (mispredicted), but where empty fields are dense a field
 * costs much less than from the list; where they are sparse (the benchmark file: one row in
 * five has one) the list is cheaper. Figures: docs/performance.md.
 */
export function emptiesByRowFunc(): Func {
  const ctx = kernelFunc('sub subLim nRows', false, { i32: 'r e pos lb eb col Dprev nEmpty i', i64: 'm' });
  const { f, get, set, k32, setK32, blockOf, bitsBelow } = ctx;
  // The fields ending in [pos, e) of the row whose delimiters before it are Dprev.
  const rowFields = (tail: boolean): Code[] => [
    set('lb', blockOf(get('pos'))),
    set('eb', blockOf(get('e'))),
    set('m', I.and64(I.load64(get('lb'), 16), I.shl64(i64(-1), I.extendU(I.and(I.sub(get('pos'), get('sub')), i32(63)))))),
    I.block(
      I.loop(
        I.if(I.eq(get('lb'), get('eb')), [set('m', I.and64(get('m'), bitsBelow(I.extendU(I.and(I.sub(get('e'), get('sub')), i32(63))))))]),
        I.block(
          I.loop(
            I.brIf(1, I.i64eqz(get('m'))),
            set(
              'col',
              I.sub(
                I.add(I.load32(get('lb'), 24), I.wrap(I.popcnt64(I.and64(I.load64(get('lb')), I.sub64(I.and64(get('m'), I.sub64(i64(0), get('m'))), i64(1)))))),
                get('Dprev'),
              ),
            ),
            I.if(I.ltU(get('col'), i32(MAX_COLS)), [
              set('i', I.add(i32(EMPTY), I.shl(get('col'), i32(2)))),
              I.store32(get('i'), I.add(I.load32(get('i')), i32(1))),
              ...(tail ? [I.store32(I.add(i32(ROW_EMPTY), I.shl(get('nEmpty'), i32(2))), get('col')), set('nEmpty', I.add(get('nEmpty'), i32(1)))] : []),
            ]),
            set('m', I.and64(get('m'), I.sub64(get('m'), i64(1)))),
            I.br(0),
          ),
        ),
        I.brIf(1, I.eq(get('lb'), get('eb'))),
        set('lb', I.add(get('lb'), i32(BLOCK))),
        set('m', I.load64(get('lb'), 16)),
        I.br(0),
      ),
    ),
  ];
  f.body = [
    set('pos', get('sub')), // row 0 began at or before the stretch
    set('r', i32(0)),
    I.block(
      I.loop(
        I.brIf(1, I.geU(get('r'), get('nRows'))),
        set('Dprev', I.load32(I.add(i32(DS), I.shl(get('r'), i32(2))))),
        set('e', I.load32(I.add(i32(NL), I.shl(get('r'), i32(2))))),
        ...rowFields(false),
        set('pos', I.add(get('e'), i32(1))),
        set('r', I.add(get('r'), i32(1))),
        I.br(0),
      ),
    ),
    // The unfinished row, up to the stretch's end: its fields are listed, to take them back if
    // the scan ends there (a newline in the stretch ended the row the listed ones were in).
    set('nEmpty', I.select(i32(0), k32(K.nEmpty), get('nRows'))),
    set('Dprev', I.load32(I.add(i32(DS), I.shl(get('nRows'), i32(2))))),
    set('e', get('subLim')),
    ...rowFields(true),
    setK32(K.nEmpty, get('nEmpty')),
  ];
  return f;
}
