/**
 * Every documented limit (src/knowledge/limits.ts, docs/writing-rules.md "Limits"): just under it
 * works, just over it gives a problem that names the limit. And nothing in a file is used as a
 * path or run as code.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/knowledge/limits.js';
import { parseYaml } from '../../src/knowledge/parse.js';
import { Pack } from '../../src/knowledge/schema.js';
import { cli } from '../helpers/io.js';

const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-limits-'));
const write = (name: string, text: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const XRAY = ['--modality', 'image', '--task', 'classification', '--labeled', '900'];
const HEAD = 'pack: lab\nversion: 1.0.0\n';
const ruleLine = (i: number, extra = '') => `  - { id: r${i}, summary: s, because: b, favor: { cnn: 1 }, source: { ref: r, basis: paper }${extra} }\n`;

/** The problems of a pack given with --rules, as printed. */
async function problemsOf(file: string): Promise<{ code: number; lines: string[] }> {
  const r = await cli(['--rules', file, ...XRAY]);
  return { code: r.code, lines: r.stderr.trim().split('\n') };
}

describe('limits', () => {
  it('has the documented values', () => {
    expect(LIMITS).toEqual({
      fileBytes: 2 * 1024 * 1024,
      tokens: 600_000,
      values: 250_000,
      depth: 64,
      aliasCount: 100,
      stringLength: 10_000,
      rulesPerPack: 5_000,
      conditionDepth: 32,
      filesPerFolder: 200,
      problemsPerFile: 500,
    });
  });

  it(`file size: ${LIMITS.fileBytes.toLocaleString('en-US')} bytes`, async () => {
    const pad = (n: number) => `${HEAD}rules:\n${ruleLine(1)}#${'x'.repeat(n)}\n`;
    const base = Buffer.byteLength(pad(0));
    expect((await problemsOf(write('at.yaml', pad(LIMITS.fileBytes - base)))).code).toBe(0);
    const over = await problemsOf(write('over.yaml', pad(LIMITS.fileBytes - base + 1)));
    expect(over).toEqual({
      code: 2,
      lines: [`dl-advisor: ${join(dir, 'over.yaml')}: file is 2,097,153 bytes; the limit is 2,097,152 bytes (split it into several files)`],
    });
  });

  it(`YAML tokens: ${LIMITS.tokens.toLocaleString('en-US')}`, () => {
    const r = parseYaml(`${HEAD}x: [${'1,'.repeat(LIMITS.tokens / 2)}]\n`, 't.yaml', Pack);
    expect(r.problems).toEqual([
      {
        code: 'too-many-tokens',
        file: 't.yaml',
        line: 1,
        column: 1,
        message: 'file holds more than 600,000 YAML tokens (words, numbers and punctuation); the limit keeps loading fast',
        hint: 'split it into several files',
      },
    ]);
  });

  it(`values after aliases are expanded: ${LIMITS.values.toLocaleString('en-US')}`, () => {
    const list = `[${Array(10_000).fill('1').join(',')}]`;
    const under = parseYaml(`${HEAD}x: &a ${list}\ny: [${Array(20).fill('*a').join(', ')}]\n`, 'v.yaml', Pack);
    expect(under.problems.map((p) => p.message)).toEqual(['x: unknown key "x"', 'y: unknown key "y"']);
    const over = parseYaml(`${HEAD}x: &a ${list}\ny: [${Array(30).fill('*a').join(', ')}]\n`, 'v.yaml', Pack);
    expect(over.problems).toEqual([
      expect.objectContaining({
        code: 'too-many-values',
        message: 'file holds more than 250,000 values (counting each alias expansion); the limit is 250,000',
      }),
    ]);
  });

  it(`nesting: ${LIMITS.depth} levels`, () => {
    const nest = (n: number) => `${HEAD}x: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(parseYaml(nest(LIMITS.depth), 'd.yaml', Pack).problems.map((p) => p.code)).toEqual(['unknown-key']);
    expect(parseYaml(nest(LIMITS.depth + 1), 'd.yaml', Pack).problems).toEqual([
      expect.objectContaining({ code: 'too-deep', message: 'nesting deeper than 64 levels; the limit is 64' }),
    ]);
  });

  it(`aliases: an anchor used ${LIMITS.aliasCount} times (itself and its aliases)`, () => {
    const aliases = (n: number) => `${HEAD}x: &a 1\ny: [${Array(n).fill('*a').join(', ')}]\n`;
    expect(parseYaml(aliases(LIMITS.aliasCount - 1), 'a.yaml', Pack).problems.map((p) => p.code)).toEqual(['unknown-key', 'unknown-key']);
    expect(parseYaml(aliases(LIMITS.aliasCount), 'a.yaml', Pack).problems).toEqual([
      expect.objectContaining({
        code: 'yaml-aliases',
        message:
          'aliases expand too much: an anchor and its aliases may be used at most 100 times, nested aliases multiplying; refused as a resource-exhaustion attack ("billion laughs")',
      }),
    ]);
  });

  it(`strings and keys: ${LIMITS.stringLength.toLocaleString('en-US')} characters`, async () => {
    const withText = (n: number) => `${HEAD}description: ${'a'.repeat(n)}\n`;
    expect(parseYaml(withText(LIMITS.stringLength), 's.yaml', Pack).problems.map((p) => p.code)).toEqual(['too-big']);
    expect(parseYaml(withText(LIMITS.stringLength + 1), 's.yaml', Pack).problems).toEqual([
      expect.objectContaining({ code: 'string-too-long', line: 3, column: 1, message: 'string of 10,001 characters; the limit is 10,000' }),
    ]);
    expect(parseYaml(`${HEAD}? ${'k'.repeat(LIMITS.stringLength + 1)}\n: 1\n`, 's.yaml', Pack).problems).toEqual([
      expect.objectContaining({ code: 'string-too-long', message: 'key longer than 10,000 characters; the limit is 10,000' }),
    ]);
    // Below the file limit the schema's own, smaller limits apply, and say so.
    expect(parseYaml(withText(600), 's.yaml', Pack).problems).toEqual([expect.objectContaining({ message: 'description: 600 characters; the limit is 500' })]);
  });

  it(`rules per pack: ${LIMITS.rulesPerPack.toLocaleString('en-US')}`, async () => {
    const pack = (n: number) => `${HEAD}rules:\n${Array.from({ length: n }, (_, i) => ruleLine(i)).join('')}`;
    const at = await cli(['rules', 'validate', write('5000.yaml', pack(LIMITS.rulesPerPack))]);
    expect(at.code).toBe(0);
    const over = await problemsOf(write('5001.yaml', pack(LIMITS.rulesPerPack + 1)));
    expect(over).toEqual({ code: 2, lines: [`dl-advisor: ${join(dir, '5001.yaml')}:3:1: rules: 5,001 rules; the limit is 5,000 rules per pack`] });
  });

  it(`condition nesting: ${LIMITS.conditionDepth} levels of all/any/not`, async () => {
    const nots = (n: number) => `${'{ not: '.repeat(n)}{ modality: tabular }${' }'.repeat(n)}`;
    const pack = (n: number) => `${HEAD}rules:\n${ruleLine(1, `, when: ${nots(n)}`)}`;
    expect((await problemsOf(write('c32.yaml', pack(LIMITS.conditionDepth)))).code).toBe(0);
    const over = await problemsOf(write('c33.yaml', pack(LIMITS.conditionDepth + 1)));
    expect(over.code).toBe(2);
    expect(over.lines).toEqual([expect.stringMatching(/c33\.yaml:4:\d+: conditions nest deeper than 32 levels of all\/any\/not; the limit is 32$/)]);
  });

  it(`files in a folder: ${LIMITS.filesPerFolder}`, async () => {
    const folder = (n: number) => {
      const d = join(dir, `folder-${n}`);
      mkdirSync(d);
      for (let i = 0; i < n; i++) writeFileSync(join(d, `p${String(i).padStart(3, '0')}.yaml`), `pack: p${i}\nversion: 1.0.0\n`);
      return d;
    };
    expect((await cli(['rules', 'list', '--rules', folder(LIMITS.filesPerFolder)])).code).toBe(0);
    const d = folder(LIMITS.filesPerFolder + 1);
    const r = await cli(['rules', 'list', '--rules', d]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `dl-advisor: ${d}: folder holds more than 200 rule files; the limit is 200 (name the files or smaller folders with --rules instead)\n`,
    );
  });

  it(`problems reported per file: ${LIMITS.problemsPerFile}`, async () => {
    const pack = `${HEAD}rules:\n${Array.from({ length: 600 }, (_, i) => ruleLine(i, ', favour: 1')).join('')}`;
    const r = await cli(['rules', 'validate', write('many.yaml', pack), '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.problems).toHaveLength(LIMITS.problemsPerFile + 1);
    expect(doc.problems.at(-1)).toEqual({
      code: 'too-many-problems',
      file: join(dir, 'many.yaml'),
      message: '100 more problems not shown (at most 500 per file)',
    });
  });
});

describe('nothing in a file is used as a path or run', () => {
  // Reading a FIFO blocks until someone writes to it: if anything opened it, the test would hang.
  const fifo = join(dir, 'fifo.yaml');
  execFileSync('mkfifo', [fifo]);

  it('a named FIFO or device is refused without being opened', async () => {
    for (const p of [fifo, '/dev/zero']) {
      const r = await cli(['--rules', p, ...XRAY]);
      expect(r).toMatchObject({ code: 2, stderr: `dl-advisor: ${p}: not a regular file\n` });
      const a = await cli(['--answers', p, ...XRAY]);
      expect(a).toMatchObject({ code: 2, stderr: `dl-advisor: ${p}: not a regular file\n` });
    }
  });

  it('paths, URLs and placeholders inside a pack stay text', async () => {
    const pack = write(
      'paths.yaml',
      `${HEAD}description: "${fifo}"
methods:
  - { id: lab-model, kind: model, name: "${fifo}", summary: "$(touch ${dir}/pwned)", fits: ["\`touch ${dir}/pwned\`"], avoid: [a], dataNeeds: d, interpretability: i, start: [s], pitfalls: [p], references: [{ ref: "${fifo}", url: "file://${fifo}" }] }
rules:
  - id: lab-rule
    summary: "\${process.exit(9)}"
    favor: { lab-model: 20 }
    because: "{{modality}} \${process.exit(9)} <%= modality %>"
    source: { ref: "${fifo}", url: "file://${fifo}", basis: practice }
`,
    );
    const r = await cli(['--rules', pack, ...XRAY, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.recommendation.primary).toMatchObject({ id: 'lab-model', name: fifo });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text must stay as written
    expect(doc.recommendation.primary.reasons[0].text).toBe('image ${process.exit(9)} <%= modality %>');
    expect((await cli(['methods', 'lab-model', '--rules', pack])).stdout).toContain('$(touch');
    expect(() => execFileSync('test', ['-e', join(dir, 'pwned')])).toThrow();
  });

  it('keys that name other files or code are unknown keys', async () => {
    const pack = write('include.yaml', `${HEAD}extends: "${fifo}"\n$ref: "${fifo}"\nimport: ./other.yaml\n`);
    const r = await cli(['rules', 'validate', pack]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      `${pack}:3:1: extends: unknown key "extends" (allowed here: pack, version, description, questions, methods, rules, disable, references, recipes, splits, metrics, starters)`,
      `${pack}:4:1: $ref: unknown key "$ref" (allowed here: pack, version, description, questions, methods, rules, disable, references, recipes, splits, metrics, starters)`,
      `${pack}:5:1: import: unknown key "import" (allowed here: pack, version, description, questions, methods, rules, disable, references, recipes, splits, metrics, starters)`,
    ]);
  });

  it('placeholders may only name questions, and answers may only be questions', async () => {
    const pack = write('placeholders.yaml', `${HEAD}rules:\n${ruleLine(1, ', caution: "{{constructor}} {{__proto__}}"')}`);
    const r = await cli(['rules', 'validate', pack]);
    expect(r.stdout).toContain('placeholder {{constructor}} names no question');
    expect(r.stdout).toContain('placeholder {{__proto__}} names no question');
    for (const key of ['__proto__', 'constructor', 'toString']) {
      const a = await cli([...XRAY, '--answer', `${key}=1`]);
      expect(a.code).toBe(2);
      expect(a.stderr).toContain(`unknown answer key "${key}"`);
    }
    expect(({} as Record<string, unknown>).modality).toBeUndefined();
  });
});
