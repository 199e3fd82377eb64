/**
 * A minimal DICOM Part 10 reader: the preamble, the file meta group, then the data set's
 * elements (explicit or implicit VR little endian) up to the pixel data, keeping a few tags.
 */
import { u16le, u32le } from '../probe.js';

/** Tags kept, as group << 16 | element. */
export const TAGS = {
  modality: 0x00080060,
  seriesDescription: 0x0008103e,
  patientId: 0x00100020,
  sliceThickness: 0x00180050,
  studyUid: 0x0020000d,
  seriesUid: 0x0020000e,
  frames: 0x00280008,
  rows: 0x00280010,
  columns: 0x00280011,
  pixelSpacing: 0x00280030,
} as const;
const WANTED = new Set<number>(Object.values(TAGS));
const LONG_VR = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const PIXEL_DATA = 0x7fe00010;
const TRANSFER_SYNTAX = 0x00020010;

export type DicomTags = Partial<Record<keyof typeof TAGS, string>>;

interface Cursor {
  b: Uint8Array;
  pos: number;
  explicit: boolean;
  found: Map<number, string>;
}

const text = (b: Uint8Array, from: number, n: number) =>
  new TextDecoder('latin1')
    .decode(b.subarray(from, from + n))
    .replace(/[\0 ]+$/, '')
    .trim();

/** The kept tags of a file's first bytes, or undefined when it is not DICOM Part 10. */
export function readDicom(b: Uint8Array): DicomTags | undefined {
  if (b.length < 132 || text(b, 128, 4) !== 'DICM') return undefined;
  const c: Cursor = { b, pos: 132, explicit: true, found: new Map() };
  try {
    // file meta: group 2, always explicit VR little endian
    while (c.pos + 8 <= b.length && u16le(b, c.pos) === 2) element(c, 0);
    const syntax = c.found.get(TRANSFER_SYNTAX) ?? '1.2.840.10008.1.2.1';
    if (syntax === '1.2.840.10008.1.2.2' || syntax === '1.2.840.10008.1.2.1.99') return tagsOf(c.found); // big endian / deflated: meta only
    c.explicit = syntax !== '1.2.840.10008.1.2';
    while (c.pos + 8 <= b.length) if (!element(c, 0)) break;
  } catch {
    // a damaged or cut element: keep what was read before it
  }
  return tagsOf(c.found);
}

function tagsOf(found: Map<number, string>): DicomTags {
  const out: DicomTags = {};
  for (const [key, tag] of Object.entries(TAGS) as Array<[keyof typeof TAGS, number]>) {
    const v = found.get(tag);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** Reads one element at c.pos; false at the pixel data or the end of the bytes. */
function element(c: Cursor, depth: number): boolean {
  const { b } = c;
  const tag = u16le(b, c.pos) * 65536 + u16le(b, c.pos + 2);
  let vr = '';
  let length: number;
  let start: number;
  if (tag === 0xfffee000 || tag === 0xfffee00d || tag === 0xfffee0dd) {
    length = u32le(b, c.pos + 4);
    start = c.pos + 8;
  } else if (c.explicit || tag >>> 16 === 2) {
    vr = String.fromCharCode(b[c.pos + 4] ?? 0, b[c.pos + 5] ?? 0);
    if (LONG_VR.has(vr)) {
      length = u32le(b, c.pos + 8);
      start = c.pos + 12;
    } else {
      length = u16le(b, c.pos + 6);
      start = c.pos + 8;
    }
  } else {
    length = u32le(b, c.pos + 4);
    start = c.pos + 8;
  }
  if (tag === PIXEL_DATA) return false;
  if (length === 0xffffffff) {
    c.pos = start;
    if (depth > 8) throw new Error('nested too deep');
    // a sequence or item of undefined length: read its elements until its delimiter
    for (;;) {
      if (c.pos + 8 > b.length) return false;
      const inner = u16le(b, c.pos) * 65536 + u16le(b, c.pos + 2);
      if (inner === 0xfffee0dd || inner === 0xfffee00d) {
        c.pos += 8;
        return true;
      }
      if (!element(c, depth + 1)) return false;
    }
  }
  if (start + length > b.length) return false;
  if (depth === 0 && (WANTED.has(tag) || tag === TRANSFER_SYNTAX)) {
    if (vr === 'US' || ((tag === TAGS.rows || tag === TAGS.columns) && !vr && length === 2)) c.found.set(tag, String(u16le(b, start)));
    else c.found.set(tag, text(b, start, length));
  }
  c.pos = start + length;
  return true;
}
