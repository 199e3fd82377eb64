/**
 * The shape of a precedent (a published application, rules/precedents/*.yaml) and the values of
 * its fields that the questions do not define yet. Dependency-free: the engine's similarity
 * ranking imports it without loading yaml or zod; src/knowledge/precedents.ts validates files
 * against the same values.
 */

/**
 * `kind` answers per modality (issue 13 adds the `kind` question; until then the values live
 * here, as in rules/precedents/README.md). A modality not listed has no kinds.
 */
export const KINDS: Readonly<Record<string, readonly string[]>> = {
  graph: ['molecules', 'atomistic', 'network', 'mesh'],
  'time-series': ['signal', 'records', 'panel'],
  image: ['2d', 'volume', 'slide'],
  biosequence: ['protein', 'dna', 'rna'],
};

/** `dependence` answers (issue 13): how the examples relate to each other. */
export const DEPENDENCE = ['independent', 'grouped', 'temporal'] as const;

/**
 * positive: the used method worked or won. negative: a complex model did not beat a simple one
 * (used = the simple one that worked). caution: a shift, shortcut, leakage or human-reader
 * failure of the evaluation rather than of one method against another.
 */
export const RESULTS = ['positive', 'negative', 'caution'] as const;
export type PrecedentResult = (typeof RESULTS)[number];

/** How the entry was verified against the publication. */
export const CHECKED = ['abstract', 'full-text', 'benchmark-table'] as const;

/** A DOI as printed (no "https://doi.org/" prefix): 10.<registrant>/<suffix>. */
export const DOI_PATTERN = /^10\.\d{4,9}\/\S+$/;
/** A new-style arXiv id, optionally with its version: 2003.11755, 2003.11755v2. */
export const ARXIV_PATTERN = /^\d{4}\.\d{4,5}(v\d+)?$/;
/** A stable web address, where the work has neither a DOI nor an arXiv id. */
export const URL_PATTERN = /^https?:\/\/[^\s/$.?#][^\s]*$/;

export interface Citation {
  authors: string[];
  year: number;
  title: string;
  venue: string;
}

export interface Precedent {
  id: string;
  citation: Citation;
  doi?: string;
  arxiv?: string;
  url?: string;
  /** The problem, in answers-file keys and values (plus `kind` and `dependence`). */
  answers: Record<string, string | number>;
  used: { methods: string[]; recipe: string };
  result: PrecedentResult;
  compared?: string[];
  finding: string;
  checked: (typeof CHECKED)[number];
  note?: string;
  /** A known disagreement between the advice and this publication, with the reason (issue 16, item 4). */
  disagreement?: string;
  /** The id of an entry on another task of the same publication: the two may share an identifier. */
  samePaper?: string;
}

/** The link of a precedent's identifier: https://doi.org/..., https://arxiv.org/abs/... or its url. */
export function precedentLink(p: Pick<Precedent, 'doi' | 'arxiv' | 'url'>): string {
  if (p.doi) return `https://doi.org/${p.doi}`;
  if (p.arxiv) return `https://arxiv.org/abs/${p.arxiv}`;
  return p.url ?? '';
}
