/** Precedents on the command line (issue 16): advise's section and flags, the citation formats, `dl-advisor precedents`. In process. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bibtexParse from 'bibtex-parse';
import { describe, expect, it } from 'vitest';
import { Result } from '../../src/knowledge/output.js';
import { packageRoot } from '../../src/knowledge/paths.js';
import { cli } from '../helpers/io.js';

const XRAY = ['--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes'];
const entries = (stdout: string) => stdout.match(/^ {2}[ \d]\d\. /gm) ?? [];
const section = (stdout: string) => stdout.slice(stdout.indexOf('Published problems like yours'), stdout.indexOf('\nSources'));

describe('advise: published problems like yours', () => {
  it('shows three by default, before the sources, within 80 columns', async () => {
    const r = await cli(XRAY);
    expect(r.code).toBe(0);
    const s = section(r.stdout);
    expect(s).toMatch(/^Published problems like yours\n/);
    expect(entries(s)).toHaveLength(3);
    expect(s).toContain('https://doi.org/');
    expect(s).toContain('close: same modality and task');
  });

  it('--precedents N shows N, --no-precedents and --precedents 0 none', async () => {
    expect(entries(section((await cli([...XRAY, '--precedents', '5'])).stdout))).toHaveLength(5);
    for (const flag of [['--no-precedents'], ['--precedents', '0']]) {
      const r = await cli([...XRAY, ...flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain('Published problems');
      const json = JSON.parse((await cli([...XRAY, ...flag, '--json'])).stdout);
      expect(json).not.toHaveProperty('precedents');
    }
  });

  it('refuses a count that is not 0-50 with one line, exit 2', async () => {
    for (const bad of ['x', '51', '-1', '2.5']) {
      const r = await cli([...XRAY, '--precedents', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`--precedents: "${bad}" is not allowed; allowed: a whole number from 0 to 50`);
    }
  });

  it('JSON: a top-level precedents array with id, citation, identifier, similarity, why, used and finding; valid output', async () => {
    const doc = JSON.parse((await cli([...XRAY, '--json'])).stdout);
    expect(Result.safeParse(doc).success).toBe(true);
    expect(doc.precedents).toHaveLength(3);
    for (const p of doc.precedents) {
      expect(Object.keys(p)).toEqual(expect.arrayContaining(['id', 'citation', 'similarity', 'why', 'used', 'finding']));
      expect(p.doi ?? p.arxiv ?? p.url).toEqual(expect.any(String));
      expect(p.similarity).toBeGreaterThan(0);
      expect(p.similarity).toBeLessThanOrEqual(1);
    }
    const schema = JSON.parse((await cli(['schema', 'output'])).stdout);
    const props = schema.anyOf?.[0]?.properties ?? schema.properties;
    expect(props.precedents.items.required).toEqual(expect.arrayContaining(['id', 'citation', 'similarity', 'why', 'used', 'finding']));
  });

  it('Markdown: the section, then the methods paragraph at the end', async () => {
    const r = await cli([...XRAY, '--format', 'markdown']);
    expect(r.stdout).toMatch(/## Published problems like yours\n\n1\. \*\*/);
    expect(r.stdout.indexOf('## Methods (a paragraph to adapt)')).toBeGreaterThan(r.stdout.indexOf('## Published problems like yours'));
    expect(r.stdout).toMatch(/## Methods \(a paragraph to adapt\)\n\nFollowing \[1\], we started with a convolutional neural network/);
  });

  it('--format bibtex and csl-json export the references and the precedents shown, to stdout or -o', async () => {
    const json = JSON.parse((await cli([...XRAY, '--json'])).stdout);
    const bib = await cli([...XRAY, '--format', 'bibtex']);
    expect(bib.code).toBe(0);
    const keys = bibtexParse.entries(bib.stdout).map((e) => e.key);
    expect(keys).toEqual([...json.references.map((w: { id: string }) => w.id), ...json.precedents.map((p: { id: string }) => p.id)]);
    expect(bib.stdout).toContain(`doi = {${json.precedents[0].doi}}`);
    const csl = JSON.parse((await cli([...XRAY, '--format', 'csl-json', '--precedents', '1'])).stdout);
    expect(csl.map((i: { id: string }) => i.id).at(-1)).toBe(json.precedents[0].id);
    const none = bibtexParse.entries((await cli([...XRAY, '--format', 'bibtex', '--no-precedents'])).stdout);
    expect(none).toHaveLength(json.references.length);
  });
});

describe('dl-advisor precedents', () => {
  it('lists every entry, one line each when piped', async () => {
    const r = await cli(['precedents']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^(\d+) shown of \1 precedents\./);
    expect(lines.length).toBeGreaterThanOrEqual(302);
  });

  it('filters by modality, task, kind and result, and limits', async () => {
    const r = await cli(['precedents', '--modality', 'graph', '--kind', 'molecules', '--result', 'negative', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.matching).toBeGreaterThan(0);
    expect(doc.precedents).toHaveLength(doc.matching);
    for (const p of doc.precedents) expect([p.answers.modality, p.answers.kind, p.result]).toEqual(['graph', 'molecules', 'negative']);
    const limited = JSON.parse((await cli(['precedents', '--task', 'classification', '--limit', '2', '--json'])).stdout);
    expect(limited.precedents).toHaveLength(2);
    expect(limited.matching).toBeGreaterThan(2);
    expect(limited.precedents.every((p: { answers: { task: string } }) => p.answers.task === 'classification')).toBe(true);
  });

  it('shows one entry in full, in text and JSON', async () => {
    const r = await cli(['precedents', 'esteva-2017-skin-lesions']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^esteva-2017-skin-lesions\n {2}Esteva et al\. 2017\. Dermatologist-level/);
    expect(r.stdout).toContain('https://doi.org/10.1038/nature21056');
    expect(r.stdout).toMatch(/Finding: .*129,450/);
    const doc = JSON.parse((await cli(['precedents', 'esteva-2017-skin-lesions', '--json'])).stdout);
    expect(doc.precedent).toMatchObject({ id: 'esteva-2017-skin-lesions', doi: '10.1038/nature21056', result: 'positive' });
  });

  it('an unknown id: one line naming it and close ids, exit 2; the JSON error has code unknown-precedent', async () => {
    const r = await cli(['precedents', 'esteva-2017']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^dl-advisor: unknown precedent "esteva-2017"; close ids: esteva-2017-skin-lesions /);
    const typo = await cli(['precedents', 'estva-2017-skin-lesions']);
    expect(typo.stderr).toContain('close ids: esteva-2017-skin-lesions');
    const json = await cli(['precedents', 'nobody-1900', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).errors[0].code).toBe('unknown-precedent');
  });

  it('a filter value or limit that is not allowed: one line with what is, exit 2', async () => {
    const bad = await cli(['precedents', '--modality', 'imag']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^dl-advisor: --modality: "imag" is not allowed; allowed: tabular, image, .*\(did you mean "image"\?\)\n$/);
    expect((await cli(['precedents', '--result', 'good'])).stderr).toContain('allowed: positive, negative, caution');
    expect((await cli(['precedents', '--limit', '0'])).code).toBe(2);
  });
});

describe('dl-advisor precedents --rules PACK (issue 16, item 5)', () => {
  const fixtures = `${packageRoot()}tests/fixtures/precedent-packs/`;
  const withLab = ['--rules', `${packageRoot()}examples/lab-pack`, '--rules', `${fixtures}lab-precedents`];
  const FOLDLM = ['fixture-2024-foldlm-stability', 'fixture-2024-foldlm-binding'];

  it("lists and filters the pack's precedents after the built-in corpus", async () => {
    const all = JSON.parse((await cli(['precedents', '--json'])).stdout);
    const r = await cli(['precedents', ...withLab, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.total).toBe(all.total + 2);
    expect(doc.precedents.slice(-2).map((p: { id: string }) => p.id)).toEqual(FOLDLM);
    const bio = JSON.parse((await cli(['precedents', ...withLab, '--modality', 'biosequence', '--task', 'regression', '--json'])).stdout);
    expect(bio.precedents.map((p: { id: string }) => p.id)).toContain(FOLDLM[1]);
    expect(bio.precedents.map((p: { id: string }) => p.id)).not.toContain(FOLDLM[0]);
    const text = await cli(['precedents', ...withLab, '--kind', 'protein']);
    expect(text.stdout).toMatch(/^fixture-2024-foldlm-stability .*\[biosequence\/protein\/classification; positive; foldlm, transfer-learning\]$/m);
  });

  it('shows a pack entry by id; without the pack the id is unknown-precedent (exit 2)', async () => {
    const r = await cli(['precedents', FOLDLM[0] as string, ...withLab]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^fixture-2024-foldlm-stability\n/);
    expect(r.stdout).toContain('https://doi.org/10.5555/fixture.0001');
    const json = JSON.parse((await cli(['precedents', FOLDLM[0] as string, ...withLab, '--json'])).stdout);
    expect(json.precedent).toMatchObject({ id: FOLDLM[0], used: { methods: ['foldlm', 'transfer-learning'] }, answers: { inHouseModel: 'yes' } });
    const without = await cli(['precedents', FOLDLM[0] as string, '--json']);
    expect(without.code).toBe(2);
    expect(JSON.parse(without.stdout).errors[0].code).toBe('unknown-precedent');
  });

  it('--no-builtin-rules lists only the packs\u2019 precedents; the default packs (DL_ADVISOR_RULES) count too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-precedents-'));
    mkdirSync(join(dir, 'precedents'));
    writeFileSync(
      join(dir, 'alone.yaml'),
      `pack: alone
version: 0.1.0
questions:
  - { id: modality, type: choice, prompt: Which data?, help: h, required: true, choices: [{ value: image, label: Images, description: d }, { value: text, label: Texts, description: d }] }
  - { id: task, type: choice, prompt: Which task?, help: h, required: true, choices: [{ value: classification, label: Classes, description: d }, { value: regression, label: Values, description: d }] }
methods:
  - { id: tiny-model, kind: model, name: Tiny, summary: s, fits: [f], avoid: [a], dataNeeds: d, interpretability: i, start: [s], pitfalls: [p], references: [{ ref: r }] }
rules:
  - { id: tiny, summary: s, when: { modality: image }, favor: { tiny-model: 1 }, because: b, source: { ref: r, basis: heuristic } }
`,
    );
    writeFileSync(
      join(dir, 'precedents', 'own.yaml'),
      `precedents:
  - id: fixture-2026-tiny
    citation: { authors: [A. Fixture], year: 2026, title: "FIXTURE: a tiny model", venue: Test fixture }
    doi: 10.5555/fixture.0099
    answers: { modality: image, task: classification }
    used: { methods: [tiny-model], recipe: "the tiny model" }
    result: positive
    finding: FIXTURE. It worked.
    checked: abstract
`,
    );
    const only = await cli(['precedents', '--no-builtin-rules', '--rules', dir, '--json']);
    expect(only.code, only.stderr).toBe(0);
    expect(JSON.parse(only.stdout)).toMatchObject({ total: 1, matching: 1, precedents: [{ id: 'fixture-2026-tiny' }] });
    expect((await cli(['precedents', 'esteva-2017-skin-lesions', '--no-builtin-rules', '--rules', dir])).code).toBe(2);
    const env = { DL_ADVISOR_RULES: `${fixtures}disagree` };
    const r = await cli(['precedents', 'fixture-2025-rl-for-images', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).precedent.id).toBe('fixture-2025-rl-for-images');
  });

  it('a broken pack precedent file: one line per problem with file:line:column, exit 2; JSON errors with their codes', async () => {
    const r = await cli(['precedents', '--rules', `${fixtures}bad`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(
      `dl-advisor: ${fixtures}bad/precedents/a-schema.yaml:5:5: precedents[0].doi: not a DOI: write it as printed, e.g. 10.1038/nature21056 (without https://doi.org/)`,
    );
    expect(lines[3]).toContain('b-cross.yaml:5:5: precedents[0].doi: doi "10.1038/nature21056" is already used by esteva-2017-skin-lesions');
    const json = await cli(['precedents', '--rules', `${fixtures}bad`, '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).errors.map((e: { code: string }) => e.code)).toEqual(['bad-format', 'bad-value', 'invalid', 'duplicate-id', 'duplicate-id']);
    // The pack's method is unknown without the pack that defines it.
    const alone = await cli(['precedents', '--rules', `${fixtures}lab-precedents`]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/lab\.yaml:7:23: precedents\[0\]\.used\.methods\[0\]: "foldlm" is not allowed/);
  });
});
