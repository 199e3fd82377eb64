/** Phase 3 of the CSV kernel: commit each row record (blank, ragged, empty last field, target value). */
import { DISTINCT_CAP, EMPTY, type KernelContext, MAX_COLS, NEW_LIST, S, SLOT_BITS, SLOTS, stateAt, TABLE } from './csv-kernel-layout.js';
import { type Code, I } from './wasm.js';

const { i32, i64 } = I;

/** Commits the row record at r. */
export function commitRecord(ctx: KernelContext): Code[] {
  const { get, set, inc, st, incState, bitsBelow } = ctx;
  // The low n bytes (0 <= n <= 8) of a word: select keeps it branch-free (a shift by 64 is a shift by 0).
  const lowBytes = (n: Code): Code => I.select(I.shrU64(i64(-1), I.extendU(I.sub(i32(64), I.shl(n, i32(3))))), i64(0), n);
  const mix = (word: Code): Code[] => [
    set('h', I.mul64(I.xor64(get('h'), word), i64(0xff51afd7ed558ccdn))),
    set('h', I.xor64(get('h'), I.shrU64(get('h'), i64(32)))),
  ];
  const insertTarget: Code[] = [
    set('h', I.mul64(I.extendU(I.sub(get('vEnd'), get('vStart'))), i64(0x9e3779b97f4a7c15n))),
    I.if(
      I.leU(I.sub(get('vEnd'), get('vStart')), i32(16)),
      [
        // Up to 16 bytes (class names, numbers): two masked words, no loop. The loop below
        // runs 0, 1 or 2 times for such values, mispredicted when classes of different
        // lengths alternate; measured ~0.01 s per GB on the benchmark file (near the noise).
        set('i', I.sub(get('vEnd'), get('vStart'))),
        set('sel', I.select(i32(8), get('i'), I.gtU(get('i'), i32(8)))),
        ...mix(I.and64(I.load64(get('vStart')), lowBytes(get('sel')))),
        ...mix(I.and64(I.load64(I.add(get('vStart'), i32(8))), lowBytes(I.sub(get('i'), get('sel'))))),
      ],
      [
        // Longer: 8 bytes at a time (the last word masked to the field), over at most 256 bytes.
        set('i', get('vStart')),
        set('hEnd', I.select(get('vEnd'), I.add(get('vStart'), i32(256)), I.ltU(get('vEnd'), I.add(get('vStart'), i32(256))))),
        I.block(I.loop(I.brIf(1, I.gtU(I.add(get('i'), i32(8)), get('hEnd'))), ...mix(I.load64(get('i'))), set('i', I.add(get('i'), i32(8))), I.br(0))),
        I.if(I.ltU(get('i'), get('hEnd')), [
          set('h', I.xor64(get('h'), I.and64(I.load64(get('i')), bitsBelow(I.extendU(I.shl(I.sub(get('hEnd'), get('i')), i32(3))))))),
        ]),
      ],
    ),
    set('h', I.or64(I.mul64(get('h'), i64(0xc4ceb9fe1a85ec53n)), i64(1))),
    set('slot', I.wrap(I.shrU64(get('h'), i64(64 - SLOT_BITS)))),
    I.block(
      I.loop(
        set('i', I.add(i32(TABLE), I.shl(get('slot'), i32(4)))),
        set('key', I.load64(get('i'))),
        I.if(I.i64eq(get('key'), get('h')), [I.store32(I.add(get('i'), i32(8)), I.add(I.load32(I.add(get('i'), i32(8))), i32(1))), I.br(2)]),
        I.if(I.i64eqz(get('key')), [
          I.if(I.geU(st(S.distinct), i32(DISTINCT_CAP)), [incState(S.overflow), I.br(3)]),
          I.store64(get('i'), get('h')),
          I.store32(I.add(get('i'), i32(8)), i32(1)),
          incState(S.distinct),
          set('i', I.add(i32(NEW_LIST), I.mul(st(S.newCount), i32(12)))),
          I.store32(get('i'), get('slot')),
          I.store32(I.add(get('i'), i32(4)), get('vStart')),
          I.store32(I.add(get('i'), i32(8)), get('vEnd')),
          incState(S.newCount),
          I.br(2),
        ]),
        set('slot', I.and(I.add(get('slot'), i32(1)), i32(SLOTS - 1))),
        I.br(0),
      ),
    ),
  ];
  const quotedPair = I.and(
    I.geU(I.sub(get('vEnd'), get('vStart')), i32(2)),
    I.and(I.eq(I.load8(get('vStart')), i32(34)), I.eq(I.load8(I.sub(get('vEnd'), i32(1))), i32(34))),
  );
  const commitTarget: Code[] = [
    // The target is the last field (it ends at the newline), a field found in phase 2, or missing.
    I.if(I.eq(get('target'), get('c')), [set('vStart', get('lfs')), set('vEnd', get('fe'))]),
    I.if(
      I.gtS(get('target'), get('c')),
      [incState(S.unlabeled)],
      [
        I.if(quotedPair, [inc('vStart'), set('vEnd', I.sub(get('vEnd'), i32(1)))]),
        I.if(I.eq(get('vEnd'), get('vStart')), [incState(S.unlabeled)], insertTarget),
      ],
    ),
  ];
  const commitRow: Code[] = [
    inc('rows'),
    I.if(I.ne(get('c'), get('lastCol')), [
      incState(S.ragged),
      I.if(I.ltS(st(S.firstRagged), i32(0)), [I.store32(stateAt(S.firstRagged), I.sub(get('rows'), i32(1)))]),
    ]),
    // The last field is empty when the row ends right after a delimiter (or after `""`).
    I.if(I.or(I.eq(get('fe'), get('lfs')), I.and(I.eq(I.sub(get('fe'), get('lfs')), i32(2)), I.eq(I.load16(get('lfs')), i32(0x2222)))), [
      I.if(I.ltU(get('c'), i32(MAX_COLS)), [set('i', I.add(i32(EMPTY), I.shl(get('c'), i32(2)))), I.store32(get('i'), I.add(I.load32(get('i')), i32(1)))]),
    ]),
    I.if(I.geS(get('target'), i32(0)), commitTarget),
  ];
  return [
    set('fe', I.load32(get('r'))),
    set('c', I.load32(I.add(get('r'), i32(4)))),
    set('lfs', I.load32(I.add(get('r'), i32(8)))),
    set('vStart', I.load32(I.add(get('r'), i32(12)))),
    set('vEnd', I.load32(I.add(get('r'), i32(16)))),
    set('t', I.add(get('fe'), i32(1))), // the next row's start
    set('fe', I.sub(get('fe'), I.and(I.gtU(get('fe'), get('rowStart')), I.eq(I.load8(I.sub(get('fe'), i32(1))), i32(13))))),
    I.if(I.and(I.eqz(get('c')), I.eq(get('fe'), get('rowStart'))), [incState(S.blank)], commitRow),
    set('rowStart', get('t')),
  ];
}
