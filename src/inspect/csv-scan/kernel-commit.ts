/**
 * Phase 3 of the CSV kernel: each row of the stretch, from its newline, committed at once
 * (blank, ragged, empty last field, the target value counted in a capped hash table).
 */
import { kernelFunc, stateAt } from './kernel-func.js';
import { BLOCK, DS, EMPTY, K, MASKS, MAX_COLS, NL, S } from './kernel-layout.js';
import { insertValue, select64 } from './kernel-values.js';
import { type Code, type Func, I } from './wasm.js';

const { i32, i64 } = I;

/**
 * rows(sub, subLim, nRows): commits the stretch's rows, then carries its unfinished row over.
 * A row ends at a listed newline e; its delimiters are those of the stretch before e's block
 * plus a popcount (De), less those before the row (Dprev); its last field starts after the
 * highest delimiter bit below e. Rows are found from the list of newlines rather than by a
 * loop over each block's newlines writing a record per row for a loop of its own, which was
 * slower (docs/performance.md).
 */
export function rowsFunc(): Func {
  const ctx = kernelFunc('sub subLim nRows', false, {
    i32: 'n nEnd e blk col De Dprev s fe lfs vStart vEnd target lastCol o lb pos sk sr i sel slot hEnd total',
    i64: 'dm dmp pw pp sw sy h key',
  });
  const { f, get, set, inc, st, incState, k32, setK32, bitsBelow, blockOf } = ctx;
  const posOf = (record: Code, bit: Code): Code => I.add(I.add(get('sub'), I.shl(I.sub(record, i32(MASKS)), i32(1))), bit);

  // pos = the position of the stretch's delimiter number o (it exists), searched from the row's first block.
  const locate = (o: Code): Code[] => [
    set('o', o),
    set('lb', blockOf(I.select(get('s'), get('sub'), I.geU(get('s'), get('sub'))))),
    // One block further without a branch (rows over two blocks), then a loop (longer ones).
    set('lb', I.add(get('lb'), I.shl(I.leS(I.load32(get('lb'), BLOCK + 24), get('o')), i32(5)))),
    I.block(I.loop(I.brIf(1, I.gtS(I.load32(get('lb'), BLOCK + 24), get('o'))), set('lb', I.add(get('lb'), i32(BLOCK))), I.br(0))),
    set('sw', I.load64(get('lb'))),
    ...select64(ctx, I.sub(get('o'), I.load32(get('lb'), 24))),
    set('pos', posOf(get('lb'), get('sk'))),
  ];
  // The target field (number `target`, before the row's last one) ends at the row's delimiter
  // number `target`: the stretch's delimiter number o = Dprev + target. It starts after the
  // delimiter before (in the same block or the one before, else looked for). A negative o is
  // before the stretch: the row began in an earlier one, which kept the field in K.
  const locateField = (): Code[] => [
    set('o', I.add(get('Dprev'), get('target'))),
    I.if(
      I.geS(get('o'), i32(0)),
      [
        ...locate(get('o')),
        set('vEnd', get('pos')),
        I.if(
          I.eqz(get('target')),
          [set('vStart', get('s'))],
          [
            set('pw', I.and64(I.load64(get('lb')), bitsBelow(I.extendU(get('sk'))))),
            set('pp', I.load64(I.sub(get('lb'), i32(BLOCK)))),
            I.if(
              I.i64ne(I.or64(get('pw'), get('pp')), i64(0)),
              [
                set(
                  'vStart',
                  I.sub(
                    posOf(get('lb'), I.sub(i32(64), I.wrap(I.clz64(get('pw'))))),
                    I.wrap(I.clz64(I.or64(get('pp'), I.shl64(I.extendU(I.i64ne(get('pw'), i64(0))), i64(63))))),
                  ),
                ),
              ],
              [
                I.if(
                  I.geS(get('o'), i32(1)),
                  [...locate(I.sub(get('o'), i32(1))), set('vStart', I.add(get('pos'), i32(1)))],
                  [set('vStart', I.add(k32(K.lastDelim), i32(1)))],
                ),
              ],
            ),
          ],
        ),
      ],
      [set('vEnd', k32(K.tEnd)), set('vStart', I.select(get('s'), k32(K.tStart), I.eqz(get('target'))))],
    ),
  ];

  // The lowest set bit of the two words pw, pp (pp the next block's) as a position.
  const lowest = (): Code => posOf(get('lb'), I.add(I.wrap(I.ctz64(get('pw'))), I.select(I.wrap(I.ctz64(get('pp'))), i32(0), I.i64eqz(get('pw')))));
  const clearLowest = (): Code[] => [
    set('pp', I.select(I.and64(get('pp'), I.sub64(get('pp'), i64(1))), get('pp'), I.i64eqz(get('pw')))),
    set('pw', I.and64(get('pw'), I.sub64(get('pw'), i64(1)))),
  ];
  // A target among the row's first fields (number 8 or less) and in the row's first two
  // blocks is found by clearing the lowest delimiter bits from the row's start, `target`
  // times (a loop of a fixed count, well predicted), with less work than the select.
  // Otherwise, locateField.
  const NEAR = 8;
  const targetField: Code[] = [
    I.block(
      I.if(I.and(I.leU(get('target'), i32(NEAR)), I.geS(get('Dprev'), i32(0))), [
        set('pos', I.select(get('s'), get('sub'), I.geU(get('s'), get('sub')))),
        set('lb', blockOf(get('pos'))),
        set('pw', I.and64(I.load64(get('lb')), I.shl64(i64(-1), I.extendU(I.and(I.sub(get('pos'), get('sub')), i32(63)))))),
        set('pp', I.load64(get('lb'), BLOCK)),
        set('vStart', get('s')),
        I.if(get('target'), [
          set('sk', I.sub(get('target'), i32(1))),
          I.block(I.loop(I.brIf(1, I.eqz(get('sk'))), ...clearLowest(), set('sk', I.sub(get('sk'), i32(1))), I.br(0))),
          set('vStart', I.add(lowest(), i32(1))),
          ...clearLowest(),
        ]),
        I.if(I.i64ne(I.or64(get('pw'), get('pp')), i64(0)), [set('vEnd', lowest()), I.br(2)]),
      ]),
      ...locateField(),
    ),
  ];

  // The target value: the last field [lfs, fe), a field before it, or missing; unquoted.
  const commitTarget: Code[] = [
    set('vStart', get('lfs')),
    set('vEnd', get('fe')),
    I.if(I.ne(get('target'), get('col')), [I.if(I.ltS(get('target'), get('col')), targetField, [set('vEnd', get('vStart'))])]),
    I.if(I.eq(I.load8(get('vStart')), i32(34)), [
      I.if(I.and(I.geU(I.sub(get('vEnd'), get('vStart')), i32(2)), I.eq(I.load8(I.sub(get('vEnd'), i32(1))), i32(34))), [
        inc('vStart'),
        set('vEnd', I.sub(get('vEnd'), i32(1))),
      ]),
    ]),
    I.if(I.eq(get('vEnd'), get('vStart')), [incState(S.unlabeled)], insertValue(ctx)),
  ];
  const emptyLast = I.or(I.eq(get('fe'), get('lfs')), I.and(I.eq(I.sub(get('fe'), get('lfs')), i32(2)), I.eq(I.load16(get('lfs')), i32(0x2222))));
  // The general row: the last field's start looked for further back if needed, the CR test
  // again with the blank line's guard, blank lines, ragged rows, an empty last field.
  const generalRow: Code[] = [
    set('lfs', I.select(get('lfs'), get('s'), get('col'))),
    I.if(I.and(I.ne(get('col'), i32(0)), I.i64eqz(I.or64(get('dm'), get('dmp')))), [
      // The row's last delimiter: the last one in the blocks before, or before the stretch.
      set('lfs', I.add(k32(K.lastDelim), i32(1))),
      set('lb', I.sub(get('blk'), i32(2 * BLOCK))),
      I.block(
        I.loop(
          I.brIf(1, I.ltS(get('lb'), i32(MASKS))),
          set('sw', I.load64(get('lb'))),
          I.if(I.i64ne(get('sw'), i64(0)), [set('lfs', posOf(get('lb'), I.sub(i32(64), I.wrap(I.clz64(get('sw')))))), I.br(2)]),
          set('lb', I.sub(get('lb'), i32(BLOCK))),
          I.br(0),
        ),
      ),
    ]),
    set('fe', I.sub(get('e'), I.and(I.gtU(get('e'), get('s')), I.eq(I.load8(I.sub(get('e'), i32(1))), i32(13))))),
    I.if(I.and(I.eqz(get('col')), I.eq(get('fe'), get('s'))), [incState(S.blank), setK32(K.blanks, I.add(k32(K.blanks), i32(1))), I.br(2)]),
    I.if(I.ne(get('col'), get('lastCol')), [
      incState(S.ragged),
      // The row's number in the scan: the lines before it (K.lines counts those of earlier stretches), less the blank ones.
      I.if(I.ltS(st(S.firstRagged), i32(0)), [
        I.store32(stateAt(S.firstRagged), I.sub(I.add(k32(K.lines), I.shrU(I.sub(get('n'), i32(NL)), i32(2))), k32(K.blanks))),
      ]),
    ]),
    I.if(I.and(emptyLast, I.ltU(get('col'), i32(MAX_COLS))), [
      set('i', I.add(i32(EMPTY), I.shl(get('col'), i32(2)))),
      I.store32(get('i'), I.add(I.load32(get('i')), i32(1))),
    ]),
  ];
  // Rows that take the general path: a ragged row, a last field that began more than a block
  // before its block (or no delimiter: one column), a blank line, an empty last field (also
  // `""`). Each is a branch of its own, not taken on the common row (one branch on their OR,
  // computed as values, was slower). Rows are counted per stretch (lines less blank ones), not
  // one by one, for the same reason.
  const toGeneral = (depth: number): Code[] => [
    I.brIf(depth, I.ne(get('col'), get('lastCol'))),
    I.brIf(depth, I.i64eqz(I.or64(get('dm'), get('dmp')))),
    I.brIf(depth, I.eq(get('e'), get('s'))),
    I.brIf(depth, I.eq(get('fe'), get('lfs'))),
    I.if(I.eq(I.sub(get('fe'), get('lfs')), i32(2)), [I.brIf(depth + 1, I.eq(I.load16(get('lfs')), i32(0x2222)))]),
  ];

  const row: Code[] = [
    set('e', I.load32(get('n'))),
    set('blk', blockOf(get('e'))),
    // The delimiters before the newline: those of the stretch before its block, and in the block.
    set('dm', I.and64(I.load64(get('blk')), bitsBelow(I.extendU(I.and(I.sub(get('e'), get('sub')), i32(63)))))),
    set('De', I.add(I.load32(get('blk'), 24), I.wrap(I.popcnt64(get('dm'))))),
    I.store32(get('n'), get('De'), DS - NL + 4),
    set('col', I.sub(get('De'), get('Dprev'))),
    // The last field starts after the last delimiter before the newline, in its block or the
    // one before (a leading zero count of 64 moves on to the block before).
    set('dmp', I.load64(I.sub(get('blk'), i32(BLOCK)))),
    set(
      'lfs',
      I.sub(
        posOf(get('blk'), I.sub(i32(64), I.wrap(I.clz64(get('dm'))))),
        I.wrap(I.clz64(I.or64(get('dmp'), I.shl64(I.extendU(I.i64ne(get('dm'), i64(0))), i64(63))))),
      ),
    ),
    // A CR before the newline is not part of the last field (a blank line takes the general path).
    set('fe', I.sub(get('e'), I.eq(I.load8(I.sub(get('e'), i32(1))), i32(13)))),
    I.block(I.block(I.block(...toGeneral(0), I.br(1)), ...generalRow), I.if(I.geS(get('target'), i32(0)), commitTarget)),
    set('s', I.add(get('e'), i32(1))),
    set('Dprev', get('De')),
  ];

  f.body = [
    set('s', k32(K.rowStart)),
    set('Dprev', I.sub(i32(0), k32(K.colCarry))),
    set('target', st(S.target)),
    set('lastCol', I.sub(st(S.expected), i32(1))),
    I.store32(i32(DS), get('Dprev')),
    set('n', i32(NL)),
    set('nEnd', I.add(i32(NL), I.shl(get('nRows'), i32(2)))),
    I.block(I.loop(I.brIf(1, I.geU(get('n'), get('nEnd'))), ...row, set('n', I.add(get('n'), i32(4))), I.br(0))),
    // The unfinished row: its delimiters so far, its target field if that ended in this stretch.
    set('total', I.load32(I.add(i32(MASKS), I.shl(I.shrU(I.add(I.sub(get('subLim'), get('sub')), i32(63)), i32(6)), i32(5))), 24)),
    I.if(
      I.and(I.geS(get('target'), i32(0)), I.and(I.geS(I.add(get('Dprev'), get('target')), i32(0)), I.ltS(I.add(get('Dprev'), get('target')), get('total')))),
      [...targetField, setK32(K.tStart, get('vStart')), setK32(K.tEnd, get('vEnd'))],
    ),
    I.if(I.ne(get('total'), i32(0)), [
      set('lb', I.add(i32(MASKS), I.shl(I.shrU(I.add(I.sub(get('subLim'), get('sub')), i32(63)), i32(6)), i32(5)))),
      I.loop(set('lb', I.sub(get('lb'), i32(BLOCK))), I.brIf(0, I.i64eqz(I.load64(get('lb'))))),
      setK32(K.lastDelim, posOf(get('lb'), I.sub(i32(63), I.wrap(I.clz64(I.load64(get('lb'))))))),
    ]),
    setK32(K.colCarry, I.sub(get('total'), get('Dprev'))),
    setK32(K.rowStart, get('s')),
    setK32(K.lines, I.add(k32(K.lines), get('nRows'))),
  ];
  return f;
}
