/**
 * Byte ranges of a file read in place (start-up: the lazy record store and the precedent index
 * read a few hundred bytes per entry, where reading the whole file measured 1-2 ms a run).
 *
 * The file is opened at the first read and stays open for the life of the process: every later
 * range comes from the same file, also when a package update replaces it meanwhile (the offsets
 * the caller holds were made for that file, not for its replacement).
 */
import { openSync, readSync } from 'node:fs';

const open = new Map<string, number>();

/** The bytes [start, end) of `file` as UTF-8 text. */
export function readRange(file: string, start: number, end: number): string {
  let fd = open.get(file);
  if (fd === undefined) {
    fd = openSync(file, 'r');
    open.set(file, fd);
  }
  const bytes = Buffer.allocUnsafe(end - start);
  let done = 0;
  while (done < bytes.length) {
    const n = readSync(fd, bytes, done, bytes.length - done, start + done);
    if (n === 0) throw new Error(`${file}: ends at byte ${start + done}, before the range ${start}-${end} that the index names`);
    done += n;
  }
  return bytes.toString('utf8');
}
