/**
 * Bibliography exports (issue 16, item 6): works -> BibTeX and CSL-JSON (what reference managers
 * import). Pure: no I/O. The lead's `--format bibtex` / CSL-JSON wiring maps the rules' references
 * and the precedents shown to `Work`s (precedentWork below) and calls these.
 *
 * Own code rather than citation-js: the input is already structured (authors, year, title, venue,
 * one identifier), so the output is a template per entry (about 150 lines here), while
 * @citation-js/core with its BibTeX and CSL plugins would add a dependency tree to a CLI that
 * counts its start-up milliseconds, for a conversion that has nothing to parse. The BibTeX is
 * checked in the tests with a real parser (bibtex-parse).
 *
 * Names: "others" at the end of an author list becomes BibTeX's "and others"; CSL-JSON has no
 * such marker, so it is left out there. A name is split into family and given names as
 * text/names.ts says: the data writes a family name of several words as "Family, Given"
 * ("Ehteshami Bejnordi, Babak"); otherwise the last word with its particles (van, de, los, ...),
 * or for the first author the words the citation key starts with ("ehteshami-bejnordi-2017-...").
 * BibTeX gets "{Family}, Given", braced so that every BibTeX reader keeps the family name whole
 * (a particle stays outside the braces: "van der {Maaten}, Laurens").
 */
import { type Precedent, precedentLink } from '../knowledge/precedent-types.js';
import { isOthers, splitName } from '../text/names.js';

export { splitName } from '../text/names.js';

export interface Work {
  /** Citation key (BibTeX) and id (CSL-JSON): letters, digits, - _ : . only. */
  key: string;
  authors: readonly string[];
  year: number;
  title: string;
  venue: string;
  doi?: string;
  arxiv?: string;
  url?: string;
}

/** A precedent as a work, keyed by its id. */
export function precedentWork(p: Precedent): Work {
  const { authors, year, title, venue } = p.citation;
  return { key: p.id, authors, year, title, venue, ...(p.doi ? { doi: p.doi } : {}), ...(p.arxiv ? { arxiv: p.arxiv } : {}), ...(p.url ? { url: p.url } : {}) };
}

type Kind = 'article' | 'conference' | 'preprint';

const CONFERENCE =
  /\b(proceedings|conference|workshop|symposium|ICML|NeurIPS|NIPS|ICLR|CVPR|ICCV|ECCV|EMNLP|ACL|NAACL|AAAI|IJCAI|MICCAI|MIDL|KDD|RECOMB|ISMB)\b/i;
const PREPRINT = /^(arxiv|biorxiv|medrxiv|chemrxiv)\b|preprint/i;

function kindOf(w: Work): Kind {
  if (PREPRINT.test(w.venue.trim())) return 'preprint';
  if (CONFERENCE.test(w.venue)) return 'conference';
  return 'article';
}

// ---------------------------------------------------------------- BibTeX

/** Characters with a meaning in BibTeX/LaTeX, written so that they print as themselves. */
function escapeBibtex(text: string): string {
  return text
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([{}])/g, '\\$1')
    .replace(/([&%$#_])/g, '\\$1')
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/\^/g, '\\textasciicircum{}');
}

function bibtexAuthor(name: string, key?: string): string {
  if (isOthers(name)) return 'others';
  const { given, family } = splitName(name, key);
  // The particles (lower-case words before the rest) stay outside the braces: BibTeX's "von" part.
  const words = family.split(/\s+/);
  let k = 0;
  while (k < words.length - 1 && /^\p{Ll}/u.test(words[k] as string)) k++;
  const von = words.slice(0, k).join(' ');
  const last = `{${escapeBibtex(words.slice(k).join(' '))}}`;
  const whole = von ? `${escapeBibtex(von)} ${last}` : last;
  return given ? `${whole}, ${escapeBibtex(given)}` : whole;
}

function bibtexEntry(w: Work): string {
  const kind = kindOf(w);
  const type = kind === 'conference' ? 'inproceedings' : kind === 'preprint' ? 'misc' : 'article';
  const fields: [string, string][] = [
    ['author', w.authors.map((a, i) => bibtexAuthor(a, i === 0 ? w.key : undefined)).join(' and ')],
    // Double braces keep the title's capitalisation (acronyms, gene names) in every style.
    ['title', `{${escapeBibtex(w.title)}}`],
  ];
  if (kind === 'conference') fields.push(['booktitle', escapeBibtex(w.venue)]);
  else if (kind === 'preprint') fields.push(['howpublished', escapeBibtex(w.venue)]);
  else fields.push(['journal', escapeBibtex(w.venue)]);
  fields.push(['year', String(w.year)]);
  if (w.doi) fields.push(['doi', escapeBibtex(w.doi)]);
  if (w.arxiv) fields.push(['eprint', w.arxiv], ['archiveprefix', 'arXiv']);
  const link = precedentLink(w);
  if (link) fields.push(['url', link.replace(/([%#])/g, '\\$1')]);
  const body = fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n');
  return `@${type}{${safeKey(w.key)},\n${body}\n}`;
}

function safeKey(key: string): string {
  const k = key.replace(/[^A-Za-z0-9\-_:.]/g, '-');
  return k === '' ? 'work' : k;
}

/** Works -> a BibTeX file (entries in the order given, keys made unique with -2, -3, ...). */
export function toBibtex(works: readonly Work[]): string {
  return `${uniqueKeys(works).map(bibtexEntry).join('\n\n')}\n`;
}

function uniqueKeys(works: readonly Work[]): Work[] {
  const seen = new Map<string, number>();
  return works.map((w) => {
    const base = safeKey(w.key);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? { ...w, key: base } : { ...w, key: `${base}-${n}` };
  });
}

// ---------------------------------------------------------------- CSL-JSON

export interface CslName {
  family: string;
  given?: string;
}

export interface CslItem {
  id: string;
  type: 'article-journal' | 'paper-conference' | 'article';
  title: string;
  author: CslName[];
  issued: { 'date-parts': [[number]] };
  'container-title'?: string;
  publisher?: string;
  number?: string;
  DOI?: string;
  URL?: string;
}

/** Works -> CSL-JSON items (the array reference managers import), ids unique as in toBibtex. */
export function toCslJson(works: readonly Work[]): CslItem[] {
  return uniqueKeys(works).map((w) => {
    const kind = kindOf(w);
    const item: CslItem = {
      id: w.key,
      type: kind === 'conference' ? 'paper-conference' : kind === 'preprint' ? 'article' : 'article-journal',
      title: w.title,
      author: w.authors.filter((a) => !isOthers(a)).map((a, i) => splitName(a, i === 0 ? w.key : undefined)),
      issued: { 'date-parts': [[w.year]] },
    };
    if (kind === 'preprint') item.publisher = w.venue;
    else item['container-title'] = w.venue;
    if (w.arxiv) item.number = `arXiv:${w.arxiv}`;
    if (w.doi) item.DOI = w.doi;
    const link = precedentLink(w);
    if (link) item.URL = link;
    return item;
  });
}
