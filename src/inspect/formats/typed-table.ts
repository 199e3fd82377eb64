/**
 * Tables read from typed formats (Parquet, Excel, FITS tables, AnnData obs, structured NumPy
 * arrays): the sample rows as text go through the same profiling and table inference as CSV.
 */
import { profileColumns } from '../columns.js';
import type { ReportBuilder } from '../report.js';
import { inferTable } from '../table.js';
import type { TableFacts } from '../table-facts.js';
import { guessTarget, LabelCounter, type LabelCounts, targetByOption } from '../target.js';
import type { InspectOptions } from '../types.js';

export interface TypedTable {
  names: string[];
  /** The first rows, as text ('' for missing cells). */
  sample: string[][];
  /** Exact row count. */
  rows: number;
  /** Counts the target column's values over every row (bounded by the reader). */
  targetValues?: (index: number) => Promise<LabelCounts>;
  /** Formats without a row count up front: one pass over every row, counting them and the target's values. */
  scan?: (target: number | undefined) => Promise<{ rows: number; labels?: LabelCounts }>;
}

/** A cell value as the CSV profiler sees it. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isNaN(v) ? '' : String(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return `<${v.length} bytes>`;
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x)) ?? '';
  } catch {
    return String(v);
  }
}

/** Label counts of the sample's column, for readers that only have the sample. */
export function sampleLabels(sample: string[][], index: number): LabelCounts {
  const counter = new LabelCounter();
  for (const row of sample) counter.add(row[index] === '' ? undefined : row[index]);
  return counter;
}

export async function inferTypedTable(path: string, t: TypedTable, options: InspectOptions, b: ReportBuilder): Promise<void> {
  const profiles = profileColumns(t.names, t.sample);
  const target = options.target ? targetByOption(path, options.target, t.names, true) : guessTarget(profiles);
  let labels: LabelCounts | undefined;
  let rows = t.rows;
  if (t.scan) ({ rows, labels } = await t.scan(target?.index));
  else if (target) labels = await (t.targetValues ?? (async (i: number) => sampleLabels(t.sample, i)))(target.index);
  const facts: TableFacts = {
    names: t.names,
    profiles,
    sample: t.sample,
    sampleComplete: t.sample.length >= rows,
    rows,
    skippedRows: 0,
    ...(target && labels ? { target: { ...target, labels } } : {}),
  };
  if (rows === 0) {
    b.set('rows', 0);
    b.set('columns', t.names.length);
    b.infer('modality', 'tabular', `a table with ${t.names.length} columns`, 'likely');
    b.warn('no-rows', 'the table has no rows');
    return;
  }
  inferTable(facts, b);
}
