import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCsvKernel } from '../../src/inspect/csv-scan/kernel.js';
import { createJsKernel } from '../../src/inspect/csv-scan/kernel-js.js';
import { SLOTS, TABLE } from '../../src/inspect/csv-scan/kernel-layout.js';
import { type ScanSettings, type SplitSchedule, scanCsvFile, startScanWorker } from '../../src/inspect/csv-scan/parallel.js';
import type { Piece } from '../../src/inspect/csv-scan/pieces.js';
import type { ScanOptions, ScanStats } from '../../src/inspect/csv-scan/scan.js';
import { Scanner, scanCsv } from '../../src/inspect/csv-scan/scan.js';
import { jsSlot, wasmSlot } from '../../src/inspect/csv-scan/slots.js';
import { memorySource, openSource } from '../../src/inspect/source.js';

const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const comparable = (s: ScanStats) => ({
  ...s,
  kernel: undefined,
  target: s.target && { ...s.target, counts: [...s.target.counts] },
});

const schedules: Array<[string, SplitSchedule | undefined]> = [
  ['as the threads meet', undefined],
  ['the main thread one chunk, the worker the rest in one-chunk pieces', { mainChunks: 1, maxPiece: 1 }],
  ['the main thread two chunks, the worker the rest in two-chunk pieces', { mainChunks: 2, maxPiece: 2 }],
];

/**
 * The split scan (two threads, forced: the files are a few MB) against the one-thread
 * JavaScript reference, under each schedule. Returns the stats and the worker's pieces under
 * the one-chunk schedule (to check which were used).
 */
async function splitAgainstReference(name: string, text: string | Uint8Array, options: Omit<ScanOptions, 'kernel'>, early?: ScanSettings) {
  const path = join(dir, name);
  writeFileSync(path, text);
  const source = await openSource(path);
  const reference = await scanCsv(source, { ...options, kernel: 'js' }).finally(() => source.close());
  let split: ScanStats | undefined;
  let pieces: Piece[] | undefined;
  for (const [label, schedule] of schedules) {
    const worker = startScanWorker(path, 0);
    expect(worker, label).toBeDefined();
    if (early) worker?.start(early, schedule);
    split = await scanCsvFile(path, options, worker, schedule);
    expect(split.kernel, label).toBe('wasm');
    expect(comparable(split), label).toEqual(comparable(reference));
    if (schedule?.maxPiece === 1) pieces = (await worker?.pieces) ?? [];
  }
  return { stats: split as ScanStats, pieces: pieces ?? [] };
}

const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\n');
/** About `mb` MB of plain rows. */
const filler = (mb: number) => rows(Math.round((mb * 1e6) / 20), (i) => `${i},filler-row,${i % 3}`);

const MiB = 2 ** 20;
const encode = (text: string) => new TextEncoder().encode(text);

describe('CSV scan split across two threads', () => {
  it('adds up to the one-thread counts over several pieces: quotes, empty fields, ragged rows, CRLF, target values', async () => {
    const text = `id,site,note,y\n${rows(200_000, (i) => `${i},"Paris, FR",${i % 5 ? '"say ""hi"""' : ''},${['a', 'bb', '', 'NA', '"c"'][i % 5]}${i % 997 ? '' : ',extra'}${i % 3 ? '' : '\r'}`)}\n`;
    const { stats, pieces } = await splitAgainstReference('mixed.csv', text, { delimiter: ',', columns: 4, target: 3, skipBytes: 15 });
    expect(stats.rows).toBe(200_000);
    expect(stats.ragged).toBe(Math.ceil(200_000 / 997));
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(pieces.every((p) => p.ok && p.clean)).toBe(true);
  });

  it('numbers the first ragged row of a later piece in the file', async () => {
    const text = `${filler(3)}\n${filler(3).replace('\n7,', '\n7,x,')}\n`;
    const { stats } = await splitAgainstReference('ragged.csv', text, { delimiter: ',', columns: 3, target: 2, skipBytes: 0 });
    expect(stats.firstRagged).toBe(150_008);
  });

  it('places invalid UTF-8 as one thread would: in the middle of a piece, at a piece start, or everywhere', async () => {
    const atEnd = new Uint8Array([...encode(`${filler(7)}\n1,`), 0xff, 0x0a]);
    const { stats: end } = await splitAgainstReference('invalid-end.csv', atEnd, { delimiter: ',', columns: 2, target: 1, skipBytes: 0 });
    expect(end.invalidUtf8?.to).toBe(end.rows);
    const head = encode(filler(5));
    const boundary = head.indexOf(10, 2 * MiB) + 1; // the first row of the second chunk
    const atStart = new Uint8Array([...head.subarray(0, boundary), 0xe9, ...head.subarray(boundary)]);
    const { stats: start, pieces } = await splitAgainstReference('invalid-start.csv', atStart, { delimiter: ',', columns: 3, target: 2, skipBytes: 0 });
    const rowsBefore = head.subarray(0, boundary).filter((c) => c === 10).length;
    expect(start.invalidUtf8?.from).toBeLessThanOrEqual(rowsBefore + 1);
    expect(start.invalidUtf8?.to).toBeGreaterThan(rowsBefore + 1);
    expect(pieces[0]?.ok && pieces[0].snapshot.invalidUtf8).toBe('unsure');
    // Latin-1 throughout: once the main thread has seen some, every piece counts as it is.
    const latin1 = new Uint8Array([...encode(filler(6))].map((c) => (c === 0x66 ? 0xe9 : c)));
    const { stats: everywhere, pieces: all } = await splitAgainstReference('latin1.csv', latin1, { delimiter: ',', columns: 3, target: 2, skipBytes: 0 });
    expect(everywhere.invalidUtf8?.from).toBe(1);
    expect(all.every((p) => p.ok)).toBe(true);
  });

  it('scans on from the meeting point when a quoted newline spans it', async () => {
    const text = `${filler(2)}\n1,"${'line\n'.repeat(60_000)}",yes\n${filler(3)}\n`;
    const { stats } = await splitAgainstReference('quoted.csv', text, { delimiter: ',', columns: 3, target: 2, skipBytes: 0 });
    expect(stats.ragged).toBe(0);
  });

  it('takes the counts at the end of the last good piece when a quoted newline spans a later piece start', async () => {
    // The quoted field spans the start of the fourth chunk (a piece start under every schedule but the first).
    let before = '';
    for (let i = 0; before.length < 3 * 2 * MiB - 100_000; i++) before += `${i},filler-row,${i % 3}\n`;
    expect(before.length).toBeLessThan(3 * 2 * MiB - 50_000);
    expect(before.length + 400_000).toBeGreaterThan(3 * 2 * MiB);
    const text = `${before}1,"${'line\n'.repeat(80_000)}",yes\n${filler(3)}\n`;
    const { stats, pieces } = await splitAgainstReference('quoted-later.csv', text, { delimiter: ',', columns: 3, target: 2, skipBytes: 0 });
    expect(stats.ragged).toBe(0);
    expect(pieces.some((p) => p.ok && !p.clean)).toBe(true);
  });

  it('starts again on one thread when the main part ends inside a row longer than the window', async () => {
    const text = `a,b\n1,"${'line\n'.repeat(1_500_000)}",yes\n2,x,no\n`;
    const { stats } = await splitAgainstReference('long.csv', text, { delimiter: ',', columns: 3, target: 2, skipBytes: 4 });
    expect(stats.longRows).toBe(1);
  });

  it('merges distinct target values up to the cap as one kernel would, or scans on when a piece has too many', async () => {
    const capped = `${rows(4000, (i) => `${i},v${i}`)}\n${rows(600_000, (i) => `${i},w${i % 200}`)}\n`;
    const { stats: merged } = await splitAgainstReference('cap.csv', capped, { delimiter: ',', columns: 2, target: 1, skipBytes: 0 });
    expect(merged.target?.counts.size).toBe(4096);
    expect(merged.target?.untracked).toBe((600_000 * 104) / 200);
    const over = `${rows(600_000, (i) => `${i},v${i % 10}`)}\n${rows(10_000, (i) => `${i},w${i}`)}\n`;
    const { stats: rescanned } = await splitAgainstReference('over.csv', over, { delimiter: ',', columns: 2, target: 1, skipBytes: 0 });
    expect(rescanned.target?.untracked).toBe(10_000 - 4086);
  });

  it('finishes a last row without a newline and reports a quote left open at the end', async () => {
    const { stats: open } = await splitAgainstReference('open.csv', `${filler(5)}\n1,"open\n2,3\n`, { delimiter: ',', columns: 3, target: 1, skipBytes: 0 });
    expect(open.unterminatedQuote).toBe(true);
    await splitAgainstReference('last.csv', filler(5), { delimiter: ',', columns: 3, skipBytes: 0 });
  });

  it('starts a new worker when the settings it was started with early turn out otherwise', async () => {
    const text = `id,name,y\n${filler(5)}\n`;
    const options = { delimiter: ',', columns: 3, target: 2, skipBytes: 10 };
    const early = { ...options, target: 1 };
    const { stats } = await splitAgainstReference('early.csv', text, options, early);
    expect(stats.target?.counts.size).toBe(3);
  });
});

describe('kernel hash table slots', () => {
  it('are where each kernel starts looking for a key (the split scan adds values there)', async () => {
    const text = rows(3000, (i) => `${i},value-${i}`);
    for (const kind of ['wasm', 'js'] as const) {
      const kernel = kind === 'wasm' ? createCsvKernel() : createJsKernel();
      if (!kernel) throw new Error('no kernel');
      const scanner = new Scanner(kernel, { delimiter: ',', columns: 2, target: 1, skipBytes: 0 }, memorySource(encode(`${text}\n`)));
      await scanner.run();
      const keys = new BigUint64Array(kernel.memory.buffer, TABLE, SLOTS * 2);
      const slotOf = kind === 'wasm' ? wasmSlot : jsSlot;
      let checked = 0;
      for (let slot = 0; slot < SLOTS; slot++) {
        const key = keys[slot * 2] ?? 0n;
        if (key === 0n) continue;
        // Linear probing: from the start slot to this one, no empty slot.
        for (let s = slotOf(key); s !== slot; s = (s + 1) % SLOTS) expect(keys[s * 2], kind).not.toBe(0n);
        checked++;
      }
      expect(checked, kind).toBe(3000);
    }
  });
});
