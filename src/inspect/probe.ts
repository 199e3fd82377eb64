/** Random access to the first bytes of a file, for reading binary headers without reading the file. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';

const HEAD = 64 << 10;

/** Reads `length` bytes at `position` into `buf`; resolves to the bytes read. */
type Read = (buf: Uint8Array, length: number, position: number) => Promise<number>;

export class Probe {
  private constructor(
    private readonly read: Read,
    private readonly release: () => Promise<void>,
    readonly head: Uint8Array,
    readonly size: number,
  ) {}

  static async open(path: string, headBytes = HEAD): Promise<Probe> {
    const fh: FileHandle = await open(path, 'r');
    try {
      const { size } = await fh.stat();
      const head = new Uint8Array(Math.min(headBytes, size));
      const { bytesRead } = await fh.read(head, 0, head.length, 0);
      const read: Read = async (buf, length, position) => (await fh.read(buf, 0, length, position)).bytesRead;
      return new Probe(read, () => fh.close(), head.subarray(0, bytesRead), size);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  /**
   * As open, with blocking reads: for the headers of many small files (a folder's sample), where
   * a promise per open, stat, read and close costs several times the system calls themselves.
   */
  static openSync(path: string, headBytes = HEAD): Probe {
    const fd = openSync(path, 'r');
    try {
      const { size } = fstatSync(fd);
      const head = new Uint8Array(Math.min(headBytes, size));
      const bytesRead = readSync(fd, head, 0, head.length, 0);
      const read: Read = (buf, length, position) => Promise.resolve(readSync(fd, buf, 0, length, position));
      return new Probe(read, () => Promise.resolve(closeSync(fd)), head.subarray(0, bytesRead), size);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  /** `length` bytes at `position` (fewer at the end of the file). */
  async bytes(position: number, length: number): Promise<Uint8Array> {
    if (position + length <= this.head.length) return this.head.subarray(position, position + length);
    if (position >= this.size) return new Uint8Array(0);
    const buf = new Uint8Array(length);
    const bytesRead = await this.read(buf, length, position);
    return buf.subarray(0, bytesRead);
  }

  close(): Promise<void> {
    return this.release();
  }
}

export const u16le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
export const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
export const u24le = (b: Uint8Array, i: number) => u16le(b, i) + (b[i + 2] ?? 0) * 65536;
export const u32le = (b: Uint8Array, i: number) => u16le(b, i) + u16le(b, i + 2) * 65536;
export const u32be = (b: Uint8Array, i: number) => u16be(b, i) * 65536 + u16be(b, i + 2);
export const i32le = (b: Uint8Array, i: number) => u32le(b, i) | 0;
export const u64be = (b: Uint8Array, i: number) => u32be(b, i) * 2 ** 32 + u32be(b, i + 4);
export const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));
/** The bytes at i equal these (numbers or an ASCII string). */
export const at = (b: Uint8Array, i: number, expected: string | number[]) =>
  typeof expected === 'string' ? b.length >= i + expected.length && ascii(b, i, expected.length) === expected : expected.every((v, k) => b[i + k] === v);
