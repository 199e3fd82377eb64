/** What a cell holds: missing markers, numbers, booleans. */

// Each recogniser is one regular expression, tested on the untrimmed value: `\s` is exactly what
// trim() removes, and /i without the u flag folds only ASCII letters, like toLowerCase() does for
// these ASCII words. Profiling tests every cell, mostly before the JIT has compiled anything, and a
// regular expression is native code from the first call (a loop over charCodeAt in JavaScript
// measured slower there, and trim().toLowerCase() allocates).
const MISSING = /^\s*(?:na|n\/a|nan|null|none|\?|#n\/a|missing|nil)?\s*$/i;
const BOOLEAN = /^\s*(?:true|false|yes|no|t|f|y|n)\s*$/i;
const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const INTEGER = /^\s*[+-]?\d+\s*$/;

/** Empty, or a common missing-value marker (NA, NaN, null, None, ?, ...), ignoring case and surrounding spaces. */
export function isMissing(value: string): boolean {
  return value.length <= 7 && MISSING.test(value);
}

/** A decimal number, ignoring surrounding spaces (not Infinity, hexadecimal or 1_000). */
export function isNumber(value: string): boolean {
  return value.length < 40 && NUMBER.test(value);
}

export function isInteger(value: string): boolean {
  return value.length < 20 && INTEGER.test(value);
}

export function isBoolean(value: string): boolean {
  return value.length <= 5 && BOOLEAN.test(value);
}

const SMILES = /^[A-Za-z0-9@+\-[\]()\\/%=#$.:~*]+$/;
const SMILES_HINT = /[=#()[\]@]|[cnos]\d|\d[cnos]|^[CNOS][CNOS]/;
const ELEMENT_START = /^(?:[BCNOPSFI]|Cl|Br|\[|c|n|o|s)/;

/** A SMILES string: its character set, starting with an atom, with typical bond/ring/branch syntax. */
export function looksLikeSmiles(value: string): boolean {
  const v = value.trim();
  return v.length > 0 && v.length < 2000 && SMILES.test(v) && ELEMENT_START.test(v) && SMILES_HINT.test(v);
}

const NUCLEOTIDES = new Set('ACGTUN');
const IUPAC = new Set('ACGTUNRYKMSWBDHV-.');
const AMINO_ACIDS = new Set('ACDEFGHIKLMNPQRSTVWYBXZJUO*-.');

export type Alphabet = 'DNA' | 'RNA' | 'protein' | 'unknown';

/** Residue letter counts (index = char code) -> the alphabet they are written in. */
export function alphabetOf(counts: ArrayLike<number>): { alphabet: Alphabet; other: number; total: number } {
  let total = 0;
  let nucleotide = 0;
  let iupac = 0;
  let amino = 0;
  for (let code = 0; code < counts.length; code++) {
    const n = counts[code] ?? 0;
    if (n === 0) continue;
    const c = String.fromCharCode(code).toUpperCase();
    total += n;
    if (NUCLEOTIDES.has(c)) nucleotide += n;
    if (IUPAC.has(c)) iupac += n;
    if (AMINO_ACIDS.has(c)) amino += n;
  }
  const upper = (ch: string) => (counts[ch.charCodeAt(0)] ?? 0) + (counts[ch.toLowerCase().charCodeAt(0)] ?? 0);
  if (total > 0 && nucleotide >= 0.9 * total) {
    return { alphabet: upper('U') > upper('T') ? 'RNA' : 'DNA', other: total - iupac, total };
  }
  if (total > 0 && amino >= 0.95 * total) return { alphabet: 'protein', other: total - amino, total };
  return { alphabet: 'unknown', other: total - Math.max(iupac, amino), total };
}

/** Letter counts of some strings (for a column of sequences). */
export function letterCounts(values: Iterable<string>): number[] {
  const counts = new Array<number>(128).fill(0);
  for (const v of values)
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c < 128) counts[c] = (counts[c] ?? 0) + 1;
    }
  return counts;
}
