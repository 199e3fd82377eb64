/** Bytes of a file -> text: strict UTF-8 (BOM allowed), rejecting binary data and other encodings. */
import type { Problem } from '../../errors.js';
import { formatNumber } from '../../text/number.js';
import { LIMITS } from '../limits.js';

/** Decode bytes as UTF-8 (BOM allowed), rejecting binary data and other encodings. */
export function decodeText(bytes: Uint8Array, file: string, limit: number = LIMITS.fileBytes): string | Problem {
  if (bytes.length > limit) {
    return { code: 'file-too-large', file, message: `file is ${formatNumber(bytes.length)} bytes; the limit is ${formatNumber(limit)} bytes` };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { code: 'bad-encoding', file, message: 'file is UTF-16; save it as UTF-8', hint: 'most editors offer "UTF-8" under "Save with encoding"' };
  }
  if (bytes.indexOf(0) !== -1) {
    if (looksLikeUtf16(bytes)) return { code: 'bad-encoding', file, message: 'file looks like UTF-16 (without a byte-order mark); save it as UTF-8' };
    return { code: 'binary-file', file, message: 'file contains binary data (NUL bytes); expected UTF-8 text (YAML or JSON)' };
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    const at = firstInvalidUtf8(bytes, start);
    return {
      code: 'bad-encoding',
      file,
      message: `file is not valid UTF-8 (byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${formatNumber(at)}); save it as UTF-8`,
      hint: 'Latin-1 or Windows-1252 files look like this; most editors offer "UTF-8" under "Save with encoding"',
    };
  }
}

/** Mostly ASCII text in UTF-16: in the first bytes, every NUL sits at an even offset, or every one at an odd offset. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 256);
  let even = 0;
  let odd = 0;
  head.forEach((b, i) => {
    if (b === 0) i % 2 === 0 ? even++ : odd++;
  });
  return head.length >= 8 && (even === 0 || odd === 0) && even + odd >= head.length / 4;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (for the message). */
function firstInvalidUtf8(bytes: Uint8Array, start: number): number {
  for (let i = start; i < bytes.length; ) {
    const b = bytes[i] ?? 0;
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return start;
}
