/**
 * Byte ranges of a file read in place (start-up: the lazy record store and the precedent index
 * read a few hundred bytes per entry, where reading the whole file measured 1-2 ms a run; reading
 * it in 16 KB blocks, kept, measured no better: the records one run reads are spread over the file).
 *
 * The file is opened at the first read and stays open for the life of the process: every later
 * range comes from the same file, also when a package update replaces it meanwhile (the offsets
 * the caller holds were made for that file, not for its replacement).
 */
import { fstatSync, openSync, readSync } from 'node:fs';

const open = new Map<string, { fd: number; size: number }>();

/** The bytes [start, end) of `file` as UTF-8 text. */
export function readRange(file: string, start: number, end: number): string {
  let f = open.get(file);
  if (f === undefined) {
    const fd = openSync(file, 'r');
    f = { fd, size: fstatSync(fd).size };
    open.set(file, f);
  }
  if (start < 0 || end > f.size || end < start) throw new Error(`${file}: the range ${start}-${end} is outside the file (${f.size} bytes)`);
  const fd = f.fd;
  const bytes = Buffer.allocUnsafe(end - start);
  let done = 0;
  while (done < bytes.length) {
    const n = readSync(fd, bytes, done, bytes.length - done, start + done);
    if (n === 0) throw new Error(`${file}: ends at byte ${start + done}, before the range ${start}-${end} that the index names`);
    done += n;
  }
  return bytes.toString('utf8');
}
