/** Reading a file that a user named, bounded in size. */
import { readFileSync, statSync } from 'node:fs';
import type { Problem } from '../errors.js';
import { formatNumber } from '../text/number.js';
import { describeFsError } from './fs-errors.js';

/**
 * A file named by the user -> its bytes, or a problem. The size is checked with stat() before a
 * byte is read, so a 50 MB file costs nothing; only regular files are read (never a FIFO or a
 * device, which could block or never end). `shownAs` names the file in problems.
 */
export function readLimited(file: string, limit: number, shownAs = file, tooLargeHint?: string): Uint8Array | Problem {
  try {
    const st = statSync(file);
    if (st.isDirectory()) return { code: 'not-a-file', file: shownAs, message: 'is a folder, expected a file' };
    if (!st.isFile()) return { code: 'not-a-file', file: shownAs, message: 'not a regular file' };
    if (st.size > limit) {
      const message = `file is ${formatNumber(st.size)} bytes; the limit is ${formatNumber(limit)} bytes`;
      return tooLargeHint ? { code: 'file-too-large', file: shownAs, message, hint: tooLargeHint } : { code: 'file-too-large', file: shownAs, message };
    }
    return readFileSync(file);
  } catch (e) {
    return { code: 'unreadable', file: shownAs, message: describeFsError(e) };
  }
}

/** Whether a read gave bytes (and not a problem). */
export function isBytes(r: Uint8Array | Problem): r is Uint8Array {
  return r instanceof Uint8Array;
}
