/** BibTeX and CSL-JSON exports (issue 16, item 6), the BibTeX read back with a real parser; and CITATION.cff. */
import { readFileSync } from 'node:fs';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import bibtexParse from 'bibtex-parse';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadKnowledge } from '../../src/knowledge/builtin.js';
import { packageRoot } from '../../src/knowledge/paths.js';
import type { Precedent } from '../../src/knowledge/precedent-types.js';
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
    expect(text).toContain('author = {van {Beethoven}, Ludwig and {Plato}}');
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
    expect(splitName('Gustavo de los Campos')).toEqual({ given: 'Gustavo', family: 'de los Campos' });
    expect(splitName('Ben Van Calster')).toEqual({ given: 'Ben', family: 'Van Calster' });
    expect(splitName('Le Song')).toEqual({ given: 'Le', family: 'Song' });
    expect(splitName('Plato')).toEqual({ family: 'Plato' });
  });

  it('"Family, Given" keeps a family name of several words whole; so does a citation key that starts with it', () => {
    expect(splitName('Ehteshami Bejnordi, Babak')).toEqual({ given: 'Babak', family: 'Ehteshami Bejnordi' });
    expect(splitName('Mac Aodha, Oisin')).toEqual({ given: 'Oisin', family: 'Mac Aodha' });
    expect(splitName('Babak Ehteshami Bejnordi')).toEqual({ given: 'Babak Ehteshami', family: 'Bejnordi' });
    expect(splitName('Babak Ehteshami Bejnordi', 'ehteshami-bejnordi-2017-camelyon16')).toEqual({ given: 'Babak', family: 'Ehteshami Bejnordi' });
  });
});

/** Names as a reference manager reads them: BibTeX -> CSL-JSON by Citation.js, a parser other than ours. */
function namesReadBack(bib: string): { key: string; names: string[] }[] {
  const items = new Cite(bib).data as unknown as {
    id: string;
    'citation-key'?: string;
    author?: { family?: string; given?: string; 'non-dropping-particle'?: string; literal?: string }[];
  }[];
  return items.map((i) => ({
    key: i['citation-key'] ?? i.id,
    names: (i.author ?? []).map((a) => [a['non-dropping-particle'], a.family ?? a.literal].filter(Boolean).join(' ') + (a.given ? `, ${a.given}` : '')),
  }));
}

describe('names in BibTeX, read back by a BibTeX parser (Citation.js), and in CSL-JSON', () => {
  const camelyon = corpus.find((p) => p.id === 'ehteshami-bejnordi-2017-camelyon16');

  it('a family name of several words stays whole: Ehteshami Bejnordi, Babak', () => {
    expect(camelyon?.citation.authors[0]).toBe('Ehteshami Bejnordi, Babak');
    const work = precedentWork(camelyon as Precedent);
    const bib = toBibtex([work]);
    expect(bib).toContain('author = {{Ehteshami Bejnordi}, Babak and others}');
    const [entry] = namesReadBack(bib);
    expect(entry?.names[0]).toBe('Ehteshami Bejnordi, Babak');
    expect(toCslJson([work])[0]?.author).toEqual([{ family: 'Ehteshami Bejnordi', given: 'Babak' }]);
    // Stored the old way, the key still tells the family name of the first author.
    const old = toBibtex([{ ...work, authors: ['Babak Ehteshami Bejnordi', 'others'] }]);
    expect(namesReadBack(old)[0]?.names[0]).toBe('Ehteshami Bejnordi, Babak');
  });

  it('every corpus entry and reference: the parser reads the family and given names that CSL-JSON has, author for author', async () => {
    const references = ((await loadKnowledge()).references ?? []).map((r) => ({ key: r.id, authors: r.authors, year: r.year, title: r.title, venue: r.venue }));
    const works = [...corpus.map(precedentWork), ...references];
    const read = namesReadBack(toBibtex(works));
    const csl = toCslJson(works);
    expect(read).toHaveLength(works.length);
    read.forEach((entry, i) => {
      const names = entry.names.filter((n) => n !== 'others');
      expect(names, entry.key).toEqual(csl[i]?.author.map((a) => (a.given ? `${a.family}, ${a.given}` : a.family)));
    });
    const families = csl.flatMap((c) => c.author.map((a) => a.family));
    for (const f of [
      'Domínguez Conde',
      'van der Maaten',
      'Ehteshami Bejnordi',
      'Mac Aodha',
      'Carrasco Kind',
      'Ver Steeg',
      'Horta Ribeiro',
      'de los Campos',
      'van Tilborg',
      'La Cava',
    ])
      expect(families, f).toContain(f);
  });

  it('reports print the name given first; short citations use the whole family name', async () => {
    const { precedentText } = await import('../../src/render/precedents.js');
    const { plain } = await import('../../src/render/style.js');
    const text = precedentText(camelyon as Precedent, 200, plain);
    expect(text).toMatch(/^ {2}Ehteshami Bejnordi et al\. 2017\. /m);
    expect(text).toContain('Authors: Babak Ehteshami Bejnordi, others');
    const bat = corpus.find((p) => p.id === 'macaodha-2018-bat-detective') as Precedent;
    expect(precedentText(bat, 200, plain)).toMatch(/^ {2}Mac Aodha et al\. 2018\. /m);
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
