/**
 * Audio and video headers: WAV/FLAC/MP3/Ogg sample rate, channels and duration; MP4/MOV, AVI
 * and Matroska/WebM containers with duration and frame size where the header gives them.
 */
import { ascii, at, type Probe, u16le, u32be, u32le, u64be } from './probe.js';

export type AudioFormat = 'wav' | 'flac' | 'mp3' | 'ogg' | 'm4a';
export type VideoFormat = 'mp4' | 'mov' | 'avi' | 'mkv' | 'webm';

export interface MediaInfo {
  format: AudioFormat | VideoFormat;
  sampleRate?: number;
  channels?: number;
  /** Seconds. */
  duration?: number;
  width?: number;
  height?: number;
}

export const AUDIO_EXTENSIONS = new Set(['.wav', '.wave', '.flac', '.mp3', '.ogg', '.oga', '.opus', '.m4a']);
export const VIDEO_EXTENSIONS = new Set(['.mp4', '.m4v', '.mov', '.avi', '.mkv', '.webm']);

export function audioFormat(h: Uint8Array): AudioFormat | undefined {
  if (at(h, 0, 'RIFF') && at(h, 8, 'WAVE')) return 'wav';
  if (at(h, 0, 'fLaC')) return 'flac';
  if (at(h, 0, 'ID3') || ((h[0] ?? 0) === 0xff && ((h[1] ?? 0) & 0xe6) === 0xe2)) return 'mp3';
  if (at(h, 0, 'OggS') && !at(h, 28, '\x80theora')) return 'ogg';
  if (at(h, 4, 'ftyp') && /^M4[AB] /.test(ascii(h, 8, 4))) return 'm4a';
  return undefined;
}

export function videoFormat(h: Uint8Array): VideoFormat | undefined {
  if (at(h, 4, 'ftyp')) {
    const brand = ascii(h, 8, 4);
    if (/^M4[AB] /.test(brand)) return undefined;
    return brand === 'qt  ' ? 'mov' : 'mp4';
  }
  if (at(h, 0, 'RIFF') && at(h, 8, 'AVI ')) return 'avi';
  if (at(h, 0, [0x1a, 0x45, 0xdf, 0xa3])) return ascii(h, 0, 64).includes('webm') ? 'webm' : 'mkv';
  return undefined;
}

export async function mediaInfo(p: Probe, format: AudioFormat | VideoFormat): Promise<MediaInfo | undefined> {
  switch (format) {
    case 'wav':
      return wav(p);
    case 'flac':
      return flac(p.head);
    case 'mp3':
      return { format };
    case 'ogg':
      return ogg(p.head);
    case 'm4a':
    case 'mp4':
    case 'mov':
      return mp4(p, format);
    case 'avi':
      return avi(p.head);
    case 'mkv':
    case 'webm':
      return { format, duration: matroskaDuration(p.head) };
  }
}

/** RIFF chunks: 'fmt ' gives rate and channels, 'data' the size, hence the duration. */
async function wav(p: Probe): Promise<MediaInfo | undefined> {
  const info: MediaInfo = { format: 'wav' };
  let byteRate = 0;
  for (let pos = 12, chunks = 0; pos + 8 <= p.size && chunks < 64; chunks++) {
    const c = await p.bytes(pos, 24);
    if (c.length < 8) break;
    const size = u32le(c, 4);
    if (at(c, 0, 'fmt ')) {
      if (c.length < 24) return undefined;
      [info.channels, info.sampleRate, byteRate] = [u16le(c, 10), u32le(c, 12), u32le(c, 16)];
    } else if (at(c, 0, 'data')) {
      if (byteRate > 0) info.duration = Math.min(size, p.size - pos - 8) / byteRate;
      break;
    }
    pos += 8 + size + (size % 2);
  }
  return info.sampleRate ? info : undefined;
}

function flac(h: Uint8Array): MediaInfo | undefined {
  if (h.length < 26 || ((h[4] ?? 0) & 0x7f) !== 0) return undefined;
  const [b18 = 0, b19 = 0, b20 = 0, b21 = 0] = h.subarray(18, 22);
  const sampleRate = (b18 << 12) | (b19 << 4) | (b20 >> 4);
  const samples = (b21 & 0x0f) * 2 ** 32 + u32be(h, 22);
  if (sampleRate === 0) return undefined;
  return { format: 'flac', sampleRate, channels: ((b20 >> 1) & 7) + 1, duration: samples > 0 ? samples / sampleRate : undefined };
}

function ogg(h: Uint8Array): MediaInfo {
  if (at(h, 28, '\x01vorbis')) return { format: 'ogg', channels: h[39], sampleRate: u32le(h, 40) };
  if (at(h, 28, 'OpusHead')) return { format: 'ogg', channels: h[37], sampleRate: 48000 };
  return { format: 'ogg' };
}

function avi(h: Uint8Array): MediaInfo | undefined {
  if (h.length < 72 || !at(h, 24, 'avih')) return { format: 'avi' };
  const usPerFrame = u32le(h, 32);
  const frames = u32le(h, 48);
  return { format: 'avi', duration: (frames * usPerFrame) / 1e6 || undefined, width: u32le(h, 64), height: u32le(h, 68) };
}

/** Segment Info Duration (0x4489, a float) scaled by TimecodeScale (0x2AD7B1, default 1 ms). */
function matroskaDuration(h: Uint8Array): number | undefined {
  const view = new DataView(h.buffer, h.byteOffset, h.byteLength);
  let scale = 1e6;
  for (let i = 0; i + 12 < h.length; i++) {
    if (h[i] === 0x2a && h[i + 1] === 0xd7 && h[i + 2] === 0xb1 && ((h[i + 3] ?? 0) & 0xf0) === 0x80) {
      const n = (h[i + 3] ?? 0) & 0x0f;
      scale = h.subarray(i + 4, i + 4 + n).reduce((acc, byte) => acc * 256 + byte, 0) || scale;
    }
    if (h[i] === 0x44 && h[i + 1] === 0x89 && (h[i + 2] === 0x84 || h[i + 2] === 0x88)) {
      const value = h[i + 2] === 0x84 ? view.getFloat32(i + 3) : view.getFloat64(i + 3);
      return value > 0 ? (value * scale) / 1e9 : undefined;
    }
  }
  return undefined;
}

/** ISO-BMFF boxes: moov/mvhd for the duration, moov/trak/tkhd for the frame size. */
async function mp4(p: Probe, format: 'mp4' | 'mov' | 'm4a'): Promise<MediaInfo> {
  const info: MediaInfo = { format };
  const moov = await findBox(p, 0, p.size, 'moov');
  if (!moov) return info;
  const mvhd = await findBox(p, moov.start + 8, moov.end, 'mvhd');
  if (mvhd) {
    const b = await p.bytes(mvhd.start, 40);
    const v1 = b[8] === 1;
    const scale = v1 ? u32be(b, 28) : u32be(b, 20);
    const duration = v1 ? u64be(b, 32) : u32be(b, 24);
    if (scale > 0) info.duration = duration / scale;
  }
  for (let pos = moov.start + 8, n = 0; pos < moov.end && n < 64; n++) {
    const trak = await findBox(p, pos, moov.end, 'trak');
    if (!trak) break;
    const tkhd = await findBox(p, trak.start + 8, trak.end, 'tkhd');
    if (tkhd) {
      const b = await p.bytes(tkhd.end - 8, 8);
      const [width, height] = [Math.round(u32be(b, 0) / 65536), Math.round(u32be(b, 4) / 65536)];
      if (width > 0 && height > 0) [info.width, info.height] = [width, height];
    }
    pos = trak.end;
  }
  return info;
}

async function findBox(p: Probe, from: number, to: number, type: string): Promise<{ start: number; end: number } | undefined> {
  for (let pos = from, n = 0; pos + 8 <= to && n < 256; n++) {
    const h = await p.bytes(pos, 16);
    if (h.length < 8) return undefined;
    let size = u32be(h, 0);
    if (size === 1) size = u64be(h, 8);
    else if (size === 0) size = to - pos;
    if (size < 8) return undefined;
    if (at(h, 4, type)) return { start: pos, end: Math.min(pos + size, to) };
    pos += size;
  }
  return undefined;
}
