/**
 * Two pieces of the CSV kernel's row phase (kernel-commit.ts), as instruction lists: the
 * branch-free select of a mask's k-th set bit, and counting the target value in the capped
 * open-addressing hash table (the key's top SLOT_BITS bits pick the first slot, slots.ts).
 */
import type { KernelFunc } from './kernel-func.js';
import { DISTINCT_CAP, NEW_LIST, S, SELECT8, SLOT_BITS, SLOTS, TABLE, VALUE_MASKS } from './kernel-layout.js';
import { type Code, I } from './wasm.js';

const { i32, i64 } = I;
const ONES = 0x0101010101010101n;

/** The position of the k-th (from 0) set bit of the i64 local `sw`, without a branch (a broadword select). */
export function select64(ctx: KernelFunc, k: Code): Code[] {
  const { get, set } = ctx;
  return [
    set('sk', k),
    // Bits per byte, then summed up to each byte: the k-th bit is in the first byte whose sum exceeds k.
    set('sy', I.sub64(get('sw'), I.and64(I.shrU64(get('sw'), i64(1)), i64(0x5555555555555555n)))),
    set('sy', I.add64(I.and64(get('sy'), i64(0x3333333333333333n)), I.and64(I.shrU64(get('sy'), i64(2)), i64(0x3333333333333333n)))),
    set('sy', I.mul64(I.and64(I.add64(get('sy'), I.shrU64(get('sy'), i64(4))), i64(0x0f0f0f0f0f0f0f0fn)), i64(ONES))),
    set(
      'sr',
      I.shl(
        I.wrap(I.popcnt64(I.and64(I.sub64(I.or64(I.mul64(I.extendU(get('sk')), i64(ONES)), i64(0x8080808080808080n)), get('sy')), i64(0x8080808080808080n)))),
        i32(3),
      ),
    ),
    set(
      'sk',
      I.add(
        get('sr'),
        I.load8(
          I.add(
            I.add(i32(SELECT8), I.shl(I.and(I.wrap(I.shrU64(get('sw'), I.extendU(get('sr')))), i32(255)), i32(3))),
            I.sub(get('sk'), I.and(I.wrap(I.shrU64(I.shl64(get('sy'), i64(8)), I.extendU(get('sr')))), i32(255))),
          ),
        ),
      ),
    ),
  ];
}

/** Counts the target value [vStart, vEnd) (at least one byte) in the table (with locals i sel slot hEnd h key). */
export function insertValue(ctx: KernelFunc): Code[] {
  const { get, set, st, incState, bitsBelow } = ctx;
  const mix = (word: Code): Code[] => [
    set('h', I.mul64(I.xor64(get('h'), word), i64(0xff51afd7ed558ccdn))),
    set('h', I.xor64(get('h'), I.shrU64(get('h'), i64(32)))),
  ];
  // The 64-bit key of the value [vStart, vEnd) (at least one byte), its low bit set (0 is an empty slot).
  const hashValue: Code[] = [
    set('i', I.sub(get('vEnd'), get('vStart'))),
    I.if(
      I.leU(get('i'), i32(16)),
      [
        // Up to 16 bytes (class names, numbers), branch-free: two words masked to the value's
        // bytes (masks from a table, by length), multiplied independently (not three
        // multiplies in a row, each waiting for the last), then mixed.
        set('sel', I.shl(get('i'), i32(4))),
        set(
          'h',
          I.xor64(
            I.mul64(I.and64(I.load64(get('vStart')), I.load64(get('sel'), VALUE_MASKS)), i64(0x9e3779b97f4a7c15n)),
            I.rotl64(
              I.add64(I.mul64(I.and64(I.load64(get('vStart'), 8), I.load64(get('sel'), VALUE_MASKS + 8)), i64(0xff51afd7ed558ccdn)), I.extendU(get('i'))),
              i64(32),
            ),
          ),
        ),
      ],
      [
        // Longer: 8 bytes at a time (the last word masked to the field), over at most 256 bytes.
        set('h', I.mul64(I.extendU(get('i')), i64(0x9e3779b97f4a7c15n))),
        set('i', get('vStart')),
        set('hEnd', I.select(get('vEnd'), I.add(get('vStart'), i32(256)), I.ltU(get('vEnd'), I.add(get('vStart'), i32(256))))),
        I.block(I.loop(I.brIf(1, I.gtU(I.add(get('i'), i32(8)), get('hEnd'))), ...mix(I.load64(get('i'))), set('i', I.add(get('i'), i32(8))), I.br(0))),
        I.if(I.ltU(get('i'), get('hEnd')), [
          set('h', I.xor64(get('h'), I.and64(I.load64(get('i')), bitsBelow(I.extendU(I.shl(I.sub(get('hEnd'), get('i')), i32(3))))))),
        ]),
      ],
    ),
    set('h', I.or64(I.mul64(I.xor64(get('h'), I.shrU64(get('h'), i64(32))), i64(0xc4ceb9fe1a85ec53n)), i64(1))),
  ];
  // Counted in an open-addressing table: at the slot the key's top bits name (kernel-slots.ts),
  // or after it.
  const insertTarget: Code[] = [
    ...hashValue,
    set('i', I.and(I.wrap(I.shrU64(get('h'), i64(64 - SLOT_BITS - 4))), i32(-16))),
    I.if(
      I.i64eq(I.load64(get('i'), TABLE), get('h')),
      [I.store32(get('i'), I.add(I.load32(get('i'), TABLE + 8), i32(1)), TABLE + 8)],
      [
        set('slot', I.shrU(get('i'), i32(4))),
        I.block(
          I.loop(
            set('i', I.add(i32(TABLE), I.shl(get('slot'), i32(4)))),
            set('key', I.load64(get('i'))),
            I.if(I.i64eq(get('key'), get('h')), [I.store32(get('i'), I.add(I.load32(get('i'), 8), i32(1)), 8), I.br(2)]),
            I.if(I.i64eqz(get('key')), [
              I.if(I.geU(st(S.distinct), i32(DISTINCT_CAP)), [incState(S.overflow), I.br(3)]),
              I.store64(get('i'), get('h')),
              I.store32(get('i'), i32(1), 8),
              incState(S.distinct),
              set('i', I.add(i32(NEW_LIST), I.mul(st(S.newCount), i32(12)))),
              I.store32(get('i'), get('slot')),
              I.store32(get('i'), get('vStart'), 4),
              I.store32(get('i'), get('vEnd'), 8),
              incState(S.newCount),
              I.br(2),
            ]),
            set('slot', I.and(I.add(get('slot'), i32(1)), i32(SLOTS - 1))),
            I.br(0),
          ),
        ),
      ],
    ),
  ];
  return insertTarget;
}
