/**
 * The precedent corpus in the compact form `advise` reads (issue 16, item 5): ranking needs only
 * each entry's answers and methods, and the report only the few entries it shows. The build
 * writes, next to dist/knowledge/precedents.json (the whole corpus, for `dl-advisor precedents`):
 *
 *   precedents-index.json     per entry: id, answers, methods and the byte range of its line in
 *                             the details file (about 1/6 of the corpus)
 *   precedents-details.jsonl  one entry per line, the JSON of precedents.json
 *
 * so that showing three precedents parses the index and three lines, not the whole corpus
 * (measured on the 321 entries: reading and parsing precedents.json took 4-7 ms of an advise run
 * on a loaded machine). From source (tsx, tests) there is no dist/: loadPrecedents() is used.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { packageRoot } from './paths.js';
import type { Precedent } from './precedent-types.js';
import { loadPrecedents } from './precedents-builtin.js';

declare const __PRECOMPILED__: boolean | undefined;
const PRECOMPILED = typeof __PRECOMPILED__ !== 'undefined' && __PRECOMPILED__;

export const INDEX_FILE = 'precedents-index.json';
export const DETAILS_FILE = 'precedents-details.jsonl';

/** An entry as ranking reads it, with the byte range of its line in the details file. */
interface IndexEntry {
  id: string;
  answers: Precedent['answers'];
  used: { methods: string[] };
  at: [number, number];
}

export interface PrecedentIndex {
  format: 1;
  /** Plain objects, so that JSON.parse builds them (a loop over rows in JS measured slower, cold). */
  entries: IndexEntry[];
}

/** For the build: the corpus -> the index and the details file. */
export function toCompactPrecedents(precedents: readonly Precedent[]): { index: PrecedentIndex; details: string } {
  const lines: string[] = [];
  const entries: IndexEntry[] = [];
  let offset = 0;
  for (const p of precedents) {
    const line = JSON.stringify(p);
    const length = Buffer.byteLength(line);
    entries.push({ id: p.id, answers: p.answers, used: { methods: p.used.methods }, at: [offset, length] });
    lines.push(line);
    offset += length + 1;
  }
  return { index: { format: 1, entries }, details: `${lines.join('\n')}\n` };
}

/** What ranking reads: entries with their answers and methods (the rest is read by `full`). */
export interface Rankable {
  entries: Precedent[];
  /** The whole entry of one of `entries`. */
  full(entry: Precedent): Precedent;
}

let cached: Promise<Rankable> | undefined;

export function rankablePrecedents(): Promise<Rankable> {
  cached ??= PRECOMPILED ? Promise.resolve(readIndex()) : loadPrecedents().then((entries) => ({ entries, full: (p: Precedent) => p }));
  return cached;
}

function readIndex(): Rankable {
  const dir = `${packageRoot()}dist/knowledge/`;
  const index = JSON.parse(readFileSync(`${dir}${INDEX_FILE}`, 'utf8')) as PrecedentIndex;
  // Only what ranking and its reasons read; `full` gives the rest.
  return { entries: index.entries as unknown as Precedent[], full: (entry) => readEntry(`${dir}${DETAILS_FILE}`, entry as unknown as IndexEntry) };
}

function readEntry(file: string, entry: IndexEntry): Precedent {
  const [offset, length] = entry.at;
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, offset);
  } finally {
    closeSync(fd);
  }
  return JSON.parse(buffer.toString('utf8')) as Precedent;
}
