/**
 * Issue 15, item 10, on the built binary: default rule packs from DL_ADVISOR_RULES or a
 * .dl-advisor.yaml found upwards, -o/--output, the ASCII fallback, JSON layout, --version.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/knowledge/paths.js';
import { cli } from '../helpers/io.js';
import { ensureBuilt, spawnCli } from '../helpers/spawn.js';

beforeAll(() => ensureBuilt());

// Never /tmp itself: a .dl-advisor.yaml there would reach every other test's runs.
const project = mkdtempSync(join(tmpdir(), 'dl-advisor-conventions-'));
cpSync(`${packageRoot()}examples/lab-pack/lab.yaml`, join(project, 'packs/lab.yaml'), { recursive: true });
const deep = join(project, 'analysis/2026/run1');
mkdirSync(deep, { recursive: true });
const protein = ['--modality', 'biosequence', '--task', 'classification', '--labeled', '2000', '--json'];
const tabular = ['--modality', 'tabular', '--task', 'regression', '--labeled', '1.2k', '--features', '8'];

describe('default rule packs', () => {
  it('.dl-advisor.yaml in a parent folder adds its packs (paths relative to the file), with their flags', () => {
    writeFileSync(join(project, '.dl-advisor.yaml'), '# the lab default\nrules: [packs/lab.yaml]\n');
    const r = spawnCli([...protein, '--in-house-model', 'yes'], { cwd: deep });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.recommendation.primary.id).toBe('foldlm');
    expect(doc.rules.files).toContain(join(project, 'packs/lab.yaml'));
  });

  it('DL_ADVISOR_RULES replaces the file (empty: no default packs); --rules still adds', () => {
    writeFileSync(join(project, '.dl-advisor.yaml'), 'rules: [packs/lab.yaml]\n');
    const off = spawnCli([...protein, '--in-house-model', 'yes'], { cwd: deep, env: { DL_ADVISOR_RULES: '' } });
    expect(off.code).toBe(2);
    expect(off.stderr).toContain("unknown option '--in-house-model'");
    const env = spawnCli([...protein, '--answer', 'inHouseModel=yes'], { cwd: tmpdir(), env: { DL_ADVISOR_RULES: join(project, 'packs') } });
    expect(env.code).toBe(0);
    expect(JSON.parse(env.stdout).recommendation.primary.id).toBe('foldlm');
    // The same pack from the file and from --rules is loaded once.
    const both = spawnCli([...protein, '--rules', join(project, 'packs/lab.yaml')], { cwd: deep });
    expect(both.stderr).toBe('');
    expect(both.code).toBe(0);
  });

  it('a bad config file is exit 2 naming the file, line and key', () => {
    const bad = mkdtempSync(join(tmpdir(), 'dl-advisor-badconfig-'));
    writeFileSync(join(bad, '.dl-advisor.yaml'), 'rules: [x.yaml]\nrulez: []\n');
    const r = spawnCli(['questions'], { cwd: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^dl-advisor: ${join(bad, '.dl-advisor.yaml')}:2:1: rulez: unknown key "rulez"`));
  });
});

describe('-o/--output, ASCII, JSON layout, --version', () => {
  it('-o FILE writes the report there (no colours, even when forced), nothing on stdout', () => {
    const file = join(project, 'report.md');
    const r = spawnCli([...tabular, '--format', 'markdown', '-o', file], { env: { FORCE_COLOR: '1' } });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# /);
    expect(text).not.toContain('\u001b[');
    const nowhere = spawnCli([...tabular, '-o', join(project, 'no/such/dir/r.txt')]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('cannot write the output file: its folder does not exist');
    expect(existsSync(join(project, 'no'))).toBe(false);
  });

  it('a locale that is not UTF-8 (or TERM=dumb) gets ASCII bars and marks; UTF-8 gets the blocks', () => {
    const envs: Record<string, string>[] = [{ LANG: 'C' }, { LC_ALL: 'en_US.ISO-8859-1', LANG: 'en_US.UTF-8' }, { TERM: 'dumb', LANG: 'C.UTF-8' }];
    for (const env of envs) {
      const r = spawnCli(tabular, { env });
      expect(r.code).toBe(0);
      expect(r.stdout, JSON.stringify(env)).toMatch(/^[\x00-\x7f]*$/);
      expect(r.stdout).toMatch(/ {2}#+\.* \d+% of the evidence - linear-regression/);
    }
    const utf8 = spawnCli(tabular, { env: { LANG: 'C.UTF-8' } });
    expect(utf8.stdout).toContain('▶ Start with');
    expect(utf8.stdout).toMatch(/█+░* \d+% of the evidence · linear-regression/);
    // JSON is data: never transliterated.
    const cards = spawnCli(['methods', '--json'], { env: { LANG: 'C' } }).stdout;
    expect(cards).toContain('R²');
    expect(cards).toBe(spawnCli(['methods', '--json'], { env: { LANG: 'C.UTF-8' } }).stdout);
    expect(spawnCli(['methods', '--format', 'text'], { env: { LANG: 'C' } }).stdout).toMatch(/^[\x00-\x7f]*$/);
  });

  it('JSON is compact when piped and indented on a terminal', async () => {
    const piped = spawnCli([...tabular, '--json']);
    expect(piped.stdout.trim().split('\n')).toHaveLength(1);
    const tty = await cli([...tabular, '--json'], { tty: true });
    expect(tty.stdout.startsWith('{\n  "schemaVersion": 1,')).toBe(true);
  });

  it('--version: the version, then Node and the knowledge (one line each)', () => {
    const r = spawnCli(['--version']);
    const [version, node, knowledge] = r.stdout.split('\n');
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(node).toBe(`node ${process.version}`);
    expect(knowledge).toMatch(/^built-in knowledge: \d+ rules, \d+ methods, \d+ questions \(\d+ packs\)$/);
  });
});
