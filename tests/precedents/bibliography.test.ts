/** BibTeX and CSL-JSON exports (issue 16, item 6), the BibTeX read back with a real parser; and CITATION.cff. */
import { readFileSync } from 'node:fs';
import bibtexParse from 'bibtex-parse';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { packageRoot } from '../../src/knowledge/paths.js';
import { loadPrecedents } from '../../src/knowledge/precedents-builtin.js';
import { precedentWork, splitName, toBibtex, toCslJson, type Work } from '../../src/render/bibliography.js';

const corpus = await loadPrecedents();

const esteva: Work = {
  key: 'esteva-2017-skin-lesions',
  authors: ['Andre Esteva', 'Brett Kuprel', 'Roberto A. Novoa', 'others'],
  year: 2017,
  title: 'Dermatologist-level classification of skin cancer with deep neural networks',
  venue: 'Nature',
  doi: '10.1038/nature21056',
};
const raghu: Work = {
  key: 'raghu-2020',
  authors: ['Maithra Raghu', 'Eric Schmidt'],
  year: 2020,
  title: 'A Survey of Deep Learning for Scientific Discovery',
  venue: 'arXiv',
  arxiv: '2003.11755',
};
const tricky: Work = {
  key: 'x y/1',
  authors: ['Ludwig van Beethoven', 'Plato'],
  year: 2019,
  title: 'R&D at 100% {braces}, $5 and #tags_with_underscores',
  venue: 'Proceedings of the 36th International Conference on Machine Learning (ICML)',
  url: 'https://example.org/a%20b#frag',
};

describe('toBibtex', () => {
  it('writes entries that a BibTeX parser reads back field for field', () => {
    const entries = bibtexParse.entries(toBibtex([esteva, raghu]));
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      key: 'esteva-2017-skin-lesions',
      type: 'article',
      AUTHOR: 'Esteva, Andre and Kuprel, Brett and Novoa, Roberto A. and others',
      TITLE: 'Dermatologist-level classification of skin cancer with deep neural networks',
      JOURNAL: 'Nature',
      DOI: '10.1038/nature21056',
      URL: 'https://doi.org/10.1038/nature21056',
    });
    expect(String(entries[0]?.YEAR)).toBe('2017');
    expect(entries[1]).toMatchObject({
      key: 'raghu-2020',
      type: 'misc',
      EPRINT: '2003.11755',
      ARCHIVEPREFIX: 'arXiv',
      URL: 'https://arxiv.org/abs/2003.11755',
      HOWPUBLISHED: 'arXiv',
    });
  });

  it('escapes LaTeX specials, keeps particles in family names, makes keys safe and unique', () => {
    const text = toBibtex([tricky, { ...tricky, title: 'Second' }]);
    expect(text).toContain('title = {{R\\&D at 100\\% \\{braces\\}, \\$5 and \\#tags\\_with\\_underscores}}');
    expect(text).toContain('author = {van Beethoven, Ludwig and {Plato}}');
    expect(text).toContain('@inproceedings{x-y-1,');
    expect(text).toContain('@inproceedings{x-y-1-2,');
    const entries = bibtexParse.entries(text);
    expect(entries.map((e) => e.key)).toEqual(['x-y-1', 'x-y-1-2']);
    expect(entries[0]?.BOOKTITLE).toBe('Proceedings of the 36th International Conference on Machine Learning (ICML)');
  });

  it('exports the whole corpus: every entry parses, keyed by the precedent id, with its identifier', () => {
    const entries = bibtexParse.entries(toBibtex(corpus.map(precedentWork)));
    expect(entries.map((e) => e.key)).toEqual(corpus.map((p) => p.id));
    corpus.forEach((p, i) => {
      const e = entries[i] as Record<string, unknown>;
      if (p.doi) expect(e.DOI, p.id).toBe(p.doi);
      if (p.arxiv) expect(e.EPRINT, p.id).toBe(p.arxiv);
      expect(String(e.YEAR), p.id).toBe(String(p.citation.year));
      expect(e.AUTHOR, p.id).toBeTruthy();
    });
  });
});

describe('toCslJson', () => {
  it('gives CSL items with names split, issued date-parts, DOI and URL', () => {
    expect(toCslJson([esteva, raghu])).toEqual([
      {
        id: 'esteva-2017-skin-lesions',
        type: 'article-journal',
        title: esteva.title,
        author: [
          { given: 'Andre', family: 'Esteva' },
          { given: 'Brett', family: 'Kuprel' },
          { given: 'Roberto A.', family: 'Novoa' },
        ],
        issued: { 'date-parts': [[2017]] },
        'container-title': 'Nature',
        DOI: '10.1038/nature21056',
        URL: 'https://doi.org/10.1038/nature21056',
      },
      {
        id: 'raghu-2020',
        type: 'article',
        title: raghu.title,
        author: [
          { given: 'Maithra', family: 'Raghu' },
          { given: 'Eric', family: 'Schmidt' },
        ],
        issued: { 'date-parts': [[2020]] },
        publisher: 'arXiv',
        number: 'arXiv:2003.11755',
        URL: 'https://arxiv.org/abs/2003.11755',
      },
    ]);
  });

  it('is plain JSON for every corpus entry (round-trips through JSON.stringify)', () => {
    const items = toCslJson(corpus.map(precedentWork));
    expect(JSON.parse(JSON.stringify(items))).toEqual(items);
    for (const item of items) {
      expect(item.author.length, item.id).toBeGreaterThan(0);
      expect(item.issued['date-parts'][0][0]).toBeGreaterThan(1900);
    }
  });

  it('splits names at the last word, particles kept with the family name', () => {
    expect(splitName('L. Heinrich')).toEqual({ given: 'L.', family: 'Heinrich' });
    expect(splitName('Jan de la Cruz')).toEqual({ given: 'Jan', family: 'de la Cruz' });
    expect(splitName('Plato')).toEqual({ family: 'Plato' });
  });
});

describe('CITATION.cff', () => {
  const cff = parseYaml(readFileSync(`${packageRoot()}CITATION.cff`, 'utf8')) as Record<string, unknown>;

  it('has the keys CFF 1.2.0 requires, and the version of package.json', () => {
    expect(cff['cff-version']).toBe('1.2.0');
    expect(typeof cff.message).toBe('string');
    expect(typeof cff.title).toBe('string');
    expect(Array.isArray(cff.authors) && cff.authors.length > 0).toBe(true);
    const pkg = JSON.parse(readFileSync(`${packageRoot()}package.json`, 'utf8')) as { version: string; license: string };
    expect(cff.version).toBe(pkg.version);
    expect(cff.license).toBe(pkg.license);
  });

  it('cites the survey the rules encode (Raghu & Schmidt 2020, arXiv 2003.11755)', () => {
    const refs = cff.references as { title: string; year: number; url: string; authors: { 'family-names': string }[] }[];
    expect(refs[0]).toMatchObject({ title: 'A Survey of Deep Learning for Scientific Discovery', year: 2020, url: 'https://arxiv.org/abs/2003.11755' });
    expect(refs[0]?.authors.map((a) => a['family-names'])).toEqual(['Raghu', 'Schmidt']);
  });
});
