/** File-system errors in words: the one table, for reading, writing and inspecting. */

interface FsError {
  /** What went wrong, as a reader of the message understands it. */
  words: string;
  /** The same when writing a file, where it reads differently. */
  onWrite?: string;
  /** The path or its folder does not exist (inspect reports these as `data-not-found`). */
  notFound?: true;
}

const FS_ERRORS: Record<string, FsError> = {
  ENOENT: { words: 'no such file or folder', onWrite: 'its folder does not exist', notFound: true },
  ENOTDIR: { words: 'a part of the path is not a folder', notFound: true },
  ENAMETOOLONG: { words: 'the path is too long', notFound: true },
  EACCES: { words: 'permission denied' },
  EPERM: { words: 'permission denied' },
  EISDIR: { words: 'is a folder, expected a file', onWrite: 'it is a folder' },
  ELOOP: { words: 'too many symbolic links' },
  EIO: { words: 'input/output error while reading', onWrite: 'input/output error while writing' },
  EMFILE: { words: 'too many open files' },
};

/** The errno of a Node.js file-system error, if it has one. */
export function errnoOf(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The table's entry for an error; undefined for an error it does not know (a bug, or rare). */
export function fsError(e: unknown): Readonly<FsError> | undefined {
  const code = errnoOf(e);
  return code !== undefined && Object.hasOwn(FS_ERRORS, code) ? FS_ERRORS[code] : undefined;
}

/** A failed read in words: "no such file or folder", or "cannot read: EXYZ" for a rare code. */
export function describeFsError(e: unknown): string {
  return fsError(e)?.words ?? `cannot read: ${errnoOf(e) ?? String(e)}`;
}

/** A failed write in words: "its folder does not exist", or the code for a rare one. */
export function describeWriteError(e: unknown): string {
  const known = fsError(e);
  return known?.onWrite ?? known?.words ?? errnoOf(e) ?? String(e);
}
