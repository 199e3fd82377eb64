/** The starter's writer: only inside DIR, never over a non-empty DIR without --force, never through a link. */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { insideDir, writeStarter } from '../../src/starter/writer.js';

const base = mkdtempSync(join(tmpdir(), 'dl-advisor-writer-'));
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof UserError ? e.problems[0]?.code : `not a UserError: ${String(e)}`;
  }
  return 'no error';
};

describe('writeStarter', () => {
  it('creates the folder (and its parents) and writes the files', () => {
    const dir = join(base, 'new', 'deeper');
    expect(writeStarter(dir, [{ path: 'run.py', contents: 'print(1)\n' }])).toEqual({ dir, files: ['run.py'] });
    expect(readFileSync(join(dir, 'run.py'), 'utf8')).toBe('print(1)\n');
  });

  it('refuses a non-empty folder unless forced, and then keeps the files that are not its own', () => {
    const dir = join(base, 'full');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'run.py'), 'old');
    expect(codeOf(() => writeStarter(dir, [{ path: 'run.py', contents: 'new' }]))).toBe('folder-not-empty');
    expect(readFileSync(join(dir, 'run.py'), 'utf8')).toBe('old');
    writeStarter(dir, [{ path: 'run.py', contents: 'new' }], { force: true });
    expect(readFileSync(join(dir, 'run.py'), 'utf8')).toBe('new');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses paths that leave the folder, before writing anything', () => {
    const dir = join(base, 'escape');
    for (const bad of ['../x.py', '/etc/x.py', 'a/../../x.py', '..', ''])
      expect(
        codeOf(() => insideDir(dir, bad)),
        bad,
      ).toBe('unsafe-path');
    expect(
      codeOf(() =>
        writeStarter(dir, [
          { path: 'ok.py', contents: '' },
          { path: '../evil.py', contents: '' },
        ]),
      ),
    ).toBe('unsafe-path');
    expect(() => readFileSync(join(dir, 'ok.py'))).toThrow();
    expect(insideDir(dir, 'sub/ok.py')).toBe(join(dir, 'sub', 'ok.py'));
  });

  it('does not write through a symbolic link, even with --force', () => {
    const dir = join(base, 'link');
    mkdirSync(dir);
    const outside = join(base, 'outside.txt');
    writeFileSync(outside, 'keep');
    symlinkSync(outside, join(dir, 'run.py'));
    expect(codeOf(() => writeStarter(dir, [{ path: 'run.py', contents: 'evil' }], { force: true }))).toBe('unsafe-path');
    expect(readFileSync(outside, 'utf8')).toBe('keep');
  });

  it('says so when --out names a file', () => {
    const file = join(base, 'afile');
    writeFileSync(file, '');
    expect(codeOf(() => writeStarter(file, [{ path: 'run.py', contents: '' }]))).toBe('not-a-folder');
  });
});
