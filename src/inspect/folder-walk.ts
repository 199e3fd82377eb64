/**
 * Walking a data folder in bounded memory: every file is counted by kind (from its extension)
 * and by its first two folder levels; the paths of the first `maxFiles` media files are kept
 * for reading their headers. A labels file at the top is joined by file name during the walk.
 */
import { opendir } from 'node:fs/promises';
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

export interface Walk {
  /** Files per kind (all of them). */
  counts: Record<MediaKind, number>;
  /** Per kind: count per folder path of up to two levels ('' for the top). */
  groups: Record<MediaKind, Map<string, number>>;
  /** The first maxFiles media files, relative paths with '/'. */
  sample: Array<{ rel: string; kind: MediaKind }>;
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

/** A labels-file key for a file: its name without extension, lower-cased. */
export function fileKey(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.indexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

const byKind = <T>(make: () => T) => Object.fromEntries(MEDIA_KINDS.map((k) => [k, make()])) as Record<MediaKind, T>;

export async function walkFolder(root: string, maxFiles: number, labelOf?: Map<string, string>): Promise<Walk> {
  const walk: Walk = {
    counts: byKind(() => 0),
    groups: byKind(() => new Map<string, number>()),
    ...{ sample: [], others: [], otherCount: 0, labels: byKind(() => new LabelCounter()), truncated: false },
  };
  let entries = 0;
  const stack: Array<{ rel: string; depth: number }> = [{ rel: '', depth: 0 }];
  while (stack.length > 0) {
    const { rel, depth } = stack.pop() as { rel: string; depth: number };
    const dir = await opendir(join(root, rel)).catch(() => undefined);
    if (!dir) continue;
    for await (const entry of dir) {
      if (++entries > ENTRY_LIMIT) {
        walk.truncated = true;
        break;
      }
      if (entry.name.startsWith('.') || entry.name === '__MACOSX') continue;
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH) stack.push({ rel: path, depth: depth + 1 });
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        addFile(walk, path, maxFiles, labelOf);
      }
    }
    if (walk.truncated) break;
  }
  return walk;
}

function addFile(walk: Walk, rel: string, maxFiles: number, labelOf?: Map<string, string>): void {
  const kind = kindOf(rel);
  if (!kind) {
    walk.otherCount++;
    if (walk.others.length < 50) walk.others.push(rel);
    return;
  }
  walk.counts[kind]++;
  const dirs = rel.split('/').slice(0, -1);
  const group = dirs.slice(0, 2).join('/');
  walk.groups[kind].set(group, (walk.groups[kind].get(group) ?? 0) + 1);
  if (walk.sample.length < maxFiles) walk.sample.push({ rel, kind });
  if (labelOf) walk.labels[kind].add(labelOf.get(fileKey(rel)));
}
