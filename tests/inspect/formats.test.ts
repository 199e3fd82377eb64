/**
 * NumPy and FITS files written by numpy and astropy (tests/inspect/fixtures/formats, made by
 * scripts/make-format-fixtures.py), plus damaged copies made here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { type InspectReport, inspectPath } from '../../src/inspect/index.js';
import { codes, Fixtures, inferred, warning, why } from './fixtures.js';

const fx = new Fixtures();
afterAll(() => fx.cleanup());
const FIXTURES = join(import.meta.dirname, 'fixtures', 'formats');
const real = (name: string) => join(FIXTURES, name);
const value = (r: InspectReport, key: string) => inferred(r, key)?.value;

async function userError(path: string, options = {}): Promise<UserError> {
  const error = await inspectPath(path, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  const e = error as UserError;
  expect(e.message.split('\n')).toHaveLength(1);
  expect(e.message.startsWith(`${path}: `)).toBe(true);
  return e;
}

describe('NumPy .npy and .npz (written by numpy)', () => {
  it('keras-style splits of images with integer labels: classification over both splits', async () => {
    const r = await inspectPath(real('digits.npz'));
    expect(r.format).toBe('npz');
    expect(value(r, 'modality')).toBe('image');
    expect(inferred(r, 'modality')?.evidence).toContain('(60, 28, 28) uint8');
    expect(value(r, 'task')).toBe('classification');
    expect(inferred(r, 'task')?.evidence).toContain('10 distinct values (0 to 9)');
    expect(value(r, 'labeled')).toBe(80);
    expect(value(r, 'unlabeled')).toBe(0);
    expect(r.summary.splits).toBe('x_train 60, x_test 20');
    expect(r.summary.compression).toBe('deflate');
    expect(value(r, 'kind')).toBe('2d');
  });

  it('(N, T, C) signals with float labels: time-series regression', async () => {
    const r = await inspectPath(real('ecg.npz'));
    expect(value(r, 'modality')).toBe('time-series');
    expect(inferred(r, 'modality')?.evidence).toContain('40 signals of 64 steps and 3 channels');
    // A regularly sampled array is a signal (issue 18): MiniRocket and 1D CNNs, not event records.
    expect(value(r, 'kind')).toBe('signal');
    expect(value(r, 'task')).toBe('regression');
    expect(value(r, 'labeled')).toBe(40);
  });

  it('(N, H, W, C) images with masks of their size: segmentation', async () => {
    const r = await inspectPath(real('cells.npz'));
    expect(value(r, 'modality')).toBe('image');
    expect(value(r, 'task')).toBe('segmentation');
    expect(value(r, 'labeled')).toBe(6);
  });

  it('an (N, F) matrix is a table without labels; a structured array lists its fields', async () => {
    const r = await inspectPath(real('features.npy'));
    expect(r.format).toBe('npy');
    expect(value(r, 'modality')).toBe('tabular');
    expect(value(r, 'features')).toBe(8);
    expect(why(r, 'labeled')).toContain('a single array');
    const rec = await inspectPath(real('records.npy'));
    expect(value(rec, 'features')).toBe(2);
    expect(rec.summary.arrays).toContain('structured (2 fields)');
  });

  it('a big-endian int32 array of an unclear shape: the dtype is read, the modality is not guessed', async () => {
    const r = await inspectPath(real('big-endian.npy'));
    expect(r.summary.arrays).toBe('big-endian (2, 3, 4) int32');
    expect(why(r, 'modality')).toContain('no array has a shape');
  });

  it('--target names the label array; an unknown one lists the arrays', async () => {
    const r = await inspectPath(real('ecg.npz'), { target: 'y' });
    expect(value(r, 'labeled')).toBe(40);
    const e = await userError(real('ecg.npz'), { target: 'labels' });
    expect(e.problems[0]?.code).toBe('target-not-found');
    expect(e.message).toContain("the arrays are 'X', 'y'");
  });

  it('NaN labels are unlabelled', async () => {
    const r = await inspectPath(real('partial.npz'));
    expect(value(r, 'labeled')).toBe(3);
    expect(value(r, 'unlabeled')).toBe(2);
    expect(inferred(r, 'labeled')?.evidence).toContain('less 2 missing');
  });

  it('damaged files: one line naming the file and what is wrong (exit 2)', async () => {
    const whole = readFileSync(real('digits.npz'));
    const cut = await userError(fx.write('cut.npz', whole.subarray(0, whole.length - 200)));
    expect(cut.problems[0]?.code).toBe('data-corrupt');
    expect(cut.message).toContain('central directory');
    const header = await userError(
      fx.write('bad.npy', Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 40, 0, ...Buffer.from("{'descr': '<f8', 'shape': (3, 4), }")])),
    );
    expect(header.message).toContain('not a readable NumPy array: the header is truncated');
    const version = await userError(fx.write('v9.npy', Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 9, 0, 0, 0])));
    expect(version.message).toContain('unknown .npy format version 9');
  });
});

describe('FITS (written by astropy)', () => {
  it('a 2D image: every HDU header read, the image certain', async () => {
    const r = await inspectPath(real('galaxy.fits'));
    expect(r.format).toBe('fits');
    expect(value(r, 'modality')).toBe('image');
    expect(inferred(r, 'modality')?.evidence).toBe('HDU 1 is an image of 48 x 64 pixels, float32');
    expect(r.summary.telescope).toBe('HST');
    expect(r.summary.units).toBe('ELECTRONS/S');
    expect(why(r, 'labeled')).toContain('labels (classes, catalogues, masks) live elsewhere');
  });

  it('a cube', async () => {
    const r = await inspectPath(real('cube.fits'));
    expect(inferred(r, 'modality')?.evidence).toContain('a cube of 16 x 16 x 10 (10 planes of 16 x 16), int16');
  });

  it('a binary table: columns decoded, the CLASS column counted as the target', async () => {
    const r = await inspectPath(real('catalog.fits'));
    expect(value(r, 'modality')).toBe('tabular');
    expect(r.summary.rows).toBe(30);
    expect(r.summary.target).toBe('CLASS');
    expect(value(r, 'task')).toBe('classification');
    expect(inferred(r, 'task')?.evidence).toContain("3 distinct values ('STAR', 'GALAXY', 'QSO')");
    expect(value(r, 'features')).toBe(3);
    const byMag = await inspectPath(real('catalog.fits'), { target: 'MAG' });
    expect(value(byMag, 'labeled')).toBe(30);
    expect(codes(byMag)).toContain('ambiguous-target');
  });

  it('a truncated header is an error; truncated data is a warning', async () => {
    const e = await userError(real('truncated.fits'));
    expect(e.problems[0]?.code).toBe('data-corrupt');
    expect(e.message).toContain("HDU 1's header is truncated");
    const whole = readFileSync(real('galaxy.fits'));
    const r = await inspectPath(fx.write('short.fits', whole.subarray(0, 2880 * 2)));
    expect(value(r, 'modality')).toBe('image');
    expect(warning(r, 'truncated-file')).toContain('the file ends');
  });
});

describe('Parquet (written by hyparquet-writer)', () => {
  it('schema and row count from the footer, the target counted over every row group', async () => {
    const r = await inspectPath(real('patients.parquet'));
    expect(r.format).toBe('parquet');
    expect(r.summary.rowGroups).toBe(3);
    expect(r.summary.rows).toBe(1000);
    expect(value(r, 'modality')).toBe('tabular');
    expect(value(r, 'task')).toBe('classification');
    expect(value(r, 'labeled')).toBe(960);
    expect(value(r, 'unlabeled')).toBe(40);
    expect(value(r, 'features')).toBe(3);
    expect(r.summary.idColumns).toBe('patient_id');
    expect(warning(r, 'missing-values')).toContain("'bmi' 2%");
  });

  it('--target picks another column; an unknown one lists the columns', async () => {
    const r = await inspectPath(real('patients.parquet'), { target: 'age' });
    expect(value(r, 'task')).toBe('regression');
    expect(value(r, 'labeled')).toBe(1000);
    const e = await userError(real('patients.parquet'), { target: 'outcome' });
    expect(e.problems[0]?.code).toBe('target-not-found');
    expect(e.message).toContain("'patient_id', 'age', 'bmi', 'marker', 'diagnosis'");
  });

  it('a truncated file and a damaged footer: one line each (exit 2)', async () => {
    const cut = await userError(real('truncated.parquet'));
    expect(cut.problems[0]?.code).toBe('data-corrupt');
    expect(cut.message).toContain('the footer is missing');
    const garbage = Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64, 0xab), Buffer.from([40, 0, 0, 0]), Buffer.from('PAR1')]);
    const bad = await userError(fx.write('bad.parquet', garbage));
    expect(bad.message).toContain('not a readable Parquet file: the footer does not parse');
  });
});

describe('Excel .xlsx (written by openpyxl)', () => {
  it('the first non-empty sheet; a title row skipped, a merged header cell named, the target counted', async () => {
    const r = await inspectPath(real('assay.xlsx'));
    expect(r.format).toBe('xlsx');
    expect(r.summary.sheets).toBe('Empty, Measurements, Summary');
    expect(r.summary.sheet).toBe('Measurements');
    expect(r.summary.rows).toBe(300);
    expect(value(r, 'task')).toBe('classification');
    expect(value(r, 'labeled')).toBe(290);
    expect(value(r, 'unlabeled')).toBe(10);
    expect(value(r, 'features')).toBe(3);
    expect(warning(r, 'leading-rows')).toContain('starts at row 3 (1 title row above the header skipped)');
    expect(warning(r, 'merged-header')).toContain("C3:D3 ('response')");
  });

  it('--sheet NAME (case-insensitive); an unknown sheet lists the sheets', async () => {
    const r = await inspectPath(real('assay.xlsx'), { sheet: 'summary' });
    expect(r.summary.sheet).toBe('Summary');
    expect(r.summary.columns).toBe(2);
    const e = await userError(real('assay.xlsx'), { sheet: 'Results' });
    expect(e.problems[0]?.code).toBe('sheet-not-found');
    expect(e.message).toContain("the sheets are 'Empty', 'Measurements', 'Summary'");
  });

  it('a sheet longer than the sample is counted in a second streamed pass', async () => {
    const r = await inspectPath(real('long.xlsx'));
    expect(r.summary.rows).toBe(10500);
    expect(value(r, 'labeled')).toBe(10500);
    expect(inferred(r, 'task')?.evidence).toContain("3 distinct values ('a', 'b', 'c')");
  });

  it('macro-enabled: read, with a warning; encrypted or legacy .xls and truncated files: one line (exit 2)', async () => {
    const macro = await inspectPath(real('macro.xlsm'));
    expect(codes(macro)).toContain('macros');
    expect(value(macro, 'labeled')).toBe(290);
    const ole = await userError(fx.write('locked.xlsx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)])));
    expect(ole.message).toContain('password-protected (encrypted) .xlsx');
    const whole = readFileSync(real('assay.xlsx'));
    const cut = await userError(fx.write('cut.xlsx', whole.subarray(0, 5000)));
    expect(cut.problems[0]?.code).toBe('data-corrupt');
  });
});

describe('HDF5: AnnData (anndata 0.8), NetCDF 4 (netCDF4 1.6) and plain HDF5 (h5py 3.7)', () => {
  it('an .h5ad: cells x genes, cell_type as the target, NaN cells unlabelled, obsm embeddings said', async () => {
    const r = await inspectPath(real('pbmc.h5ad'));
    expect(r.format).toBe('h5ad');
    expect(r.summary.cells).toBe(120);
    expect(r.summary.genes).toBe(50);
    expect(r.summary.X).toBe('sparse CSR, 600 non-zero (10%)');
    expect(value(r, 'modality')).toBe('tabular');
    expect(value(r, 'features')).toBe(50);
    expect(value(r, 'task')).toBe('classification');
    expect(inferred(r, 'task')?.evidence).toContain("obs column 'cell_type' (guessed) has 4 distinct values");
    expect(value(r, 'labeled')).toBe(114);
    expect(value(r, 'unlabeled')).toBe(6);
    expect(warning(r, 'precomputed-embeddings')).toContain('X_pca (120 x 10), X_umap (120 x 2)');
    expect(warning(r, 'grouped-cells')).toContain("'donor' has 3 values");
  });

  it('--target another obs column; an unknown one lists them', async () => {
    const r = await inspectPath(real('pbmc.h5ad'), { target: 'donor' });
    expect(value(r, 'labeled')).toBe(120);
    expect(inferred(r, 'labeled')?.confidence).toBe('certain');
    expect(r.summary.classes).toBe(3);
    const e = await userError(real('pbmc.h5ad'), { target: 'tissue' });
    expect(e.message).toContain("the obs columns are 'cell_type', 'n_counts', 'donor'");
  });

  it('NetCDF 4: variables with their dimensions and units; a (time, lat, lon) field', async () => {
    const r = await inspectPath(real('field.nc'));
    expect(r.format).toBe('netcdf4');
    expect(r.summary.variables).toBe("'tas' (time=24, lat=6, lon=8) in K");
    expect(r.summary.dimensions).toContain('time 24 (days since 2000-01-01)');
    expect(value(r, 'modality')).toBe('image');
    expect(value(r, 'task')).toBe('forecasting');
    expect(inferred(r, 'task')?.confidence).toBe('guess');
    expect(value(r, 'labeled')).toBe(24);
    expect(warning(r, 'gridded-field')).toContain('cannot tell whether the model must generalise');
  });

  it('plain HDF5: datasets read as arrays, labels paired by name', async () => {
    const r = await inspectPath(real('arrays.h5'));
    expect(r.format).toBe('hdf5');
    expect(value(r, 'modality')).toBe('image');
    expect(value(r, 'task')).toBe('classification');
    expect(value(r, 'labeled')).toBe(16);
  });

  it('a truncated HDF5 file: one line, no HDF5 diagnostics on stderr', async () => {
    const writes: unknown[] = [];
    const fs = process.getBuiltinModule('node:fs') as typeof import('node:fs');
    const original = fs.writeSync;
    fs.writeSync = ((fd: number, ...rest: unknown[]) => {
      if (fd === 2) writes.push(rest[0]);
      return (original as (...a: unknown[]) => number)(fd, ...rest);
    }) as typeof fs.writeSync;
    try {
      const e = await userError(real('truncated.h5ad'));
      expect(e.problems[0]?.code).toBe('data-corrupt');
      expect(e.message).toContain('the HDF5 library cannot open');
    } finally {
      fs.writeSync = original;
    }
    expect(writes).toEqual([]);
  });
});

describe('NetCDF 3 (netCDF4 1.6), Zarr (xarray/zarr 2.13) and DICOM folders (pydicom 2.3)', () => {
  it('NetCDF 3 classic: the header alone gives the variables, dimensions and units', async () => {
    const r = await inspectPath(real('field3.nc'));
    expect(r.format).toBe('netcdf3');
    expect(r.summary.version).toBe('classic');
    expect(r.summary.dimensions).toBe('time 24 (days since 2000-01-01), lat 6 (degrees_north), lon 8 (degrees_east)');
    expect(value(r, 'modality')).toBe('image');
    expect(value(r, 'labeled')).toBe(24);
    const whole = readFileSync(real('field3.nc'));
    const e = await userError(fx.write('cut.nc', whole.subarray(0, 200)));
    expect(e.message).toContain('not a readable NetCDF 3 file: the header ends early');
  });

  it('Zarr v2 with consolidated metadata: the chunks are not read', async () => {
    const r = await inspectPath(real('ocean.zarr'));
    expect(r.format).toBe('zarr');
    expect(r.summary.variables).toBe("'sst' (time=12, lat=4, lon=5) in degC");
    expect(value(r, 'modality')).toBe('image');
    expect(value(r, 'task')).toBe('forecasting');
  });

  it('Zarr v3 without consolidated metadata: arrays found by walking, an (N, H, W, C) array as images', async () => {
    const root = fx.dir('v3.zarr');
    fx.write('v3.zarr/zarr.json', JSON.stringify({ zarr_format: 3, node_type: 'group', attributes: {} }));
    fx.write('v3.zarr/imgs/zarr.json', JSON.stringify({ zarr_format: 3, node_type: 'array', shape: [500, 64, 64, 3], data_type: 'uint8', attributes: {} }));
    fx.write('v3.zarr/imgs/c/0/0/0/0', new Uint8Array(10));
    const r = await inspectPath(root);
    expect(r.summary.arrays).toBe('imgs (500, 64, 64, 3) uint8');
    expect(value(r, 'modality')).toBe('image');
    fx.write('bad.zarr/.zgroup', '{"zarr_format": 2');
    const e = await userError(fx.path('bad.zarr'));
    expect(e.problems[0]?.code).toBe('data-corrupt');
  });

  it('a DICOM folder of two series (explicit and implicit VR, no extensions): grouped by SeriesInstanceUID', async () => {
    const r = await inspectPath(real('scans'));
    expect(r.format).toBe('dicom-folder');
    expect(r.summary.series).toBe(2);
    expect(r.summary.files).toBe(5);
    expect(r.summary.slicesPerSeries).toBe('2 / 2.5 / 3');
    expect(r.summary.spacing).toBe('0.5 x 0.5 mm, 2.5 mm thick');
    expect(r.summary.sliceSize).toBe('8 x 8');
    expect(value(r, 'modality')).toBe('image');
    expect(inferred(r, 'modality')?.evidence).toContain('5 DICOM files in 2 series');
    expect(why(r, 'labeled')).toContain('one series is one example (2 series)');
    // Both series have several slices: 3D volumes (nnU-Net, not a 2D CNN).
    expect(value(r, 'kind')).toBe('volume');
    expect(inferred(r, 'kind')?.evidence).toBe('2 of the 2 series have several slices (3D volumes)');
    expect(codes(r)).toEqual(expect.arrayContaining(['mixed-modalities', 'non-dicom-files']));
  });
});

describe('damaged copies of every fixture', () => {
  it('truncated or with flipped bytes, each ends in a report or a one-line UserError, never another error', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const failures: string[] = [];
    for (const name of readdirSync(FIXTURES).filter((n) => statSync(real(n)).isFile())) {
      const bytes = readFileSync(real(name));
      const variants: Array<[string, Uint8Array]> = [0.1, 0.5, 0.97].map((f) => [`cut${f}`, bytes.subarray(0, Math.max(16, Math.floor(bytes.length * f)))]);
      for (let k = 0; k < 2; k++) {
        const copy = Buffer.from(bytes);
        let seed = k * 7919 + 17;
        for (let j = 0; j < 20; j++) {
          seed = (seed * 1103515245 + 12345) % 2 ** 31;
          const i = 8 + (seed % Math.max(1, copy.length - 8));
          copy[i] = ((copy[i] ?? 0) ^ (1 + (seed % 255))) & 255;
        }
        variants.push([`flip${k}`, copy]);
      }
      for (const [tag, v] of variants) {
        const error = await inspectPath(fx.write(`damaged/${tag}-${name}`, v)).then(
          () => undefined,
          (e: unknown) => e,
        );
        if (error !== undefined && !(error instanceof UserError)) failures.push(`${tag}-${name}: ${String(error)}`);
        if (error instanceof UserError && error.message.includes('\n')) failures.push(`${tag}-${name}: a message of several lines`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
