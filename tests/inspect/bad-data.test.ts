import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { inspectPath } from '../../src/inspect/index.js';
import { codes, Fixtures, png, warning } from './fixtures.js';

const fx = new Fixtures();
afterAll(() => fx.cleanup());

async function userError(path: string): Promise<UserError> {
  const error = await inspectPath(path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  const e = error as UserError;
  expect(e.message.split('\n')).toHaveLength(1);
  expect(e.message.startsWith(`${e.problems[0]?.file}: `)).toBe(true);
  return e;
}

describe('errors the user can fix: one line, naming the path and what is allowed', () => {
  it('a missing path', async () => {
    const e = await userError(fx.path('nope/missing.csv'));
    expect(e.problems[0]?.code).toBe('data-not-found');
    expect(e.message).toContain('no such file or folder; inspect reads CSV, TSV, JSON Lines');
  });

  it('an empty file', async () => {
    const e = await userError(fx.write('empty.csv', ''));
    expect(e.problems[0]?.code).toBe('data-empty');
  });

  it('a header without rows, and a file of blank lines: no data rows', async () => {
    const header = await userError(fx.write('header-only.csv', 'a,b,label\n'));
    expect(header.problems[0]?.code).toBe('data-empty');
    expect(header.message).toBe(`${fx.path('header-only.csv')}: the table has a header (3 columns) but no data rows`);
    const blank = await userError(fx.write('blank.csv', '\n\n\n\n'));
    expect(blank.message).toBe(`${fx.path('blank.csv')}: the table has no data rows, only blank lines`);
  });

  it('binary garbage named .csv', async () => {
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    const e = await userError(fx.write('garbage.csv', garbage));
    expect(e.problems[0]?.code).toBe('data-unsupported');
    expect(e.message).toContain('the content is binary, not text');
  });

  it('archives, UTF-16 and JSON documents, with a way out', async () => {
    const zip = await userError(fx.write('archive.zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0])));
    expect(zip.message).toContain('extract it, or export the sheet as CSV');
    const sheet = await userError(fx.write('sheet.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0])));
    expect(sheet.message).toContain('without its central directory: the file is truncated');
    const utf16 = await userError(fx.write('utf16.csv', new Uint8Array([0xff, 0xfe, 0x61, 0, 0x2c, 0, 0x62, 0])));
    expect(utf16.problems[0]?.code).toBe('data-encoding');
    const json = await userError(fx.write('rows.json', '[{"a": 1}, {"a": 2}]'));
    expect(json.message).toContain('not JSON Lines');
    const mac = await userError(fx.write('mac.csv', 'a,b\r1,2\r3,4\r'));
    expect(mac.message).toContain('bare CR');
    const pretty = await userError(fx.write('pretty.json', '{\n  "a": 1\n}\n'));
    expect(pretty.message).toContain("jq -c '.[]'");
  });
});

describe('bad data: partial inference with warnings, never a crash or a hang', () => {
  it('ragged rows', async () => {
    const r = await inspectPath(fx.write('ragged.csv', 'a,b,label\n1,2,x\n3,4\n5,6,y,extra\n7,8,x\n'));
    expect(r.summary.rows).toBe(4);
    expect(warning(r, 'ragged-rows')).toBe('2 rows do not have 3 fields (the first is data row 2): check the delimiter and the quoting');
  });

  it('a 5 MB single line: a header without rows, so exit 2 (no crash, no hang)', async () => {
    const e = await userError(fx.write('oneline.csv', `${'x'.repeat(5 << 20)}`));
    expect(e.problems[0]?.code).toBe('data-empty');
  });

  it('a 20 MB row among normal rows is counted, not analysed', async () => {
    const r = await inspectPath(fx.write('longrow.csv', `a,b,label\n1,2,x\n3,"${'y'.repeat(20 << 20)}",z\n5,6,x\n`));
    expect(r.summary.rows).toBe(3);
    expect(warning(r, 'long-rows')).toContain('1 row longer than 2 MiB was counted but not analysed (the first is data row 2)');
  });

  it('invalid UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('name,label\ncaf'), Buffer.from([0xe9]), Buffer.from(',x\nok,y\n')]);
    const r = await inspectPath(fx.write('latin1.csv', bytes));
    expect(warning(r, 'invalid-utf8')).toContain('iconv -f latin1 -t utf-8');
    expect(r.summary.rows).toBe(2);
  });

  it('a quote that is never closed', async () => {
    const r = await inspectPath(fx.write('openquote.csv', 'a,b\n1,"never closed\n2,3\n4,5\n'));
    expect(codes(r)).toContain('unterminated-quote');
  });

  it('a truncated gzip stream', async () => {
    const gz = gzipSync(Buffer.from(`a,label\n${Array.from({ length: 20_000 }, (_, i) => `${i},${i % 2}`).join('\n')}\n`));
    const r = await inspectPath(fx.write('cut.csv.gz', gz.subarray(0, Math.floor(gz.length / 2))));
    expect(codes(r)).toContain('truncated-gzip');
    expect(Number(r.summary.rows)).toBeGreaterThan(100);
  });

  it('a truncated PNG header', async () => {
    const r = await inspectPath(fx.write('cut.png', png(64, 64).subarray(0, 20)));
    expect(r.format).toBe('image');
    expect(codes(r)).toContain('broken-headers');
  });

  it('more columns than are tracked', async () => {
    const header = Array.from({ length: 1500 }, (_, i) => `c${i}`).join(',');
    const row = Array.from({ length: 1500 }, (_, i) => (i % 3 ? String(i) : '')).join(',');
    const r = await inspectPath(fx.write('wide.csv', `${header}\n${row}\n${row}\n`));
    expect(r.summary.columns).toBe(1500);
    expect(r.summary.rows).toBe(2);
  });
});
