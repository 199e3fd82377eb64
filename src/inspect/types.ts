/** The public shapes of `dl-advisor inspect` (re-exported by index.ts). */

export type Confidence = 'certain' | 'likely' | 'guess';

/** An answer the data proves (or suggests, see `confidence`), keyed by a contract answer key. */
export interface Inferred {
  key: string;
  value: string | number;
  /** Why, in plain words; reads after "because", e.g. "the target 'diagnosis' has 3 distinct values in 12,400 rows". */
  evidence: string;
  confidence: Confidence;
}

export interface NotInferred {
  key: string;
  why: string;
}

export interface DataWarning {
  /** Stable kebab-case code, e.g. "class-imbalance", "missing-values", "leakage-suspect". */
  code: string;
  message: string;
}

export interface InspectReport {
  /** The path as given. */
  path: string;
  /** 'csv' 'tsv' 'jsonl' 'image-folder' 'image' 'fasta' 'fastq' 'text-folder' 'text' 'audio-folder' 'audio' 'video' 'video-folder' 'edge-list' 'graphml' 'smiles' 'sdf' 'parquet' 'xlsx' 'npy' 'npz' 'fits' 'h5ad' 'hdf5' 'netcdf4' 'netcdf3' 'zarr' 'dicom-folder' */
  format: string;
  inferred: Inferred[];
  notInferred: NotInferred[];
  warnings: DataWarning[];
  summary: Record<string, string | number>;
}

export interface InspectOptions {
  /** The target column of a table (name; or a 1-based number for a table without a header). */
  target?: string;
  /**
   * Folders: read the headers of at most this many files per kind (default 1,000 in a folder of
   * media files, 100,000 in a DICOM folder); the rest are counted by name.
   */
  maxFiles?: number;
  /**
   * The question ids, in the questions' order: the report's answers are keyed and ordered by
   * them (default: the built-in questions, which loads them).
   */
  questions?: readonly string[];
  /** Excel workbooks: the sheet to read (default: the first non-empty one). */
  sheet?: string;
}
