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
  /** The bytes are plain ASCII (no need to look for UTF-8 sequences). */
  ascii?: boolean;
}

const NON_ASCII = /[\x80-\xff]/g;

/** Bytes decoded at first; more as the rows need (most samples take far less than the bytes given). */
const FIRST_WINDOW = 64 << 10;

/**
 * The bytes are read as latin1 text (one character per byte, so string offsets are byte offsets):
 * the delimiters, quotes and newlines (all ASCII) are found with the string's native indexOf, and
 * an ASCII field is a slice of that text. This runs once per process, mostly before the JIT has
 * compiled it, where a byte-by-byte loop, a [start, end] pair per field and a Buffer.toString call
 * per field (the previous design) cost several times more. Fields are slices that keep their text
 * alive, so the text is decoded in windows, as far as the rows need.
 */
export function parseRecords(bytes: Uint8Array, delimiter: string, options: ParseOptions): Records {
  // The search below treats quotes and line endings apart: none of them can be the delimiter.
  if (delimiter.length !== 1 || '"\n\r'.includes(delimiter)) throw new Error(`unsupported CSV delimiter ${JSON.stringify(delimiter)}`);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = buf.length;
  let len = Math.min(size, FIRST_WINDOW);
  let text = buf.toString('latin1', 0, len);
  const cap = options.fieldCap ?? 1 << 16;
  const out: Records = { rows: [], ends: [], more: false, cutFields: 0, openQuote: false };
  /** The next non-ASCII byte at or after the last place asked about (len: none in the text so far). */
  let nonAscii = options.ascii ? size : -1;
  const asciiBetween = (start: number, end: number) => {
    if (nonAscii < start) {
      NON_ASCII.lastIndex = start;
      nonAscii = NON_ASCII.exec(text)?.index ?? len;
    }
    return nonAscii >= end;
  };
  const find = (what: string, from: number) => {
    const i = text.indexOf(what, from);
    return i < 0 ? len : i;
  };
  /** Fields cut in the current row: they count once the row is complete. */
  let rowCuts = 0;
  /** A field; only one with a quote in it can be quoted. */
  const decode = (start: number, end: number, hasQuote: boolean): string => {
    let s = start;
    let e = end;
    const quoted = hasQuote && e - s >= 2 && text.charCodeAt(s) === 34 && text.charCodeAt(e - 1) === 34;
    if (quoted) {
      s++;
      e--;
    }
    if (e - s > cap) {
      e = s + cap;
      rowCuts++;
    }
    // ASCII bytes read the same in latin1 and UTF-8; only fields with other bytes need UTF-8.
    const value = asciiBetween(s, e) ? text.slice(s, e) : buf.toString('utf8', s, e);
    return quoted && value.includes('"') ? value.replaceAll('""', '"') : value;
  };

  // The fields of the current row; each finished row is an exact-size copy (push grows an array to 16 slots).
  const row: string[] = [];
  let rowStart = 0;
  let fieldStart = 0;
  let fieldQuote = false;
  let inQuotes = false;
  const endRow = (end: number, next: number) => {
    let fe = end;
    if (fe > fieldStart && text.charCodeAt(fe - 1) === 13) fe--;
    // A blank line (one empty field) is not a row.
    if (row.length > 0 || fe > fieldStart) {
      row.push(decode(fieldStart, fe, fieldQuote));
      out.rows.push(row.slice());
      out.ends.push(next);
      out.cutFields += rowCuts;
      row.length = 0;
      rowCuts = 0;
    }
    rowStart = fieldStart = next;
    fieldQuote = false;
  };

  // The next delimiter, newline and quote at or after `pos`, each searched again only once passed.
  let pos = 0;
  let nextDelim = -1;
  let nextNewline = -1;
  let nextQuote = -1;
  /** Decodes more of the bytes (from 0: offsets stay the same) and starts the unfinished row again. */
  const widen = () => {
    const perRow = out.rows.length > 0 ? rowStart / out.rows.length : len;
    len = Math.min(size, Math.max(2 * len, Math.ceil(rowStart + 1.2 * perRow * (options.maxRows - out.rows.length)) + FIRST_WINDOW));
    text = buf.toString('latin1', 0, len);
    pos = fieldStart = rowStart;
    nextDelim = nextNewline = nextQuote = -1;
    if (!options.ascii) nonAscii = -1;
    row.length = rowCuts = 0;
    fieldQuote = inQuotes = false;
  };
  for (;;) {
    if (nextNewline < pos) nextNewline = find('\n', pos);
    if (nextQuote < pos) nextQuote = find('"', pos);
    if (nextDelim < pos) nextDelim = find(delimiter, pos);
    if (nextQuote < nextDelim && nextQuote < nextNewline) {
      // Delimiters and newlines do not count until the closing quote.
      const close = find('"', nextQuote + 1);
      if (close < len) {
        pos = close + 1;
        fieldQuote = true;
      } else if (len < size) widen();
      else {
        inQuotes = true;
        break;
      }
    } else if (nextDelim < nextNewline) {
      row.push(decode(fieldStart, nextDelim, fieldQuote));
      fieldStart = pos = nextDelim + 1;
      fieldQuote = false;
    } else if (nextNewline < len) {
      pos = nextNewline + 1;
      endRow(nextNewline, pos);
      if (out.rows.length >= options.maxRows) {
        out.more = pos < size;
        return out;
      }
    } else if (len < size) widen();
    else break;
  }
  if (options.atEnd && (fieldStart < len || row.length > 0)) {
    out.openQuote = inQuotes;
    endRow(len, len);
  }
  return out;
}
