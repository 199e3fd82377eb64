/**
 * The CSV engine's two files beside the bundle (src/inspect/csv-scan/assets.ts): the
 * WebAssembly kernel assembled here, at build time, and its worker thread's entry bundled.
 * Used by scripts/build.ts for the package and by bench/inspect.ts, so that the benchmark
 * times what users run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildOptions, build, type Plugin } from 'esbuild';
import { assembleKernel } from '../src/inspect/csv-scan/kernel-assemble.js';

const folder = new URL('../src/inspect/csv-scan/', import.meta.url).pathname;

/** The files assets-dist.ts loads, relative to the chunk it is bundled into. */
export const CSV_SCAN_FILES = ['csv-kernel.wasm', 'csv-scan-worker.js'] as const;

/** Bundles assets-dist.ts where the engine imports assets.ts (so the assembler stays out of the bundle). */
export function csvScanAssets(): Plugin {
  return {
    name: 'csv-scan-assets',
    setup(b) {
      b.onResolve({ filter: /^\.\/assets\.js$/ }, (a) => (`${a.resolveDir}/` === folder ? { path: `${folder}assets-dist.ts` } : undefined));
    },
  };
}

/**
 * Writes the kernel and the worker into `dir`, the folder of the chunk that holds the engine.
 * `options`: the bundle's esbuild options (format, target, plugins), without entry points.
 */
export async function writeCsvScanAssets(dir: string, options: BuildOptions): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'csv-kernel.wasm'), assembleKernel());
  await build({
    ...options,
    entryPoints: { 'csv-scan-worker': `${folder}worker.ts` },
    outdir: dir,
    outfile: undefined,
    splitting: false,
    bundle: true,
    format: 'esm',
    platform: 'node',
  });
}
