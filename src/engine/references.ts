/**
 * The works a result cites (issue 13): every reference id named by its reasons, cautions, next
 * steps and recipes, in order of first citation, with the details of the loaded references.
 * Free-text citations (user packs) have no id and are not listed.
 */
import type { Knowledge } from '../knowledge/assemble.js';
import type { CitedWork, Result } from '../knowledge/output.js';
import type { WorkReference } from '../knowledge/schema.js';

const indexes = new WeakMap<readonly WorkReference[], Map<string, WorkReference>>();

function indexOf(references: readonly WorkReference[]): Map<string, WorkReference> {
  let index = indexes.get(references);
  if (!index) {
    index = new Map(references.map((r) => [r.id, r]));
    indexes.set(references, index);
  }
  return index;
}

export function citedReferences(result: Result, knowledge: Knowledge): CitedWork[] {
  const rec = result.recommendation;
  const ids = new Set<string>();
  const add = (x: { ref?: string }) => {
    if (x.ref) ids.add(x.ref);
  };
  for (const m of [rec.primary, ...rec.alternatives]) {
    m.reasons.forEach(add);
    m.against.forEach(add);
    if (m.recipe) add(m.recipe);
  }
  for (const item of [...rec.strategies, ...rec.interpretability]) item.reasons.forEach(add);
  rec.cautions.forEach(add);
  rec.nextStepsDetail.forEach(add);
  if (ids.size === 0 || !knowledge.references) return [];
  const index = indexOf(knowledge.references);
  const out: CitedWork[] = [];
  for (const id of ids) {
    const r = index.get(id);
    if (!r) continue;
    const work: CitedWork = { id: r.id, short: r.short, authors: r.authors, year: r.year, title: r.title, venue: r.venue };
    if (r.doi) work.doi = r.doi;
    else if (r.arxiv) work.arxiv = r.arxiv;
    else if (r.url) work.url = r.url;
    out.push(work);
  }
  return out;
}
