/**
 * The timed half of the engine figures of bench/startup.ts, run in a fresh plain `node
 * --expose-gc` process: the engine as shipped (evaluate() of the built library), in a heap
 * like a CLI run's, not inside the benchmark's tsx process (which holds zod, yaml and the
 * generated packs, and compiles sources with keepNames: that made evaluate() look 2x slower).
 *
 *   node --expose-gc bench/engine-worker.mjs DIST_INDEX_JS DATA_JSON  -> one JSON line on stdout
 *
 * DATA_JSON (written by startup.ts): { pack, answerSets, runs, builtin, dims, sample }.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [indexJs, dataFile] = process.argv.slice(2);
const { evaluate } = await import(pathToFileURL(indexJs).href);
const text = readFileSync(dataFile, 'utf8');
const data = JSON.parse(text);
const gc = globalThis.gc ?? (() => {});

// ---- evaluate() on the big pack. Each run parses a fresh copy of the pack (untimed), as a
// CLI run would load it, so no per-condition cache carries over; the garbage of the previous
// run is collected first (untimed), so the time is evaluate()'s own.
const times = [];
for (let i = 0; i < data.runs; i++) {
  const pack = JSON.parse(text).pack;
  const answers = data.answerSets[i % data.answerSets.length];
  gc();
  const t0 = performance.now();
  evaluate(pack, answers);
  times.push(performance.now() - t0);
}

// ---- the answer space of the built-in knowledge: every combination (mixed radix) or a
// fixed-seed sample, generated and evaluated one at a time.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(42);
const { dims, builtin, sample } = data;
const combination = (k) => {
  const a = {};
  let rest = k;
  for (const [id, values] of dims) {
    const n = values.length;
    const j = sample ? Math.floor(random() * n) : rest % n;
    rest = Math.floor(rest / n);
    a[id] = values[j] ?? null;
  }
  return a;
};
let none = 0;
gc();
const t0 = performance.now();
for (let k = 0; k < data.count; k++) {
  try {
    evaluate(builtin, combination(k));
  } catch {
    none++; // NoRecommendationError: a gap in the rules, still an evaluated combination
  }
}
const seconds = (performance.now() - t0) / 1000;

process.stdout.write(`${JSON.stringify({ times, perSecond: data.count / seconds, none })}\n`);
