/**
 * assets.ts in the package: scripts/build.ts bundles this module in its place and writes the
 * two files it loads into the folder of the bundle's chunks, the kernel assembled at build
 * time (csv-kernel.wasm) and the worker entry bundled (csv-scan-worker.js). Same exports.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type * as Source from './assets.js';

export const kernelWasm: typeof Source.kernelWasm = () => readFileSync(new URL('./csv-kernel.wasm', import.meta.url));

export const startWorker: typeof Source.startWorker = (workerData) => new Worker(new URL('./csv-scan-worker.js', import.meta.url), { workerData });
