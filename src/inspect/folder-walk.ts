/**
 * Walking a data folder in bounded memory: every file is counted by kind (from its extension)
 * and by its first two folder levels; the paths of the first `maxFiles` files of each kind are kept
 * for reading their headers. A labels file at the top is joined by file name during the walk.
 */
import { type Dir, opendirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { IMAGE_EXTENSIONS } from './images.js';
import { AUDIO_EXTENSIONS, VIDEO_EXTENSIONS } from './media.js';
import { LabelCounter } from './target.js';

export type MediaKind = 'image' | 'audio' | 'video' | 'text';
export const MEDIA_KINDS: MediaKind[] = ['image', 'audio', 'video', 'text'];
const TEXT_EXTENSIONS = new Set(['.txt', '.md', '.rst', '.text']);
export const LABELS_FILE = /^(?:.*[_-])?(?:labels?|annotations?|classes|ground_?truth|targets?)\.(?:csv|tsv|txt)$/i;
const MAX_DEPTH = 16;
const ENTRY_LIMIT = 10_000_000;
/** Entries between two yields to the event loop. */
const YIELD_EVERY = 50_000;

export interface Walk {
  /** Files per kind (all of them). */
  counts: Record<MediaKind, number>;
  /** Per kind: count per folder path of up to two levels ('' for the top). */
  groups: Record<MediaKind, Map<string, number>>;
  /** The first maxFiles media files of each kind, relative paths with '/'. */
  sample: Array<{ rel: string; kind: MediaKind }>;
  /** Files per kind in the sample. */
  sampled: Record<MediaKind, number>;
  /** Other files (relative paths of up to 50; total count). */
  others: string[];
  otherCount: number;
  /** Files per kind matched in the labels file, and their labels. */
  labels: Record<MediaKind, LabelCounter>;
  truncated: boolean;
}

export function kindOf(name: string): MediaKind | undefined {
  const ext = extname(name).toLowerCase();
  if (IMAGE_EXTENSIONS.has(ext) || name.toLowerCase().endsWith('.nii.gz')) return 'image';
  if (AUDIO_EXTENSIONS.has(ext)) return 'audio';
  if (VIDEO_EXTENSIONS.has(ext)) return 'video';
  if (TEXT_EXTENSIONS.has(ext) && !LABELS_FILE.test(name) && !/^readme/i.test(name)) return 'text';
  return undefined;
}

/** kindOf by extension, as the file system spells it: 'name' where the name decides (.gz, text). */
const BY_EXTENSION = new Map<string, MediaKind | 'none' | 'name'>();
const CACHED_EXTENSIONS = 1_000;

/** kindOf(name) for a name without '/', most from the extension alone (the same for every file of a folder). */
function kindOfName(name: string): MediaKind | undefined {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot) : '';
  let kind = BY_EXTENSION.get(ext);
  if (kind === undefined) {
    const lower = ext.toLowerCase();
    kind = lower === '.gz' || TEXT_EXTENSIONS.has(lower) ? 'name' : (kindOf(`x${ext}`) ?? 'none');
    if (BY_EXTENSION.size < CACHED_EXTENSIONS) BY_EXTENSION.set(ext, kind);
  }
  return kind === 'name' ? kindOf(name) : kind === 'none' ? undefined : kind;
}

/** A labels-file key for a file: its name without extension, lower-cased. */
export function fileKey(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.indexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

const byKind = <T>(make: () => T) => Object.fromEntries(MEDIA_KINDS.map((k) => [k, make()])) as Record<MediaKind, T>;

/**
 * Depth-first, in the order the file system lists each folder (as before: the sample and the
 * examples named in warnings stay the same). Each folder is read with blocking readSync calls on
 * a streaming handle (bounded memory however many entries a folder has; an awaited entry per file
 * cost about ten times the system calls). The walk yields to the event loop between folders.
 */
export async function walkFolder(root: string, maxFiles: number, labelOf?: Map<string, string>): Promise<Walk> {
  const walk: Walk = {
    counts: byKind(() => 0),
    groups: byKind(() => new Map<string, number>()),
    ...{ sample: [], sampled: byKind(() => 0), others: [], otherCount: 0, labels: byKind(() => new LabelCounter()), truncated: false },
  };
  const state = { entries: 0, lastYield: 0 };
  const stack: Array<{ rel: string; depth: number }> = [{ rel: '', depth: 0 }];
  while (stack.length > 0 && !walk.truncated) {
    const { rel, depth } = stack.pop() as { rel: string; depth: number };
    walkDir(walk, root, rel, depth, stack, state, { maxFiles, labelOf });
    if (state.entries - state.lastYield > YIELD_EVERY) {
      state.lastYield = state.entries;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return walk;
}

/** One folder's entries: subfolders onto the stack, files counted (per folder, then into the walk). */
function walkDir(
  walk: Walk,
  root: string,
  rel: string,
  depth: number,
  stack: Array<{ rel: string; depth: number }>,
  state: { entries: number },
  options: { maxFiles: number; labelOf?: Map<string, string> },
): void {
  let dir: Dir;
  try {
    dir = opendirSync(join(root, rel), { bufferSize: 1024 });
  } catch {
    return;
  }
  const prefix = rel === '' ? '' : `${rel}/`;
  const here = byKind(() => 0);
  try {
    for (let entry = dir.readSync(); entry; entry = dir.readSync()) {
      if (++state.entries > ENTRY_LIMIT) {
        walk.truncated = true;
        break;
      }
      const name = entry.name;
      if (name.startsWith('.') || name === '__MACOSX') continue;
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH) stack.push({ rel: prefix + name, depth: depth + 1 });
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        const kind = kindOfEntry(prefix, name);
        if (kind) here[kind]++;
        addFile(walk, kind, prefix, name, options.maxFiles, options.labelOf);
      }
    }
  } finally {
    dir.closeSync();
  }
  // Files are grouped by their first two folder levels.
  const group = rel.split('/').slice(0, 2).join('/');
  for (const kind of MEDIA_KINDS) if (here[kind] > 0) walk.groups[kind].set(group, (walk.groups[kind].get(group) ?? 0) + here[kind]);
}

/**
 * kindOf the file's path, from its name alone where that is the same: the labels-file and README
 * patterns are matched against the whole relative path (so a nested labels.txt is a document).
 */
function kindOfEntry(prefix: string, name: string): MediaKind | undefined {
  const kind = kindOfName(name);
  return prefix === '' || (kind !== undefined && kind !== 'text') ? kind : kindOf(prefix + name);
}

function addFile(walk: Walk, kind: MediaKind | undefined, prefix: string, name: string, maxFiles: number, labelOf?: Map<string, string>): void {
  if (!kind) {
    walk.otherCount++;
    if (walk.others.length < 50) walk.others.push(prefix + name);
    return;
  }
  walk.counts[kind]++;
  if (walk.sampled[kind] < maxFiles) {
    walk.sampled[kind]++;
    walk.sample.push({ rel: prefix + name, kind });
  }
  if (labelOf) walk.labels[kind].add(labelOf.get(fileKey(name)));
}
