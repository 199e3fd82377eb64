/**
 * The WebAssembly CSV kernel at run time: the module compiled once per thread, and instances.
 * Its bytes come from assets.ts (the file the build assembled, or assembled in process when
 * run from the sources). kernel-js.ts is the same kernel in JavaScript.
 */
import { kernelWasm } from './assets.js';

export interface CsvKernel {
  kind: 'wasm' | 'js';
  memory: { buffer: ArrayBuffer };
  /**
   * Scans memory[start, start + len), which must begin at a row start and be followed by 64
   * zero bytes; adds to the state counters and returns the length of the complete rows.
   */
  scan(start: number, len: number): number;
}

// The project's TypeScript libs (ES2023, no DOM) do not declare the WebAssembly JS API.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

let compiled: object | undefined;

/** The compiled kernel module (it can be posted to a worker thread), or undefined without WebAssembly SIMD. */
export function kernelModule(): object | undefined {
  try {
    compiled ??= new WebAssembly.Module(kernelWasm());
    return compiled;
  } catch {
    return undefined;
  }
}

/** A fresh kernel instance (its own memory), or undefined where WebAssembly SIMD is unavailable. */
export function createCsvKernel(): CsvKernel | undefined {
  try {
    const module = kernelModule();
    if (!module) return undefined;
    const instance = new WebAssembly.Instance(module, {});
    const { memory, scan } = instance.exports as unknown as Omit<CsvKernel, 'kind'>;
    return { kind: 'wasm', memory, scan };
  } catch {
    return undefined;
  }
}
