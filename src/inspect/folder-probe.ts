/** Reading the headers of a sample of a folder's files and summarising them per kind. */
import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';
import type { MediaKind } from './folder-walk.js';
import { type ImageInfo, imageFormat, imageInfo } from './images.js';
import { audioFormat, type MediaInfo, mediaInfo, videoFormat } from './media.js';
import { Probe } from './probe.js';
import { count, fmt, list, pct, q, type ReportBuilder, spread } from './report.js';

export interface Probed {
  images: ImageInfo[];
  media: MediaInfo[];
  /** Text documents: sizes in bytes. */
  sizes: number[];
  binary: string[];
  invalidUtf8: string[];
  /** Files whose header is missing, truncated or of another kind. */
  broken: string[];
  unreadable: string[];
}

export const emptyProbed = (): Probed => ({ images: [], media: [], sizes: [], binary: [], invalidUtf8: [], broken: [], unreadable: [] });

/**
 * The headers of `files`, one after the other with blocking reads (Probe.openSync): they are a
 * bounded sample of small reads, where a promise per system call would cost more than the calls.
 */
export async function probeFiles(root: string, files: string[], kind: MediaKind): Promise<Probed> {
  const out = emptyProbed();
  for (const rel of files) {
    let probe: Probe;
    try {
      probe = Probe.openSync(join(root, rel), kind === 'text' ? 4096 : undefined);
    } catch {
      out.unreadable.push(rel);
      continue;
    }
    try {
      await probeOne(probe, rel, kind, out);
    } finally {
      await probe.close();
    }
  }
  return out;
}

async function probeOne(p: Probe, rel: string, kind: MediaKind, out: Probed): Promise<void> {
  if (kind === 'text') {
    out.sizes.push(p.size);
    const head = p.size > p.head.length ? p.head.subarray(0, Math.max(0, p.head.length - 3)) : p.head;
    if (head.includes(0)) out.binary.push(rel);
    else if (!isUtf8(head)) out.invalidUtf8.push(rel);
    return;
  }
  if (kind === 'image') {
    const format = imageFormat(p.head);
    const info = format && (await imageInfo(p, format));
    if (info) out.images.push(info);
    else out.broken.push(rel);
    return;
  }
  const format = kind === 'audio' ? audioFormat(p.head) : videoFormat(p.head);
  const info = format && (await mediaInfo(p, format));
  if (info) out.media.push(info);
  else out.broken.push(rel);
}

/** Values with their counts, most frequent first. */
function counts(values: Array<string | number | undefined>): Array<[string, number]> {
  const map = new Map<string, number>();
  for (const v of values) if (v !== undefined) map.set(String(v), (map.get(String(v)) ?? 0) + 1);
  return [...map].sort((a, b) => b[1] - a[1]);
}

/** "png 1,200, jpeg 30" */
function tally(values: Array<string | number | undefined>, label: (v: string) => string = (v) => v): string {
  return list(
    counts(values).map(([v, n]) => `${label(v)} ${fmt(n)}`),
    6,
  );
}

const CHANNELS: Record<string, string> = { '1': 'grayscale (1)', '2': 'grayscale+alpha (2)', '3': 'RGB (3)', '4': 'RGBA (4)' };

export function summariseProbes(kind: MediaKind, p: Probed, b: ReportBuilder): void {
  if (kind === 'image' && p.images.length > 0) summariseImages(p.images, b);
  if ((kind === 'audio' || kind === 'video') && p.media.length > 0) summariseMedia(p.media, b);
  if (kind === 'text' && p.sizes.length > 0) {
    b.set(
      'bytes',
      p.sizes.reduce((a, c) => a + c, 0),
    );
    b.set('documentBytes', `${spread(p.sizes)} (min / median / max)`);
  }
  const noun = kind === 'text' ? 'documents' : `files named like ${kind === 'image' ? 'images' : `${kind} files`}`;
  const eg = (files: string[]) => `(e.g. ${list(files.slice(0, 3).map(q), 3)})`;
  if (p.broken.length > 0)
    b.warn('broken-headers', `${fmt(p.broken.length)} ${noun} have a broken, truncated or unrecognised header and were not counted ${eg(p.broken)}`);
  if (p.unreadable.length > 0) b.warn('unreadable-files', `${count(p.unreadable.length, 'file')} could not be read ${eg(p.unreadable)}`);
  if (p.binary.length > 0) b.warn('binary-documents', `${fmt(p.binary.length)} documents hold binary data, not text ${eg(p.binary)}`);
  if (p.invalidUtf8.length > 0)
    b.warn('invalid-utf8', `${fmt(p.invalidUtf8.length)} documents are not valid UTF-8 ${eg(p.invalidUtf8)}: convert them (iconv -f latin1 -t utf-8)`);
}

function summariseImages(images: ImageInfo[], b: ReportBuilder): void {
  const sized = images.filter((i) => i.width && i.height);
  b.set('formats', tally(images.map((i) => i.format)));
  if (sized.length > 0) {
    b.set('width', `${spread(sized.map((i) => i.width ?? 0))} (min / median / max)`);
    b.set('height', `${spread(sized.map((i) => i.height ?? 0))} (min / median / max)`);
    const [size, n] = counts(sized.map((i) => `${i.width}x${i.height}`))[0] ?? ['', 0];
    b.set('commonSize', `${size} (${pct(n, sized.length)})`);
  }
  const channels = new Set(images.flatMap((i) => (i.channels ? [i.channels] : [])));
  if (channels.size > 0)
    b.set(
      'channels',
      tally(
        images.map((i) => i.channels),
        (v) => CHANNELS[v] ?? v,
      ),
    );
  if (channels.size > 1)
    b.warn(
      'mixed-channels',
      `the images mix ${list([...channels].sort().map((c) => CHANNELS[String(c)] ?? String(c)))} channels: convert them to one layout before training`,
    );
  const stacks = images.filter((i) => (i.depth ?? 1) > 1);
  if (stacks.length > 0) b.set('volumes', `${fmt(stacks.length)} stacks or volumes (slices ${spread(stacks.map((i) => i.depth ?? 1))})`);
}

function summariseMedia(media: MediaInfo[], b: ReportBuilder): void {
  b.set('formats', tally(media.map((m) => m.format)));
  const rates = new Set(media.flatMap((m) => (m.sampleRate ? [m.sampleRate] : [])));
  if (rates.size > 0)
    b.set(
      'sampleRates',
      tally(
        media.map((m) => m.sampleRate),
        (v) => `${fmt(Number(v))} Hz`,
      ),
    );
  if (rates.size > 1) b.warn('mixed-sample-rates', `the recordings mix ${count(rates.size, 'sample rate')}: resample them to one`);
  if (media.some((m) => m.channels))
    b.set(
      'channels',
      tally(
        media.map((m) => m.channels),
        (v) => (v === '1' ? 'mono' : v === '2' ? 'stereo' : `${v} channels`),
      ),
    );
  const durations = media.flatMap((m) => (m.duration ? [m.duration] : []));
  if (durations.length > 0) {
    b.set('seconds', `${spread(durations)} (min / median / max)`);
    b.set('hours', Number((durations.reduce((a, c) => a + c, 0) / 3600).toFixed(2)));
  }
  const frames = media.filter((m) => m.width && m.height);
  if (frames.length > 0) b.set('frameSize', tally(frames.map((m) => `${m.width}x${m.height}`)));
  if (media.length > 0 && durations.length < media.length)
    b.set('durationKnown', `${fmt(durations.length)} of ${fmt(media.length)} (${pct(durations.length, media.length)})`);
}
