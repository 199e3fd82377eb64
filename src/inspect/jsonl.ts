/** JSON Lines: one object per line; keys become columns, then the same table inference as CSV. */

import { UserError } from '../errors.js';
import { profileColumns } from './columns.js';
import { SAMPLE_ROWS, sampleRows } from './csv.js';
import { forEachLine, LineAssembler } from './lines.js';
import { count, fmt, type ReportBuilder } from './report.js';
import { openSource, readHead } from './source.js';
import { inferTable } from './table.js';
import { guessTarget, LabelCounter, targetByOption } from './target.js';
import type { InspectOptions } from './types.js';

const SAMPLE_BYTES = 8 << 20;
const LINE_CAP = 16 << 20;
const COLUMN_LIMIT = 500;

type Row = Record<string, unknown>;

function toCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value).slice(0, 200);
  return String(value);
}

function parseObject(text: string): Row | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Row) : undefined;
  } catch {
    return undefined;
  }
}

/** Keys in order of first appearance over the sample, and the sample as rows of cells. */
async function readSample(path: string): Promise<{ names: string[]; rows: string[][]; complete: boolean }> {
  const head = await readHead(path, SAMPLE_BYTES);
  const text = new TextDecoder().decode(head.bytes); // drops a UTF-8 BOM
  const lines = text.split('\n');
  if (!head.complete) lines.pop();
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  const objects = nonEmpty.slice(0, SAMPLE_ROWS).flatMap((l): Row[] => {
    const o = parseObject(l);
    return o ? [o] : [];
  });
  const names: string[] = [];
  const seen = new Set<string>();
  for (const key of objects.flatMap((o) => Object.keys(o))) {
    if (seen.has(key) || names.length >= COLUMN_LIMIT) continue;
    seen.add(key);
    names.push(key);
  }
  const kept = objects.slice(0, sampleRows(names.length));
  return { names, rows: kept.map((o) => names.map((n) => toCell(o[n]))), complete: head.complete && nonEmpty.length <= kept.length };
}

export async function inspectJsonl(path: string, b: ReportBuilder, options: InspectOptions): Promise<void> {
  b.format = 'jsonl';
  const sample = await readSample(path);
  const profiles = profileColumns(sample.names, sample.rows);
  const target = options.target ? targetByOption(path, options.target, sample.names, true) : guessTarget(profiles);
  const labels = new LabelCounter();
  const empties = new Array<number>(sample.names.length).fill(0);
  let rows = 0;
  let bad = 0;
  let long = 0;
  const line = new LineAssembler(LINE_CAP);
  const source = await openSource(path);
  try {
    await forEachLine(source, (buf, start, end, done) => {
      line.add(buf, start, end);
      if (!done) return;
      const { text: raw, full } = line.take();
      const text = rows === 0 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      if (text.trim() === '') return;
      rows++;
      const o = full ? parseObject(text) : undefined;
      if (!o) {
        if (full) bad++;
        else long++;
        return;
      }
      sample.names.forEach((n, i) => {
        if (toCell(o[n]) === '') empties[i] = (empties[i] ?? 0) + 1;
      });
      if (target) labels.add(toCell(o[target.name]));
    });
  } finally {
    await source.close();
  }
  if (rows === 0) throw new UserError({ code: 'data-empty', file: path, message: 'the file has no data rows (no JSON objects), only blank lines' });
  b.set('objects', rows);
  if (bad > 0)
    b.warn('invalid-lines', `${count(bad, 'line')} ${bad === 1 ? 'is' : 'are'} not a JSON object and ${bad === 1 ? 'was' : 'were'} counted as unlabelled`);
  if (long > 0)
    b.warn('long-rows', `${count(long, 'line')} longer than ${fmt(LINE_CAP / 2 ** 20)} MiB ${long === 1 ? 'was' : 'were'} counted but not analysed`);
  if (source.error) b.warn('truncated-gzip', `${source.error}: the counts cover the data before the damage`);
  labels.empty += bad;
  inferTable(
    {
      ...{ names: sample.names, profiles, sample: sample.rows, sampleComplete: sample.complete, rows, skippedRows: long, empties },
      ...(target ? { target: { ...target, labels } } : {}),
    },
    b,
  );
}
