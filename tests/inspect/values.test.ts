import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBoolean, isInteger, isMissing, isNumber } from '../../src/inspect/values.js';

/** The definitions the one-regex recognisers replaced (trim, lower-case, then a Set or a regex). */
const reference = (() => {
  const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?', '#n/a', 'missing', 'nil']);
  const BOOLEAN = new Set(['true', 'false', 'yes', 'no', 't', 'f', 'y', 'n']);
  const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
  const INTEGER = /^[+-]?\d+$/;
  return {
    isMissing: (v: string) => v.length <= 7 && (MISSING.has(v) || MISSING.has(v.trim().toLowerCase())),
    isBoolean: (v: string) => v.length <= 5 && BOOLEAN.has(v.trim().toLowerCase()),
    isNumber: (v: string) => v.length < 40 && (NUMBER.test(v) || NUMBER.test(v.trim())),
    isInteger: (v: string) => v.length < 20 && (INTEGER.test(v) || INTEGER.test(v.trim())),
  };
})();

const codeUnits = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c));

/** Characters around the edges of what the recognisers accept: every kind of space, case and sign. */
const tricky = [
  ...[' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u200b', '\u2028', '\u202f', '\u205f', '\u3000', '\ufeff', '\u180e'],
  ...['0', '1', '7', '9', '+', '-', '.', 'e', 'E', 'x', '_', ',', '٣'],
  ...['n', 'N', 'a', 'A', '/', 'u', 'U', 'l', 'L', 'o', 'O', 'e', 'm', 'M', 'i', 'I', 's', 'S', 'g', '?', '#'],
  ...['t', 'T', 'r', 'f', 'F', 'y', 'Y', 'K', '\u212a', '\u0130', '\u0131', '\u017f'],
];

describe('cell recognisers against their trim/lower-case definitions', () => {
  it('\\s in a regular expression is exactly what trim() removes', () => {
    const differ = codeUnits.filter((c) => /^\s$/.test(c) !== (c.trim() === ''));
    expect(differ).toEqual([]);
  });

  it('/i folds a character to a letter of the words exactly when toLowerCase() does', () => {
    const letters = [...new Set('naulomisgtrefy'.split(''))];
    const differ = letters.flatMap((letter) => {
      const re = new RegExp(`^${letter}$`, 'i');
      return codeUnits.filter((c) => re.test(c) !== (c.toLowerCase() === letter)).map((c) => `${letter}:${c.charCodeAt(0).toString(16)}`);
    });
    expect(differ).toEqual([]);
  });

  it('agree on the words themselves, in any case and with spaces around', () => {
    for (const word of ['', 'NA', 'n/a', 'NaN', 'null', 'None', '?', '#N/A', 'missing', 'nil', 'true', 'FALSE', 'Yes', 'no', 't', 'F', 'y', 'N']) {
      for (const v of [word, ` ${word}`, `${word}\t`, `\u00a0${word}\n`, `${word}x`, `x${word}`]) {
        for (const f of ['isMissing', 'isBoolean'] as const) expect([f, v, { isMissing, isBoolean }[f](v)]).toEqual([f, v, reference[f](v)]);
      }
    }
  });

  it('agree on numbers at the length limits', () => {
    for (const v of [
      '1'.repeat(19),
      '1'.repeat(20),
      ` ${'1'.repeat(18)} `,
      '1'.repeat(39),
      '1'.repeat(40),
      `-${'2'.repeat(38)}`,
      '1e5',
      '.5',
      '5.',
      '+.5e-3',
      '.',
      'e5',
      '1e',
      '-',
      '',
    ]) {
      expect([v, isNumber(v), isInteger(v)]).toEqual([v, reference.isNumber(v), reference.isInteger(v)]);
    }
  });

  it('agree on random strings of digits, signs, spaces and marker letters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tricky), { maxLength: 12 }), (chars) => {
        const v = chars.join('');
        expect([v, isMissing(v), isBoolean(v), isNumber(v), isInteger(v)]).toEqual([
          v,
          reference.isMissing(v),
          reference.isBoolean(v),
          reference.isNumber(v),
          reference.isInteger(v),
        ]);
      }),
      { numRuns: 20_000 },
    );
  });

  it('agree on any strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 45, unit: 'binary' }), (v) => {
        expect([v, isMissing(v), isBoolean(v), isNumber(v), isInteger(v)]).toEqual([
          v,
          reference.isMissing(v),
          reference.isBoolean(v),
          reference.isNumber(v),
          reference.isInteger(v),
        ]);
      }),
      { numRuns: 5000 },
    );
  });
});
