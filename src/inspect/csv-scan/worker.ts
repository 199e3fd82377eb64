/**
 * The entry of the worker thread of a split scan (parallel.ts): it gets the compiled kernel
 * module as its workerData, scans the pieces of one job and posts them back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type PiecesJob, scanPieces } from './pieces.js';

parentPort?.once('message', (job: Omit<PiecesJob, 'module'>) => parentPort?.postMessage(scanPieces({ ...job, module: workerData as object })));
