/** Folders that are one dataset in a scientific format: a Zarr store, or a folder of DICOM series. */
import type { ReportBuilder } from '../report.js';
import type { InspectOptions } from '../types.js';
import { guard } from './index.js';

export async function inspectScientificFolder(path: string, options: InspectOptions, maxFiles: number, b: ReportBuilder): Promise<boolean> {
  const zarr = await import('./zarr.js');
  if (await zarr.isZarr(path)) {
    await guard('Zarr', path, () => zarr.inspectZarr(path, options, b));
    return true;
  }
  const dicom = await import('./dicom.js');
  return guard('DICOM', path, () => dicom.inspectDicomFolder(path, maxFiles, b));
}
