/** FITS binary tables (BINTABLE): the first rows and the target column, decoded from TFORMn (big-endian). */
import { sampleRows } from '../csv.js';
import type { Probe } from '../probe.js';
import { LabelCounter, type LabelCounts } from '../target.js';
import type { Hdu } from './fits.js';
import type { TypedTable } from './typed-table.js';

const SIZES: Record<string, number> = { L: 1, B: 1, I: 2, J: 4, K: 8, A: 1, E: 4, D: 8, C: 8, M: 16, P: 8, Q: 16 };
/** Target values are counted over at most this many rows (the count says so when there are more). */
export const TARGET_ROWS = 10_000_000;
const CHUNK = 4 << 20;

interface Field {
  code: string;
  repeat: number;
  offset: number;
  width: number;
}

/** Byte layout of the columns, or undefined when a TFORM is not understood. */
export function fields(h: Hdu): Field[] | undefined {
  const out: Field[] = [];
  let offset = 0;
  for (let i = 0; i < h.columns.length; i++) {
    const m = /^(\d*)([LXBIJKAEDCMPQ])/.exec((h.cards.get(`TFORM${i + 1}`) ?? '').trim());
    if (!m) return undefined;
    const repeat = m[1] === '' ? 1 : Number(m[1]);
    const code = m[2] ?? 'A';
    const width = code === 'X' ? Math.ceil(repeat / 8) : repeat * (SIZES[code] ?? 1);
    out.push({ code, repeat, offset, width });
    offset += width;
  }
  return out;
}

function cell(v: DataView, bytes: Uint8Array, at: number, f: Field): string {
  if (f.code === 'A') return new TextDecoder('latin1').decode(bytes.subarray(at, at + f.repeat)).replace(/[\0 ]+$/, '');
  if (f.repeat !== 1) return f.repeat === 0 ? '' : `<${f.repeat} values>`;
  switch (f.code) {
    case 'L':
      return bytes[at] === 0x54 ? 'True' : bytes[at] === 0x46 ? 'False' : '';
    case 'B':
      return String(bytes[at]);
    case 'I':
      return String(v.getInt16(at));
    case 'J':
      return String(v.getInt32(at));
    case 'K':
      return String(v.getBigInt64(at));
    case 'E': {
      const x = v.getFloat32(at);
      return Number.isNaN(x) ? '' : String(x);
    }
    case 'D': {
      const x = v.getFloat64(at);
      return Number.isNaN(x) ? '' : String(x);
    }
    default:
      return `<${f.code}>`;
  }
}

function decode(bytes: Uint8Array, rowBytes: number, layout: Field[], only?: number): string[][] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rows: string[][] = [];
  for (let at = 0; at + rowBytes <= bytes.length; at += rowBytes) {
    rows.push(
      only === undefined ? layout.map((f) => cell(v, bytes, at + f.offset, f)) : [cell(v, bytes, at + (layout[only] as Field).offset, layout[only] as Field)],
    );
  }
  return rows;
}

/** The table of a BINTABLE HDU: its first rows and a reader of one column over every row. */
export async function fitsTable(p: Probe, h: Hdu, dataOffset: number): Promise<TypedTable> {
  const rowBytes = h.axes[0] ?? 0;
  const rows = h.axes[1] ?? 0;
  const layout = fields(h);
  if (!layout || rowBytes === 0 || h.type !== 'bintable') return { names: h.columns, sample: [], rows };
  const n = Math.min(rows, sampleRows(h.columns.length));
  const sample = decode(await p.bytes(dataOffset, n * rowBytes), rowBytes, layout);
  const targetValues = async (index: number): Promise<LabelCounts> => {
    const counter = new LabelCounter();
    const perChunk = Math.max(1, Math.floor(CHUNK / rowBytes));
    for (let r = 0; r < Math.min(rows, TARGET_ROWS); r += perChunk) {
      const bytes = await p.bytes(dataOffset + r * rowBytes, Math.min(perChunk, rows - r) * rowBytes);
      for (const [value] of decode(bytes, rowBytes, layout, index)) counter.add(value === '' ? undefined : value);
      if (bytes.length < perChunk * rowBytes) break;
    }
    counter.untracked += Math.max(0, rows - TARGET_ROWS);
    return counter;
  };
  return { names: h.columns, sample, rows, targetValues };
}
