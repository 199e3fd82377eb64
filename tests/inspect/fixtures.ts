/** Fixture files for the inspect tests, written as real bytes into a temp folder. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32, gzipSync } from 'node:zlib';
import type { InspectReport } from '../../src/inspect/index.js';

export class Fixtures {
  readonly root = mkdtempSync(join(tmpdir(), 'dl-advisor-inspect-'));

  path(rel: string): string {
    return join(this.root, rel);
  }

  write(rel: string, content: string | Uint8Array, options: { gzip?: boolean } = {}): string {
    const path = this.path(rel);
    mkdirSync(dirname(path), { recursive: true });
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    writeFileSync(path, options.gzip ? gzipSync(bytes) : bytes);
    return path;
  }

  dir(rel: string): string {
    const path = this.path(rel);
    mkdirSync(path, { recursive: true });
    return path;
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

const u32be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u32le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const u16le = (n: number) => [n & 255, (n >>> 8) & 255];
const u16be = (n: number) => [(n >>> 8) & 255, n & 255];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function pngChunk(type: string, data: number[]): number[] {
  const body = [...ascii(type), ...data];
  return [...u32be(data.length), ...body, ...u32be(crc32(Buffer.from(body)))];
}

/** A PNG signature, IHDR (color type 2 = RGB, 0 = gray, 6 = RGBA) and IEND: a real header, no pixels. */
export function png(width: number, height: number, colorType = 2): Uint8Array {
  const ihdr = [...u32be(width), ...u32be(height), 8, colorType, 0, 0, 0];
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...pngChunk('IHDR', ihdr), ...pngChunk('IEND', [])]);
}

/** SOI, a JFIF APP0 segment, a baseline SOF0 with `components` channels, EOI. */
export function jpeg(width: number, height: number, components = 3): Uint8Array {
  const app0 = [0xff, 0xe0, ...u16be(16), ...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const comps = Array.from({ length: components }, (_, i) => [i + 1, 0x11, 0]).flat();
  const sof = [0xff, 0xc0, ...u16be(8 + 3 * components), 8, ...u16be(height), ...u16be(width), components, ...comps];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof, 0xff, 0xd9]);
}

/** A PCM WAV header with `seconds` of silence. */
export function wav(sampleRate: number, channels: number, seconds: number): Uint8Array {
  const bytesPerSample = 2;
  const dataSize = Math.round(sampleRate * seconds) * channels * bytesPerSample;
  const fmt = [
    ...u16le(1),
    ...u16le(channels),
    ...u32le(sampleRate),
    ...u32le(sampleRate * channels * bytesPerSample),
    ...u16le(channels * bytesPerSample),
    ...u16le(16),
  ];
  const header = [...ascii('RIFF'), ...u32le(36 + dataSize), ...ascii('WAVE'), ...ascii('fmt '), ...u32le(16), ...fmt, ...ascii('data'), ...u32le(dataSize)];
  const out = new Uint8Array(header.length + dataSize);
  out.set(header);
  return out;
}

/** An MP4 with ftyp and moov/mvhd (duration) and one video trak/tkhd (frame size). */
export function mp4(seconds: number, width: number, height: number): Uint8Array {
  const box = (type: string, body: number[]) => [...u32be(8 + body.length), ...ascii(type), ...body];
  const mvhd = box('mvhd', [0, 0, 0, 0, ...u32be(0), ...u32be(0), ...u32be(1000), ...u32be(seconds * 1000), ...new Array(80).fill(0)]);
  const tkhd = box('tkhd', [0, 0, 0, 7, ...new Array(72).fill(0), ...u32be(width * 65536), ...u32be(height * 65536)]);
  const moov = box('moov', [...mvhd, ...box('trak', tkhd)]);
  return new Uint8Array([...box('ftyp', [...ascii('isom'), 0, 0, 2, 0, ...ascii('isomiso2')]), ...box('mdat', new Array(64).fill(0)), ...moov]);
}

/** Deterministic pseudo-random numbers in [0, 1). */
export function rng(seed = 7): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

// Reading a report in assertions (shared by the inspect test files).
export const codes = (r: InspectReport) => r.warnings.map((w) => w.code);
export const warning = (r: InspectReport, code: string) => r.warnings.find((w) => w.code === code)?.message ?? '';
export const inferred = (r: InspectReport, key: string) => r.inferred.find((i) => i.key === key);
export const why = (r: InspectReport, key: string) => r.notInferred.find((n) => n.key === key)?.why ?? '';
