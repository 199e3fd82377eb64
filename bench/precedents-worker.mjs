/**
 * The timed half of the precedent-ranking row of bench/startup.ts, in a fresh plain `node
 * --expose-gc` process (as engine-worker.mjs does for evaluate()): rankPrecedents() of
 * src/engine/similarity.ts, bundled by the benchmark with esbuild (it is not in the library yet).
 *
 *   node --expose-gc bench/precedents-worker.mjs SIMILARITY_MJS DATA_JSON  -> one JSON line on stdout
 *
 * DATA_JSON (written by startup.ts): { precedents, answerSets, runs }.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [moduleFile, dataFile] = process.argv.slice(2);
const { rankPrecedents } = await import(pathToFileURL(moduleFile).href);
const data = JSON.parse(readFileSync(dataFile, 'utf8'));
const gc = globalThis.gc ?? (() => {});

const times = [];
let checksum = 0;
for (let i = 0; i < data.runs; i++) {
  const answers = data.answerSets[i % data.answerSets.length];
  gc();
  const t0 = performance.now();
  const top = rankPrecedents(answers, data.precedents, { limit: 3 });
  times.push(performance.now() - t0);
  checksum += top.length;
}
process.stdout.write(`${JSON.stringify({ times, checksum })}\n`);
