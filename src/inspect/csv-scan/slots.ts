/**
 * Where each CSV kernel starts looking for a target value's 64-bit key in its hash table
 * (linear probing from there). The split scan (parallel.ts) adds values counted by
 * another thread to a kernel's table and must put them where the kernel will look.
 * tests/inspect/csv-split.test.ts checks both against tables the kernels filled themselves.
 */
import { SLOT_BITS, SLOTS } from './kernel-layout.js';

/** The WebAssembly kernel (kernel-values.ts): the key's top SLOT_BITS bits. */
export const wasmSlot = (key: bigint): number => Number(key >> BigInt(64 - SLOT_BITS));

/** The JavaScript kernel (kernel-js.ts): the low bits of the key folded onto itself. */
export const jsSlot = (key: bigint): number => Number(BigInt.asUintN(32, key ^ (key >> 29n))) & (SLOTS - 1);
