/**
 * The last section of the Markdown report (issue 16, item 6): a short methods paragraph in plain
 * words, with numbered citations, that a scientist can adapt ("Following [1], we started with
 * ..."), and the numbered list of the works it cites. Pure.
 */
import { shortCitation } from '../engine/precedent-section.js';
import type { Result } from '../knowledge/output.js';
import type { Work } from './bibliography.js';
import { worksOf } from './citations.js';

/** How each evaluation split of rules/evaluation-plan.yaml reads in a sentence. */
const SPLIT_WORDS: Readonly<Record<string, string>> = {
  stratified: 'stratified 5-fold cross-validation',
  random: 'random 5-fold cross-validation',
  grouped: 'grouped 5-fold cross-validation (no group in both the training and the test folds)',
  temporal: 'a temporal split (trained on earlier data, tested on later data)',
  scaffold: 'a scaffold split (no molecular scaffold in both training and test sets)',
  chromosome: 'a held-out-chromosome split',
  'sequence-identity': 'a split by sequence-identity clusters',
  'leave-site-out': 'leave-site-out validation',
  'held-out-episodes': 'held-out episodes',
};

/** Numbers works in the order the paragraph cites them. */
class Numbering {
  readonly cited: Work[] = [];
  constructor(private readonly works: readonly Work[]) {}
  /** "[2]" for the work with this key, or "" when the result does not list it. */
  cite(...keys: (string | undefined)[]): string {
    const numbers: number[] = [];
    for (const key of keys) {
      const w = key === undefined ? undefined : this.works.find((x) => x.key === key);
      if (!w) continue;
      let n = this.cited.indexOf(w) + 1;
      if (n === 0) n = this.cited.push(w);
      if (!numbers.includes(n)) numbers.push(n);
    }
    return numbers.length === 0 ? '' : ` [${numbers.sort((a, b) => a - b).join(', ')}]`;
  }
  /** A precedent: by its id, or the reference with the same DOI or arXiv id (worksOf lists such a work once). */
  citeWork(x: Pick<Work, 'key' | 'doi' | 'arxiv'>): string {
    const same = (w: Work) =>
      w.key === x.key || (x.doi !== undefined && w.doi?.toLowerCase() === x.doi.toLowerCase()) || (x.arxiv !== undefined && w.arxiv === x.arxiv);
    return this.cite(this.works.find(same)?.key);
  }
}

const lower = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]?.toLowerCase() + s.slice(1) : s);
const andList = (xs: string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
const link = (w: Work) => (w.doi ? `https://doi.org/${w.doi}` : w.arxiv ? `https://arxiv.org/abs/${w.arxiv}` : (w.url ?? ''));

/** The sentences of the paragraph, citing through `n`. */
function sentences(result: Result, n: Numbering): string[] {
  const rec = result.recommendation;
  const p = rec.primary;
  const firstRef = p.reasons.find((r) => r.ref)?.ref;
  const recipe = p.recipe;
  const out: string[] = [];
  const following = firstRef ? `Following${n.cite(firstRef)}, we` : 'We';
  out.push(`${following} started with a ${lower(p.name)}${recipe ? `: ${recipe.summary}${n.cite(recipe.ref)}` : ''}.`);
  const strategies = rec.strategies.filter((s) => s.id !== 'simple-baseline');
  if (strategies.length > 0) {
    const refs = strategies.flatMap((s) => s.reasons.map((r) => r.ref));
    out.push(`Training used ${andList(strategies.map((s) => lower(s.name)))}${n.cite(...refs)}.`);
  }
  if (recipe?.baseline) out.push(`As a baseline we ran ${recipe.baseline}.`);
  if (recipe) {
    const split = SPLIT_WORDS[recipe.evaluation.split] ?? `a ${recipe.evaluation.split} split`;
    out.push(`We evaluated with ${split}, reporting ${recipe.evaluation.metric}.`);
  }
  const shown = result.precedents ?? [];
  if (shown.length > 0) {
    const names = shown.map((x) => `${shortCitation(x, x.id)}${n.citeWork({ key: x.id, doi: x.doi, arxiv: x.arxiv })}`);
    out.push(`Published work on similar problems informed the choice (${names.join('; ')}).`);
  }
  return out;
}

/** The "Methods" section: the paragraph and the works it cites, numbered. */
export function methodsParagraphMarkdown(result: Result): string[] {
  const n = new Numbering(worksOf(result));
  const text = sentences(result, n).join(' ');
  const out = ['', '## Methods (a paragraph to adapt)', '', text, ''];
  n.cited.forEach((w, i) => out.push(`${i + 1}. ${shortCitation(w, w.key)}. ${w.title}. ${w.venue}. ${link(w)}`.trimEnd()));
  return out;
}
