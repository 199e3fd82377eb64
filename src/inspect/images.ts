/**
 * Image headers: format, width, height, channels (and slices for stacks and volumes), read
 * from the first bytes (JPEG and TIFF follow their segment/IFD offsets); pixels are never decoded.
 */
import { at, i32le, type Probe, u16be, u16le, u24le, u32be, u32le } from './probe.js';

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'bmp' | 'tiff' | 'webp' | 'dicom' | 'nifti';

export interface ImageInfo {
  format: ImageFormat;
  width?: number;
  height?: number;
  channels?: number;
  /** Pages of a TIFF stack, slices of a NIfTI volume. */
  depth?: number;
}

export const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.jpe', '.gif', '.bmp', '.tif', '.tiff', '.webp', '.dcm', '.dicom', '.nii']);

/** The image format announced by the magic bytes, if any. */
export function imageFormat(h: Uint8Array): ImageFormat | undefined {
  if (at(h, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (at(h, 0, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (at(h, 0, 'GIF87a') || at(h, 0, 'GIF89a')) return 'gif';
  if (at(h, 0, 'BM') && h.length >= 26 && u32le(h, 14) >= 12) return 'bmp';
  if (at(h, 0, [0x49, 0x49, 0x2a, 0x00]) || at(h, 0, [0x4d, 0x4d, 0x00, 0x2a]) || at(h, 0, [0x49, 0x49, 0x2b, 0x00])) return 'tiff';
  if (at(h, 0, 'RIFF') && at(h, 8, 'WEBP')) return 'webp';
  if (at(h, 128, 'DICM')) return 'dicom';
  if (i32le(h, 0) === 348 && (at(h, 344, 'n+1\0') || at(h, 344, 'ni1\0'))) return 'nifti';
  return undefined;
}

const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 3, 4: 2, 6: 4 };

/** Header facts, or undefined when the header is truncated or inconsistent. */
export async function imageInfo(p: Probe, format: ImageFormat): Promise<ImageInfo | undefined> {
  const h = p.head;
  switch (format) {
    case 'png':
      if (h.length < 26 || !at(h, 12, 'IHDR')) return undefined;
      return sized({ format, width: u32be(h, 16), height: u32be(h, 20), channels: PNG_CHANNELS[h[25] ?? -1] });
    case 'gif':
      return h.length < 10 ? undefined : sized({ format, width: u16le(h, 6), height: u16le(h, 8), channels: 3 });
    case 'bmp': {
      const bits = u16le(h, 28);
      return sized({ format, width: Math.abs(i32le(h, 18)), height: Math.abs(i32le(h, 22)), channels: bits === 32 ? 4 : bits >= 16 ? 3 : 1 });
    }
    case 'webp':
      return webp(h);
    case 'jpeg':
      return jpeg(p);
    case 'tiff':
      return tiff(p);
    case 'nifti':
      return nifti(h);
    case 'dicom':
      return { format };
  }
}

/** Rejects headers with zero or absurd dimensions (a broken or truncated header). */
function sized(info: ImageInfo): ImageInfo | undefined {
  const ok = (n: number | undefined) => n !== undefined && n > 0 && n < 1_000_000;
  return ok(info.width) && ok(info.height) ? info : undefined;
}

function webp(h: Uint8Array): ImageInfo | undefined {
  if (h.length < 30) return undefined;
  if (at(h, 12, 'VP8 ')) return sized({ format: 'webp', width: u16le(h, 26) & 0x3fff, height: u16le(h, 28) & 0x3fff, channels: 3 });
  if (at(h, 12, 'VP8L')) {
    const bits = u32le(h, 21);
    return sized({ format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, channels: (bits >>> 28) & 1 ? 4 : 3 });
  }
  if (at(h, 12, 'VP8X')) return sized({ format: 'webp', width: u24le(h, 24) + 1, height: u24le(h, 27) + 1, channels: (h[20] ?? 0) & 0x10 ? 4 : 3 });
  return undefined;
}

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Walks the JPEG segments to the start-of-frame header. */
async function jpeg(p: Probe): Promise<ImageInfo | undefined> {
  let pos = 2;
  for (let segments = 0; segments < 500 && pos < p.size; segments++) {
    const m = await p.bytes(pos, 10);
    if (m.length < 4 || m[0] !== 0xff) return undefined;
    const marker = m[1] ?? 0;
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (SOF.has(marker)) {
      if (m.length < 10) return undefined;
      return sized({ format: 'jpeg', height: u16be(m, 5), width: u16be(m, 7), channels: m[9] });
    }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    pos += 2 + u16be(m, 2);
  }
  return undefined;
}

/** The first IFD's width, height and samples per pixel; the IFD chain gives the pages. */
async function tiff(p: Probe): Promise<ImageInfo | undefined> {
  const h = p.head;
  if (h[2] === 0x2b) return { format: 'tiff' }; // BigTIFF: counted, not measured
  const le = h[0] === 0x49;
  const u16 = (b: Uint8Array, i: number) => (le ? u16le(b, i) : u16be(b, i));
  const u32 = (b: Uint8Array, i: number) => (le ? u32le(b, i) : u32be(b, i));
  let offset = u32(h, 4);
  const info: ImageInfo = { format: 'tiff', channels: 1, depth: 0 };
  for (const seen = new Set<number>(); offset > 0 && offset < p.size && !seen.has(offset) && seen.size < 1000; seen.add(offset)) {
    const head = await p.bytes(offset, 2);
    const entries = Math.min(u16(head, 0), 500);
    const ifd = await p.bytes(offset + 2, entries * 12 + 4);
    if (ifd.length < entries * 12 + 4) break;
    if (info.depth === 0) {
      for (let e = 0; e < entries; e++) {
        const tag = u16(ifd, e * 12);
        const short = u16(ifd, e * 12 + 2) === 3;
        const value = short ? u16(ifd, e * 12 + 8) : u32(ifd, e * 12 + 8);
        if (tag === 256) info.width = value;
        else if (tag === 257) info.height = value;
        else if (tag === 277) info.channels = value;
      }
    }
    info.depth = (info.depth ?? 0) + 1;
    offset = u32(ifd, entries * 12);
  }
  return sized(info);
}

function nifti(h: Uint8Array): ImageInfo | undefined {
  if (h.length < 56) return undefined;
  const dims = u16le(h, 40);
  return sized({ format: 'nifti', width: u16le(h, 42), height: u16le(h, 44), depth: dims >= 3 ? u16le(h, 46) : 1, channels: dims >= 5 ? u16le(h, 50) : 1 });
}
