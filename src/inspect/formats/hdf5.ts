/**
 * HDF5 files: AnnData (.h5ad) by its layout, NetCDF 4 (HDF5 with dimension scales) as named
 * variables, and any other HDF5 file as its datasets' shapes and dtypes (read like NumPy arrays).
 */
import { fmt, type ReportBuilder } from '../report.js';
import type { InspectOptions } from '../types.js';
import { inspectAnnData } from './anndata.js';
import { type ArrayInfo, inferArrays } from './arrays.js';
import { inferGridded, type Variable } from './gridded.js';
import { attrText, dtypeOf, type H5Dataset, type H5File, type H5Group, isDataset, isGroup, openHdf5, quiet, values1d } from './hdf5-file.js';

/** Objects visited at most in a file's tree. */
const MAX_OBJECTS = 5000;

export const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

export async function inspectHdf5(path: string, options: InspectOptions, b: ReportBuilder): Promise<void> {
  const { file, lib } = await openHdf5(path);
  try {
    const keys = quiet(() => file.keys());
    if (attrText(file, 'encoding-type') === 'anndata' || (keys.includes('obs') && keys.includes('var') && keys.includes('X'))) {
      b.format = 'h5ad';
      return await inspectAnnData(file, lib, path, options, b);
    }
    const datasets = walk(file, lib, b);
    if (attrText(file, '_NCProperties') !== undefined || datasets.some((d) => attrText(d, 'CLASS') === 'DIMENSION_SCALE')) {
      b.format = 'netcdf4';
      return netcdf4(file, datasets, b);
    }
    b.format = 'hdf5';
    if (/\.h5ad$/i.test(path)) b.warn('not-anndata', 'the file is named .h5ad but has no AnnData layout (obs, var and X at the top): read as plain HDF5');
    const arrays: ArrayInfo[] = datasets.map((d) => ({
      name: d.path.replace(/^\//, ''),
      shape: d.shape ?? [],
      dtype: dtypeOf(d),
      values: d.shape?.length === 1 || (d.shape?.length === 2 && d.shape[1] === 1) ? async (max: number) => values1d(d, max) : undefined,
    }));
    if (arrays.length === 0) {
      b.skip('modality', 'the HDF5 file holds no datasets');
      return;
    }
    b.set('datasets', arrays.length);
    await inferArrays(arrays, path, options, b);
  } finally {
    quiet(() => file.close());
  }
}

function walk(file: H5File, lib: Parameters<typeof isGroup>[1], b: ReportBuilder): H5Dataset[] {
  const out: H5Dataset[] = [];
  const stack: Array<[H5Group, number]> = [[file, 0]];
  let seen = 0;
  while (stack.length > 0 && seen < MAX_OBJECTS) {
    const [group, depth] = stack.pop() as [H5Group, number];
    for (const name of quiet(() => group.keys())) {
      if (++seen > MAX_OBJECTS) break;
      const child = quiet(() => group.get(name));
      if (isDataset(child, lib)) out.push(child);
      else if (isGroup(child, lib) && depth < 8) stack.push([child, depth + 1]);
    }
  }
  if (seen > MAX_OBJECTS) b.warn('objects-truncated', `the file has more than ${fmt(MAX_OBJECTS)} groups and datasets: only the first were read`);
  return out.sort((x, y) => x.path.localeCompare(y.path));
}

function netcdf4(file: H5File, datasets: H5Dataset[], b: ReportBuilder): void {
  const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  const coords = new Map<string, { size: number; units?: string }>();
  for (const d of datasets) if (attrText(d, 'CLASS') === 'DIMENSION_SCALE') coords.set(base(d.path), { size: d.shape?.[0] ?? 0, units: attrText(d, 'units') });
  const vars: Variable[] = datasets.map((d) => {
    const shape = d.shape ?? [];
    const dims = shape.map((_, i) => {
      const scales = quiet(() => (coords.has(base(d.path)) ? [d.path] : d.get_attached_scales(i)));
      return scales[0] ? base(scales[0]) : `dim${i}`;
    });
    return { name: base(d.path), dims, shape, dtype: dtypeOf(d), units: attrText(d, 'units'), longName: attrText(d, 'long_name') };
  });
  const title = attrText(file, 'title');
  if (title) b.set('title', title.slice(0, 80));
  inferGridded(vars, coords, b);
  const other = vars.filter((v) => !coords.has(v.name));
  if (other.length > 6) b.set('variableCount', other.length);
}
