/**
 * Streaming lines in bounded memory. A line longer than CARRY_LIMIT is handed over in pieces
 * (`done` false until its last piece), so a single enormous line never has to be held.
 */
import { Buffer } from 'node:buffer';
import type { ByteSource } from './source.js';

const CHUNK = 1 << 20;
const CARRY_LIMIT = 64 << 10;

/** One line, or one piece of a long line: buf[start, end) without the line ending. Returning 'stop' stops early. */
export type LineHandler = (buf: Buffer, start: number, end: number, done: boolean) => unknown;

/** Calls `onLine` for every line of the source; returns the bytes read. Stops early on 'stop'. */
export async function forEachLine(source: ByteSource, onLine: LineHandler): Promise<number> {
  const buf = Buffer.allocUnsafe(CHUNK + CARRY_LIMIT);
  let filled = 0;
  let bytes = 0;
  let open = false;
  for (;;) {
    const n = await source.read(buf, filled, CHUNK);
    bytes += n;
    const end = filled + n;
    const view = buf.subarray(0, end);
    let pos = 0;
    for (let nl = view.indexOf(10, pos); nl !== -1; nl = view.indexOf(10, pos)) {
      const lineEnd = nl > pos && buf[nl - 1] === 13 ? nl - 1 : nl;
      open = false;
      if (onLine(buf, pos, lineEnd, true) === 'stop') return bytes;
      pos = nl + 1;
    }
    if (n === 0) {
      if (pos < end || open) onLine(buf, pos, end, true);
      return bytes;
    }
    if (end - pos > CARRY_LIMIT) {
      open = true;
      if (onLine(buf, pos, end, false) === 'stop') return bytes;
      pos = end;
    }
    buf.copyWithin(0, pos, end);
    filled = end - pos;
  }
}

/** Collects a line's pieces up to `cap` bytes; `full` tells whether it was cut. */
export class LineAssembler {
  private parts: Buffer[] = [];
  private length = 0;
  total = 0;

  constructor(private readonly cap: number) {}

  add(buf: Buffer, start: number, end: number): void {
    this.total += end - start;
    const room = this.cap - this.length;
    if (room <= 0) return;
    const piece = buf.subarray(start, Math.min(end, start + room));
    this.parts.push(Buffer.from(piece));
    this.length += piece.length;
  }

  /** The assembled line, then reset. */
  take(): { text: string; full: boolean; total: number } {
    const text = Buffer.concat(this.parts, this.length).toString('utf8');
    const result = { text, full: this.total <= this.cap, total: this.total };
    this.parts = [];
    this.length = 0;
    this.total = 0;
    return result;
  }
}
