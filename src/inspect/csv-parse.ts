/**
 * A JavaScript CSV record parser for the beginning of a file (sniffing and the sample rows).
 * Same quoting rules as the kernel: a quote toggles "inside quotes" wherever it is (RFC 4180
 * parity), a field that starts and ends with a quote is unquoted and its "" become ".
 */
import { Buffer } from 'node:buffer';

export interface Records {
  rows: string[][];
  /** Byte offset just after each row's line ending. */
  ends: number[];
  /** Stopped at maxRows before the end of the bytes. */
  more: boolean;
  /** Fields cut to `fieldCap` characters. */
  cutFields: number;
  /** The last row was still inside quotes at the end of the bytes. */
  openQuote: boolean;
}

export interface ParseOptions {
  maxRows: number;
  /** The bytes are the whole file: a last row without a line ending counts. */
  atEnd: boolean;
  /** Longest field kept, in bytes (longer ones are cut). */
  fieldCap?: number;
  /** The bytes are plain ASCII (decoding can skip UTF-8). */
  ascii?: boolean;
}

export function parseRecords(bytes: Uint8Array, delimiter: string, options: ParseOptions): Records {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const delim = delimiter.charCodeAt(0);
  const cap = options.fieldCap ?? 1 << 16;
  const encoding = options.ascii ? 'latin1' : 'utf8';
  const out: Records = { rows: [], ends: [], more: false, cutFields: 0, openQuote: false };
  let fields: Array<[number, number]> = [];
  let fieldStart = 0;
  let inQuotes = false;

  const endRow = (end: number, next: number) => {
    let fe = end;
    if (fe > fieldStart && buf[fe - 1] === 13) fe--;
    fields.push([fieldStart, fe]);
    const blank = fields.length === 1 && fe === fieldStart;
    if (!blank) {
      out.rows.push(fields.map(([s, e]) => decodeField(buf, s, e, cap, out, encoding)));
      out.ends.push(next);
    }
    fields = [];
    fieldStart = next;
  };

  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === 34) inQuotes = !inQuotes;
    if (inQuotes) continue;
    if (c === delim) {
      fields.push([fieldStart, i]);
      fieldStart = i + 1;
    } else if (c === 10) {
      endRow(i, i + 1);
      if (out.rows.length >= options.maxRows) {
        out.more = i + 1 < buf.length;
        return out;
      }
    }
  }
  if (options.atEnd && (fieldStart < buf.length || fields.length > 0)) {
    out.openQuote = inQuotes;
    endRow(buf.length, buf.length);
  }
  return out;
}

function decodeField(buf: Buffer, start: number, end: number, cap: number, out: Records, encoding: 'latin1' | 'utf8'): string {
  let s = start;
  let e = end;
  const quoted = e - s >= 2 && buf[s] === 34 && buf[e - 1] === 34;
  if (quoted) {
    s++;
    e--;
  }
  if (e - s > cap) {
    e = s + cap;
    out.cutFields++;
  }
  const text = buf.toString(encoding, s, e);
  return quoted && text.includes('"') ? text.replaceAll('""', '"') : text;
}
