import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ScanOptions, scanCsv } from '../../src/inspect/csv-scan.js';
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
