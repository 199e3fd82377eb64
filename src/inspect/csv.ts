/**
 * CSV and TSV (plain or gzip): sniff the dialect on the first bytes, profile the first rows,
 * pick the target, then count everything exactly in one streaming pass (csv-scan.ts).
 */
import { isAscii } from 'node:buffer';
import { UserError } from '../errors.js';
import { profileColumns } from './columns.js';
import { parseRecords } from './csv-parse.js';
import { CHUNK, type ScanSettings, type ScanStats, type ScanWorker, scanCsvFile, startScanWorker } from './csv-scan/index.js';
import { columnNames, hasHeader, sniffDelimiter } from './csv-sniff.js';
import { inspectEdgeList, isEdgeListTable } from './graphs.js';
import { count, fmt, type ReportBuilder } from './report.js';
import { type Head, readHead } from './source.js';
import { inferTable } from './table.js';
import type { TableFacts } from './table-facts.js';
import { guessTarget, likelyTarget, targetByOption } from './target.js';
import type { InspectOptions } from './types.js';

const SAMPLE_BYTES = 8 << 20;
const FIRST_READ = 2 << 20;
export const SAMPLE_ROWS = 10_000;
/** Rows that decide whether the first one is a header. */
const HEADER_ROWS = 50;
/** Cells kept in the sample: wide tables get fewer rows, so memory stays bounded. */
export const SAMPLE_CELLS = 200_000;

/** Rows to sample from a table `width` columns wide. */
export const sampleRows = (width: number) => Math.min(SAMPLE_ROWS, Math.max(100, Math.floor(SAMPLE_CELLS / Math.max(1, width))));
const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe' };

export interface Dialect {
  delimiter: string;
  header: boolean;
  names: string[];
  /** The sample rows (without the header). */
  rows: string[][];
  /** The sample is the whole file. */
  complete: boolean;
  /** Bytes before the first data row (BOM and header). */
  skipBytes: number;
  gzip: boolean;
}

/** Reads the first bytes (unless given) and works out the delimiter, the header and the sample rows. */
export async function readDialect(path: string, preferred?: string, first?: Head): Promise<Dialect> {
  let head = first ?? (await readHead(path, FIRST_READ));
  let guess = sniffDelimiter(head.bytes, head.complete, preferred);
  if (!head.complete && countNewlines(head.bytes, sampleRows(guess.fields) + 1) <= sampleRows(guess.fields)) {
    head = await readHead(path, SAMPLE_BYTES);
    guess = sniffDelimiter(head.bytes, head.complete, preferred);
  }
  const bom = head.bytes[0] === 0xef && head.bytes[1] === 0xbb && head.bytes[2] === 0xbf ? 3 : 0;
  const bytes = head.bytes.subarray(bom);
  const records = parseRecords(bytes, guess.delimiter, { maxRows: sampleRows(guess.fields) + 1, atEnd: head.complete, ascii: isAscii(bytes) });
  const header = hasHeader(records.rows.slice(0, HEADER_ROWS));
  const width = header ? (records.rows[0]?.length ?? 1) : guess.fields;
  return {
    delimiter: guess.delimiter,
    header,
    names: columnNames(records.rows[0], header, width),
    rows: header ? records.rows.slice(1) : records.rows,
    complete: head.complete && !records.more,
    skipBytes: bom + (header ? (records.ends[0] ?? 0) : 0),
    gzip: head.gzip,
  };
}

/**
 * The scan settings readDialect and the target choice will come to, read off the first rows
 * alone: the delimiter is sniffed from the first 64 KiB and the header from the first 50 rows
 * either way, and the target is the column guessed by name (or --target). Used to start the
 * second thread of a big file's scan while the sample is still being read and profiled; the
 * scan checks them against the final settings and starts that thread again if they differ.
 * Undefined when the first bytes do not hold enough rows to tell.
 */
function earlySettings(head: Head, path: string, options: InspectOptions, preferred: string | undefined): ScanSettings | undefined {
  if (head.complete || head.gzip) return undefined;
  const guess = sniffDelimiter(head.bytes, false, preferred);
  const bom = head.bytes[0] === 0xef && head.bytes[1] === 0xbb && head.bytes[2] === 0xbf ? 3 : 0;
  const records = parseRecords(head.bytes.subarray(bom), guess.delimiter, { maxRows: HEADER_ROWS + 1, atEnd: false });
  if (records.rows.length <= HEADER_ROWS) return undefined;
  const header = hasHeader(records.rows.slice(0, HEADER_ROWS));
  const names = columnNames(records.rows[0], header, header ? (records.rows[0]?.length ?? 1) : guess.fields);
  let target: number | undefined;
  try {
    target = options.target ? targetByOption(path, options.target, names, header).index : likelyTarget(names);
  } catch {
    return undefined; // an unknown --target column: the error is reported later, from the full dialect
  }
  return { delimiter: guess.delimiter, columns: names.length, target, skipBytes: bom + (header ? (records.ends[0] ?? 0) : 0) };
}

/** Newlines in `bytes`, counted up to `max`. */
function countNewlines(bytes: Uint8Array, max: number): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0 && n < max; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

export async function inspectCsv(path: string, b: ReportBuilder, options: InspectOptions, preferred?: string): Promise<void> {
  // A big file is scanned on two threads: the second one starts now, and scans from the end of
  // the file with the settings read off the first rows while this one reads the sample.
  const worker = startScanWorker(path);
  try {
    let head: Head | undefined;
    if (worker) {
      head = await readHead(path, FIRST_READ);
      const settings = earlySettings(head, path, options, preferred);
      if (settings) worker.start(settings);
    }
    await inspectTable(path, b, options, preferred, worker, head);
  } finally {
    worker?.stop();
  }
}

async function inspectTable(
  path: string,
  b: ReportBuilder,
  options: InspectOptions,
  preferred: string | undefined,
  worker: ScanWorker | undefined,
  head: Head | undefined,
): Promise<void> {
  const dialect = await readDialect(path, preferred, head);
  if (!options.target && isEdgeListTable(dialect, path)) {
    await inspectEdgeList(path, b, dialect);
    return;
  }
  b.format = dialect.delimiter === '\t' ? 'tsv' : 'csv';
  const profiles = profileColumns(dialect.names, dialect.rows);
  const target = options.target ? targetByOption(path, options.target, dialect.names, dialect.header) : guessTarget(profiles);
  const stats = await scanCsvFile(
    path,
    { delimiter: dialect.delimiter, columns: dialect.names.length, target: target?.index, skipBytes: dialect.skipBytes },
    worker,
  );
  if (stats.rows === 0) {
    // Nothing to infer from (and `--data` would advise on nothing): a bad input, exit 2.
    const what = dialect.header ? `a header (${count(dialect.names.length, 'column')}) but no data rows` : 'no data rows, only blank lines';
    throw new UserError({ code: 'data-empty', file: path, message: `the table has ${what}` });
  }
  const facts: TableFacts = {
    ...{ names: dialect.names, profiles, sample: dialect.rows, sampleComplete: dialect.complete && stats.longRows === 0 },
    ...{ rows: stats.rows, skippedRows: stats.longRows, empties: stats.empties },
    ...(target && stats.target ? { target: { ...target, labels: stats.target } } : {}),
  };
  inferTable(facts, b);
  describe(dialect, stats, b);
  scanWarnings(stats, dialect, b);
  if (stats.sourceError) b.warn('truncated-gzip', `${stats.sourceError}: the counts cover the ${fmt(stats.bytes)} bytes before the damage`);
}

function describe(dialect: Dialect, stats: ScanStats, b: ReportBuilder): void {
  b.set('delimiter', DELIMITER_NAMES[dialect.delimiter] ?? dialect.delimiter);
  b.set('header', dialect.header ? 'yes' : 'no');
  if (dialect.gzip) b.set('compression', 'gzip');
  b.set('bytes', stats.bytes + dialect.skipBytes);
  if (stats.blankLines > 0) b.set('blankLines', stats.blankLines);
}

function scanWarnings(stats: ScanStats, dialect: Dialect, b: ReportBuilder): void {
  const width = dialect.names.length;
  if (!dialect.header) b.warn('no-header', `no header row was recognised: the columns are called 'column 1' to 'column ${width}'`);
  if (stats.ragged > 0) {
    b.warn(
      'ragged-rows',
      `${count(stats.ragged, 'row')} ${stats.ragged === 1 ? 'does' : 'do'} not have ${width} fields (the first is data row ${fmt(stats.firstRagged)}): check the delimiter and the quoting`,
    );
  }
  if (stats.longRows > 0) {
    b.warn(
      'long-rows',
      `${count(stats.longRows, 'row')} longer than ${fmt(CHUNK / 2 ** 20)} MiB ${stats.longRows === 1 ? 'was' : 'were'} counted but not analysed (the first is data row ${fmt(stats.firstLongRow)})`,
    );
  }
  if (stats.unterminatedQuote) {
    b.warn('unterminated-quote', 'a quoted field is never closed: everything after its opening quote was read as one field; check the quoting');
  }
  if (stats.invalidUtf8) {
    const { from, to } = stats.invalidUtf8;
    b.warn(
      'invalid-utf8',
      `invalid UTF-8 bytes in data rows ${fmt(from)} to ${fmt(to)} (they read as U+FFFD): if the file is in another encoding (e.g. Latin-1), convert it with iconv -f latin1 -t utf-8`,
    );
  }
}
