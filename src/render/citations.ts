/**
 * Every work behind a recommendation (issue 16, item 6), for `advise --format bibtex` and
 * `--format csl-json`: the works the rules, recipes, cautions and next steps cite (the result's
 * `references[]`), then the precedents shown. Pure: the result carries everything.
 */
import type { Result } from '../knowledge/output.js';
import { toBibtex, toCslJson, type Work } from './bibliography.js';

/** The works of a result, references first; a precedent that is also a reference (same DOI, arXiv id or URL) is listed once. */
export function worksOf(result: Result): Work[] {
  const works: Work[] = [];
  const seen = new Set<string>();
  const add = (w: Work) => {
    const ids = [w.doi && `doi:${w.doi.toLowerCase()}`, w.arxiv && `arxiv:${w.arxiv.replace(/v\d+$/, '')}`, w.url && `url:${w.url}`].filter(
      Boolean,
    ) as string[];
    if (ids.some((id) => seen.has(id))) return;
    for (const id of ids) seen.add(id);
    works.push(w);
  };
  for (const r of result.references ?? []) add({ key: r.id, authors: r.authors, year: r.year, title: r.title, venue: r.venue, ...idsOf(r) });
  for (const p of result.precedents ?? []) add({ key: p.id, authors: p.authors, year: p.year, title: p.title, venue: p.venue, ...idsOf(p) });
  return works;
}

function idsOf(x: { doi?: string; arxiv?: string; url?: string }): Pick<Work, 'doi' | 'arxiv' | 'url'> {
  return { ...(x.doi ? { doi: x.doi } : {}), ...(x.arxiv ? { arxiv: x.arxiv } : {}), ...(x.url ? { url: x.url } : {}) };
}

export const CITATION_FORMATS = ['bibtex', 'csl-json'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

export function isCitationFormat(format: string): format is CitationFormat {
  return (CITATION_FORMATS as readonly string[]).includes(format);
}

/** The works of a result as a BibTeX file or a CSL-JSON array (indented when `pretty`). */
export function renderCitations(result: Result, format: CitationFormat, pretty = true): string {
  const works = worksOf(result);
  if (format === 'bibtex') return toBibtex(works);
  return `${JSON.stringify(toCslJson(works), null, pretty ? 2 : undefined)}\n`;
}
