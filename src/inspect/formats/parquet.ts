/**
 * Parquet (hyparquet, pure JavaScript; hyparquet-compressors for gzip, zstd, brotli, lz4): the
 * footer gives the schema and the exact row count at once; the sample comes from the first rows,
 * the target's values from its column chunks only, one row group at a time.
 */
import { UserError } from '../../errors.js';
import { sampleRows } from '../csv.js';
import { at, Probe } from '../probe.js';
import { fmt, type ReportBuilder } from '../report.js';
import { LabelCounter, type LabelCounts } from '../target.js';
import type { InspectOptions } from '../types.js';
import { cellText, inferTypedTable } from './typed-table.js';

const corrupt = (path: string, message: string) => new UserError({ code: 'data-corrupt', file: path, message: `not a readable Parquet file: ${message}` });

export async function inspectParquet(path: string, options: InspectOptions, b: ReportBuilder): Promise<void> {
  const p = await Probe.open(path, 8);
  try {
    const tail = await p.bytes(Math.max(0, p.size - 8), 8);
    if (p.size < 12 || !at(tail, 4, 'PAR1')) throw corrupt(path, 'the footer is missing (the file does not end with PAR1: truncated while it was written?)');
  } finally {
    await p.close();
  }
  const [{ asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema }, { compressors }] = await Promise.all([
    import('hyparquet'),
    import('hyparquet-compressors'),
  ]);
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file).catch((e: unknown) => {
    throw corrupt(path, `the footer does not parse (${(e as Error).message})`);
  });
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  const rows = Number(metadata.num_rows);
  b.format = 'parquet';
  b.set('rowGroups', metadata.row_groups.length);
  if (metadata.created_by) b.set('createdBy', metadata.created_by.slice(0, 80));
  const read = (columns: string[] | undefined, rowStart: number, rowEnd: number) =>
    new Promise<unknown[][]>((resolve, reject) => {
      parquetRead({ file, metadata, columns, rowStart, rowEnd, compressors, onComplete: resolve }).catch(reject);
    }).catch((e: unknown) => {
      throw corrupt(path, `rows ${fmt(rowStart + 1)} to ${fmt(rowEnd)} do not decode (${(e as Error).message})`);
    });
  const sample = (await read(undefined, 0, Math.min(rows, sampleRows(names.length)))).map((row) => names.map((_, i) => cellText(row[i])));
  const targetValues = async (index: number): Promise<LabelCounts> => {
    const counter = new LabelCounter();
    const column = names[index] ?? '';
    let start = 0;
    for (const group of metadata.row_groups) {
      const end = start + Number(group.num_rows);
      for (const [v] of await read([column], start, end)) {
        const text = cellText(v);
        counter.add(text === '' ? undefined : text);
      }
      start = end;
    }
    return counter;
  };
  await inferTypedTable(path, { names, sample, rows, targetValues }, options, b);
}
