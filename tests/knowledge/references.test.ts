/**
 * References as data (issue 13): one entry per cited work in rules/references/, named by id from
 * rule sources and method cards; the printed citations; the JSON `ref` and `references[]`; user
 * packs that cite free text, their own works, or a mistyped id.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { cli } from '../helpers/io.js';
import { answersFor, builtin } from '../helpers/knowledge.js';

const k = builtin();
const ids = new Set((k.references ?? []).map((r) => r.id));
const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-refs-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const PACK = 'pack: lab\nversion: 1.0.0\n';
const rule = (ref: string) =>
  `rules:\n  - id: lab-rule\n    summary: s\n    when: { modality: tabular }\n    caution: Watch out.\n    because: b\n    source: { ref: ${ref}, basis: practice }\n`;
const TABLE = ['--modality', 'tabular', '--task', 'regression', '--labeled', '300'];

describe('the built-in references', () => {
  it('every rule source and every method-card reference names a reference id', () => {
    expect(k.rules.filter((r) => !ids.has(r.source.ref)).map((r) => `${r.id}: ${r.source.ref}`)).toEqual([]);
    const cards = k.methods.flatMap((m) => m.references.filter((r) => !ids.has(r.ref)).map((r) => `${m.id}: ${r.ref}`));
    expect(cards).toEqual([]);
    expect(k.rules.every((r) => r.refId === r.source.ref)).toBe(true);
  });

  it('every reference is cited (by a rule, a method card or a recipe): one entry per work, no dead ones', () => {
    const cited = new Set([
      ...k.rules.map((r) => r.source.ref),
      ...k.methods.flatMap((m) => m.references.map((r) => r.ref)),
      ...(k.recipes ?? []).map((r) => r.source.ref),
    ]);
    expect([...ids].filter((id) => !cited.has(id))).toEqual([]);
  });

  it('prints the short form with the section, as before ("Raghu & Schmidt 2020, sec. 2.3")', () => {
    const r = k.rules.find((x) => x.id === 'tabular-linear-baseline');
    expect(r?.citation).toBe('Raghu & Schmidt 2020, sec. 2.3');
    expect(k.rules.find((x) => x.id === 'tabular-p-greater-than-n')?.citation).toBe('Hastie, Tibshirani & Friedman 2009, ch. 18');
  });

  it('Dickson 2020 has its venue and a URL; Grinsztajn 2022 is not cited for linear models', () => {
    const dickson = k.references?.find((r) => r.id === 'dickson-2020');
    expect(dickson?.url).toMatch(/^https:\/\//);
    expect(dickson?.venue).toBeTruthy();
    const trees = k.rules.find((r) => r.id === 'tabular-medium-large-trees');
    expect(trees?.source.ref).toBe('grinsztajn-2022');
    expect(trees?.because).not.toMatch(/linear models/);
  });

  it('method cards show the full citation with a link, and their JSON lists the works cited', async () => {
    const text = await cli(['methods', 'tree-ensemble', '--no-color']);
    expect(text.stdout.replace(/\s+/g, ' ')).toContain('Breiman 2001. Random forests. Machine Learning 45(1):5-32. https://doi.org/10.1023/A:1010933404324');
    const doc = JSON.parse((await cli(['methods', 'tree-ensemble', '--json'])).stdout);
    expect(doc.method.references).toContainEqual({ ref: 'breiman-2001' });
    expect(doc.references.map((w: { id: string }) => w.id)).toContain('breiman-2001');
  });
});

describe('references in the JSON document', () => {
  it('reasons and cautions carry `ref`, and references[] lists every cited work once, in order of first citation', () => {
    const r = evaluate(k, answersFor({ modality: 'tabular', task: 'regression', labeled: 20000 }));
    const rec = r.recommendation;
    const named = [rec.primary, ...rec.alternatives].flatMap((m) => [...m.reasons, ...m.against].map((x) => x.ref));
    named.push(...rec.cautions.map((c) => c.ref), ...[...rec.strategies, ...rec.interpretability].flatMap((i) => i.reasons.map((x) => x.ref)));
    expect(named.every((x) => x !== undefined && ids.has(x))).toBe(true);
    const listed = (r.references ?? []).map((w) => w.id);
    expect(new Set(listed).size).toBe(listed.length);
    expect(new Set(listed)).toEqual(new Set(named));
    expect(listed[0]).toBe(rec.primary.reasons[0]?.ref);
    expect(r.references?.find((w) => w.id === 'grinsztajn-2022')).toEqual({
      id: 'grinsztajn-2022',
      short: 'Grinsztajn, Oyallon & Varoquaux 2022',
      authors: ['Léo Grinsztajn', 'Edouard Oyallon', 'Gaël Varoquaux'],
      year: 2022,
      title: 'Why do tree-based models still outperform deep learning on typical tabular data?',
      venue: 'Advances in Neural Information Processing Systems 35 (NeurIPS 2022), Datasets and Benchmarks Track',
      arxiv: '2207.08815',
    });
  });
});

describe('references in user packs', () => {
  it('a citation that is no known id stays free text: printed as written, no ref, not in references[]', async () => {
    const pack = write('text.yaml', `${PACK}${rule('"Example Lab, internal report 2025"')}`);
    const r = await cli([...TABLE, '--rules', pack, '--json']);
    expect(r.code).toBe(0);
    const caution = JSON.parse(r.stdout).recommendation.cautions.find((c: { rule: string }) => c.rule === 'lab-rule');
    expect(caution).toMatchObject({ source: 'Example Lab, internal report 2025' });
    expect(caution.ref).toBeUndefined();
  });

  it('a pack may cite a built-in work by id, or add its own', async () => {
    const own = `references:\n  - { id: lab-2025, short: Lab 2025, authors: [A. Person], year: 2025, title: Our benchmark, venue: Internal report, url: "https://example.org/report" }\n`;
    const pack = write('own.yaml', `${PACK}${own}${rule('lab-2025')}`);
    const doc = JSON.parse((await cli([...TABLE, '--rules', pack, '--json'])).stdout);
    expect(doc.recommendation.cautions.find((c: { rule: string }) => c.rule === 'lab-rule')).toMatchObject({ source: 'Lab 2025', ref: 'lab-2025' });
    expect(doc.references).toContainEqual({
      id: 'lab-2025',
      short: 'Lab 2025',
      authors: ['A. Person'],
      year: 2025,
      title: 'Our benchmark',
      venue: 'Internal report',
      url: 'https://example.org/report',
    });
    const builtinRef = write('builtin-ref.yaml', `${PACK}${rule('breiman-2001')}`);
    const again = JSON.parse((await cli([...TABLE, '--rules', builtinRef, '--json'])).stdout);
    expect(again.recommendation.cautions.find((c: { rule: string }) => c.rule === 'lab-rule')).toMatchObject({ source: 'Breiman 2001', ref: 'breiman-2001' });
  });

  it('a mistyped reference id is a problem with a did-you-mean', async () => {
    const pack = write('typo.yaml', `${PACK}${rule('raghu-schmit-2020')}`);
    const r = await cli(['rules', 'validate', pack]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${pack}:9:`);
    expect(r.stdout).toContain('unknown reference "raghu-schmit-2020" (did you mean "raghu-schmidt-2020"?)');
  });

  it('a reference needs exactly one of doi, arxiv or url, and a unique id', async () => {
    const two = `references:\n  - { id: x-2020, short: X 2020, authors: [X], year: 2020, title: T, venue: V, doi: "10.1000/xyz", url: "https://example.org" }\n`;
    const r = await cli(['rules', 'validate', write('two.yaml', `${PACK}${two}`)]);
    expect(r.stdout).toContain('give exactly one of doi, arxiv or url (doi preferred)');
    const dup = `references:\n  - { id: breiman-2001, short: B, authors: [B], year: 2001, title: T, venue: V, url: "https://example.org" }\n`;
    const d = await cli(['rules', 'validate', write('dup.yaml', `${PACK}${dup}`)]);
    expect(d.stdout).toContain('reference "breiman-2001" is already defined');
  });
});
