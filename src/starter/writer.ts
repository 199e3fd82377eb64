/**
 * Writes the starter's files inside DIR, and only there: creates DIR if absent, refuses a
 * non-empty DIR unless `force`, and refuses any path that would land outside DIR (absolute
 * paths, `..`, a symbolic link in the way). With `force` it replaces only its own files.
 */
import { lstatSync, mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';
import { describeWriteError } from '../io/fs-errors.js';
import type { StarterFile } from './common.js';

export interface Written {
  dir: string;
  files: string[];
}

/** The absolute path of `file` inside `dir`, or a UserError when it would escape it. */
export function insideDir(dir: string, file: string): string {
  const root = resolve(dir);
  const target = resolve(root, file);
  const rel = relative(root, target);
  if (file === '' || isAbsolute(file) || rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel))
    throw new UserError({ code: 'unsafe-path', file, message: `refusing to write "${file}": it is not a file inside ${dir}` });
  return target;
}

export function writeStarter(dir: string, files: readonly StarterFile[], options: { force?: boolean } = {}): Written {
  const targets = files.map((f) => ({ ...f, abs: insideDir(dir, f.path) }));
  prepareDir(dir, options.force === true);
  for (const f of targets) {
    const existing = lstatOrUndefined(f.abs);
    if (existing && !existing.isFile())
      throw new UserError({ code: 'unsafe-path', file: join(dir, f.path), message: 'refusing to write: something other than a regular file is in the way' });
    try {
      if (existing) unlinkSync(f.abs);
      mkdirSync(resolve(f.abs, '..'), { recursive: true });
      // 'wx': never follow a link or replace a file created meanwhile.
      writeFileSync(f.abs, f.contents, { flag: 'wx' });
    } catch (e) {
      throw new UserError({ code: 'unwritable', file: join(dir, f.path), message: `cannot write the starter: ${describeWriteError(e)}` });
    }
  }
  return { dir, files: files.map((f) => f.path) };
}

function prepareDir(dir: string, force: boolean): void {
  const info = statOrUndefined(dir);
  if (!info) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new UserError({ code: 'unwritable', file: dir, message: `cannot create the folder: ${describeWriteError(e)}` });
    }
    return;
  }
  if (!info.isDirectory())
    throw new UserError({ code: 'not-a-folder', file: dir, message: 'is not a folder; --out names the folder to write the experiment into' });
  const entries = readdirSync(dir);
  if (entries.length > 0 && !force)
    throw new UserError({
      code: 'folder-not-empty',
      file: dir,
      message: `the folder is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', ...' : ''})`,
      hint: 'name a new folder, or add --force to replace the starter files in it (other files are kept)',
    });
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
