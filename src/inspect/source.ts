/**
 * Byte sources: a file read in chunks, transparently gunzipped when it starts with the gzip
 * magic bytes (whatever its name). Nothing here reads a whole file.
 */

import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

export const GZIP_MAGIC = [0x1f, 0x8b] as const;

export interface ByteSource {
  /** Fills into[offset, offset+length) as far as it can; 0 means the end. */
  read(into: Uint8Array, offset: number, length: number): Promise<number>;
  close(): Promise<void>;
  /** Set when the data stopped early (a corrupt gzip stream): what was read is still valid. */
  readonly error: string | undefined;
  readonly gzip: boolean;
}

export function isGzip(head: Uint8Array): boolean {
  return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

class FileSource implements ByteSource {
  readonly error = undefined;
  readonly gzip = false;
  constructor(private readonly fh: FileHandle) {}
  async read(into: Uint8Array, offset: number, length: number): Promise<number> {
    let total = 0;
    while (total < length) {
      const { bytesRead } = await this.fh.read(into, offset + total, length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    return total;
  }
  close(): Promise<void> {
    return this.fh.close();
  }
}

class GzipSource implements ByteSource {
  error: string | undefined;
  readonly gzip = true;
  private readonly chunks: AsyncIterator<Buffer>;
  private pending: Buffer | undefined;
  private readonly stream: ReturnType<typeof createGunzip>;

  constructor(path: string) {
    const file = createReadStream(path, { highWaterMark: 1 << 20 });
    this.stream = file.pipe(createGunzip({ chunkSize: 1 << 18 }));
    // pipe() does not forward read errors; without this the gunzip side would wait forever.
    file.on('error', (e) => this.stream.destroy(e));
    this.chunks = this.stream[Symbol.asyncIterator]();
  }

  async read(into: Uint8Array, offset: number, length: number): Promise<number> {
    let total = 0;
    while (total < length) {
      if (!this.pending || this.pending.length === 0) {
        const next = await this.next();
        if (!next) break;
        this.pending = next;
      }
      const n = Math.min(length - total, this.pending.length);
      into.set(this.pending.subarray(0, n), offset + total);
      this.pending = this.pending.subarray(n);
      total += n;
    }
    return total;
  }

  private async next(): Promise<Buffer | undefined> {
    if (this.error) return undefined;
    try {
      const { value, done } = await this.chunks.next();
      return done ? undefined : value;
    } catch (e) {
      this.error = `the gzip data is corrupt or truncated (${(e as Error).message})`;
      return undefined;
    }
  }

  async close(): Promise<void> {
    this.stream.destroy();
  }
}

/** Opens a path for streaming; gzip is recognised by its magic bytes. */
export async function openSource(path: string): Promise<ByteSource> {
  const fh = await open(path, 'r');
  const magic = new Uint8Array(2);
  const { bytesRead } = await fh.read(magic, 0, 2, 0);
  if (bytesRead === 2 && isGzip(magic)) {
    await fh.close();
    return new GzipSource(path);
  }
  return new FileSource(fh);
}

export interface Head {
  bytes: Uint8Array;
  /** True when `bytes` is the whole (decompressed) content. */
  complete: boolean;
  gzip: boolean;
  error: string | undefined;
}

/** The first `max` bytes of a file, decompressed if gzipped. */
export async function readHead(path: string, max: number): Promise<Head> {
  const source = await openSource(path);
  try {
    const bytes = new Uint8Array(max + 1);
    const n = await source.read(bytes, 0, max + 1);
    return { bytes: bytes.subarray(0, Math.min(n, max)), complete: n <= max, gzip: source.gzip, error: source.error };
  } finally {
    await source.close();
  }
}

/** A source over bytes in memory, handed out in pieces of at most `piece` bytes (tests, stdin). */
export function memorySource(bytes: Uint8Array, piece = Number.POSITIVE_INFINITY): ByteSource {
  let pos = 0;
  return {
    error: undefined,
    gzip: false,
    async read(into, offset, length) {
      const n = Math.min(length, piece, bytes.length - pos);
      into.set(bytes.subarray(pos, pos + n), offset);
      pos += n;
      return n;
    },
    async close() {},
  };
}
