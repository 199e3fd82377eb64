import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanOptions, ScanStats } from '../../src/inspect/csv-scan.js';
import { scanCsv } from '../../src/inspect/csv-scan.js';
import { type ScanWorker, scanCsvFile, startScanWorker } from '../../src/inspect/csv-scan-parallel.js';
import { openSource } from '../../src/inspect/source.js';

const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const comparable = (s: ScanStats) => ({
  ...s,
  kernel: undefined,
  target: s.target && { ...s.target, counts: [...s.target.counts] },
});

/**
 * The split scan (two threads, forced: the files are a few MB, the split needs two 2 MiB reads)
 * against the one-thread JavaScript reference. Returns the stats and whether the worker's
 * counts were used.
 */
async function splitAgainstReference(name: string, text: string | Uint8Array, options: Omit<ScanOptions, 'kernel'>) {
  const path = join(dir, name);
  writeFileSync(path, text);
  const started = startScanWorker(path, 0);
  expect(started).toBeDefined();
  let ran = false;
  const worker: ScanWorker = {
    ...(started as ScanWorker),
    run(job) {
      ran = true;
      return (started as ScanWorker).run(job);
    },
  };
  const split = await scanCsvFile(path, options, worker);
  const source = await openSource(path);
  const reference = await scanCsv(source, { ...options, kernel: 'js' }).finally(() => source.close());
  expect(split.kernel).toBe('wasm');
  expect(comparable(split)).toEqual(comparable(reference));
  expect(ran).toBe(true);
  return split;
}

const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\n');
/** About `mb` MB of plain rows. */
const filler = (mb: number) => rows(Math.round((mb * 1e6) / 20), (i) => `${i},filler-row,${i % 3}`);

describe('CSV scan split across two threads', () => {
  it('adds up to the one-thread counts: quotes, empty fields, ragged rows, CRLF, target values', async () => {
    const text = `id,site,note,y\n${rows(200_000, (i) => `${i},"Paris, FR",${i % 5 ? '"say ""hi"""' : ''},${['a', 'bb', '', 'NA', '"c"'][i % 5]}${i % 997 ? '' : ',extra'}${i % 3 ? '' : '\r'}`)}\n`;
    const stats = await splitAgainstReference('mixed.csv', text, { delimiter: ',', columns: 4, target: 3, skipBytes: 15 });
    expect(stats.rows).toBe(200_000);
    expect(stats.ragged).toBe(Math.ceil(200_000 / 997));
  });

  it('numbers the first ragged row of the second half in the file; invalid UTF-8 there is scanned on one thread', async () => {
    const text = `${filler(3)}\n${filler(3).replace('\n7,', '\n7,x,')}\n`;
    const ragged = await splitAgainstReference('ragged.csv', text, { delimiter: ',', columns: 3, target: 2, skipBytes: 0 });
    expect(ragged.firstRagged).toBe(150_008);
    const bad = new Uint8Array([...new TextEncoder().encode(`${filler(5)}\n1,`), 0xff, 0x0a]);
    const invalid = await splitAgainstReference('invalid.csv', bad, { delimiter: ',', columns: 2, target: 1, skipBytes: 0 });
    expect(invalid.invalidUtf8?.to).toBe(invalid.rows);
  });

  it('scans on from the split when a quoted newline spans it', async () => {
    const text = `${filler(2)}\n1,"${'line\n'.repeat(60_000)}",yes\n${filler(3)}\n`;
    const stats = await splitAgainstReference('quoted.csv', text, { delimiter: ',', columns: 3, target: 2, skipBytes: 0 });
    expect(stats.ragged).toBe(0);
  });

  it('starts again on one thread when the first part ends inside a row longer than the window', async () => {
    const text = `a,b\n1,"${'line\n'.repeat(1_500_000)}",yes\n2,x,no\n`;
    const stats = await splitAgainstReference('long.csv', text, { delimiter: ',', columns: 3, target: 2, skipBytes: 4 });
    expect(stats.longRows).toBe(1);
  });

  it('merges distinct target values up to the cap as one kernel would, or scans on when the second part has too many', async () => {
    const capped = `${rows(4000, (i) => `${i},v${i}`)}\n${rows(600_000, (i) => `${i},w${i % 200}`)}\n`;
    const merged = await splitAgainstReference('cap.csv', capped, { delimiter: ',', columns: 2, target: 1, skipBytes: 0 });
    expect(merged.target?.counts.size).toBe(4096);
    expect(merged.target?.untracked).toBe((600_000 * 104) / 200);
    const over = `${rows(600_000, (i) => `${i},v${i % 10}`)}\n${rows(10_000, (i) => `${i},w${i}`)}\n`;
    const rescanned = await splitAgainstReference('over.csv', over, { delimiter: ',', columns: 2, target: 1, skipBytes: 0 });
    expect(rescanned.target?.untracked).toBe(10_000 - 4086);
  });

  it('finishes a last row without a newline and reports a quote left open at the end', async () => {
    const open = await splitAgainstReference('open.csv', `${filler(5)}\n1,"open\n2,3\n`, { delimiter: ',', columns: 3, target: 1, skipBytes: 0 });
    expect(open.unterminatedQuote).toBe(true);
    await splitAgainstReference('last.csv', filler(5), { delimiter: ',', columns: 3, skipBytes: 0 });
  });
});
