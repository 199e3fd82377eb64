/**
 * What the CSV engine loads besides its code: the WebAssembly kernel's bytes and the worker
 * thread of a split scan (worker.ts). This is the version for a run from the sources (tsx,
 * `npm run dev`, the tests): the kernel is assembled in process and the worker entry bundled
 * in memory with esbuild (a dev dependency), once per process. The package never runs this
 * file: scripts/build.ts puts assets-dist.ts in its place, which loads the kernel and the
 * worker the build wrote next to the bundle. Assembling here, rather than reading a built file,
 * keeps the sources the one truth: a test never runs a stale dist/.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { assembleKernel } from './kernel-assemble.js';

/** The kernel module's bytes. */
export const kernelWasm = (): Uint8Array => assembleKernel();

let workerCode: string | undefined;

/** Starts the worker thread of a split scan (it waits for a job message). */
export function startWorker(workerData: unknown): Worker {
  workerCode ??= bundleWorker();
  return new Worker(workerCode, { eval: true, workerData });
}

function bundleWorker(): string {
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const entry = fileURLToPath(new URL('./worker.ts', import.meta.url));
  const built = esbuild.buildSync({ entryPoints: [entry], bundle: true, write: false, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'silent' });
  const [file] = built.outputFiles;
  if (!file) throw new Error('esbuild wrote no worker');
  return file.text;
}
