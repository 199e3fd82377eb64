/**
 * Determinism (the same inputs give byte-identical JSON, in process and in two spawned runs of the
 * built binary) and hostile files against the built binary under a memory bound.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/knowledge/paths.js';
import { cli } from '../helpers/io.js';
import { BIN, ensureBuilt } from '../helpers/spawn.js';

const root = packageRoot();
const LAB = `${root}examples/lab-pack`;
const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-determinism-'));
const answers = join(dir, 'answers.yaml');
writeFileSync(answers, 'modality: biosequence\ntask: classification\nlabeled: 2,000\npretrained: yes\ninHouseModel: yes\n');
const typos = join(dir, 'typos.yaml');
writeFileSync(
  typos,
  'pack: lab\nversion: 1.0.0\nrules:\n  - id: a\n    summary: s\n    favour: { cnn: 1 }\n    because: "{{labelled}}"\n    source: { ref: r, basis: papr }\n  - id: b\n    summary: s\n    when: { modaltiy: image }\n    favor: { cnnn: 1 }\n    because: b\n    source: { ref: r, basis: paper }\n',
);

const RUNS: string[][] = [
  ['--rules', LAB, '--answers', answers, '--json'],
  ['--rules', LAB, '--answers', answers, '--explain', '--json'],
  ['--modality', 'tabular', '--task', 'regression', '--labeled', '150', '--features', '8', '--json'],
  ['rules', 'list', '--rules', LAB, '--json'],
  ['rules', 'validate', typos, LAB, '--format', 'json'],
  ['rules', 'test', LAB, '--rules', LAB, '--json'],
  ['questions', '--rules', LAB, '--json'],
  ['schema', 'rules'],
];

describe('determinism in process', () => {
  it.each(RUNS.map((args) => [args.join(' '), args]))('%s gives the same bytes three times', async (_, args) => {
    const outs = [await cli(args), await cli(args), await cli(args)];
    expect(outs[0]?.stdout.length).toBeGreaterThan(10);
    expect(() => JSON.parse(outs[0]?.stdout ?? '')).not.toThrow();
    expect(outs[1]).toEqual(outs[0]);
    expect(outs[2]).toEqual(outs[0]);
  });
});

// ---------------------------------------------------------------- the built binary

/** Reports the peak resident memory of the process on stderr, as its last line. */
const RSS = join(dir, 'rss.mjs');
// biome-ignore lint/suspicious/noTemplateCurlyInString: the file holds a template literal
writeFileSync(RSS, "process.on('exit', () => process.stderr.write(`\\nmaxrss-kb=${process.resourceUsage().maxRSS}\\n`));\n");
const HEAP_MB = 64;

function spawnBinary(args: string[]) {
  const start = performance.now();
  const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', RSS, BIN, ...args], {
    cwd: tmpdir(),
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    timeout: 20_000,
  });
  const rss = Number(/maxrss-kb=(\d+)\n$/.exec(r.stderr)?.[1]);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/\nmaxrss-kb=\d+\n$/, ''), ms: performance.now() - start, rssMb: rss / 1024 };
}

describe('the built binary', () => {
  beforeAll(() => ensureBuilt());

  it('gives byte-identical JSON in two spawned runs, and the same document as in process', async () => {
    for (const args of RUNS.slice(0, 3)) {
      const a = spawnBinary(args);
      const b = spawnBinary(args);
      expect(a.code, a.stderr).toBe(0);
      expect(b.stdout).toBe(a.stdout);
      const inProcess = JSON.parse((await cli(args)).stdout);
      const spawned = JSON.parse(a.stdout);
      expect({ ...spawned, tool: undefined }).toEqual({ ...inProcess, tool: undefined });
    }
  });

  it('refuses a billion-laughs file and a 50 MB file quickly, within a bounded memory', () => {
    const laughs = ['pack: lol', 'version: 1.0.0', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++)
      laughs.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const bomb = join(dir, 'laughs.yaml');
    writeFileSync(bomb, `${laughs.join('\n')}\n`);
    const big = join(dir, 'fifty-mb.yaml');
    writeFileSync(big, '');
    truncateSync(big, 50 * 1024 * 1024);
    const XRAY = ['--modality', 'image', '--task', 'classification', '--labeled', '900'];
    const cases: [string[], RegExp][] = [
      [['--rules', bomb, ...XRAY], /laughs\.yaml:1:1: aliases expand too much/],
      [['--rules', big, ...XRAY], /fifty-mb\.yaml: file is 52,428,800 bytes; the limit is 2,097,152 bytes/],
      [['--answers', big, ...XRAY], /fifty-mb\.yaml: file is 52,428,800 bytes; the limit is 1,048,576/],
      [['rules', 'validate', bomb, big], /aliases expand too much[\s\S]*file is 52,428,800 bytes/],
    ];
    for (const [args, message] of cases) {
      const r = spawnBinary(args);
      expect(r.stderr + r.stdout).toMatch(message);
      expect(r.code).toBe(args[0] === 'rules' ? 1 : 2);
      expect(r.ms).toBeLessThan(5_000);
      // Reading the 50 MB file would add at least 50 MB; the heap is capped at 64 MB anyway.
      expect(r.rssMb).toBeGreaterThan(0);
      expect(r.rssMb).toBeLessThan(100);
    }
  });
});
