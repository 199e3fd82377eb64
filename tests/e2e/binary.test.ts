/** The real binary, spawned: exit codes, streams, JSON validity against the published schema. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import bibtexParse from 'bibtex-parse';
import { beforeAll, describe, expect, it } from 'vitest';
import { knowledgeSummary, toolVersion } from '../../src/version.js';
import { builtin } from '../helpers/knowledge.js';
import { BIN, ensureBuilt, spawnCli } from '../helpers/spawn.js';

const XRAY = ['--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes'];

beforeAll(() => ensureBuilt());

describe('the built binary', () => {
  it('advises from flags with only the result on stdout, from any directory', () => {
    const r = spawnCli(XRAY);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Start with: Convolutional neural network (CNN)');
  });

  it('prints JSON that validates against `dl-advisor schema output`, with scores summing to 1', () => {
    const schema = JSON.parse(spawnCli(['schema', 'output']).stdout);
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    for (const args of [XRAY, ['--modality', 'tabular', '--task', 'regression', '--labeled', '150', '--linear', 'yes', '--explain']]) {
      const r = spawnCli([...args, '--format', 'json']);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
      const scores = [doc.recommendation.primary, ...doc.recommendation.alternatives].map((m: { score: number }) => m.score);
      expect(scores.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 9);
    }
    const err = spawnCli(['--modality', 'imgae', '--json']);
    expect(err.code).toBe(2);
    expect(validate(JSON.parse(err.stdout))).toBe(true);
  });

  it('shows published problems like yours (precompiled corpus), exports BibTeX, and looks precedents up', () => {
    const doc = JSON.parse(spawnCli([...XRAY, '--json']).stdout);
    expect(doc.precedents).toHaveLength(3);
    expect(doc.precedents[0]).toMatchObject({ id: expect.any(String), why: expect.arrayContaining(['same modality and task']) });
    const bib = spawnCli([...XRAY, '--format', 'bibtex']);
    expect(bib.code).toBe(0);
    const keys = bibtexParse.entries(bib.stdout).map((e) => e.key);
    expect(keys.slice(-3)).toEqual(doc.precedents.map((p: { id: string }) => p.id));
    const one = spawnCli(['precedents', doc.precedents[0].id, '--json']);
    expect(JSON.parse(one.stdout).precedent.id).toBe(doc.precedents[0].id);
    const unknown = spawnCli(['precedents', 'esteva-2017']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^dl-advisor: unknown precedent "esteva-2017"; close ids: esteva-2017-skin-lesions .*\n$/);
  });

  it('gives the same bytes twice', () => {
    expect(spawnCli([...XRAY, '--json']).stdout).toBe(spawnCli([...XRAY, '--json']).stdout);
  });

  it('exits 2 with one line and no stack for bad input', () => {
    for (const args of [['--modality', 'image'], ['--labeled', '-4'], ['--bogus'], ['--answers', 'missing.yaml']]) {
      const r = spawnCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^dl-advisor: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 2 at once, without prompting, when stdin is not a terminal and answers are missing', () => {
    const started = Date.now();
    const r = spawnCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing required answers: modality (--modality <value>), task (--task <value>), labeled (--labeled <value>)');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('exits 1 when a requested check fails, 0 when it passes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-e2e-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'pack: lab\nversion: 1.0.0\nrules:\n  - id: r\n    summary: s\n    because: b\n    favour: { cnn: 1 }\n    source: { ref: Lab, basis: practice }\n',
    );
    const r = spawnCli(['rules', 'validate', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith(`${bad}:7:5: rules[0].favour: unknown key "favour"`)).toBe(true);
    expect(spawnCli(['rules', 'test']).code).toBe(0);
  });

  it('a reader closing the pipe early is not an error', () => {
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `set -o pipefail; node ${BIN} methods --json | head -c 100 > /dev/null`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('--version and --help exit 0', () => {
    // The version alone on the first line, then Node's version and the knowledge the build counted.
    expect(spawnCli(['--version'])).toMatchObject({
      code: 0,
      stdout: `${toolVersion()}\nnode ${process.version}\nbuilt-in knowledge: ${knowledgeSummary(builtin())}\n`,
    });
    expect(spawnCli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Examples:') });
  });
});
