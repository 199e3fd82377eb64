/**
 * NumPy .npy headers (format 1.0-3.0: magic, version, a Python dict literal with descr,
 * fortran_order and shape) and the values of small 1-D label arrays; .npz members (a ZIP of
 * .npy files) are read through zip.ts without inflating more than the headers and labels.
 */
import { basename } from 'node:path';
import { UserError } from '../../errors.js';
import { at, Probe, u16le, u32le } from '../probe.js';
import type { ReportBuilder } from '../report.js';
import type { InspectOptions } from '../types.js';
import { type ArrayInfo, inferArrays, type LabelSource } from './arrays.js';
import { readMember, zipEntries } from './zip.js';

export const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

export interface NpyHeader {
  descr: string;
  /** Field names of a structured dtype. */
  fields?: string[];
  fortran: boolean;
  shape: number[];
  /** Bytes before the data. */
  dataOffset: number;
}

/** The parsed header, or a one-line reason why not. */
export function parseNpyHeader(h: Uint8Array): NpyHeader | string {
  if (!at(h, 0, NPY_MAGIC)) return 'it does not start with the NumPy magic bytes';
  const major = h[6] ?? 0;
  if (major < 1 || major > 3) return `unknown .npy format version ${major}`;
  const length = major === 1 ? u16le(h, 8) : u32le(h, 8);
  const start = major === 1 ? 10 : 12;
  if (start + length > h.length) return 'the header is truncated';
  const dict = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(h.subarray(start, start + length));
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(dict);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(dict);
  const simple = /'descr'\s*:\s*'([^']*)'/.exec(dict);
  const structured = /'descr'\s*:\s*\[(.*)\]\s*,\s*'/s.exec(dict);
  if (!shape || !fortran || (!simple && !structured)) return `the header dictionary is not readable: ${dict.slice(0, 60).trim()}`;
  const dims = (shape[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (!dims.every((d) => /^\d+L?$/.test(d))) return `the shape (${shape[1]}) is not a list of sizes`;
  const header: NpyHeader = {
    descr: simple?.[1] ?? 'structured',
    fortran: fortran[1] === 'True',
    shape: dims.map((d) => Number.parseInt(d, 10)),
    dataOffset: start + length,
  };
  if (!simple) header.fields = [...(structured?.[1] ?? '').matchAll(/\(\s*'([^']*)'/g)].map((m) => m[1] ?? '');
  return header;
}

/** Bytes per item of a simple dtype ('<f8' -> 8, '<U5' -> 20), or undefined. */
export function itemSize(descr: string): number | undefined {
  const m = /^[<>|=]?([biufcUSaMmV])(\d+)/.exec(descr);
  if (!m) return undefined;
  const n = Number(m[2]);
  return m[1] === 'U' ? 4 * n : n;
}

/** A readable dtype name: '<f4' -> float32, '|u1' -> uint8, '<U5' -> str5. */
export function dtypeName(descr: string): string {
  const m = /^[<>|=]?([biufcUSaMmV])(\d+)/.exec(descr);
  if (!m) return descr;
  const size = Number(m[2]);
  const names: Record<string, string> = {
    b: 'bool',
    i: `int${size * 8}`,
    u: `uint${size * 8}`,
    f: `float${size * 8}`,
    c: `complex${size * 8}`,
    U: `str${size}`,
    S: `bytes${size}`,
    a: `bytes${size}`,
    M: 'datetime64',
    m: 'timedelta64',
    V: `void${size}`,
  };
  return names[m[1] ?? ''] ?? descr;
}

/** The values of a 1-D array's bytes as text (labels); undefined for dtypes that are not labels. */
export function decodeValues(descr: string, bytes: Uint8Array, count: number): string[] | undefined {
  const m = /^([<>|=]?)([biufUS])(\d+)$/.exec(descr);
  if (!m) return undefined;
  const [, order, kind, sizeText] = m;
  const size = Number(sizeText);
  const le = order !== '>';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const step = kind === 'U' ? 4 * size : size;
  const n = Math.min(count, Math.floor(bytes.length / step));
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * step;
    if (kind === 'b') out[i] = bytes[o] ? 'True' : 'False';
    else if (kind === 'i' || kind === 'u') out[i] = intAt(view, o, size, kind === 'i', le);
    else if (kind === 'f') out[i] = size === 4 ? floatText(view.getFloat32(o, le)) : size === 8 ? floatText(view.getFloat64(o, le)) : '';
    else if (kind === 'S') out[i] = new TextDecoder().decode(bytes.subarray(o, o + size)).replace(/\0+$/, '');
    else {
      let s = '';
      for (let k = 0; k < size; k++) {
        const c = view.getUint32(o + 4 * k, le);
        if (c === 0) break;
        s += String.fromCodePoint(c);
      }
      out[i] = s;
    }
  }
  return out;
}

const floatText = (x: number) => (Number.isNaN(x) ? '' : String(x));

function intAt(v: DataView, o: number, size: number, signed: boolean, le: boolean): string {
  if (size === 1) return String(signed ? v.getInt8(o) : v.getUint8(o));
  if (size === 2) return String(signed ? v.getInt16(o, le) : v.getUint16(o, le));
  if (size === 4) return String(signed ? v.getInt32(o, le) : v.getUint32(o, le));
  if (size === 8) return String(signed ? v.getBigInt64(o, le) : v.getBigUint64(o, le));
  return '';
}

function headerError(path: string, member: string | undefined, why: string): UserError {
  return new UserError({ code: 'data-corrupt', file: path, message: `${member ? `the member ${member}: ` : ''}not a readable NumPy array: ${why}` });
}

function toInfo(name: string, h: NpyHeader): ArrayInfo {
  return { name, shape: h.shape, dtype: h.fields ? `structured (${h.fields.length} fields)` : dtypeName(h.descr), fields: h.fields };
}

function labelSource(h: NpyHeader, read: (length: number) => Promise<Uint8Array>): LabelSource | undefined {
  const size = itemSize(h.descr);
  if (!size || h.fields || h.shape.length === 0) return undefined;
  return async (max) => {
    const n = Math.min(max, h.shape[0] ?? 0);
    const bytes = await read(h.dataOffset + n * size);
    return decodeValues(h.descr, bytes.subarray(h.dataOffset), n);
  };
}

export async function inspectNpy(path: string, options: InspectOptions, b: ReportBuilder): Promise<void> {
  const p = await Probe.open(path);
  try {
    const h = parseNpyHeader(p.head);
    if (typeof h === 'string') throw headerError(path, undefined, h);
    b.format = 'npy';
    const name = basename(path).replace(/\.npy$/i, '');
    const info = toInfo(name, h);
    info.values = labelSource(h, (length) => p.bytes(0, length));
    await inferArrays([info], path, options, b);
  } finally {
    await p.close();
  }
}

export async function inspectNpz(path: string, options: InspectOptions, b: ReportBuilder): Promise<void> {
  const p = await Probe.open(path);
  try {
    const entries = (await zipEntries(p, path)).filter((e) => e.name.endsWith('.npy'));
    if (entries.length === 0)
      throw new UserError({ code: 'data-unsupported', file: path, message: 'a ZIP archive without .npy members: not a NumPy .npz file' });
    b.format = 'npz';
    const arrays: ArrayInfo[] = [];
    for (const e of entries.slice(0, 1000)) {
      const head = await readMember(p, path, e, 64 << 10);
      const member = e.name.replace(/\.npy$/, '');
      const h = parseNpyHeader(head);
      if (typeof h === 'string') throw headerError(path, member, h);
      const info = toInfo(member, h);
      info.values = labelSource(h, (length) => readMember(p, path, e, length));
      arrays.push(info);
    }
    if (entries.length > 1000) b.warn('arrays-truncated', `the archive has ${entries.length} arrays: only the first 1,000 were read`);
    if (entries.some((e) => e.method === 8)) b.set('compression', 'deflate');
    await inferArrays(arrays, path, options, b);
  } finally {
    await p.close();
  }
}
