/**
 * NetCDF 3 (classic, 64-bit offset and CDF-5): the header alone (dimensions, global and
 * variable attributes, variables), parsed here from the format's specification; no data read.
 */
import { UserError } from '../../errors.js';
import { Probe } from '../probe.js';
import { fmt, type ReportBuilder } from '../report.js';
import { inferGridded, type Variable } from './gridded.js';

const MAX_HEADER = 16 << 20;
const TYPES: Record<number, [string, number]> = {
  1: ['int8', 1],
  2: ['char', 1],
  3: ['int16', 2],
  4: ['int32', 4],
  5: ['float32', 4],
  6: ['float64', 8],
  7: ['uint8', 1],
  8: ['uint16', 2],
  9: ['uint32', 4],
  10: ['int64', 8],
  11: ['uint64', 8],
};

class Reader {
  pos = 4;
  constructor(
    private readonly b: Uint8Array,
    private readonly v: DataView,
    private readonly wide: boolean,
    private readonly path: string,
  ) {}
  need(n: number): void {
    if (this.pos + n > this.b.length)
      throw corrupt(this.path, `the header ends early (at byte ${fmt(this.pos)}): truncated, or longer than ${fmt(MAX_HEADER)} bytes`);
  }
  u32(): number {
    this.need(4);
    const x = this.v.getUint32(this.pos);
    this.pos += 4;
    return x;
  }
  count(): number {
    if (!this.wide) return this.u32();
    this.need(8);
    const x = Number(this.v.getBigUint64(this.pos));
    this.pos += 8;
    return x;
  }
  name(): string {
    const n = this.count();
    if (n > 65_536) throw corrupt(this.path, `a name of ${fmt(n)} bytes at byte ${fmt(this.pos)}`);
    this.need(n);
    const s = new TextDecoder().decode(this.b.subarray(this.pos, this.pos + n));
    this.pos += n + ((4 - (n % 4)) % 4);
    return s;
  }
  /** Attributes: text values kept (units, long_name, title), others skipped. */
  attributes(): Map<string, string> {
    const out = new Map<string, string>();
    const tag = this.u32();
    const n = this.count();
    if (tag === 0 && n === 0) return out;
    if (tag !== 0x0c) throw corrupt(this.path, `expected an attribute list at byte ${fmt(this.pos - 8)}`);
    for (let i = 0; i < n; i++) {
      const name = this.name();
      const type = this.u32();
      const size = TYPES[type]?.[1];
      if (!size) throw corrupt(this.path, `attribute ${name} has an unknown type ${type}`);
      const length = this.count() * size;
      this.need(length);
      if (type === 2) out.set(name, new TextDecoder().decode(this.b.subarray(this.pos, this.pos + length)).replace(/\0+$/, ''));
      this.pos += length + ((4 - (length % 4)) % 4);
    }
    return out;
  }
  offset(): number {
    if (this.b[3] === 1) return this.u32();
    this.need(8);
    const x = Number(this.v.getBigUint64(this.pos));
    this.pos += 8;
    return x;
  }
}

const corrupt = (path: string, message: string) => new UserError({ code: 'data-corrupt', file: path, message: `not a readable NetCDF 3 file: ${message}` });

export async function inspectNetcdf3(path: string, b: ReportBuilder): Promise<void> {
  const p = await Probe.open(path);
  let bytes: Uint8Array;
  try {
    bytes = await p.bytes(0, Math.min(p.size, MAX_HEADER));
  } finally {
    await p.close();
  }
  const version = bytes[3];
  if (version !== 1 && version !== 2 && version !== 5) throw corrupt(path, `unknown version byte ${version}`);
  const r = new Reader(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), version === 5, path);
  const records = r.count();
  const dims: Array<{ name: string; size: number }> = [];
  const dimTag = r.u32();
  const nDims = r.count();
  if (dimTag !== 0x0a && !(dimTag === 0 && nDims === 0)) throw corrupt(path, 'expected the dimension list after the record count');
  for (let i = 0; i < nDims && i < 10_000; i++) {
    const name = r.name();
    const size = r.count();
    dims.push({ name, size: size === 0 ? records : size });
  }
  const global = r.attributes();
  const varTag = r.u32();
  const nVars = r.count();
  if (varTag !== 0x0b && !(varTag === 0 && nVars === 0)) throw corrupt(path, 'expected the variable list after the global attributes');
  const vars: Variable[] = [];
  for (let i = 0; i < nVars && i < 10_000; i++) {
    const name = r.name();
    const n = r.count();
    const ids = Array.from({ length: Math.min(n, 1024) }, () => r.count());
    const attrs = r.attributes();
    const type = r.u32();
    r.count();
    r.offset();
    const vd = ids.map((id) => dims[id] ?? { name: `dim${id}`, size: 0 });
    vars.push({
      name,
      dims: vd.map((d) => d.name),
      shape: vd.map((d) => d.size),
      dtype: TYPES[type]?.[0] ?? `type ${type}`,
      units: attrs.get('units'),
      longName: attrs.get('long_name'),
    });
  }
  b.format = 'netcdf3';
  b.set('version', version === 1 ? 'classic' : version === 2 ? '64-bit offset' : 'CDF-5');
  const title = global.get('title');
  if (title) b.set('title', title.slice(0, 80));
  const coords = new Map<string, { size: number; units?: string }>();
  for (const v of vars) if (v.dims.length === 1 && v.dims[0] === v.name) coords.set(v.name, { size: v.shape[0] ?? 0, units: v.units });
  inferGridded(vars, coords, b);
}
