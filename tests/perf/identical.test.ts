/**
 * Nothing changes for users (issue 7): the optimised path prints the same bytes as the source
 * path, and still validates user rule packs in full.
 *
 *   optimised  a package built by scripts/build.ts (into a temporary folder), spawned: the
 *              precompiled knowledge, the bundled core with its V8 code cache, main.ts's
 *              direct writes to pipes
 *   source     run() from src/cli/run.ts in this process: the YAML loader validates the
 *              built-in rules on every load (as tests/helpers/io.ts does, but with the
 *              package's version, which the built binary prints)
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { camelToKebab } from '../../src/answers/normalize.js';
import { run } from '../../src/cli/run.js';
import { assembleKernel } from '../../src/inspect/csv-scan/kernel-assemble.js';
import { readCaseFiles } from '../../src/knowledge/cases.js';
import { toolVersion } from '../../src/version.js';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-identical-'));
const pkg = join(dir, 'pkg');
const bin = join(pkg, 'bin/dl-advisor.js');
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(() => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--outdir', pkg], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The source path: run() in process, with pipe-like streams (not terminals). */
async function source(argv: string[], input = ''): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(Readable.from(input ? [Buffer.from(input)] : []), { isTTY: false });
  const code = await run(
    argv,
    {
      stdout: { write: (s: string) => (stdout += s), isTTY: false },
      stderr: { write: (s: string) => (stderr += s), isTTY: false },
      stdin,
      env: { NO_COLOR: '1' },
      node: process.version,
    },
    toolVersion(),
  );
  return { code, stdout, stderr };
}

/** The optimised path: the built binary, stdout and stderr pipes. */
function built(argv: string[], input = '', env: Record<string, string> = {}, args: string[] = []): Promise<Outcome> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...args, bin, ...argv], { cwd: dir, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

async function same(argv: string[], input = ''): Promise<Outcome> {
  const [want, got] = await Promise.all([source(argv, input), built(argv, input)]);
  expect(got).toEqual(want);
  return got;
}

const cases = readCaseFiles([`${root}rules/tests/dev.cases.yaml`, `${root}rules/tests/literature.cases.yaml`]).flatMap((f) => f.cases);
const flagsOf = (answers: Record<string, unknown>) => Object.entries(answers).flatMap(([k, v]) => [`--${camelToKebab(k)}`, String(v)]);

describe.concurrent('the built package prints the same bytes as the sources', () => {
  it('covers the worked cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(70);
  });

  it.each(cases.map((c, i) => [c.id, c, i] as const))('case %s: JSON and text, answers as flags (and every 5th from an answers file)', async (_, c, i) => {
    const json = await same(['advise', ...flagsOf(c.answers), '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).schemaVersion).toBe(1);
    await same(flagsOf(c.answers));
    if (i % 5 === 0) {
      const answers = file(`${c.id}.yaml`, stringify(c.answers));
      expect((await same(['--answers', answers, '--json'])).stdout).toBe(json.stdout);
      expect((await same(['--answers', '-', '--json'], JSON.stringify(c.answers))).stdout).toBe(json.stdout);
    }
  });

  it.each([
    ['--explain', '--format', 'json', '--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes'],
    ['--explain', '--modality', 'tabular', '--task', 'regression', '--labeled', '150', '--linear', 'yes'],
    ['--format', 'markdown', '--modality', 'graph', '--task', 'regression', '--labeled', '20k'],
    ['questions', '--format', 'json'],
    ['questions'],
    ['methods', '--format', 'json'],
    ['methods'],
    ['methods', 'transfer-learning', '--format', 'json'],
    ['methods', 'cnn'],
    ['methods', 'cnn', '--format', 'markdown'],
    ['rules', 'list', '--format', 'json'],
    // The case files named explicitly: by default each side reads its own package's copy.
    ['rules', 'test', `${root}rules/tests`, '--format', 'json'],
    ['schema', 'answers'],
    ['schema', 'output'],
    ['--help'],
    ['advise', '--help'],
    ['--version'],
  ])('%j', async (...argv) => {
    expect((await same(argv)).code).toBe(0);
  });

  it('every method card, as JSON (the cards load lazily in the package)', async () => {
    const { methods } = JSON.parse((await source(['methods', '--format', 'json'])).stdout) as { methods: { id: string }[] };
    for (const m of methods) await same(['methods', m.id, '--format', 'json']);
  });

  it.each([
    [['--modality', 'imgae', '--task', 'classification', '--labeled', '5', '--json']],
    [['--modality', 'image', '--task', 'classification', '--labeled', '-5']],
    [['--modality', 'image', '--bogus', '--json']],
    [['--no-input', '--json']],
    [['methods', 'cnnn']],
    [['--answers', '/nonexistent/answers.yaml']],
  ])('bad input %j: same message and exit code', async (argv) => {
    expect((await same(argv)).code).toBe(2);
  });
});

describe.concurrent('user rule packs are still fully validated by the built package', () => {
  const broken = file(
    'broken.yaml',
    'pack: lab\nversion: 1.0.0\nrules:\n  - id: r\n    summary: s\n    because: b\n    when: { modaltiy: image }\n    favor: { cnnn: 1 }\n    source: { ref: Lab, basis: practice }\n  - id: r2\n    summary: s\n    because: b\n    when: { labeled: { lt: many } }\n    favor: { cnn: 1 }\n    source: { ref: Lab, basis: guess }\n',
  );
  const XRAY = ['--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes'];

  it('a broken pack: exit 2, every problem as file:line:column, as text and as JSON', async () => {
    const text = await same(['--rules', broken, ...XRAY]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain(`dl-advisor: ${broken}:7:13: unknown question "modaltiy" (did you mean "modality"?)`);
    const lines = text.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(line).toMatch(new RegExp(`^dl-advisor: ${broken}:\\d+:\\d+: `));
    const json = await same(['--rules', broken, ...XRAY, '--json']);
    expect(JSON.parse(json.stdout).errors.length).toBe(lines.length);
  });

  it('`rules validate` reports the same problems', async () => {
    expect((await same(['rules', 'validate', broken])).code).toBe(1);
    expect((await same(['rules', 'validate', broken, '--format', 'github'])).code).toBe(1);
  });

  it('a valid pack that adds and overrides rules gives the same advice', async () => {
    const pack = file(
      'lab.yaml',
      'pack: lab\nversion: 1.0.0\nrules:\n  - id: lab-prefers-trees\n    summary: the lab likes trees\n    because: "{{labeled}} rows"\n    when: { modality: tabular }\n    favor: { tree-ensemble: 3 }\n    source: { ref: Lab notes, basis: practice }\n',
    );
    const r = await same(['--rules', pack, '--modality', 'tabular', '--task', 'classification', '--labeled', '600', '--json']);
    expect(JSON.parse(r.stdout).rules.files).toContain(pack);
    await same(['--rules', pack, '--no-builtin-rules', 'rules', 'list', '--format', 'json']);
  });
});

describe('the built package runs the optimised path', () => {
  it('accepts its V8 code cache (a rejected cache would cost ~5 ms per run, silently)', () => {
    for (const loader of ['dist/chunks/run.js', 'dist/chunks/run.cjs']) {
      const r = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(join(pkg, loader))}); console.log((m.codeCacheRejected ?? m.default.codeCacheRejected)())`,
        ],
        { encoding: 'utf8' },
      );
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe('false');
    }
  });

  it('`advise --format json` loads three CommonJS files and no ES module: no yaml, zod, chalk or prompts', async () => {
    const log = join(dir, 'loaded.txt');
    // What the module loader loads, with its format (with --import, Node hands the entry to it
    // even when it is CommonJS), then what require loaded.
    const hook = `export async function load(url, context, next) { const r = await next(url, context); if (url.startsWith('file:')) (await import('node:fs')).appendFileSync(${JSON.stringify(log)}, r.format + ' ' + url + '\\n'); return r; }`;
    const register = [
      `import { register, createRequire } from 'node:module';`,
      `register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`,
      `const cache = createRequire('/').cache;`,
      `process.on('exit', () => process.getBuiltinModule('node:fs').appendFileSync(${JSON.stringify(log)}, Object.keys(cache).map((f) => 'cjs ' + f + '\\n').join('')));`,
    ].join('\n');
    appendFileSync(log, '');
    const r = await built(['advise', '--modality', 'image', '--task', 'classification', '--labeled', '900', '--format', 'json'], '', {}, [
      '--import',
      `data:text/javascript,${encodeURIComponent(register)}`,
    ]);
    expect(r.code).toBe(0);
    const loaded = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((u) => `${u.slice(0, u.indexOf(' '))} ${u.slice(u.indexOf('/pkg/') + 5)}`);
    // dist/chunks/run.cjs is inlined in cli.cjs and registered under its own name (one core per
    // process for the lazy layer): it is in the cache without being read (checked below).
    expect(loaded).toEqual(['commonjs bin/dl-advisor.js', 'cjs bin/dl-advisor.js', 'cjs dist/cli.cjs', 'cjs dist/chunks/run.cjs']);
    expect(readFileSync(join(pkg, 'dist/cli.cjs'), 'utf8')).not.toContain('chunks/run.cjs")');
  });

  it('evaluates the rules of the modality only, until the whole list is read (knowledge/rule-subsets.ts)', () => {
    const script = [
      `const lib = await import(${JSON.stringify(join(pkg, 'dist/index.js'))});`,
      `const k = await lib.loadRules();`,
      `const answers = { modality: 'image', task: 'classification', labeled: 900 };`,
      `const subset = k.candidateRules(answers);`,
      `const before = JSON.stringify(await lib.advise(answers));`,
      `const total = k.rules.length;`,
      `console.log(JSON.stringify({ subset: subset.rules.length, total: subset.total, length: total, gone: k.candidateRules === undefined, keys: Object.keys(k).includes('candidateRules'), same: before === JSON.stringify(await lib.advise(answers)) }));`,
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { subset: number; total: number; length: number; gone: boolean; keys: boolean; same: boolean };
    expect(out.total).toBe(out.length);
    expect(out.subset).toBeGreaterThan(0);
    expect(out.subset).toBeLessThan(out.total);
    expect(out).toMatchObject({ gone: true, keys: false, same: true });
  });

  it('leaves V8 no function to optimise on a background thread in the usual advice (exit would wait for it)', () => {
    // A per-character loop in wrap() once made V8 compile it with TurboFan at the end of a run,
    // and the process waited ~9 ms for that compilation before it could exit.
    for (const argv of [
      ['--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes'],
      ['--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes', '--format', 'json'],
      ['--modality', 'tabular', '--task', 'regression', '--labeled', '1.2k', '--features', '8', '--explain'],
      ['--modality', 'graph', '--kind', 'molecules', '--task', 'regression', '--labeled', '400', '--shift', 'yes', '--format', 'markdown'],
    ]) {
      const r = spawnSync(process.execPath, ['--trace-opt', bin, 'advise', ...argv], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      });
      expect(r.status).toBe(0);
      expect(
        r.stdout.split('\n').filter((l) => l.startsWith('[marking')),
        argv.join(' '),
      ).toEqual([]);
    }
  });

  it('has one core per process: an error thrown in the lazy layer has the class of the core (exit 2, not an internal error)', async () => {
    // answers/file.js and knowledge/load.js are lazy chunks; their UserError must be run.ts's.
    const missing = await built(['advise', '--answers', join(dir, 'no-such-answers.yaml')]);
    expect(missing.stderr).toMatch(/^dl-advisor: .*no-such-answers\.yaml: no such file/);
    expect(missing.code).toBe(2);
    const pack = await built(['advise', '--rules', join(dir, 'no-such-pack'), '--modality', 'image', '--task', 'classification', '--labeled', '5']);
    expect(pack.code).toBe(2);
    expect(pack.stderr).not.toContain('internal error');
  });

  it('a bin/dl-advisor.js without bin/package.json (an ES module then) runs dist/cli.js', async () => {
    const esm = join(pkg, 'bin/esm-copy.mjs');
    writeFileSync(esm, readFileSync(bin, 'utf8'));
    const argv = ['--modality', 'tabular', '--task', 'classification', '--labeled', '500', '--no-input', '--json'];
    const a = await built(argv);
    const b = spawnSync(process.execPath, [esm, ...argv], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    rmSync(esm);
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });
});

describe('the built package ships the CSV engine assembled (docs/performance.md, "Build")', () => {
  it('csv-kernel.wasm is the kernel the sources assemble', () => {
    expect(new Uint8Array(readFileSync(join(pkg, 'dist/chunks/lazy/csv-kernel.wasm')))).toEqual(assembleKernel());
  });

  it('inspect of a CSV big enough for two threads prints the same bytes', async () => {
    // 65 MiB: over the two-thread threshold (64 MiB), with quoted commas and newlines and a target.
    const rows = Array.from(
      { length: 1000 },
      (_, i) => `${i},${i % 7 === 0 ? '"a, ""b""\nc"' : 'x'},${i % 3 === 0 ? '' : i * 0.5},${['cat', 'dog', 'owl'][i % 3]}\n`,
    ).join('');
    const path = join(dir, 'big.csv');
    writeFileSync(path, 'id,note,value,label\n');
    while (readFileSync(path).length < 65 << 20) appendFileSync(path, rows.repeat(64));
    const json = await same(['inspect', path, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).summary.rows).toBeGreaterThan(500_000);
    expect((await same(['inspect', path, '--target', 'label'])).code).toBe(0);
  }, 60_000);
});
