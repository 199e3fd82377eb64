/** Delimiter and header detection for delimited text, from the first rows. */
import { parseRecords } from './csv-parse.js';
import { isMissing, isNumber } from './values.js';

export const DELIMITERS = [',', '\t', ';', '|'] as const;
const SNIFF_BYTES = 64 << 10;
const SNIFF_ROWS = 100;

export interface DelimiterGuess {
  delimiter: string;
  /** Fields in most rows. */
  fields: number;
  /** Share of rows with that number of fields. */
  consistency: number;
}

/**
 * The candidate that splits the first rows into the same number (> 1) of fields most
 * consistently; ties go to the preferred one (by file extension), then to the list order.
 */
export function sniffDelimiter(head: Uint8Array, atEnd: boolean, preferred?: string): DelimiterGuess {
  const bytes = head.subarray(0, SNIFF_BYTES);
  const complete = atEnd && head.length <= SNIFF_BYTES;
  const order = preferred ? [preferred, ...DELIMITERS.filter((d) => d !== preferred)] : [...DELIMITERS];
  let best: DelimiterGuess = { delimiter: preferred ?? ',', fields: 1, consistency: 0 };
  for (const delimiter of order) {
    const { rows } = parseRecords(bytes, delimiter, { maxRows: SNIFF_ROWS, atEnd: complete, fieldCap: 256 });
    const guess = { delimiter, ...modeOf(rows.map((r) => r.length)) };
    if (guess.fields < 2) continue;
    if (guess.consistency > best.consistency + 1e-9 || (best.fields < 2 && guess.consistency >= best.consistency)) best = guess;
  }
  return best;
}

function modeOf(counts: number[]): { fields: number; consistency: number } {
  const freq = new Map<number, number>();
  for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
  let fields = 1;
  let top = 0;
  for (const [c, n] of freq) if (n > top || (n === top && c > fields)) [fields, top] = [c, n];
  return { fields, consistency: counts.length === 0 ? 0 : top / counts.length };
}

/**
 * Is the first row a header? Votes per column: a non-numeric first cell over a numeric body is
 * a header cell; a numeric first cell is not; a first cell that reappears in its column's body
 * is a value. Text-only tables default to having a header (most do).
 */
export function hasHeader(rows: string[][]): boolean {
  const [first, ...body] = rows;
  if (!first) return false;
  if (first.some((cell, i) => isNumber(cell) || (i > 0 && cell.trim() === ''))) return false;
  let votes = 0;
  first.forEach((cell, i) => {
    const column = body.map((r) => r[i] ?? '').filter((v) => !isMissing(v));
    if (column.length === 0) return;
    const numeric = column.filter(isNumber).length / column.length;
    if (numeric >= 0.9) votes++;
    else if (column.includes(cell)) votes--;
  });
  return votes >= 0;
}

/** Header names, or "column 1".."column N" without a header; blank names get their position. */
export function columnNames(first: string[] | undefined, header: boolean, width: number): string[] {
  return Array.from({ length: width }, (_, i) => {
    const name = header ? (first?.[i] ?? '').trim() : '';
    return name === '' ? `column ${i + 1}` : name;
  });
}
