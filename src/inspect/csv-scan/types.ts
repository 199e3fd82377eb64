/** The settings and the results of the full CSV pass (scan.ts, parallel.ts). */

export interface ScanOptions {
  delimiter: string;
  columns: number;
  /** Index of the target column, if any. */
  target?: number | undefined;
  /** Bytes to drop first (the header record). */
  skipBytes: number;
  /** Use the JavaScript kernel (tests). */
  kernel?: 'wasm' | 'js';
}

export interface TargetCounts {
  counts: Map<string, number>;
  /** Rows whose target is empty (or missing in a short row). */
  empty: number;
  /** Rows whose value was not tracked because the distinct cap was reached. */
  untracked: number;
}

export interface ScanStats {
  rows: number;
  blankLines: number;
  ragged: number;
  /** 1-based data row of the first ragged row, 0 if none. */
  firstRagged: number;
  /** Empty fields per column (the first MAX_COLS columns). */
  empties: number[];
  target: TargetCounts | undefined;
  /** Rows longer than the window: counted, not analysed. */
  longRows: number;
  firstLongRow: number;
  /** 1-based data row range where invalid UTF-8 first appeared, or undefined. */
  invalidUtf8: { from: number; to: number } | undefined;
  unterminatedQuote: boolean;
  bytes: number;
  kernel: 'wasm' | 'js';
  /** Why the data stopped early (a corrupt gzip stream), if it did: the counts cover what was read. */
  sourceError?: string | undefined;
}
