/**
 * The CSV engine: the exact full pass over a CSV or TSV file (rows, ragged rows, empty fields
 * per column, the target's value counts), in a WebAssembly SIMD kernel, on two threads for a
 * big plain file. This is all the rest of `inspect` uses; the files of this folder are its
 * internals (tests may reach in). docs/performance.md has the design and its figures.
 */
export { CHUNK } from './kernel-layout.js';
export { type ScanSettings, type ScanWorker, scanCsvFile, startScanWorker } from './parallel.js';
export type { ScanStats } from './types.js';
