/**
 * The hostile corpus (tests/fixtures/hostile/, plus big files generated here): each file through
 * `advise --rules`, `rules validate` and `advise --answers`, in process, with the exit code and
 * the message it must give, within a bounded time, and without touching Object.prototype.
 */
import { mkdtempSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/knowledge/paths.js';
import { cli } from '../helpers/io.js';

const FIXTURES = `${packageRoot()}tests/fixtures/hostile`;
const XRAY = ['--modality', 'image', '--task', 'classification', '--labeled', '900'];
const TIME_LIMIT_MS = 5_000;
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

/** exit code and a pattern every run must print (on stderr; and as JSON on stdout with --json). */
type Expect = [code: number, message: RegExp];
interface Row {
  file: string;
  rules: Expect;
  validate: Expect;
  answers: Expect;
}

const same = (message: RegExp): Pick<Row, 'rules' | 'validate' | 'answers'> => ({ rules: [2, message], validate: [1, message], answers: [2, message] });

const corpus: Row[] = [
  { file: 'binary-garbage.yaml', ...same(/binary-garbage\.yaml: file contains binary data \(NUL bytes\); expected UTF-8 text/) },
  { file: 'utf16le-bom.yaml', ...same(/utf16le-bom\.yaml: file is UTF-16; save it as UTF-8/) },
  { file: 'utf16be-no-bom.yaml', ...same(/utf16be-no-bom\.yaml: file looks like UTF-16 \(without a byte-order mark\); save it as UTF-8/) },
  { file: 'latin1.yaml', ...same(/latin1\.yaml: file is not valid UTF-8 \(byte 0xe9 at offset 160\); save it as UTF-8 \(Latin-1 or Windows-1252/) },
  { file: 'duplicate-keys.yaml', ...same(/duplicate-keys\.yaml:6:5: duplicate key "summary"/) },
  { file: 'prototype-keys.yaml', ...same(/prototype-keys\.yaml:10:1: key "__proto__" is not allowed/) },
  { file: 'prototype-keys-nested.yaml', ...same(/prototype-keys-nested\.yaml:7:22: key "__proto__" is not allowed/) },
  { file: 'prototype-alias-key.yaml', ...same(/prototype-alias-key\.yaml:11:1: an alias cannot be a key/) },
  { file: 'answers-prototype-keys.yaml', ...same(/answers-prototype-keys\.yaml:4:1: key "__proto__" is not allowed/) },
  { file: 'huge-numbers.yaml', ...same(/huge-numbers\.yaml:6:24: number 99999999999999999999 is too large to be represented exactly/) },
  { file: 'answers-huge-numbers.yaml', ...same(/answers-huge-numbers\.yaml:4:1: number 1e400 is out of range \(infinite or not a number\)/) },
  {
    file: 'empty.yaml',
    rules: [2, /empty\.yaml:1:1: file is empty; expected a rule pack/],
    validate: [1, /empty\.yaml:1:1: file is empty/],
    answers: [2, /empty\.yaml: answers file is empty/],
  },
  {
    file: 'whitespace-only.yaml',
    rules: [2, /whitespace-only\.yaml:1:1: file is empty/],
    validate: [1, /whitespace-only\.yaml:1:1: file is empty/],
    answers: [2, /whitespace-only\.yaml: answers file is empty/],
  },
  {
    file: 'comments-only.yaml',
    rules: [2, /comments-only\.yaml:1:1: file holds no data \(only comments or blank lines\)/],
    validate: [1, /comments-only\.yaml:1:1: file holds no data/],
    answers: [2, /comments-only\.yaml:1:1: an answers file is a mapping of answer keys to values/],
  },
  { file: 'pack.json', rules: [0, /^$/], validate: [0, /^$/], answers: [2, /pack\.json:1:39: rules: expected string, number, boolean or null, got a list/] },
  { file: 'crlf-bom.yaml', rules: [0, /^$/], validate: [0, /^$/], answers: [2, /crlf-bom\.yaml:3:1: rules: expected string/] },
  {
    file: 'crlf-bom-typo.yaml',
    ...same(/crlf-bom-typo\.yaml:8:5: rules\[0\]\.becuase: unknown key "becuase" \(did you mean "because"\?\)/),
    answers: [2, /:3:1: rules:/],
  },
  {
    file: 'js-function-tag.yaml',
    ...same(/js-function-tag\.yaml:8:14: Unresolved tag: tag:yaml\.org,2002:js\/function \(tags such as !!js\/function are not supported/),
  },
  { file: 'terminal-escapes.yaml', ...same(/terminal-escapes\.yaml:8:5: text contains a control character \(U\+001B\)/) },
  { file: 'multiple-documents.yaml', ...same(/multiple-documents\.yaml:10:1: file holds several YAML documents; expected one/) },
  {
    file: 'not-a-mapping.yaml',
    rules: [2, /not-a-mapping\.yaml:1:1: expected a mapping \(key: value\), got a list/],
    validate: [1, /not-a-mapping\.yaml:1:1: expected a mapping/],
    answers: [2, /not-a-mapping\.yaml:1:1: an answers file is a mapping/],
  },
  { file: 'syntax-error.yaml', ...same(/syntax-error\.yaml:2:1: Flow sequence in block collection must be sufficiently indented/) },
  { file: 'tabs.yaml', ...same(/tabs\.yaml:5:1: Tabs are not allowed as indentation \(indent with spaces, not tabs\)/) },
];

// ---------------------------------------------------------------- the big ones, generated

const big = mkdtempSync(join(tmpdir(), 'dl-advisor-hostile-'));
const generate = (name: string, text: string) => {
  const p = join(big, name);
  writeFileSync(p, text);
  return p;
};

/** 50 MB of zeros as a sparse file: creating it costs nothing, and neither may checking it. */
const fiftyMb = join(big, 'fifty-mb.yaml');
writeFileSync(fiftyMb, '');
truncateSync(fiftyMb, 50 * 1024 * 1024);

const laughs = ['pack: lol', 'version: 1.0.0', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (let i = 1; i < 10; i++) {
  const prev = String.fromCharCode(96 + i);
  const name = String.fromCharCode(97 + i);
  laughs.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
}
generate('billion-laughs.yaml', `${laughs.join('\n')}\n`);
generate('deep-flow.yaml', `pack: p\nversion: 1.0.0\nrules: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
generate('deep-mapping.yaml', `pack: p\nversion: 1.0.0\nrules: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`);
generate('deep-block.yaml', `pack: p\nversion: 1.0.0\n${Array.from({ length: 1_400 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`);
generate('deep-list.yaml', `pack: p\nversion: 1.0.0\nrules:\n  ${'- '.repeat(10_000)}x\n`);
generate('tiny-tokens.yaml', `pack: p\nversion: 1.0.0\nrules: [${'1,'.repeat(1_000_000)}1]\n`);

const generated: Row[] = [
  {
    file: join(big, 'fifty-mb.yaml'),
    ...same(/fifty-mb\.yaml: file is 52,428,800 bytes; the limit is 2,097,152 bytes/),
    answers: [2, /fifty-mb\.yaml: file is 52,428,800 bytes; the limit is 1,048,576/],
  },
  {
    file: join(big, 'billion-laughs.yaml'),
    ...same(/billion-laughs\.yaml:1:1: aliases expand too much: an anchor and its aliases may be used at most 100 times, nested aliases multiplying; refused/),
  },
  { file: join(big, 'deep-flow.yaml'), ...same(/deep-flow\.yaml:\d+:\d+: nesting (too deep to parse|deeper than 64 levels); the limit is 64/) },
  { file: join(big, 'deep-mapping.yaml'), ...same(/deep-mapping\.yaml:\d+:\d+: nesting (too deep to parse|deeper than 64 levels); the limit is 64/) },
  { file: join(big, 'deep-block.yaml'), ...same(/deep-block\.yaml:\d+:\d+: nesting (too deep to parse|deeper than 64 levels); the limit is 64/) },
  { file: join(big, 'deep-list.yaml'), ...same(/deep-list\.yaml:\d+:\d+: nesting (too deep to parse|deeper than 64 levels); the limit is 64/) },
  {
    file: join(big, 'tiny-tokens.yaml'),
    ...same(/tiny-tokens\.yaml:1:1: file holds more than 600,000 YAML tokens/),
    answers: [2, /tiny-tokens\.yaml: file is 2,000,0\d\d bytes; the limit is 1,048,576/],
  },
];

const rows = [...corpus.map((r) => ({ ...r, file: join(FIXTURES, r.file) })), ...generated];

async function timed(args: string[]) {
  const start = performance.now();
  const r = await cli(args);
  return { ...r, ms: performance.now() - start };
}

function check(r: Awaited<ReturnType<typeof timed>>, [code, message]: Expect) {
  expect(r.ms, 'bounded time').toBeLessThan(TIME_LIMIT_MS);
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr + r.stdout).not.toMatch(/internal error|please report/);
  if (code === 0) return;
  expect(r.stderr + r.stdout).toMatch(message);
}

// The bound is for reading hostile files, not for the first load of the built-in rules and the
// precedent corpus from source (YAML validated in full: seconds on a loaded machine), which the
// first row would otherwise pay alone.
beforeAll(async () => {
  await cli(XRAY);
}, 60_000);

describe.each(rows)('$file', (row) => {
  it('advise --rules', async () => {
    const r = await timed(['--rules', row.file, ...XRAY]);
    check(r, row.rules);
    if (row.rules[0] === 0) expect(r.stdout).toContain('Start with:');
    // In JSON mode the same errors arrive as one JSON document on stdout.
    const j = await timed(['--rules', row.file, ...XRAY, '--json']);
    const doc = JSON.parse(j.stdout);
    if (row.rules[0] === 0) expect(doc.recommendation.primary.id).toBe('cnn');
    else
      expect(
        doc.errors.map((e: { message: string; file?: string; line?: number; column?: number }) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'),
      ).toMatch(/\S/);
  });

  it('rules validate', async () => {
    const r = await timed(['rules', 'validate', row.file]);
    check(r, row.validate);
    const j = await timed(['rules', 'validate', row.file, '--format', 'json']);
    expect(JSON.parse(j.stdout).valid).toBe(row.validate[0] === 0);
  });

  it('advise --answers', async () => {
    check(await timed(['--answers', row.file, '--no-input']), row.answers);
  });
});

describe('the 50 MB file', () => {
  it('is rejected by its size, before a byte is read', async () => {
    expect(statSync(fiftyMb).size).toBe(50 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const r = await timed(['--rules', fiftyMb, ...XRAY]);
    expect(r.ms).toBeLessThan(1_000);
    // Reading it would add 50 MB at least.
    expect(process.memoryUsage().rss - before).toBeLessThan(30 * 1024 * 1024);
  });
});

afterAll(() => {
  // Nothing above may have reached Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.constructor).toBe(Object);
});
