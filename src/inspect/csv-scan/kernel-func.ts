/**
 * Helpers for writing the kernel's WebAssembly functions (kernel-assemble.ts, kernel-rows.ts,
 * kernel-commit.ts): the lookup tables of its data segments and a function builder with named
 * locals. Used at build time (scripts/build.ts ships the assembled bytes) and, from the
 * sources, when a process runs without a build (assets.ts).
 */
import { BLOCK, KSTATE, MASKS } from './kernel-layout.js';
import { type Code, Func, I, T, type ValType } from './wasm.js';

const { i32, i64 } = I;
export const stateAt = (slot: number) => i32(slot * 4);

/** The bytes of the VALUE_MASKS table. */
export function valueMasksTable(): number[] {
  const out: number[] = [];
  for (let n = 0; n <= 16; n++) for (let b = 0; b < 16; b++) out.push(b < n ? 255 : 0);
  return out;
}

/** The SELECT8 table's bytes. */
export function select8Table(): number[] {
  const out: number[] = [];
  for (let byte = 0; byte < 256; byte++) {
    const bits = [0, 1, 2, 3, 4, 5, 6, 7].filter((b) => (byte >> b) & 1);
    for (let k = 0; k < 8; k++) out.push(bits[k] ?? 8);
  }
  return out;
}

/**
 * One function of the kernel, with named i32 parameters and named locals, and small helpers.
 * Each phase is a function of its own, its loop-carried values kept in locals and passed on in
 * KSTATE: TurboFan allocates registers per function, and in one big function it spilled each
 * phase loop's values to the stack (seen in its x64 code).
 */
export function kernelFunc(params: string, result: boolean, locals: { i32?: string; i64?: string; v128?: string }) {
  const named = (names: string | undefined, t: ValType): Array<[string, ValType]> => (names ? names.split(' ').map((n): [string, ValType] => [n, t]) : []);
  const f = new Func(named(params, T.i32), result ? T.i32 : undefined, [
    ...named(locals.i32, T.i32),
    ...named(locals.i64, T.i64),
    ...named(locals.v128, T.v128),
  ]);
  const { get } = f;
  const st = (slot: number): Code => I.load32(stateAt(slot));
  return {
    f,
    get,
    set: f.set,
    inc: f.inc,
    st,
    incState: (slot: number): Code => I.store32(stateAt(slot), I.add(st(slot), i32(1))),
    k32: (at: number): Code => I.load32(i32(KSTATE + at)),
    k64: (at: number): Code => I.load64(i32(KSTATE + at)),
    setK32: (at: number, value: Code): Code => I.store32(i32(KSTATE + at), value),
    setK64: (at: number, value: Code): Code => I.store64(i32(KSTATE + at), value),
    /** m shifted left by k, with the top k bits of the previous block's mask shifted in. */
    shiftIn: (m: string, prev: string, k: number) => I.or64(I.shl64(get(m), i64(k)), I.shrU64(get(prev), i64(64 - k))),
    bitsBelow: (bit: Code) => I.sub64(I.shl64(i64(1), bit), i64(1)),
    /** The address of the record of the block holding position `pos` of the stretch starting at `sub`. */
    blockOf: (pos: Code): Code => I.add(i32(MASKS), I.and(I.shrU(I.sub(pos, get('sub')), i32(1)), i32(-BLOCK))),
  };
}
export type KernelFunc = ReturnType<typeof kernelFunc>;
