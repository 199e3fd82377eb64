/**
 * The "Published problems like yours" section (issue 16, item 3), the works behind a
 * recommendation as BibTeX / CSL-JSON, and the Markdown methods paragraph (item 6): the builders
 * on their own, on real results of the built-in rules.
 */
import bibtexParse from 'bibtex-parse';
import { describe, expect, it } from 'vitest';
import { closestPrecedents, contrastSentence, precedentContrast, shortCitation } from '../../src/engine/precedent-section.js';
import { advise } from '../../src/index.js';
import { addPrecedents } from '../../src/knowledge/advice-precedents.js';
import { Result } from '../../src/knowledge/output.js';
import { toPrecedentIndex } from '../../src/knowledge/precedent-index.js';
import { loadPrecedents, toPrecompiledPrecedents } from '../../src/knowledge/precedents-builtin.js';
import { renderCitations, worksOf } from '../../src/render/citations.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { methodsParagraphMarkdown } from '../../src/render/methods-paragraph.js';
import { precedentsMarkdown, precedentsText } from '../../src/render/precedents.js';
import { plain } from '../../src/render/style.js';
import { renderText } from '../../src/render/text.js';

const corpus = await loadPrecedents();
const IMAGE = { modality: 'image', task: 'classification', labeled: 900, pretrained: 'yes' };
/** Time series: tree ensemble first, while the closest published problems used a CNN (the runner-up). */
const ECG = { modality: 'time-series', task: 'classification', labeled: 2000 };

describe('closestPrecedents', () => {
  it('gives the requested number, closest first, each with citation, link, similarity in [0, 1] and reasons', () => {
    const shown = closestPrecedents({ modality: 'image', task: 'classification', labeled: 900, pretrained: 'yes' }, corpus, 5);
    expect(shown).toHaveLength(5);
    const scores = shown.map((p) => p.similarity);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const p of shown) {
      expect(p.similarity).toBeGreaterThanOrEqual(0);
      expect(p.similarity).toBeLessThanOrEqual(1);
      expect(p.why[0]).toBe('same modality and task');
      expect(p.link).toMatch(/^https:\/\//);
      expect(p.doi ?? p.arxiv ?? p.url).toBeTruthy();
      expect(p.citation).toContain(String(p.year));
      expect(p.used.length).toBeGreaterThan(0);
      expect(p.finding.length).toBeGreaterThan(20);
    }
  });

  it('cites one, two and more authors the usual way', () => {
    expect(shortCitation({ authors: ['Andre Esteva', 'Brett Kuprel', 'others'], year: 2017 })).toBe('Esteva et al. 2017');
    expect(shortCitation({ authors: ['Maithra Raghu', 'Eric Schmidt'], year: 2020 })).toBe('Raghu & Schmidt 2020');
    expect(shortCitation({ authors: ['Jane Smith', 'others'], year: 2020 })).toBe('Smith et al. 2020');
    expect(shortCitation({ authors: ['Rens van de Schoot'], year: 2021 })).toBe('van de Schoot 2021');
    // A two-word family name without a particle is read from the entry's id.
    const bejnordi = { authors: ['Babak Ehteshami Bejnordi', 'others'], year: 2017 };
    expect(shortCitation(bejnordi)).toBe('Bejnordi et al. 2017');
    expect(shortCitation(bejnordi, 'ehteshami-bejnordi-2017-camelyon16')).toBe('Ehteshami Bejnordi et al. 2017');
    expect(shortCitation({ authors: ['Andre Esteva', 'others'], year: 2017 }, 'esteva-2017-skin-lesions')).toBe('Esteva et al. 2017');
  });
});

describe('the section in the reports', () => {
  it('shows three by default in text and Markdown: citation, link, used, found, why close', async () => {
    const result = await advise(IMAGE);
    expect(result.precedents).toHaveLength(3);
    expect(Result.safeParse(result).success).toBe(true);
    const text = precedentsText(result, 80, plain).join('\n');
    const md = precedentsMarkdown(result).join('\n');
    for (const p of result.precedents ?? []) {
      expect(text).toContain(p.link);
      expect(md).toContain(`](${p.link})`);
      expect(md).toContain(`\`${p.id}\``);
    }
    expect(text).toMatch(/^Published problems like yours$/m);
    expect(text).toMatch(/ {3}1\. [\s\S]*?\n {6}https:\/\/\S+ ·\u00a0\S+\n {6}used: .*\n(.*\n)* {6}found( \(.*\))?: /);
    expect(text).toContain('close: same modality and task');
    expect(md).toMatch(/^## Published problems like yours$/m);
    expect(md).toMatch(/^ {3}- Why it is close: same modality and task; 900 vs [\d,]+ labelled images/m);
  });

  it('addPrecedents(result, 0) returns the result itself, without reading the corpus', async () => {
    const result = await advise(IMAGE, { precedents: false });
    expect(await addPrecedents(result, 0)).toBe(result);
  });

  it('has no section without precedents, and advise({ precedents: false }) leaves the key out', async () => {
    const result = await advise(IMAGE, { precedents: false });
    expect(result).not.toHaveProperty('precedents');
    expect(precedentsText(result, 80, plain)).toEqual([]);
    expect(renderText(result)).not.toContain('Published problems');
    expect(renderMarkdown(result)).not.toContain('Published problems');
    expect((await advise(IMAGE, { precedents: 1 })).precedents).toHaveLength(1);
    await expect(advise(IMAGE, { precedents: 51 })).rejects.toThrow(/precedents: 51 is not allowed; allowed: a whole number from 0 to 50/);
  });

  it('says when the closest used another ranked model than the primary, and which runner-up it is', async () => {
    const result = await advise(ECG);
    const c = precedentContrast(result);
    expect(result.recommendation.primary.id).not.toBe('cnn');
    expect(c).toMatchObject({ method: 'cnn', shown: 3, rank: 0 });
    expect(c && contrastSentence(c)).toMatch(
      /^[23] of the 3 closest used Convolutional neural network \(CNN\) rather than the primary: see the runner-up \(cnn\)\.$/,
    );
    expect(precedentsText(result, 80, plain).join('\n').replace(/\s+/g, ' ')).toContain('rather than the primary: see the runner-up (cnn).');
  });

  it('says nothing when the precedents used the primary, or only one of three differs', async () => {
    const result = await advise(IMAGE);
    expect(result.precedents?.every((p) => p.used.includes('cnn'))).toBe(true);
    expect(precedentContrast(result)).toBeUndefined();
    const [a, b, c] = (await advise(ECG)).precedents ?? [];
    const one = { ...result, precedents: [a, b, c].map((p, i) => ({ ...(p as NonNullable<typeof p>), used: i === 0 ? ['transformer'] : ['cnn'] })) };
    expect(precedentContrast(one)).toBeUndefined();
  });
});

describe('the works behind a recommendation', () => {
  it('BibTeX: every reference and every precedent shown, read back by a real parser, DOIs kept', async () => {
    const result = await advise(IMAGE);
    const entries = bibtexParse.entries(renderCitations(result, 'bibtex'));
    const works = worksOf(result);
    expect(entries.map((e) => e.key)).toEqual(works.map((w) => w.key));
    expect(works.length).toBe((result.references ?? []).length + 3);
    for (const p of result.precedents ?? []) {
      const e = entries.find((x) => x.key === p.id);
      expect(e, p.id).toBeDefined();
      if (p.doi) expect(e?.DOI ?? e?.doi).toBe(p.doi);
      expect(String(e?.TITLE ?? e?.title)).toContain(p.title.slice(0, 20));
    }
  });

  it('CSL-JSON: one item per work, DOI where the work has one', async () => {
    const result = await advise(IMAGE);
    const items = JSON.parse(renderCitations(result, 'csl-json')) as { id: string; DOI?: string; author: unknown[] }[];
    expect(items.map((i) => i.id)).toEqual(worksOf(result).map((w) => w.key));
    for (const p of result.precedents ?? []) expect(items.find((i) => i.id === p.id)?.DOI).toBe(p.doi);
  });

  it('lists a precedent that is also a reference once', async () => {
    const result = await advise(IMAGE);
    const ref = (result.references ?? [])[0];
    if (!ref) throw new Error('no reference');
    const [first] = result.precedents ?? [];
    const twin = { ...(first as NonNullable<typeof first>), id: 'twin', doi: undefined, arxiv: ref.arxiv, url: undefined };
    const works = worksOf({ ...result, precedents: [twin] });
    expect(works.map((w) => w.key)).not.toContain('twin');
  });
});

describe('the methods paragraph', () => {
  it('ends the Markdown report, in plain words, every [n] resolving to the numbered list', async () => {
    const result = await advise(ECG);
    const md = renderMarkdown(result);
    const start = md.indexOf('## Methods (a paragraph to adapt)');
    expect(start).toBeGreaterThan(md.indexOf('</details>'));
    const section = methodsParagraphMarkdown(result).join('\n');
    const [, paragraph = '', list = ''] = /\n\n(.+)\n\n([\s\S]*)$/.exec(section) ?? [];
    expect(paragraph).toMatch(new RegExp(`^Following \\[1\\], we started with a ${result.recommendation.primary.name.toLowerCase().slice(0, 10)}`));
    expect(paragraph).toContain(`We evaluated with ${result.recommendation.primary.recipe?.evaluation.split}`);
    const cited = new Set([...paragraph.matchAll(/\[([\d, ]+)\]/g)].flatMap((m) => (m[1] as string).split(', ').map(Number)));
    const numbered = list.split('\n').filter(Boolean);
    expect([...cited].sort((a, b) => a - b)).toEqual(numbered.map((_, i) => i + 1));
    for (const p of result.precedents ?? []) expect(list).toContain(p.link);
    expect(numbered[0]).toMatch(/^1\. Raghu & Schmidt 2020\. A Survey of Deep Learning for Scientific Discovery\./);
  });
});

describe('the compact index advise reads (built package)', () => {
  it("points at each entry's bytes in precedents.json, with the answers and methods ranking needs", () => {
    const text = JSON.stringify(toPrecompiledPrecedents(corpus));
    const bytes = Buffer.from(text, 'utf8');
    const index = toPrecedentIndex(corpus, text);
    expect(index.entries.map((e) => e.id)).toEqual(corpus.map((p) => p.id));
    index.entries.forEach((e, i) => {
      const [offset, length] = e.at;
      expect(JSON.parse(bytes.subarray(offset, offset + length).toString('utf8'))).toEqual(corpus[i]);
      expect(e.answers).toEqual(corpus[i]?.answers);
    });
    // Ranking the index gives the same precedents as ranking the corpus.
    const full = (p: (typeof corpus)[number]) => corpus.find((x) => x.id === p.id) as (typeof corpus)[number];
    const light = index.entries as unknown as typeof corpus;
    expect(closestPrecedents(ECG, light, 5, full)).toEqual(closestPrecedents(ECG, corpus, 5));
  });

  it('refuses a corpus file laid out otherwise', () => {
    expect(() => toPrecedentIndex(corpus, JSON.stringify(toPrecompiledPrecedents(corpus), null, 2))).toThrow(/is not in precedents.json/);
  });
});
