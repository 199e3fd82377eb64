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
  return new RecordParser(bytes, delimiter, options).parse();
}

/** One parse: the text decoded so far, the row being read, and the search positions. */
class RecordParser {
  private readonly buf: Buffer;
  private readonly size: number;
  private len: number;
  private text: string;
  private readonly cap: number;
  private readonly out: Records = { rows: [], ends: [], more: false, cutFields: 0, openQuote: false };
  /** The next non-ASCII byte at or after the last place asked about (len: none in the text so far). */
  private nonAscii: number;
  /** Fields cut in the current row: they count once the row is complete. */
  private rowCuts = 0;
  // The fields of the current row; each finished row is an exact-size copy (push grows an array to 16 slots).
  private readonly row: string[] = [];
  private rowStart = 0;
  private fieldStart = 0;
  private fieldQuote = false;
  private inQuotes = false;
  // The next delimiter, newline and quote at or after `pos`, each searched again only once passed.
  private pos = 0;
  private nextDelim = -1;
  private nextNewline = -1;
  private nextQuote = -1;

  constructor(
    bytes: Uint8Array,
    private readonly delimiter: string,
    private readonly options: ParseOptions,
  ) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.size = this.buf.length;
    this.len = Math.min(this.size, FIRST_WINDOW);
    this.text = this.buf.toString('latin1', 0, this.len);
    this.cap = options.fieldCap ?? 1 << 16;
    this.nonAscii = options.ascii ? this.size : -1;
  }

  parse(): Records {
    const out = this.out;
    for (;;) {
      const pos = this.pos;
      if (this.nextNewline < pos) this.nextNewline = this.find('\n', pos);
      if (this.nextQuote < pos) this.nextQuote = this.find('"', pos);
      if (this.nextDelim < pos) this.nextDelim = this.find(this.delimiter, pos);
      const { nextDelim, nextNewline, nextQuote } = this;
      if (nextQuote < nextDelim && nextQuote < nextNewline) {
        // Delimiters and newlines do not count until the closing quote.
        const close = this.find('"', nextQuote + 1);
        if (close < this.len) {
          this.pos = close + 1;
          this.fieldQuote = true;
        } else if (this.len < this.size) this.widen();
        else {
          this.inQuotes = true;
          break;
        }
      } else if (nextDelim < nextNewline) {
        this.row.push(this.decode(this.fieldStart, nextDelim, this.fieldQuote));
        this.fieldStart = this.pos = nextDelim + 1;
        this.fieldQuote = false;
      } else if (nextNewline < this.len) {
        this.pos = nextNewline + 1;
        this.endRow(nextNewline, this.pos);
        if (out.rows.length >= this.options.maxRows) {
          out.more = this.pos < this.size;
          return out;
        }
      } else if (this.len < this.size) this.widen();
      else break;
    }
    if (this.options.atEnd && (this.fieldStart < this.len || this.row.length > 0)) {
      out.openQuote = this.inQuotes;
      this.endRow(this.len, this.len);
    }
    return out;
  }

  private asciiBetween(start: number, end: number): boolean {
    if (this.nonAscii < start) {
      NON_ASCII.lastIndex = start;
      this.nonAscii = NON_ASCII.exec(this.text)?.index ?? this.len;
    }
    return this.nonAscii >= end;
  }

  private find(what: string, from: number): number {
    const i = this.text.indexOf(what, from);
    return i < 0 ? this.len : i;
  }

  /** A field; only one with a quote in it can be quoted. */
  private decode(start: number, end: number, hasQuote: boolean): string {
    let s = start;
    let e = end;
    const text = this.text;
    const quoted = hasQuote && e - s >= 2 && text.charCodeAt(s) === 34 && text.charCodeAt(e - 1) === 34;
    if (quoted) {
      s++;
      e--;
    }
    if (e - s > this.cap) {
      e = s + this.cap;
      this.rowCuts++;
    }
    // ASCII bytes read the same in latin1 and UTF-8; only fields with other bytes need UTF-8.
    const value = this.asciiBetween(s, e) ? text.slice(s, e) : this.buf.toString('utf8', s, e);
    return quoted && value.includes('"') ? value.replaceAll('""', '"') : value;
  }

  private endRow(end: number, next: number): void {
    let fe = end;
    if (fe > this.fieldStart && this.text.charCodeAt(fe - 1) === 13) fe--;
    // A blank line (one empty field) is not a row.
    if (this.row.length > 0 || fe > this.fieldStart) {
      this.row.push(this.decode(this.fieldStart, fe, this.fieldQuote));
      this.out.rows.push(this.row.slice());
      this.out.ends.push(next);
      this.out.cutFields += this.rowCuts;
      this.row.length = 0;
      this.rowCuts = 0;
    }
    this.rowStart = this.fieldStart = next;
    this.fieldQuote = false;
  }

  /** Decodes more of the bytes (from 0: offsets stay the same) and starts the unfinished row again. */
  private widen(): void {
    const { out, rowStart, options } = this;
    const perRow = out.rows.length > 0 ? rowStart / out.rows.length : this.len;
    const wanted = Math.ceil(rowStart + 1.2 * perRow * (options.maxRows - out.rows.length)) + FIRST_WINDOW;
    this.len = Math.min(this.size, Math.max(2 * this.len, wanted));
    this.text = this.buf.toString('latin1', 0, this.len);
    this.pos = this.fieldStart = rowStart;
    this.nextDelim = this.nextNewline = this.nextQuote = -1;
    if (!options.ascii) this.nonAscii = -1;
    this.row.length = this.rowCuts = 0;
    this.fieldQuote = this.inQuotes = false;
  }
}
