import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ScanOptions, scanCsv } from '../../src/inspect/csv-scan/scan.js';
import { memorySource } from '../../src/inspect/source.js';

const encoder = new TextEncoder();

async function both(text: string | Uint8Array, options: Omit<ScanOptions, 'kernel'>) {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text;
  const wasm = await scanCsv(memorySource(bytes), { ...options, kernel: 'wasm' });
  const js = await scanCsv(memorySource(bytes), { ...options, kernel: 'js' });
  return { wasm, js };
}

const comparable = (s: Awaited<ReturnType<typeof scanCsv>>) => ({
  ...s,
  kernel: undefined,
  target: s.target && { ...s.target, counts: Object.fromEntries([...s.target.counts].sort()) },
});

describe('CSV kernel (WebAssembly) against the JavaScript reference', () => {
  it('uses WebAssembly on this Node', async () => {
    const { wasm } = await both('a,b\n1,2\n', { delimiter: ',', columns: 2, skipBytes: 0 });
    expect(wasm.kernel).toBe('wasm');
  });

  it('counts rows, ragged rows, empty fields and target values of a small table', async () => {
    const text = 'x,"a, b",yes\n,"say ""hi""",no\r\n1,2\n\n3,,""\n4,5,yes';
    const { wasm, js } = await both(text, { delimiter: ',', columns: 3, target: 2, skipBytes: 0 });
    expect(comparable(wasm)).toEqual(comparable(js));
    expect(wasm.rows).toBe(5);
    expect(wasm.blankLines).toBe(1);
    expect(wasm.ragged).toBe(1);
    expect(wasm.firstRagged).toBe(3);
    expect(wasm.empties).toEqual([1, 1, 1]);
    expect(Object.fromEntries(wasm.target?.counts ?? [])).toEqual({ yes: 2, no: 1 });
    expect(wasm.target?.empty).toBe(2);
  });

  it('tells apart long target values alike in their first 256 bytes whose lengths differ in the lowest bit', async () => {
    const [a, b] = ['x'.repeat(300), 'x'.repeat(301)];
    const { wasm, js } = await both(`1,${a}\n2,${b}\n3,${a}\n`, { delimiter: ',', columns: 2, target: 1, skipBytes: 0 });
    expect(comparable(wasm)).toEqual(comparable(js));
    expect(Object.fromEntries(js.target?.counts ?? [])).toEqual({ [a]: 2, [b]: 1 });
  });

  it('agrees on random CSV-like bytes, for every target column', async () => {
    const alphabet = fc.constantFrom('a', 'b', ',', ',', '"', '\n', '\n', '\r', ' ', 'é');
    await fc.assert(
      fc.asyncProperty(fc.array(alphabet, { maxLength: 400 }), fc.integer({ min: -1, max: 4 }), async (chars, target) => {
        const { wasm, js } = await both(chars.join(''), { delimiter: ',', columns: 3, target: target < 0 ? undefined : target, skipBytes: 0 });
        expect(comparable(wasm)).toEqual(comparable(js));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees on long random inputs that span the kernel stretches', async () => {
    const alphabet = fc.constantFrom('ab', 'x', ',', ',', ',', '"', '""', '\n', '\r\n', ' ', 'é');
    await fc.assert(
      fc.asyncProperty(fc.array(alphabet, { minLength: 10_000, maxLength: 40_000 }), fc.integer({ min: 0, max: 3 }), async (parts, target) => {
        const { wasm, js } = await both(parts.join(''), { delimiter: ',', columns: 4, target, skipBytes: 0 });
        expect(comparable(wasm)).toEqual(comparable(js));
      }),
      { numRuns: 15 },
    );
  });

  it('agrees across window boundaries (rows cut by the 2 MiB reads, fed in odd pieces)', async () => {
    const rows: string[] = [];
    for (let i = 0; rows.length < 700_000; i++) rows.push(`${i},"q, ${i % 7}",${['a', 'bb', '', 'ccc'][i % 4]}`);
    const bytes = encoder.encode(`${rows.join('\n')}\n`);
    const options = { delimiter: ',', columns: 3, target: 2, skipBytes: 0 };
    const wasm = await scanCsv(memorySource(bytes, 999_983), { ...options, kernel: 'wasm' });
    const js = await scanCsv(memorySource(bytes, 1_000_003), { ...options, kernel: 'js' });
    expect(bytes.length).toBeGreaterThan(9 << 20);
    expect(comparable(wasm)).toEqual(comparable(js));
    expect(wasm.rows).toBe(700_000);
    expect(Object.fromEntries(wasm.target?.counts ?? [])).toEqual({ a: 175_000, bb: 175_000, ccc: 175_000 });
    expect(wasm.target?.empty).toBe(175_000);
  });

  it('agrees on wide rows (over several blocks and stretches), for targets across the row', async () => {
    const field = fc.oneof(
      fc.constantFrom('', '""', 'a', 'NA', '"x, y"', 'héllo', '12.5\r'),
      fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', ' '), maxLength: 90 }),
      fc.integer({ min: 0, max: 20_000 }).map((n) => `"${'z'.repeat(n)}"`),
    );
    const row = fc.array(field, { minLength: 0, maxLength: 60 }).map((fields) => fields.join(','));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 60 }), fc.constantFrom(0, 1, 7, 33, 49, 50, 70), async (rows, target) => {
        const { wasm, js } = await both(`${rows.join('\n')}\n`, { delimiter: ',', columns: 50, target, skipBytes: 0 });
        expect(comparable(wasm)).toEqual(comparable(js));
      }),
      { numRuns: 60 },
    );
  });

  it('agrees where a row crosses the kernel stretches (16 KiB) before, in and after its target field', async () => {
    const rows = (n: number, row: (i: number) => string) => `${Array.from({ length: n }, (_, i) => row(i)).join('\n')}\n`;
    const cases: Array<[string, number, number]> = [
      [rows(5, (i) => `a${i},b,"${'z'.repeat(20_000 + 2 * i)}"`), 3, 2],
      [rows(5, (i) => `a${i},"${'q'.repeat(17_000)}",tail${i % 2},"${'w'.repeat(30_000)}",end`), 5, 2],
      [rows(40, (i) => `${'k'.repeat(16_381 - 2 * (i % 3))},${i % 2 ? 'yes' : 'no'},${'p'.repeat(i)}`), 3, 1],
      [rows(40, (i) => `${'k'.repeat(16_381 - 2 * (i % 5))},${i % 3 ? '' : 'x'},${'p'.repeat(i % 4)},${i % 2 ? 'yes' : 'no'}`), 4, 1],
    ];
    for (const [text, columns, target] of cases) {
      for (const t of [target, target + 1, 0]) {
        const { wasm, js } = await both(text, { delimiter: ',', columns, target: t, skipBytes: 0 });
        expect(comparable(wasm)).toEqual(comparable(js));
      }
    }
  });

  it('agrees where most fields are empty (counted per row), across stretches and windows', async () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const field = (c: number) => (random() < 0.6 ? ['', '""'][c % 2] : random() < 0.1 ? `"${'v,'.repeat(40)}"` : String(c));
    const rows = Array.from({ length: 30_000 }, (_, i) => Array.from({ length: 8 + (i % 97 === 0 ? 2 : 0) }, (_, c) => field(c)).join(','));
    const bytes = encoder.encode(`${rows.join('\n')}\n`);
    for (const target of [undefined, 0, 3, 7]) {
      const wasm = await scanCsv(memorySource(bytes, 65_537), { delimiter: ',', columns: 8, target, skipBytes: 0, kernel: 'wasm' });
      const js = await scanCsv(memorySource(bytes, 65_537), { delimiter: ',', columns: 8, target, skipBytes: 0, kernel: 'js' });
      expect(comparable(wasm)).toEqual(comparable(js));
    }
  });

  it('agrees on one-column files and tab-separated rows with CRLF', async () => {
    const text = ['label', 'yes', '', 'no\r', '"yes"', '""', '\r', 'maybe', '', 'yes'].join('\n');
    for (const target of [undefined, 0, 1]) {
      const { wasm, js } = await both(text, { delimiter: ',', columns: 1, target, skipBytes: 0 });
      expect(comparable(wasm)).toEqual(comparable(js));
    }
    const tsv = Array.from({ length: 3000 }, (_, i) => `${i}\t${i % 7 ? 'x' : ''}\t${['cat', 'dog', '', '"bird"'][i % 4]}\r`).join('\n');
    for (const target of [0, 1, 2]) {
      const { wasm, js } = await both(tsv, { delimiter: '\t', columns: 3, target, skipBytes: 0 });
      expect(comparable(wasm)).toEqual(comparable(js));
      expect(wasm.rows).toBe(3000);
    }
  });

  it('counts a row longer than the window without holding it', async () => {
    const long = `start,${'x'.repeat(9 << 20)},end`;
    const { wasm, js } = await both(`a,b,c\n${long}\nlast,row,here\n`, { delimiter: ',', columns: 3, target: 2, skipBytes: 6 });
    expect(comparable(wasm)).toEqual(comparable(js));
    expect(wasm.rows).toBe(2);
    expect(wasm.longRows).toBe(1);
    expect(wasm.firstLongRow).toBe(1);
  });

  it('reports a quote that is never closed', async () => {
    const { wasm } = await both('a,b\n1,"open\n2,3\n', { delimiter: ',', columns: 2, skipBytes: 0 });
    expect(wasm.unterminatedQuote).toBe(true);
    expect(wasm.rows).toBe(2);
  });

  it('caps the distinct target values and counts the rest as untracked', async () => {
    const text = Array.from({ length: 6000 }, (_, i) => `${i},v${i}`).join('\n');
    const { wasm, js } = await both(text, { delimiter: ',', columns: 2, target: 1, skipBytes: 0 });
    expect(wasm.target?.counts.size).toBe(4096);
    expect(wasm.target?.untracked).toBe(6000 - 4096);
    expect(comparable(wasm)).toEqual(comparable(js));
  });

  it('flags invalid UTF-8', async () => {
    const bytes = new Uint8Array([...encoder.encode('a,b\n1,'), 0xff, 0xfe, ...encoder.encode('\n2,3\n')]);
    const { wasm } = await both(bytes, { delimiter: ',', columns: 2, skipBytes: 0 });
    expect(wasm.invalidUtf8).toEqual({ from: 1, to: 3 });
  });
});
