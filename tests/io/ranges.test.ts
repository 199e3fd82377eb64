/** readRange (src/io/ranges.ts): byte ranges of a file read in place give the bytes of the file. */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRange } from '../../src/io/ranges.js';

const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-ranges-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** ~100 KB of lines with two- to four-byte characters. */
function sample(name: string): { file: string; bytes: Buffer } {
  const lines = Array.from({ length: 2000 }, (_, i) => `{"id":"r${i}","text":"Ehteshami Bejnordi · café ≥ 0.9 🧪 ${'x'.repeat(i % 37)}"}`);
  const file = join(dir, name);
  writeFileSync(file, lines.join(',\n'));
  return { file, bytes: readFileSync(file) };
}

describe('readRange', () => {
  it('gives the text of every line, in any order', () => {
    const { file, bytes } = sample('lines.json');
    const text = bytes.toString('utf8');
    const starts: number[] = [];
    for (let at = 0; at < bytes.length; ) {
      starts.push(at);
      const nl = bytes.indexOf('\n', at);
      at = nl < 0 ? bytes.length : nl + 1;
    }
    const order = starts.map((s, i) => [s, (i * 7919) % starts.length] as const).sort((a, b) => a[1] - b[1]);
    for (const [s] of order) {
      const nl = bytes.indexOf('\n', s);
      const e = nl < 0 ? bytes.length : nl;
      expect(readRange(file, s, e)).toBe(bytes.toString('utf8', s, e));
    }
    expect(readRange(file, 0, bytes.length)).toBe(text);
    expect(readRange(file, 5, 5)).toBe('');
  });

  it('names the file and the range when the range is outside it', () => {
    const { file, bytes } = sample('short.json');
    expect(() => readRange(file, bytes.length - 2, bytes.length + 10)).toThrow(/short\.json: the range .* is outside the file/);
    expect(() => readRange(join(dir, 'missing.json'), 0, 1)).toThrow(/ENOENT/);
  });

  it('keeps reading the file it opened when another file takes its name', () => {
    const { file, bytes } = sample('replaced.json');
    expect(readRange(file, 0, 10)).toBe(bytes.toString('utf8', 0, 10));
    writeFileSync(join(dir, 'new.json'), 'z'.repeat(bytes.length));
    renameSync(join(dir, 'new.json'), file);
    const far = bytes.length - 50;
    expect(readRange(file, far, far + 40)).toBe(bytes.toString('utf8', far, far + 40));
  });
});
