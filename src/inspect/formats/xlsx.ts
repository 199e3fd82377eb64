/**
 * Excel .xlsx (Office Open XML): a ZIP of XML parts read with zip.ts and xlsx-xml.ts, streamed,
 * never whole. A sheet is a table: the first non-empty sheet by default, or --sheet NAME; title
 * rows and empty leading rows are skipped and warned about, merged header cells are reported.
 */
import { posix } from 'node:path';
import { didYouMean, UserError } from '../../errors.js';
import { sampleRows } from '../csv.js';
import { columnNames, hasHeader } from '../csv-sniff.js';
import { Probe } from '../probe.js';
import { count, fmt, list, q, type ReportBuilder } from '../report.js';
import { LabelCounter } from '../target.js';
import type { InspectOptions } from '../types.js';
import { inferTypedTable } from './typed-table.js';
import { attr, columnIndex, eachElement, rowCells, SHARED_LIMIT, textOf } from './xlsx-xml.js';
import { type ZipEntry, zipEntries, zipError } from './zip.js';

interface Sheet {
  name: string;
  entry: ZipEntry;
  hidden: boolean;
}

interface Context {
  p: Probe;
  path: string;
  entries: Map<string, ZipEntry>;
  shared: string[];
}

export const isXlsx = (names: string[]) => names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('xl/'));

export async function inspectXlsx(path: string, options: InspectOptions, b: ReportBuilder): Promise<void> {
  const p = await Probe.open(path);
  try {
    const entries = new Map((await zipEntries(p, path)).map((e) => [e.name, e]));
    b.format = 'xlsx';
    if (entries.has('xl/vbaProject.bin'))
      b.warn('macros', 'the workbook contains VBA macros (macro-enabled): they were not run; only the cell values stored in the file were read');
    const sheets = await listSheets(p, path, entries);
    b.set(
      'sheets',
      list(
        sheets.map((s) => s.name),
        8,
      ),
    );
    const ctx: Context = { p, path, entries, shared: await sharedStrings(p, path, entries, b) };
    const chosen = chooseSheet(sheets, options.sheet, path);
    for (const sheet of chosen) {
      if (await inspectSheet(ctx, sheet, options, b)) return;
    }
    throw new UserError({ code: 'data-empty', file: path, message: `every sheet is empty (${list(sheets.map((s) => q(s.name)))})` });
  } finally {
    await p.close();
  }
}

function chooseSheet(sheets: Sheet[], wanted: string | undefined, path: string): Sheet[] {
  if (!wanted) return sheets.filter((s) => !s.hidden).concat(sheets.filter((s) => s.hidden));
  const found = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
  if (found) return [found];
  const names = sheets.map((s) => s.name);
  throw new UserError({
    code: 'sheet-not-found',
    file: path,
    message: `no sheet ${q(wanted)} for --sheet; the sheets are ${list(names.map(q), 30)}`,
    hint: didYouMean(wanted, names),
  });
}

async function listSheets(p: Probe, path: string, entries: Map<string, ZipEntry>): Promise<Sheet[]> {
  const workbook = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw zipError(path, 'an Excel file without xl/workbook.xml or its relationships: the workbook is damaged (or not .xlsx)');
  const targets = new Map<string, string>();
  await eachElement(p, path, rels, 'Relationship', (xml) => {
    const id = attr(xml, 'Id');
    const target = attr(xml, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : posix.normalize(`xl/${target}`));
    return true;
  });
  const sheets: Sheet[] = [];
  await eachElement(p, path, workbook, 'sheet', (xml) => {
    const part = targets.get(attr(xml, 'r:id') ?? '');
    const entry = part ? entries.get(part) : undefined;
    if (entry) sheets.push({ name: attr(xml, 'name') ?? `sheet ${sheets.length + 1}`, entry, hidden: (attr(xml, 'state') ?? 'visible') !== 'visible' });
    return true;
  });
  if (sheets.length === 0) throw zipError(path, 'the workbook lists no worksheets (chart sheets and macro sheets are not tables)');
  return sheets;
}

async function sharedStrings(p: Probe, path: string, entries: Map<string, ZipEntry>, b: ReportBuilder): Promise<string[]> {
  const e = entries.get('xl/sharedStrings.xml');
  const out: string[] = [];
  if (!e) return out;
  let chars = 0;
  await eachElement(p, path, e, 'si', (xml) => {
    const s = textOf(xml);
    chars += s.length;
    out.push(s);
    return out.length < SHARED_LIMIT && chars < 64 << 20;
  });
  if (out.length >= SHARED_LIMIT || chars >= 64 << 20)
    b.warn('strings-truncated', `the workbook's shared strings were read up to ${fmt(out.length)}: cells using later ones read as empty`);
  return out;
}

/** Reads the sheet into the report; false when it has no non-empty row. */
async function inspectSheet(ctx: Context, sheet: Sheet, options: InspectOptions, b: ReportBuilder): Promise<boolean> {
  const head: string[][] = [];
  let leading = 0;
  const rowNumbers: number[] = [];
  let missingShared = false;
  const limit = 200;
  await eachElement(ctx.p, ctx.path, sheet.entry, 'row', (xml) => {
    const { cells, missingShared: m } = rowCells(xml, ctx.shared);
    missingShared ||= m;
    if (head.length === 0 && cells.every((c) => c.trim() === '')) {
      leading++;
      return true;
    }
    rowNumbers.push(Number(attr(xml, 'r') ?? leading + head.length + 1));
    head.push(cells);
    return head.length < limit + 1;
  });
  if (head.length === 0) return false;
  b.set('sheet', sheet.name);
  const titles = titleRows(head);
  const headerRow = rowNumbers[titles] ?? 1;
  if (headerRow > 1) {
    b.warn(
      'leading-rows',
      `sheet ${q(sheet.name)}: the table starts at row ${fmt(headerRow)}${titles > 0 ? ` (${count(titles, 'title row')} above the header skipped)` : ''}`,
    );
  }
  const body = head.slice(titles);
  const merged = await mergedHeader(ctx, sheet, headerRow);
  const header = merged.length > 0 || hasHeader(body.slice(0, 50));
  const width = Math.max(...body.slice(0, 50).map((r) => r.length));
  const names = columnNames(body[0], header, width);
  if (merged.length > 0) nameMerged(names, merged, sheet, b);
  const skip = titles + (header ? 1 : 0);
  const scan = async (target: number | undefined) => scanSheet(ctx, sheet, skip, target, names.length);
  const sampleSize = sampleRows(names.length);
  const first = await scanSheet(ctx, sheet, skip, undefined, names.length, sampleSize);
  await inferTypedTable(ctx.path, { names, sample: first.sample, rows: first.rows, scan: first.complete ? undefined : scan }, options, b);
  if (missingShared || first.missingShared) b.warn('strings-truncated', 'some cells refer to shared strings that were not read: they count as empty');
  return true;
}

/** Rows above the header with a single filled cell (a title), when the row after has more. */
function titleRows(rows: string[][]): number {
  const filled = (r: string[] | undefined) => (r ?? []).filter((c) => c.trim() !== '').length;
  let n = 0;
  while (n < Math.min(5, rows.length - 1) && filled(rows[n]) <= 1 && filled(rows[n + 1]) >= 2) n++;
  return n;
}

/** Merged ranges (0-based first and last column) that cover the header row. */
async function mergedHeader(ctx: Context, sheet: Sheet, headerRow: number): Promise<Array<[number, number, string]>> {
  // <mergeCells> follows <sheetData>, so the sheet is read again for it: only sheets up to 64 MB.
  const merged: Array<[number, number, string]> = [];
  if (sheet.entry.size > 64 << 20) return merged;
  await eachElement(ctx.p, ctx.path, sheet.entry, 'mergeCell', (xml) => {
    const ref = attr(xml, 'ref') ?? '';
    const corners = [...ref.matchAll(/([A-Z]+)(\d+)/g)];
    const [from = 0, to = from] = corners.map((m) => Number(m[2]));
    if (from <= headerRow && headerRow <= to && corners.length === 2)
      merged.push([columnIndex(corners[0]?.[1] ?? ''), columnIndex(corners[1]?.[1] ?? ''), ref]);
    return merged.length < 50;
  });
  return merged;
}

/** The columns under a merged header cell are named after it: 'response', 'response (2)'. */
function nameMerged(names: string[], merged: Array<[number, number, string]>, sheet: Sheet, b: ReportBuilder): void {
  const said: string[] = [];
  for (const [from, to, ref] of merged) {
    const owner = names[from] ?? '';
    for (let c = from + 1; c <= to && c < names.length; c++) names[c] = `${owner} (${c - from + 1})`;
    said.push(`${ref} (${q(owner)})`);
  }
  b.warn(
    'merged-header',
    `sheet ${q(sheet.name)} has merged cells in its header row: ${list(said, 4)}; the columns under each are named after it with (2), (3)...; check that they are what you think`,
  );
}

interface SheetScan {
  rows: number;
  sample: string[][];
  complete: boolean;
  missingShared: boolean;
  labels?: LabelCounter;
}

/** Data rows after `skip` table rows: counted (and the target's values) over the whole sheet, or the first `sampleSize` kept. */
async function scanSheet(ctx: Context, sheet: Sheet, skip: number, target: number | undefined, width: number, sampleSize?: number): Promise<SheetScan> {
  const out: SheetScan = { rows: 0, sample: [], complete: true, missingShared: false, labels: target === undefined ? undefined : new LabelCounter() };
  let started = false;
  let skipped = 0;
  await eachElement(ctx.p, ctx.path, sheet.entry, 'row', (xml) => {
    const { cells, missingShared } = rowCells(xml, ctx.shared);
    const empty = cells.every((c) => c.trim() === '');
    if (!started && empty) return true;
    started = true;
    if (skipped < skip) {
      skipped++;
      return true;
    }
    if (empty) return true;
    out.missingShared ||= missingShared;
    out.rows++;
    if (out.labels && target !== undefined) out.labels.add(cells[target]?.trim() === '' ? undefined : cells[target]);
    if (sampleSize !== undefined) {
      out.sample.push(Array.from({ length: width }, (_, i) => cells[i] ?? ''));
      if (out.sample.length >= sampleSize) {
        out.complete = false;
        return false;
      }
    }
    return true;
  });
  return out;
}
