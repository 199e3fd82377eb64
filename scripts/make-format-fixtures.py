#!/usr/bin/python3
"""Writes the small fixtures of tests/inspect/formats.test.ts with each format's reference writer
(Debian: python3-numpy python3-astropy python3-h5py python3-netcdf4 python3-openpyxl python3-pydicom
python3-anndata). The files are committed, so the tests need only Node; run this to regenerate:
    /usr/bin/python3 scripts/make-format-fixtures.py
"""
import os
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', 'tests', 'inspect', 'fixtures', 'formats')
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(7)
p = lambda name: os.path.join(OUT, name)


def numpy_files():
    # keras-style splits: x_train/y_train, x_test/y_test; images (N, H, W), labels 0-9
    x_train = rng.integers(0, 2, (60, 28, 28), dtype=np.uint8)
    y_train = np.arange(60, dtype=np.uint8) % 10
    x_test = rng.integers(0, 2, (20, 28, 28), dtype=np.uint8)
    y_test = np.arange(20, dtype=np.uint8) % 10
    np.savez_compressed(p('digits.npz'), x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    # signals (N, T, C) with float labels: regression
    np.savez(p('ecg.npz'), X=rng.normal(size=(40, 64, 3)).astype(np.float32), y=rng.normal(size=40))
    # images (N, H, W, C) and masks (N, H, W): segmentation
    np.savez(p('cells.npz'), images=np.ones((6, 32, 32, 3), dtype=np.uint8), masks=np.zeros((6, 32, 32), dtype=np.uint8))
    # labels with NaN: unlabelled signals
    np.savez(p('partial.npz'), X=rng.normal(size=(5, 20, 2)), y=np.array([0.5, np.nan, 1.5, 2.5, np.nan]))
    np.save(p('features.npy'), rng.normal(size=(150, 8)))
    np.save(p('big-endian.npy'), np.arange(24, dtype='>i4').reshape(2, 3, 4))
    rec = np.zeros(5, dtype=[('mass', '<f8'), ('label', '<i4')])
    np.save(p('records.npy'), rec)


def fits_files():
    from astropy.io import fits
    img = fits.PrimaryHDU(rng.normal(size=(64, 48)).astype(np.float32))
    img.header['TELESCOP'] = 'HST'
    img.header['BUNIT'] = 'ELECTRONS/S'
    fits.HDUList([img]).writeto(p('galaxy.fits'), overwrite=True)
    cube = fits.PrimaryHDU(np.zeros((10, 16, 16), dtype=np.int16))
    n = 30
    cols = fits.ColDefs([
        fits.Column(name='RA', format='D', array=rng.uniform(0, 360, n)),
        fits.Column(name='DEC', format='E', array=rng.uniform(-90, 90, n).astype(np.float32)),
        fits.Column(name='MAG', format='J', array=rng.integers(10, 25, n)),
        fits.Column(name='CLASS', format='6A', array=np.array(['STAR', 'GALAXY', 'QSO'] * 10)),
    ])
    table = fits.BinTableHDU.from_columns(cols, name='CATALOG')
    fits.HDUList([fits.PrimaryHDU(), table]).writeto(p('catalog.fits'), overwrite=True)
    fits.HDUList([cube]).writeto(p('cube.fits'), overwrite=True)
    with open(p('galaxy.fits'), 'rb') as f:
        data = f.read()
    with open(p('truncated.fits'), 'wb') as f:
        f.write(data[:1000])


def excel_files():
    import zipfile
    from openpyxl import Workbook
    wb = Workbook()
    wb.active.title = 'Empty'
    ws = wb.create_sheet('Measurements')
    ws['A1'] = 'Assay results 2024'
    ws.merge_cells('A1:E1')
    ws.append([])
    ws.append(['sample_id', 'dose', 'response', 'batch', 'label'])
    for i in range(300):
        ws.append([f'S{i:04d}', float(i % 7), float(rng.normal()), f'B{i % 4}', None if i % 30 == 0 else ['active', 'inactive'][i % 2]])
    ws.merge_cells('C3:D3')  # a merged header cell: 'response' spans the batch column
    summary = wb.create_sheet('Summary')
    summary.append(['n', 300])
    wb.save(p('assay.xlsx'))
    big = Workbook(write_only=True)
    sheet = big.create_sheet('rows')
    sheet.append(['x', 'y', 'class'])
    for i in range(10500):
        sheet.append([i % 97, (i * 7) % 13, 'abc'[i % 3]])
    big.save(p('long.xlsx'))
    with zipfile.ZipFile(p('assay.xlsx')) as src, zipfile.ZipFile(p('macro.xlsm'), 'w', zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr('xl/vbaProject.bin', b'not a real VBA project')


def hdf5_files():
    import anndata
    import h5py
    import netCDF4
    import pandas as pd
    import scipy.sparse as sp
    n_obs, n_vars = 120, 50
    x = sp.random(n_obs, n_vars, density=0.1, format='csr', random_state=7, dtype=np.float32)
    obs = pd.DataFrame({
        'cell_type': pd.Categorical(['T cell', 'B cell', 'NK cell', 'monocyte'] * 30),
        'n_counts': rng.integers(500, 5000, n_obs),
        'donor': pd.Categorical(['d1', 'd2', 'd3'] * 40),
    }, index=[f'cell{i}' for i in range(n_obs)])
    obs.loc[obs.index[:6], 'cell_type'] = np.nan
    var = pd.DataFrame(index=[f'gene{i}' for i in range(n_vars)])
    ad = anndata.AnnData(X=x, obs=obs, var=var)
    ad.obsm['X_pca'] = rng.normal(size=(n_obs, 10)).astype(np.float32)
    ad.obsm['X_umap'] = rng.normal(size=(n_obs, 2)).astype(np.float32)
    ad.write_h5ad(p('pbmc.h5ad'))
    with h5py.File(p('arrays.h5'), 'w') as f:
        f['images'] = np.zeros((16, 32, 32), dtype=np.uint8)
        f['labels'] = (np.arange(16) % 2).astype(np.int64)
        f.create_group('meta').attrs['instrument'] = 'confocal'
    with open(p('pbmc.h5ad'), 'rb') as f:
        data = f.read()
    with open(p('truncated.h5ad'), 'wb') as f:
        f.write(data[:3000])
    for name, fmt in (('field.nc', 'NETCDF4'), ('field3.nc', 'NETCDF3_CLASSIC')):
        ds = netCDF4.Dataset(p(name), 'w', format=fmt)
        ds.createDimension('time', None)
        ds.createDimension('lat', 6)
        ds.createDimension('lon', 8)
        t = ds.createVariable('time', 'f8', ('time',))
        t.units = 'days since 2000-01-01'
        lat = ds.createVariable('lat', 'f4', ('lat',))
        lat.units = 'degrees_north'
        lon = ds.createVariable('lon', 'f4', ('lon',))
        lon.units = 'degrees_east'
        tas = ds.createVariable('tas', 'f4', ('time', 'lat', 'lon'))
        tas.units = 'K'
        tas.long_name = 'near-surface air temperature'
        t[:] = np.arange(24) * 30.0
        lat[:] = np.linspace(-50, 50, 6)
        lon[:] = np.linspace(0, 315, 8)
        tas[:] = 280 + rng.normal(size=(24, 6, 8))
        ds.title = 'monthly test field'
        ds.close()


def zarr_dicom_files():
    import shutil

    import pydicom
    import xarray as xr
    from pydicom.dataset import FileDataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, generate_uid
    store = p('ocean.zarr')
    shutil.rmtree(store, ignore_errors=True)
    sst = xr.DataArray(np.zeros((12, 4, 5), dtype=np.float32), dims=('time', 'lat', 'lon'), name='sst', attrs={'units': 'degC'})
    xr.Dataset({'sst': sst}, coords={'time': np.arange(12), 'lat': np.linspace(-10, 10, 4), 'lon': np.linspace(100, 140, 5)}).to_zarr(store, consolidated=True)
    folder = p('scans')
    shutil.rmtree(folder, ignore_errors=True)
    for patient, (modality, slices, syntax) in enumerate((('CT', 3, ExplicitVRLittleEndian), ('MR', 2, ImplicitVRLittleEndian))):
        series = generate_uid(entropy_srcs=[f'series{patient}'])
        os.makedirs(os.path.join(folder, f'patient{patient}'), exist_ok=True)
        for k in range(slices):
            meta = FileMetaDataset()
            meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.2'
            meta.MediaStorageSOPInstanceUID = generate_uid(entropy_srcs=[f'{patient}-{k}'])
            meta.TransferSyntaxUID = syntax
            ds = FileDataset(None, {}, file_meta=meta, preamble=b'\0' * 128)
            ds.is_little_endian = True
            ds.is_implicit_VR = syntax == ImplicitVRLittleEndian
            ds.PatientID = f'P{patient}'
            ds.Modality = modality
            ds.StudyInstanceUID = generate_uid(entropy_srcs=[f'study{patient}'])
            ds.SeriesInstanceUID = series
            ds.SeriesDescription = f'{modality} head'
            ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
            ds.Rows, ds.Columns = 8, 8
            ds.PixelSpacing = [0.5, 0.5]
            ds.SliceThickness = 2.5
            ds.ReferencedSeriesSequence = [pydicom.Dataset()]
            ds.ReferencedSeriesSequence[0].SeriesInstanceUID = '1.2.3.999'
            ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 0
            ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, 'MONOCHROME2'
            ds.PixelData = np.zeros((8, 8), dtype=np.uint16).tobytes()
            ds.save_as(os.path.join(folder, f'patient{patient}', f'slice{k}'), write_like_original=False)
    with open(os.path.join(folder, 'README.txt'), 'w') as f:
        f.write('two series\n')


def main():
    numpy_files()
    fits_files()
    excel_files()
    hdf5_files()
    zarr_dicom_files()
    for extra in sys.argv[1:]:
        globals()[extra]()


if __name__ == '__main__':
    main()
