import { Buffer, isAscii } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ParseOptions, parseRecords, type Records } from '../../src/inspect/csv-parse.js';

/**
 * The byte-by-byte parser that parseRecords replaced (it finds fields with native string searches
 * and splits): the reference for its results.
 */
function reference(bytes: Uint8Array, delimiter: string, options: ParseOptions): Records {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const delim = delimiter.charCodeAt(0);
  const cap = options.fieldCap ?? 1 << 16;
  const encoding = options.ascii ? 'latin1' : 'utf8';
  const out: Records = { rows: [], ends: [], more: false, cutFields: 0, openQuote: false };
  let fields: Array<[number, number]> = [];
  let fieldStart = 0;
  let inQuotes = false;
  const decodeField = (start: number, end: number) => {
    let s = start;
    let e = end;
    const quoted = e - s >= 2 && buf[s] === 34 && buf[e - 1] === 34;
    if (quoted) {
      s++;
      e--;
    }
    if (e - s > cap) {
      e = s + cap;
      out.cutFields++;
    }
    const text = buf.toString(encoding, s, e);
    return quoted && text.includes('"') ? text.replaceAll('""', '"') : text;
  };
  const endRow = (end: number, next: number) => {
    let fe = end;
    if (fe > fieldStart && buf[fe - 1] === 13) fe--;
    fields.push([fieldStart, fe]);
    if (!(fields.length === 1 && fe === fieldStart)) {
      out.rows.push(fields.map(([s, e]) => decodeField(s, e)));
      out.ends.push(next);
    }
    fields = [];
    fieldStart = next;
  };
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === 34) inQuotes = !inQuotes;
    if (inQuotes) continue;
    if (c === delim) {
      fields.push([fieldStart, i]);
      fieldStart = i + 1;
    } else if (c === 10) {
      endRow(i, i + 1);
      if (out.rows.length >= options.maxRows) {
        out.more = i + 1 < buf.length;
        return out;
      }
    }
  }
  if (options.atEnd && (fieldStart < buf.length || fields.length > 0)) {
    out.openQuote = inQuotes;
    endRow(buf.length, buf.length);
  }
  return out;
}

const bytesOf = (parts: Array<string | number>) => Buffer.concat(parts.map((p) => (typeof p === 'number' ? Buffer.from([p]) : Buffer.from(p, 'utf8'))));

/** Random parse options as the callers pass them (ascii only when the bytes are ASCII). */
const optionsArb = fc.record({
  maxRows: fc.integer({ min: 0, max: 12 }),
  atEnd: fc.boolean(),
  fieldCap: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
  claimAscii: fc.boolean(),
});

function check(bytes: Uint8Array, delimiter: string, o: { maxRows: number; atEnd: boolean; fieldCap: number | undefined; claimAscii: boolean }) {
  const options: ParseOptions = { maxRows: o.maxRows, atEnd: o.atEnd, fieldCap: o.fieldCap, ascii: o.claimAscii && isAscii(bytes) ? true : undefined };
  expect(parseRecords(bytes, delimiter, options)).toEqual(reference(bytes, delimiter, options));
}

describe('parseRecords against the byte-by-byte reference', () => {
  it('reads quotes, escaped quotes, quoted newlines, CRLF, blank lines and a last row without a newline', () => {
    const text = 'id,note,label\r\n1,"a, b",x\n\n2,"line one\nline two",y\r\n3,"he said ""no""",x\n4,ab"c,d"e,\n\r\n5,,"open';
    for (const atEnd of [true, false]) {
      const options = { maxRows: 100, atEnd, ascii: true };
      const bytes = Buffer.from(text);
      expect(parseRecords(bytes, ',', options)).toEqual(reference(bytes, ',', options));
    }
    expect(parseRecords(Buffer.from(text), ',', { maxRows: 100, atEnd: true }).rows).toEqual([
      ['id', 'note', 'label'],
      ['1', 'a, b', 'x'],
      ['2', 'line one\nline two', 'y'],
      ['3', 'he said "no"', 'x'],
      ['4', 'ab"c,d"e', ''],
      ['5', '', '"open'],
    ]);
  });

  it('agrees on random CSV-like text, for every delimiter', () => {
    const part = fc.constantFrom('a', 'b7', ' ', ',', ',', '\t', ';', '|', '"', '""', '\n', '\n', '\r', '\r\n', 'é', '€');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 120 }), fc.constantFrom(',', '\t', ';', '|'), optionsArb, (parts, delimiter, o) => {
        check(bytesOf(parts), delimiter, o);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on bytes that are not valid UTF-8, and on fields cut inside a character', () => {
    const part = fc.constantFrom<string | number>('x', ',', '"', '\n', '\r\n', 'é', '日本', 0xff, 0xc3, 0x80, 0xe2);
    fc.assert(
      fc.property(fc.array(part, { maxLength: 80 }), optionsArb, (parts, o) => {
        check(bytesOf(parts), ',', o);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees on long tables of mostly unquoted rows (the split path)', () => {
    const cell = fc.constantFrom('1', '2.5', 'NA', '', 'Kyoto', '"Paris, FR"', '"say ""hi"""', 'é', '"a\nb"');
    const line = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(','));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.constantFrom('\n', '\r\n'), optionsArb, (lines, eol, o) => {
        check(Buffer.from(lines.join(eol)), ',', { ...o, maxRows: o.maxRows * 5 });
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees on inputs longer than the first decoded window (rows, quotes and characters across its edges)', () => {
    const cell = fc.oneof(
      { arbitrary: fc.constantFrom('12345', 'abc', '', '"x, y"', '"two\nlines"', '"say ""hi"""', 'é', '€uro'), weight: 200 },
      { arbitrary: fc.constant('"open'), weight: 1 },
    );
    const line = fc.array(cell, { minLength: 1, maxLength: 6 }).map((cells) => cells.join(','));
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 2000, maxLength: 9000 }),
        fc.constantFrom('\n', '\r\n', '\n\n'),
        fc.integer({ min: 1, max: 12_000 }),
        fc.boolean(),
        fc.boolean(),
        (lines, eol, maxRows, atEnd, claimAscii) => {
          check(Buffer.from(lines.join(eol)), ',', { maxRows, atEnd, fieldCap: undefined, claimAscii });
        },
      ),
      // No shrinking: inputs this long take minutes to shrink.
      { numRuns: 40, endOnFailure: true },
    );
  });

  it('stops at maxRows on the edge of the first decoded window, with more rows after it', () => {
    const row = `${'x'.repeat(31)},${'y'.repeat(31)}\n`; // 64 bytes: 1024 rows fill the first 64 KiB exactly
    const bytes = Buffer.from(row.repeat(1500));
    for (const maxRows of [1023, 1024, 1025]) {
      const options = { maxRows, atEnd: true, ascii: true };
      expect(parseRecords(bytes, ',', options)).toEqual(reference(bytes, ',', options));
    }
    expect(parseRecords(bytes, ',', { maxRows: 1024, atEnd: true }).more).toBe(true);
  });

  it('refuses a delimiter it cannot search for', () => {
    expect(() => parseRecords(Buffer.from('a"b'), '"', { maxRows: 1, atEnd: true })).toThrow(/delimiter/);
  });
});
