/**
 * Scientific and columnar formats, recognised by their magic bytes (detect.ts asks here first):
 * NumPy .npy/.npz, FITS, Parquet, Excel .xlsx, HDF5 (AnnData, NetCDF 4), NetCDF 3. Each reader
 * is loaded only when its format is seen, so the libraries some of them need cost nothing to
 * other inspections or to `advise`. A reader that trips over a damaged file in a way it did not
 * foresee still ends in one line naming the file (guard), not in a stack trace.
 */
import { extname } from 'node:path';
import { UserError } from '../../errors.js';
import { at, Probe } from '../probe.js';
import type { ReportBuilder } from '../report.js';
import type { InspectOptions } from '../types.js';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];

/** Errors other than the user's and the file system's become data-corrupt, naming the format. */
export async function guard<T>(format: string, path: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UserError || (e as NodeJS.ErrnoException | undefined)?.code) throw e;
    const why = (e instanceof Error ? e.message : String(e)).split('\n')[0]?.slice(0, 200);
    throw new UserError({ code: 'data-corrupt', file: path, message: `not a readable ${format} file: ${why}` });
  }
}

/** Inspects `path` into `b` when its first bytes are one of these formats; false otherwise. */
export function inspectScientific(path: string, head: Uint8Array, options: InspectOptions, b: ReportBuilder): Promise<boolean> {
  return guard(formatName(head), path, () => dispatch(path, head, options, b));
}

function formatName(head: Uint8Array): string {
  if (at(head, 0, 'PAR1')) return 'Parquet';
  if (at(head, 0, 'SIMPLE  =')) return 'FITS';
  if (at(head, 0, 'CDF')) return 'NetCDF 3';
  if (at(head, 0, [0x89, 0x48, 0x44, 0x46])) return 'HDF5';
  if (at(head, 0, [0x93, 0x4e, 0x55, 0x4d])) return 'NumPy';
  return 'ZIP (.npz or .xlsx)';
}

async function dispatch(path: string, head: Uint8Array, options: InspectOptions, b: ReportBuilder): Promise<boolean> {
  if (at(head, 0, [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])) {
    await (await import('./npy.js')).inspectNpy(path, options, b);
    return true;
  }
  if (at(head, 0, 'SIMPLE  =')) {
    await (await import('./fits.js')).inspectFits(path, options, b);
    return true;
  }
  if (at(head, 0, [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])) {
    await (await import('./hdf5.js')).inspectHdf5(path, options, b);
    return true;
  }
  if (at(head, 0, 'CDF') && [1, 2, 5].includes(head[3] ?? 0)) {
    await (await import('./netcdf3.js')).inspectNetcdf3(path, b);
    return true;
  }
  if (at(head, 0, 'PAR1')) {
    await (await import('./parquet.js')).inspectParquet(path, options, b);
    return true;
  }
  if (at(head, 0, ZIP) || at(head, 0, EMPTY_ZIP)) return inspectZip(path, options, b);
  if (at(head, 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new UserError({
      code: 'data-unsupported',
      file: path,
      message:
        'an OLE2 compound file: a legacy Excel .xls workbook, or a password-protected (encrypted) .xlsx; open it in Excel and save it as .xlsx without a password, or as CSV',
    });
  }
  return false;
}

/** A ZIP archive: .npz (NumPy members) or .xlsx (an Excel workbook); false for other archives (detect.ts rejects them). */
async function inspectZip(path: string, options: InspectOptions, b: ReportBuilder): Promise<boolean> {
  const { zipEntries } = await import('./zip.js');
  const ext = extname(path).toLowerCase();
  const p = await Probe.open(path);
  let names: string[];
  try {
    names = (await zipEntries(p, path)).map((e) => e.name);
  } catch (e) {
    if (e instanceof UserError && !['.npz', '.xlsx', '.xlsm'].includes(ext)) return false;
    throw e;
  } finally {
    await p.close();
  }
  const xlsx = await import('./xlsx.js');
  if (xlsx.isXlsx(names)) {
    await xlsx.inspectXlsx(path, options, b);
    return true;
  }
  if (names.some((n) => n.endsWith('.npy')) || ext === '.npz') {
    await (await import('./npy.js')).inspectNpz(path, options, b);
    return true;
  }
  return false;
}
