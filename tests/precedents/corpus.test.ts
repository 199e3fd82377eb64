/** The built-in precedent corpus (rules/precedents/) as data that must stay true (issue 16, item 4). */
import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/knowledge/paths.js';
import { precedentAnswers, runPrecedents } from '../../src/knowledge/precedent-cases.js';
import { ARXIV_PATTERN, DOI_PATTERN, KINDS, type Precedent, URL_PATTERN } from '../../src/knowledge/precedent-types.js';
import { loadPrecedents } from '../../src/knowledge/precedents-builtin.js';
import { builtin } from '../helpers/knowledge.js';

const corpus: Precedent[] = await loadPrecedents();
const k = builtin();
const valuesOf = (id: string) => k.questions.find((q) => q.id === id)?.choices?.map((c) => c.value) ?? [];

/** Sentences of a finding: a full stop, ! or ? followed by a space and a capital or digit ends one. */
function sentences(text: string): string[] {
  const protectedText = text.replace(/\b(e\.g|i\.e|et al|vs|approx|cf|Fig|no)\./g, '$1\u2024');
  return protectedText
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"(])/)
    .filter((s) => s.trim() !== '');
}

/** Pairs of entries that look like one work twice: the same first author and >= 60% of the shorter title's words. */
function sameWorkTwice(list: readonly Precedent[]): string[] {
  const words = (title: string) =>
    new Set(
      title
        .toLowerCase()
        .replace(/[^a-z0-9 ]/g, ' ')
        .split(/\s+/)
        .filter((w) => w.length > 3),
    );
  const seen: { p: Precedent; w: Set<string> }[] = [];
  const twice: string[] = [];
  for (const p of list) {
    const w = words(p.citation.title);
    for (const q of seen) {
      if (p.samePaper === q.p.id || q.p.citation.authors[0] !== p.citation.authors[0]) continue;
      const shared = [...w].filter((x) => q.w.has(x)).length;
      if (shared / Math.max(1, Math.min(w.size, q.w.size)) >= 0.6) twice.push(`${q.p.id} ~ ${p.id}`);
    }
    seen.push({ p, w });
  }
  return twice;
}

describe('precedent corpus', () => {
  it('every file loads without a problem, with at least 300 entries', () => {
    const files = readdirSync(`${packageRoot()}rules/precedents`).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(corpus.length).toBeGreaterThanOrEqual(300);
  });

  it('covers every modality and every task of the questions', () => {
    const modalities = new Set(corpus.map((p) => p.answers.modality));
    const tasks = new Set(corpus.map((p) => p.answers.task));
    expect(valuesOf('modality').filter((m) => !modalities.has(m))).toEqual([]);
    expect(valuesOf('task').filter((t) => !tasks.has(t))).toEqual([]);
  });

  it('every modality has at least 10 entries, and every kind of a modality appears', () => {
    const per = new Map<string, number>();
    for (const p of corpus) per.set(String(p.answers.modality), (per.get(String(p.answers.modality)) ?? 0) + 1);
    for (const m of valuesOf('modality')) expect(per.get(m) ?? 0, m).toBeGreaterThanOrEqual(10);
    const kinds = new Set(corpus.map((p) => `${p.answers.modality}/${p.answers.kind}`));
    const missing = Object.entries(KINDS).flatMap(([m, ks]) => ks.filter((kind) => !kinds.has(`${m}/${kind}`)).map((kind) => `${m}/${kind}`));
    expect(missing).toEqual([]);
  });

  it('at least 15% are negative results (a complex model that did not beat a simple one)', () => {
    const negative = corpus.filter((p) => p.result === 'negative').length;
    expect(negative / corpus.length).toBeGreaterThanOrEqual(0.15);
    // A negative names what won (used) and, where the paper names it, what lost.
    for (const p of corpus.filter((x) => x.result === 'negative')) expect(p.used.methods.length, p.id).toBeGreaterThan(0);
  });

  it('ids are unique, and no two entries share a DOI, arXiv id or URL unless marked as another task of the same paper', () => {
    const ids = corpus.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const first = new Map<string, Precedent>();
    const shared: string[] = [];
    for (const p of corpus) {
      const link = (p.doi ?? p.arxiv ?? p.url ?? '').toLowerCase();
      const before = first.get(link);
      if (!before) first.set(link, p);
      // samePaper names the first entry of the paper, and the two describe different problems.
      else if (p.samePaper !== before.id || JSON.stringify(p.answers) === JSON.stringify(before.answers))
        shared.push(`${p.id} shares ${link} with ${before.id}`);
    }
    expect(shared).toEqual([]);
    for (const p of corpus.filter((x) => x.samePaper !== undefined)) expect(ids, p.id).toContain(p.samePaper);
  });

  it('no work is in twice under two identifiers (a preprint and its published version: same first author, most title words shared)', () => {
    expect(sameWorkTwice(corpus)).toEqual([]);
    // What it catches: the Ahlmann-Eltze preprint next to its Nature Methods version, as they were.
    const published = corpus.find((p) => p.id === 'ahlmann-eltze-2025-perturbation-linear-baselines') as Precedent;
    const preprint = {
      ...published,
      id: 'ahlmann-eltze-2024-preprint',
      citation: {
        ...published.citation,
        year: 2024,
        title: 'Deep learning-based predictions of gene perturbation effects do not yet outperform simple linear baselines',
      },
    };
    expect(sameWorkTwice([published, preprint])).toEqual([`${published.id} ~ ${preprint.id}`]);
  });

  it('identifiers are well formed beyond the pattern: no link prefix or trailing punctuation, a real month, a parseable URL', () => {
    const bad: string[] = [];
    for (const p of corpus) {
      if (p.doi && (/doi\.org|^doi:/i.test(p.doi) || /[.,;:)\]]$/.test(p.doi))) bad.push(`${p.id}: doi ${p.doi}`);
      const month = Number(p.arxiv?.slice(2, 4) ?? 1);
      if (month < 1 || month > 12) bad.push(`${p.id}: arxiv ${p.arxiv}`);
      if (p.url) {
        const u = URL.canParse(p.url) ? new URL(p.url) : undefined;
        if (!u || !/^https?:$/.test(u.protocol) || !u.hostname.includes('.')) bad.push(`${p.id}: url ${p.url}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('answers validate against the questions as an answers file would (values, validIf), with modality and task', () => {
    const problems = corpus.flatMap((p) => precedentAnswers(k.questions, p).problems.map((x) => x.message));
    expect(problems).toEqual([]);
    // The check itself catches an answer an answers file may not hold.
    const wrong = { ...(corpus[0] as Precedent), answers: { modality: 'image', task: 'classification', kind: 'protein' } };
    expect(precedentAnswers(k.questions, wrong).problems.map((x) => x.message)).toEqual([
      expect.stringMatching(/^precedent "[^"]+": kind: 'protein' does not apply/),
    ]);
  });

  it('every entry, run as a rule case, agrees with the advice or is marked as a known disagreement (and every mark still holds)', () => {
    const { outcomes, problems } = runPrecedents(k, corpus);
    expect(problems).toEqual([]);
    const unmarked = outcomes.filter((o) => o.verdict === 'disagrees').map((o) => `${o.id}: ${o.reason}`);
    const stale = outcomes.filter((o) => o.verdict === 'marked-but-agrees').map((o) => o.id);
    const untestable = outcomes.filter((o) => o.verdict === 'untestable').map((o) => o.id);
    expect({ unmarked, stale, untestable }).toEqual({ unmarked: [], stale: [], untestable: [] });
    // A known disagreement says why in a sentence or more, not a placeholder.
    for (const p of corpus.filter((x) => x.disagreement !== undefined)) expect(p.disagreement?.length, p.id).toBeGreaterThan(80);
  });

  it('every entry has exactly one well-formed identifier', () => {
    for (const p of corpus) {
      const given = [p.doi, p.arxiv, p.url].filter((x) => x !== undefined);
      expect(given, p.id).toHaveLength(1);
      if (p.doi) expect(p.doi, p.id).toMatch(DOI_PATTERN);
      if (p.arxiv) expect(p.arxiv, p.id).toMatch(ARXIV_PATTERN);
      if (p.url) expect(p.url, p.id).toMatch(URL_PATTERN);
    }
    // An arXiv id starts with the year and month it was announced (YYMM): the cited year is that
    // year or later, or the year before (a paper submitted at the end of December is announced
    // in January: MACE-MP-0, cited as 2023, has the id 2401.00096).
    for (const p of corpus.filter((x) => x.arxiv)) expect(p.citation.year, p.id).toBeGreaterThanOrEqual(1999 + Number(p.arxiv?.slice(0, 2)));
  });

  it('every finding is one or two sentences and states a figure or a comparison', () => {
    const long = corpus.filter((p) => sentences(p.finding).length > 2).map((p) => p.id);
    expect(long).toEqual([]);
    for (const p of corpus) expect(p.finding.length, p.id).toBeGreaterThan(40);
  });

  it('the sentence counter used above counts what it should', () => {
    expect(sentences('One. Two, e.g. three; vs. four.')).toHaveLength(2);
    expect(sentences('A 0.9 AUC. Then 3 more. And more.')).toHaveLength(3);
  });

  it('the format document names every result value and kind the corpus uses', () => {
    const doc = readFileSync(`${packageRoot()}rules/precedents/README.md`, 'utf8');
    for (const r of new Set(corpus.map((p) => p.result))) expect(doc).toContain(`\`${r}\``);
    for (const kind of Object.values(KINDS).flat()) expect(doc).toContain(kind);
  });

  it('only the modules that show precedents import the corpus loaders (advise reads the corpus only when it shows some)', () => {
    const src = `${packageRoot()}src/`;
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const loaders = new Set(['knowledge/precedents.ts', 'knowledge/precedents-builtin.ts', 'knowledge/precedent-index.ts']);
    const importers = files.filter((f) => {
      if (/^knowledge\/precedent/.test(f) || f === 'engine/similarity.ts') return false;
      const specs = [...readFileSync(`${src}${f}`, 'utf8').matchAll(/(?:from |import\()'(\.[^']*)\.js'/g)].map((m) => m[1] as string);
      return specs.some((spec) => loaders.has(posix.join(posix.dirname(f), `${spec}.ts`)));
    });
    // advice-precedents.ts reads nothing for --no-precedents / --precedents 0 (tests/precedents/report.test.ts);
    // rules.ts imports them lazily, for `rules validate` (pack precedents against the corpus) and `rules test --precedents`;
    // completion.ts gets the ids (with the packs') from commands/precedents.ts.
    expect(importers.sort()).toEqual(['cli/commands/precedents.ts', 'cli/commands/rules.ts', 'knowledge/advice-precedents.ts', 'mcp/precedents-tool.ts']);
  });
});
