/** Folders that are one dataset in a scientific format: a Zarr store, or a folder of DICOM series. */
import type { ReportBuilder } from '../report.js';
import type { InspectOptions } from '../types.js';

export async function inspectScientificFolder(path: string, options: InspectOptions, maxFiles: number, b: ReportBuilder): Promise<boolean> {
  const zarr = await import('./zarr.js');
  if (await zarr.isZarr(path)) {
    await zarr.inspectZarr(path, options, b);
    return true;
  }
  return (await import('./dicom.js')).inspectDicomFolder(path, maxFiles, b);
}
