/**
 * Rule packs add precedents (issue 16, item 5) and `rules test --precedents` runs them (item 4).
 * The packs are fixtures (tests/fixtures/precedent-packs/README.md), not real publications.
 */
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { loadKnowledge } from '../../src/knowledge/builtin.js';
import { packageRoot } from '../../src/knowledge/paths.js';
import { loadPrecedents } from '../../src/knowledge/precedents-builtin.js';
import { loadPackPrecedents, packPrecedentPaths, readPackPrecedents } from '../../src/knowledge/precedents-pack.js';
import { cli } from '../helpers/io.js';

const root = packageRoot();
const fixtures = `${root}tests/fixtures/precedent-packs/`;
const lab = `${root}examples/lab-pack`;
const labPrecedents = `${fixtures}lab-precedents`;
const disagree = `${fixtures}disagree`;
const builtinCount = (await loadPrecedents()).length;

describe('pack precedents: where they are read from', () => {
  it('a pack folder: its *.precedents.yaml files and its precedents/ sub-folder; a *.precedents.yaml file named directly', () => {
    expect(packPrecedentPaths([labPrecedents]).map((p) => p.slice(fixtures.length))).toEqual(['lab-precedents/precedents/lab.yaml']);
    expect(packPrecedentPaths([disagree]).map((p) => p.slice(fixtures.length))).toEqual(['disagree/fixture.precedents.yaml']);
    expect(packPrecedentPaths([`${disagree}/fixture.precedents.yaml`, lab]).map((p) => p.slice(root.length))).toEqual([
      'tests/fixtures/precedent-packs/disagree/fixture.precedents.yaml',
    ]);
  });

  it('a precedent file is not read as a rule pack: advise with it as --rules works', async () => {
    const r = await cli(['--rules', disagree, '--modality', 'image', '--task', 'classification', '--labeled', '100', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('pack precedents: loaded and validated with the pack', () => {
  it('loadPackPrecedents: the built-in corpus, then the packs, using the packs\u2019 own method and question', async () => {
    const k = await loadKnowledge({ rules: [lab] });
    const all = await loadPackPrecedents(k, { rules: [lab, labPrecedents] });
    expect(all).toHaveLength(builtinCount + 2);
    expect(all.slice(-2).map((p) => [p.id, p.used.methods[0], p.answers.inHouseModel])).toEqual([
      ['fixture-2024-foldlm-stability', 'foldlm', 'yes'],
      ['fixture-2024-foldlm-binding', 'foldlm', 'yes'],
    ]);
    expect((await loadPackPrecedents(k, { rules: [labPrecedents], builtin: false })).map((p) => p.id)).toEqual([
      'fixture-2024-foldlm-stability',
      'fixture-2024-foldlm-binding',
    ]);
  });

  it('without the pack that defines their method, the same files are problems with file:line', async () => {
    const k = await loadKnowledge();
    const r = readPackPrecedents([labPrecedents], k);
    // Where, and which key: the pack's question is unknown, its method is not allowed.
    expect(r.problems.map(formatProblem).map((l) => l.slice(fixtures.length).split(': ').slice(0, 2).join(': '))).toEqual([
      'lab-precedents/precedents/lab.yaml:6:110: precedents[0].answers.inHouseModel',
      'lab-precedents/precedents/lab.yaml:7:23: precedents[0].used.methods[0]',
      'lab-precedents/precedents/lab.yaml:16:105: precedents[1].answers.inHouseModel',
      'lab-precedents/precedents/lab.yaml:17:23: precedents[1].used.methods[0]',
    ]);
    expect(r.problems[1]?.message).toMatch(/"foldlm" is not allowed/);
    await expect(loadPackPrecedents(k, { rules: [labPrecedents] })).rejects.toThrow(/inHouseModel/);
  });

  it('rules validate PACK reports every problem of its precedent files (exit 1)', async () => {
    const r = await cli(['rules', 'validate', `${fixtures}bad`]);
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.slice(fixtures.length).replace(/; expected one of .*/, '; expected ...'));
    expect(lines).toEqual([
      'bad/precedents/a-schema.yaml:5:5: precedents[0].doi: not a DOI: write it as printed, e.g. 10.1038/nature21056 (without https://doi.org/)',
      'bad/precedents/a-schema.yaml:7:23: precedents[0].used.methods[0]: "foldlm" is not allowed; expected ...',
      'bad/precedents/a-schema.yaml:15:32: precedents[1].answers.kind: text data has no kinds; remove "kind" (kinds exist for graph, time-series, image, biosequence)',
      'bad/precedents/b-cross.yaml:5:5: precedents[0].doi: doi "10.1038/nature21056" is already used by esteva-2017-skin-lesions (the built-in corpus) (one entry per work; merge the two, drop one, or mark another task of the same paper with samePaper: esteva-2017-skin-lesions)',
      'bad/precedents/b-cross.yaml:15:5: precedents[1].samePaper: "no-such-entry" is not the id of another entry (samePaper names the entry on another task of the same publication)',
    ]);
    expect(r.stderr).toMatch(/5 problems found in 2 files/);
  });

  it('rules validate: a valid pack with precedents passes and lists the precedent file; --no-builtin-rules skips the corpus cross-check', async () => {
    const r = await cli(['rules', 'validate', lab, labPrecedents]);
    expect(r.stderr).toContain('lab-precedents/precedents/lab.yaml');
    expect(r.code).toBe(0);
    const alone = await cli(['rules', 'validate', '--no-builtin-rules', `${fixtures}bad`]);
    expect(alone.stdout).not.toContain('esteva-2017-skin-lesions');
  });
});

describe('rules test --precedents', () => {
  it('the built-in corpus agrees or is a known disagreement: exit 0, the table per modality, JSON with every case', async () => {
    const text = await cli(['rules', 'test', '--precedents']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/passed, 0 failed\nprecedents as rule cases \(a method the publication used in the top 3\):\nmodality\s+entries/);
    expect(text.stdout).toMatch(new RegExp(`\\nall\\s+${builtinCount}\\s`));
    const r = await cli(['rules', 'test', '--precedents', '--json']);
    const json = JSON.parse(r.stdout);
    expect(json.precedents.cases).toHaveLength(builtinCount);
    expect(json.precedents.disagreed).toBe(0);
    const all = json.precedents.modalities.at(-1);
    expect(all).toMatchObject({ modality: 'all', entries: builtinCount });
    expect(all.agree + all.knownDisagreements + all.untestable).toBe(builtinCount);
    expect(all.agreement).toBeCloseTo(all.agree / all.run, 3);
  });

  it('without --precedents the output is as before (no precedents key)', async () => {
    const r = await cli(['rules', 'test', '--json']);
    expect(JSON.parse(r.stdout).precedents).toBeUndefined();
  });

  it('an unmarked disagreement of a pack fails the run (exit 1) and names the entry', async () => {
    const r = await cli(['rules', 'test', '--precedents', '--rules', disagree]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ precedent fixture-2025-rl-for-images \(positive\): reinforcement-learning not among the top 3 \(cnn/);
    expect(r.stderr).toContain('1 precedent disagrees with the advice');
  });

  it('a pack\u2019s precedents are run with the pack\u2019s own methods', async () => {
    const r = await cli(['rules', 'test', `${lab}/lab.cases.yaml`, '--precedents', '--json', '--rules', lab, '--rules', labPrecedents]);
    const cases = JSON.parse(r.stdout).precedents.cases.filter((c: { id: string }) => c.id.startsWith('fixture-'));
    expect(cases.map((c: { id: string; verdict: string; top: string[] }) => [c.id, c.verdict, c.top[0]])).toEqual([
      ['fixture-2024-foldlm-stability', 'agrees', 'foldlm'],
      ['fixture-2024-foldlm-binding', 'agrees', 'foldlm'],
    ]);
  });
});

describe('pack precedents in the advice', () => {
  const answers = ['--modality', 'biosequence', '--kind', 'protein', '--task', 'classification', '--labeled', '2000', '--pretrained', 'yes'];
  const lab = `${root}examples/lab-pack`;

  it("advise --rules shows a pack's own precedent among the closest, next to the built-in ones", async () => {
    const r = await cli(['--rules', lab, '--rules', labPrecedents, ...answers, '--in-house-model', 'yes', '--no-input', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const ids = (JSON.parse(r.stdout).precedents as { id: string }[]).map((p) => p.id);
    expect(ids[0]).toBe('fixture-2024-foldlm-stability');
    expect(ids.slice(1).every((id) => !id.startsWith('fixture-'))).toBe(true);
  });

  it('without the pack, or with --no-precedents, the fixture is not read', async () => {
    const plain = await cli(['--rules', lab, ...answers, '--in-house-model', 'yes', '--no-input', '--json']);
    expect(JSON.parse(plain.stdout).precedents.map((p: { id: string }) => p.id)).not.toContain('fixture-2024-foldlm-stability');
    const none = await cli(['--rules', lab, '--rules', `${fixtures}bad`, ...answers, '--no-precedents', '--no-input', '--json']);
    expect(none.code, none.stderr).toBe(0);
  });

  it('the default packs (DL_ADVISOR_RULES) add their precedents to the advice, as --rules does', async () => {
    const image = ['--modality', 'image', '--kind', '2d', '--task', 'classification', '--labeled', '5000', '--json'];
    const ids = async (env?: Record<string, string>) => JSON.parse((await cli(image, { env })).stdout).precedents.map((p: { id: string }) => p.id);
    expect(await ids()).not.toContain('fixture-2025-rl-for-images');
    expect((await ids({ DL_ADVISOR_RULES: disagree }))[0]).toBe('fixture-2025-rl-for-images');
  });

  it('a broken pack precedent stops advise with exit 2 and the file, line and key', async () => {
    const r = await cli(['--rules', lab, '--rules', `${fixtures}bad`, ...answers, '--no-input']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\/precedents\/a-schema\.yaml:5:5: precedents\[0\]\.doi: not a DOI/);
  });
});
