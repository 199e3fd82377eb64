/**
 * A small ZIP reader for .npz and .xlsx: the central directory (ZIP64 too), and the first bytes
 * of a stored or deflated member, inflated as a stream so a member is never read whole.
 */
import { createReadStream } from 'node:fs';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { UserError } from '../../errors.js';
import { type Probe, u16le, u32le } from '../probe.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  offset: number;
  encrypted: boolean;
}

/** Members listed at most (a zip with more is described by these). */
const MAX_ENTRIES = 100_000;
const u64le = (b: Uint8Array, i: number) => u32le(b, i) + u32le(b, i + 4) * 2 ** 32;

export function zipError(path: string, message: string): UserError {
  return new UserError({ code: 'data-corrupt', file: path, message });
}

/** The members of a ZIP archive, from its central directory. */
export async function zipEntries(p: Probe, path: string): Promise<ZipEntry[]> {
  const tailLength = Math.min(p.size, 65_557);
  const tail = await p.bytes(p.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 5 && tail[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw zipError(path, 'a ZIP archive (.npz, .xlsx) without its central directory: the file is truncated or not a ZIP file');
  let count = u16le(tail, eocd + 10);
  let cdSize = u32le(tail, eocd + 12);
  let cdOffset = u32le(tail, eocd + 16);
  const locator = eocd - 20;
  if (locator >= 0 && u32le(tail, locator) === 0x07064b50) {
    const z64 = await p.bytes(u64le(tail, locator + 8), 56);
    if (u32le(z64, 0) !== 0x06064b50) throw zipError(path, 'the ZIP64 end-of-directory record is damaged');
    count = u64le(z64, 32);
    cdSize = u64le(z64, 40);
    cdOffset = u64le(z64, 48);
  }
  if (cdOffset + cdSize > p.size || cdSize > 64 << 20) throw zipError(path, 'the ZIP central directory points past the end of the file (truncated?)');
  const cd = await p.bytes(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  for (let pos = 0; pos + 46 <= cd.length && entries.length < Math.min(count, MAX_ENTRIES); ) {
    if (u32le(cd, pos) !== 0x02014b50) throw zipError(path, `the ZIP central directory is damaged at entry ${entries.length + 1}`);
    const nameLength = u16le(cd, pos + 28);
    const extraLength = u16le(cd, pos + 30);
    const entry: ZipEntry = {
      name: new TextDecoder().decode(cd.subarray(pos + 46, pos + 46 + nameLength)),
      method: u16le(cd, pos + 10),
      compressedSize: u32le(cd, pos + 20),
      size: u32le(cd, pos + 24),
      offset: u32le(cd, pos + 42),
      encrypted: (u16le(cd, pos + 8) & 1) === 1,
    };
    zip64Extra(cd.subarray(pos + 46 + nameLength, pos + 46 + nameLength + extraLength), entry);
    entries.push(entry);
    pos += 46 + nameLength + extraLength + u16le(cd, pos + 32);
  }
  return entries;
}

/** Sizes and offset of a member over 4 GB live in the ZIP64 extra field (id 1). */
function zip64Extra(extra: Uint8Array, e: ZipEntry): void {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = u16le(extra, i);
    const size = u16le(extra, i + 2);
    if (id === 1) {
      let k = i + 4;
      const next = () => {
        const v = u64le(extra, k);
        k += 8;
        return v;
      };
      if (e.size === 0xffffffff) e.size = next();
      if (e.compressedSize === 0xffffffff) e.compressedSize = next();
      if (e.offset === 0xffffffff) e.offset = next();
      return;
    }
    i += 4 + size;
  }
}

/** Where a member's data starts (after its local header). */
export async function dataStart(p: Probe, e: ZipEntry, path: string): Promise<number> {
  const local = await p.bytes(e.offset, 30);
  if (local.length < 30 || u32le(local, 0) !== 0x04034b50) throw zipError(path, `the ZIP member ${e.name} has no local header (the file is damaged)`);
  const start = e.offset + 30 + u16le(local, 26) + u16le(local, 28);
  if (start + e.compressedSize > p.size) throw zipError(path, `the ZIP member ${e.name} runs past the end of the file (truncated?)`);
  return start;
}

/** A member's decompressed bytes, as a stream of chunks (stop early by breaking out of the loop). */
export async function* memberChunks(p: Probe, path: string, e: ZipEntry): AsyncGenerator<Uint8Array> {
  if (e.encrypted) throw zipError(path, `the ZIP member ${e.name} is encrypted`);
  const start = await dataStart(p, e, path);
  if (e.method === 0) {
    for (let pos = 0; pos < e.compressedSize; pos += 1 << 20) yield await p.bytes(start + pos, Math.min(1 << 20, e.compressedSize - pos));
    return;
  }
  if (e.method !== 8) {
    throw new UserError({
      code: 'data-unsupported',
      file: path,
      message: `the ZIP member ${e.name} uses compression method ${e.method}; only stored and deflated members are read`,
    });
  }
  if (e.compressedSize === 0) return;
  const collect = new PassThrough();
  const done = pipeline(createReadStream(path, { start, end: start + e.compressedSize - 1, highWaterMark: 256 << 10 }), createInflateRaw(), collect);
  try {
    for await (const chunk of collect as AsyncIterable<Buffer>) yield chunk;
  } catch (err) {
    throw zipError(path, `the ZIP member ${e.name} does not inflate (${(err as Error).message})`);
  } finally {
    collect.destroy();
    await done.catch(() => undefined);
  }
}

/** The first `max` bytes of a member (all of it when it is shorter), decompressed. */
export async function readMember(p: Probe, path: string, e: ZipEntry, max: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let n = 0;
  for await (const chunk of memberChunks(p, path, e)) {
    chunks.push(chunk);
    n += chunk.length;
    if (n >= max) break;
  }
  return new Uint8Array(Buffer.concat(chunks).subarray(0, max));
}
