/**
 * HDF5 through h5wasm (the HDF5 C library compiled to WebAssembly; its Node build reads the file
 * from disk as the library asks, never whole). The library writes its diagnostics straight to
 * file descriptor 2; they are kept off the terminal while it runs (a bad file becomes one line).
 */
import { UserError } from '../../errors.js';

type H5 = typeof import('h5wasm').default;
export type H5File = InstanceType<H5['File']>;
export type H5Group = InstanceType<H5['Group']>;
export type H5Dataset = InstanceType<H5['Dataset']>;

let h5: H5 | undefined;
/** The mutable module object (an ES namespace import is frozen), the one emscripten writes through. */
const fs = process.getBuiltinModule('node:fs') as typeof import('node:fs');

/** Runs `f` with the HDF5 library's writes to stderr (and emscripten's console messages) dropped; synchronous calls only. */
export function quiet<T>(f: () => T): T {
  const write = fs.writeSync;
  fs.writeSync = ((fd: number, ...rest: unknown[]) => {
    if (fd === 2) return typeof rest[0] === 'string' ? rest[0].length : ((rest[2] as number | undefined) ?? (rest[0] as Uint8Array).length);
    return (write as (...a: unknown[]) => number)(fd, ...rest);
  }) as typeof fs.writeSync;
  const stderr = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write; // emscripten's abort() and decoding warnings (console.error)
  try {
    return f();
  } finally {
    fs.writeSync = write;
    process.stderr.write = stderr;
  }
}

export async function openHdf5(path: string): Promise<{ file: H5File; lib: H5 }> {
  if (!h5) {
    const mod = await import('h5wasm/node').catch(() => {
      throw new UserError({
        code: 'data-unsupported',
        file: path,
        message: 'an HDF5 file, but the HDF5 reader (the h5wasm package) is not installed: npm install h5wasm',
      });
    });
    await mod.default.ready;
    h5 = mod.default;
  }
  const lib = h5;
  const file = quiet(() => new lib.File(path, 'r'));
  if (file.file_id < 0n)
    throw new UserError({ code: 'data-corrupt', file: path, message: 'an HDF5 file that the HDF5 library cannot open: truncated or damaged' });
  return { file, lib };
}

/** A readable dtype of an HDF5 dataset's metadata. */
export function dtypeOf(d: H5Dataset): string {
  const m = d.metadata;
  if (m.type === 0) return `${m.signed ? 'int' : 'uint'}${m.size * 8}`;
  if (m.type === 1) return `float${m.size * 8}`;
  if (m.type === 3) return 'string';
  if (m.type === 6) return 'compound';
  if (m.type === 8) return 'enum';
  return `type ${m.type}`;
}

/** An attribute's value as text, or undefined. */
export function attrText(o: { attrs: Record<string, { value: unknown }> }, name: string): string | undefined {
  const a = quiet(() => o.attrs[name]);
  if (!a) return undefined;
  const v = quiet(() => a.value);
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return String(v);
}

export function attrList(o: { attrs: Record<string, { value: unknown }> }, name: string): string[] {
  const a = quiet(() => o.attrs[name]);
  const v = a ? quiet(() => a.value) : undefined;
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return [v];
  return [];
}

export const isGroup = (x: unknown, lib: H5): x is H5Group => x instanceof lib.Group;
export const isDataset = (x: unknown, lib: H5): x is H5Dataset => x instanceof lib.Dataset;

/** Values of a 1-D dataset as text, read in slices ('' for NaN). */
export function values1d(d: H5Dataset, max: number): string[] {
  const n = Math.min(d.shape?.[0] ?? 0, max);
  const out: string[] = [];
  for (let start = 0; start < n; start += 1 << 20) {
    const part = quiet(() => d.slice([[start, Math.min(n, start + (1 << 20))]]));
    if (part === null || part === undefined) break;
    for (const v of Array.from(part as ArrayLike<unknown>)) out.push(typeof v === 'number' && Number.isNaN(v) ? '' : String(v));
  }
  return out;
}
