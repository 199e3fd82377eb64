/**
 * Zarr stores (v2 and v3): the JSON metadata only (.zgroup/.zarray/.zattrs or .zmetadata, or
 * zarr.json), never the chunks; arrays with named dimensions go through the gridded-field rules.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { fmt, type ReportBuilder } from '../report.js';
import type { InspectOptions } from '../types.js';
import { type ArrayInfo, inferArrays } from './arrays.js';
import { inferGridded, type Variable } from './gridded.js';
import { dtypeName } from './npy.js';

const MAX_NODES = 2000;
const MAX_JSON = 64 << 20;
type Json = Record<string, unknown>;

const exists = (p: string) =>
  stat(p).then(
    (s) => s.isFile(),
    () => false,
  );

export async function isZarr(dir: string): Promise<boolean> {
  for (const name of ['.zgroup', '.zarray', 'zarr.json', '.zmetadata']) if (await exists(join(dir, name))) return true;
  return false;
}

async function json(path: string, shown: string): Promise<Json | undefined> {
  const s = await stat(path).catch(() => undefined);
  if (!s?.isFile()) return undefined;
  if (s.size > MAX_JSON)
    throw new UserError({ code: 'data-unsupported', file: shown, message: `Zarr metadata ${path} is ${fmt(s.size)} bytes, over the ${fmt(MAX_JSON)} read` });
  try {
    const v: unknown = JSON.parse(await readFile(path, 'utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
  } catch (e) {
    throw new UserError({
      code: 'data-corrupt',
      file: shown,
      message: `the Zarr metadata ${path.slice(shown.length + 1) || path} is not valid JSON (${(e as Error).message})`,
    });
  }
}

const strings = (v: unknown) => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : '')) : undefined);
const numbers = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function toVariable(name: string, meta: Json, attrs: Json | undefined): Variable | undefined {
  const shape = numbers(meta.shape);
  if (!shape) return undefined;
  const a = attrs ?? (meta.attributes as Json | undefined) ?? {};
  const dims = strings(meta.dimension_names) ?? strings(a._ARRAY_DIMENSIONS) ?? shape.map((_, i) => `dim${i}`);
  const dtype = str(meta.data_type) ?? (typeof meta.dtype === 'string' ? dtypeName(meta.dtype) : 'structured');
  return { name, dims, shape, dtype, units: str(a.units), longName: str(a.long_name) };
}

/** Arrays of a store: from consolidated metadata when there is one, else by walking the folders. */
async function arraysOf(root: string): Promise<Variable[]> {
  const consolidated = (await json(join(root, '.zmetadata'), root))?.metadata as Json | undefined;
  const out: Variable[] = [];
  if (consolidated) {
    for (const [key, meta] of Object.entries(consolidated)) {
      if (!key.endsWith('.zarray')) continue;
      const name = key.slice(0, -'/.zarray'.length) || 'array';
      const v = toVariable(name, meta as Json, consolidated[key.replace(/\.zarray$/, '.zattrs')] as Json | undefined);
      if (v) out.push(v);
    }
    return out;
  }
  const queue: Array<[string, string]> = [[root, '']];
  const { opendir } = await import('node:fs/promises');
  for (let visited = 0; queue.length > 0 && visited < MAX_NODES; visited++) {
    const [dir, rel] = queue.shift() as [string, string];
    const v3 = await json(join(dir, 'zarr.json'), root);
    const v2 = v3 ? undefined : await json(join(dir, '.zarray'), root);
    const meta = v3?.node_type === 'array' ? v3 : v2;
    if (meta) {
      const v = toVariable(rel || 'array', meta, v2 ? await json(join(dir, '.zattrs'), root) : undefined);
      if (v) out.push(v);
      continue; // an array's folder holds chunks: never listed
    }
    if (!v3) await json(join(dir, '.zgroup'), root); // a damaged group is reported, not skipped
    for await (const e of await opendir(dir))
      if (e.isDirectory() && !e.name.startsWith('.')) queue.push([join(dir, e.name), rel ? `${rel}/${e.name}` : e.name]);
  }
  return out;
}

export async function inspectZarr(root: string, options: InspectOptions, b: ReportBuilder): Promise<void> {
  const vars = await arraysOf(root);
  b.format = 'zarr';
  if (vars.length === 0)
    throw new UserError({ code: 'data-empty', file: root, message: 'a Zarr store without arrays (no .zarray or zarr.json of an array under it)' });
  const named = vars.some((v) => !v.dims.every((d) => /^dim\d+$/.test(d)));
  if (named) {
    const coords = new Map<string, { size: number; units?: string }>();
    for (const v of vars) if (v.dims.length === 1 && v.dims[0] === v.name.split('/').pop()) coords.set(v.name, { size: v.shape[0] ?? 0, units: v.units });
    inferGridded(vars, coords, b);
    return;
  }
  const arrays: ArrayInfo[] = vars.map((v) => ({ name: v.name, shape: v.shape, dtype: v.dtype }));
  await inferArrays(arrays, root, options, b);
}
