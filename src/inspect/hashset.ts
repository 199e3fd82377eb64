/**
 * A set of 64-bit hashes in typed arrays: fixed memory and no object per entry, so counting
 * hundreds of thousands of distinct node ids or edges stays fast and bounded. (A JavaScript
 * Set of strings costs ~100 bytes and a cache miss or two per entry.) Two 32-bit hashes make
 * collisions negligible at these sizes.
 */
export class HashSet64 {
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;
  private readonly mask: number;
  size = 0;

  /** Holds up to `limit` entries. */
  constructor(readonly limit: number) {
    let slots = 16;
    while (slots < limit * 2) slots *= 2;
    this.hi = new Uint32Array(slots);
    this.lo = new Uint32Array(slots);
    this.mask = slots - 1;
  }

  /** 'added', 'present', or 'full' (a new entry past the limit, not added). */
  add(h1: number, h2: number): 'added' | 'present' | 'full' {
    const a = h1 >>> 0 || 1;
    const b = h2 >>> 0;
    for (let i = (a ^ Math.imul(b, 0x9e3779b1)) & this.mask; ; i = (i + 1) & this.mask) {
      const x = this.hi[i] ?? 0;
      if (x === 0) {
        if (this.size >= this.limit) return 'full';
        this.hi[i] = a;
        this.lo[i] = b;
        this.size++;
        return 'added';
      }
      if (x === a && this.lo[i] === b) return 'present';
    }
  }
}

/** A 32-bit hash of a string (FNV-1a with a final avalanche); `seed` gives independent hashes. */
export function hash32(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
