/**
 * The precedent corpus in the compact form `advise` reads (issue 16, item 5): ranking needs only
 * each entry's answers and methods, and the report only the few entries it shows. Next to
 * dist/knowledge/precedents.json (the whole corpus, for `dl-advisor precedents`) the build writes
 *
 *   precedents-index.json     per entry: id, answers, methods, and the byte range of the entry
 *                             inside precedents.json (about 1/5 of its size)
 *
 * so that showing three precedents parses the index and three slices of precedents.json, not the
 * whole corpus (measured on the 321 entries: reading and parsing precedents.json took 4-7 ms of
 * an advise run on a loaded machine). The ranges point into precedents.json rather than into a
 * copy, which kept the package under its size budget (tests/e2e/package.test.ts). From source
 * (tsx, tests) there is no dist/: loadPrecedents() is used.
 */
import { readFileSync } from 'node:fs';
import { readRange } from '../io/ranges.js';
import { packageRoot } from './paths.js';
import type { Precedent } from './precedent-types.js';
import { loadPrecedents } from './precedents-builtin.js';

declare const __PRECOMPILED__: boolean | undefined;
const PRECOMPILED = typeof __PRECOMPILED__ !== 'undefined' && __PRECOMPILED__;

export const INDEX_FILE = 'precedents-index.json';
/** The corpus the ranges point into (written by precedents-builtin.ts's toPrecompiledPrecedents). */
export const CORPUS_FILE = 'precedents.json';

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

/**
 * For the build: the index of the corpus file's text (`JSON.stringify` of the precompiled corpus).
 * Each entry's range is found in that text and checked; a corpus file laid out otherwise is an
 * error of the build, not a wrong entry at run time.
 */
export function toPrecedentIndex(precedents: readonly Precedent[], corpusText: string): PrecedentIndex {
  const bytes = Buffer.from(corpusText, 'utf8');
  const entries: IndexEntry[] = [];
  let from = 0;
  for (const p of precedents) {
    const text = JSON.stringify(p);
    const offset = bytes.indexOf(text, from, 'utf8');
    const length = Buffer.byteLength(text);
    if (offset < 0) throw new Error(`precedent-index: entry "${p.id}" is not in ${CORPUS_FILE} as JSON.stringify writes it`);
    entries.push({ id: p.id, answers: p.answers, used: { methods: p.used.methods }, at: [offset, length] });
    from = offset + length;
  }
  return { format: 1, entries };
}

/** What ranking reads: entries with their answers and methods (the rest is read by `full`). */
export interface Rankable {
  entries: Precedent[];
  /** The whole entry of one of `entries`. */
  full(entry: Precedent): Precedent;
}

/**
 * The index of one modality's entries, which the build also writes (a quarter of the whole index
 * or less, so `advise` parses less and allocates less: one scavenge fewer measured on image
 * advice). Ranking puts every entry of the user's modality above every other one (engine/
 * similarity.ts: the modality tier is worth 2, the closeness of another modality at most 0.7, as
 * its kind term is 0), so with at least as many entries of that modality as are shown, the closest
 * are among them (tests/precedents/similarity.test.ts checks this on the corpus).
 */
export const modalityIndexFile = (modality: string) => `precedents-index.${modality}.json`;

/** For the build: the index split by modality. */
export function byModality(index: PrecedentIndex): Map<string, PrecedentIndex> {
  const out = new Map<string, PrecedentIndex>();
  for (const e of index.entries) {
    const m = String(e.answers.modality);
    const part = out.get(m) ?? { format: 1 as const, entries: [] };
    part.entries.push(e);
    out.set(m, part);
  }
  return out;
}

const cached = new Map<string, Promise<Rankable>>();
/** Each modality's index once read (undefined: the modality has no entries). */
const parts = new Map<string, Rankable | undefined>();

/** What to rank to show `count` precedents for a problem of `modality` (the whole corpus when not given). */
export function rankablePrecedents(modality?: unknown, count = Number.POSITIVE_INFINITY): Promise<Rankable> {
  if (!PRECOMPILED) {
    const all = cached.get('') ?? loadPrecedents().then((entries) => ({ entries, full: (p: Precedent) => p }));
    cached.set('', all);
    return all;
  }
  if (typeof modality === 'string' && /^[a-z-]+$/.test(modality)) {
    if (!parts.has(modality)) parts.set(modality, readIndex(modalityIndexFile(modality)));
    const part = parts.get(modality);
    if (part && part.entries.length >= count) return Promise.resolve(part);
  }
  const all = cached.get('') ?? Promise.resolve(readIndex(INDEX_FILE) as Rankable);
  cached.set('', all);
  return all;
}

function readIndex(file: string): Rankable | undefined {
  const dir = `${packageRoot()}dist/knowledge/`;
  let text: string;
  try {
    text = readFileSync(`${dir}${file}`, 'utf8');
  } catch (e) {
    if (file !== INDEX_FILE) return undefined; // a modality without entries
    throw e;
  }
  const index = JSON.parse(text) as PrecedentIndex;
  // Only what ranking and its reasons read; `full` gives the rest.
  return { entries: index.entries as unknown as Precedent[], full: (entry) => readEntry(`${dir}${CORPUS_FILE}`, entry as unknown as IndexEntry) };
}

function readEntry(file: string, entry: IndexEntry): Precedent {
  const [offset, length] = entry.at;
  return JSON.parse(readRange(file, offset, offset + length)) as Precedent;
}
