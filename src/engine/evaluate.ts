/**
 * The engine: (knowledge, answers) -> recommendation. Pure and deterministic.
 *
 * Scoring is the normalised share of the evidence (design.md): each candidate model starts
 * equal; every fired rule adds its log-likelihood weight for (favor) or against (disfavor) a
 * model, or rules it out (exclude). A model is a candidate once some fired rule speaks for
 * it, so that every ranked model carries a reason. Scores are the softmax of the summed
 * weights: P(m | answers) = exp(w_m) / sum_k exp(w_k). Ties break by catalogue order.
 */
import type { Knowledge, RuleEntry } from '../knowledge/assemble.js';
import type { Caution, Explanation, Item, RankedModel, Reason, Result } from '../knowledge/output.js';
import type { Method, Source } from '../knowledge/schema.js';
import { type Answers, type Check, conditionHolds } from './conditions.js';
import { attachRecipes } from './recipes.js';
import { citedReferences } from './references.js';
import { renderTemplate } from './template.js';

export interface EvaluateOptions {
  explain?: boolean;
  /** Names shown in `rules.files` (e.g. "builtin:core.yaml"). */
  files?: string[];
  toolVersion?: string;
}

export class NoRecommendationError extends Error {
  constructor() {
    super('no rule in the loaded packs speaks for any model for these answers');
    this.name = 'NoRecommendationError';
  }
}

interface Fired {
  rule: RuleEntry;
  checks: Check[];
}

export function evaluate(knowledge: Knowledge, answers: Answers, options: EvaluateOptions = {}): Result {
  // --explain lists every rule; otherwise the rules that can fire suffice (Knowledge.candidateRules).
  const subset = options.explain ? undefined : knowledge.candidateRules?.(answers);
  const traced = (subset?.rules ?? knowledge.rules).map((rule) => {
    const checks: Check[] = [];
    const fired = rule.when ? conditionHolds(rule.when, answers, options.explain ? checks : undefined) : true;
    return { rule, checks, fired };
  });
  const fired = traced.filter((t) => t.fired);
  const catalogue = new Map(knowledge.methods.map((m, i) => [m.id, { method: m, order: i }]));
  const { ranked, excluded } = rankModels(fired, answers, catalogue);
  const [primary, ...alternatives] = ranked;
  if (!primary) throw new NoRecommendationError();
  const applies = (f: Fired) => !f.rule.whenPrimary || f.rule.whenPrimary.includes(primary.id);
  const effective = fired.filter(applies);
  const result: Result = {
    schemaVersion: 1,
    tool: { name: 'dl-advisor', version: options.toolVersion ?? '0.0.0' },
    answers,
    recommendation: {
      primary,
      alternatives,
      strategies: collectItems(effective, 'strategies', answers, catalogue),
      interpretability: collectItems(effective, 'interpretability', answers, catalogue),
      cautions: collectCautions(effective, answers),
      ...collectNextSteps(effective, answers),
    },
    rules: {
      files: options.files ?? knowledge.packs.map((p) => p.file),
      count: subset?.total ?? knowledge.rules.length,
      fired: effective.map((f) => f.rule.id),
    },
  };
  if (options.explain) result.explain = explain(traced, primary, alternatives, excluded, new Set(result.rules.fired));
  attachRecipes(ranked, knowledge, answers);
  result.references = citedReferences(result, knowledge);
  return result;
}

export function formatSource(s: Source): string {
  return s.section ? `${s.ref}, sec. ${s.section}` : s.ref;
}

function reasonOf(rule: RuleEntry, answers: Answers, weight?: number): Reason {
  const r: Reason = { rule: rule.id, text: renderTemplate(rule.because, answers), source: sourceOf(rule), basis: rule.source.basis };
  if (weight !== undefined) r.weight = weight;
  if (rule.refId) r.ref = rule.refId;
  return r;
}

/** The printed source: precomputed at assembly (with the reference's short form), else from the rule. */
function sourceOf(rule: RuleEntry): string {
  return rule.citation ?? formatSource(rule.source);
}

type Catalogue = Map<string, { method: Method; order: number }>;

function rankModels(fired: Fired[], answers: Answers, catalogue: Catalogue) {
  const evidence = new Map<string, { weight: number; reasons: Reason[]; against: Reason[] }>();
  const excludedBy = new Map<string, Reason[]>();
  const entry = (id: string) => {
    let e = evidence.get(id);
    if (!e) {
      e = { weight: 0, reasons: [], against: [] };
      evidence.set(id, e);
    }
    return e;
  };
  for (const { rule } of fired) {
    for (const [id, w] of Object.entries(rule.favor ?? {})) {
      const e = entry(id);
      e.weight += w;
      e.reasons.push(reasonOf(rule, answers, w));
    }
    for (const [id, w] of Object.entries(rule.disfavor ?? {})) {
      const e = entry(id);
      e.weight -= w;
      e.against.push(reasonOf(rule, answers, -w));
    }
    for (const id of rule.exclude ?? []) excludedBy.set(id, [...(excludedBy.get(id) ?? []), reasonOf(rule, answers)]);
  }
  const candidates = [...evidence.entries()]
    .filter(([id, e]) => e.reasons.length > 0 && !excludedBy.has(id))
    .sort(([a, ea], [b, eb]) => eb.weight - ea.weight || order(catalogue, a) - order(catalogue, b));
  const top = candidates[0]?.[1].weight ?? 0;
  const exps = candidates.map(([, e]) => Math.exp(e.weight - top));
  const total = exps.reduce((s, x) => s + x, 0);
  const scores = roundShares(exps.map((x) => x / total));
  const ranked: RankedModel[] = candidates.map(([id, e], i) => ({
    id,
    name: catalogue.get(id)?.method.name ?? id,
    score: scores[i] ?? 0,
    evidence: round(e.weight, 6),
    reasons: e.reasons,
    against: e.against,
  }));
  const excluded = [...excludedBy.entries()].map(([id, reasons]) => ({ id, reasons }));
  return { ranked, excluded };
}

function order(catalogue: Catalogue, id: string): number {
  return catalogue.get(id)?.order ?? Number.MAX_SAFE_INTEGER;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Round shares to 4 decimals so that they still sum to 1 and keep their order (largest-remainder
 * method: each share gets its floor in units of 0.0001, the units left over go to the largest
 * remainders, earlier candidates first on ties).
 */
function roundShares(shares: number[]): number[] {
  const UNITS = 10_000;
  const floors = shares.map((s) => Math.floor(s * UNITS + 1e-9));
  let left = UNITS - floors.reduce((a, b) => a + b, 0);
  const byRemainder = shares.map((s, i) => ({ i, r: s * UNITS - (floors[i] ?? 0) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  return floors.map((f) => f / UNITS);
}

function collectItems(fired: Fired[], field: 'strategies' | 'interpretability', answers: Answers, catalogue: Catalogue): Item[] {
  const items = new Map<string, Item>();
  for (const { rule } of fired) {
    for (const id of rule[field] ?? []) {
      const item = items.get(id) ?? { id, name: catalogue.get(id)?.method.name ?? id, reasons: [] };
      item.reasons.push(reasonOf(rule, answers));
      items.set(id, item);
    }
  }
  // In the order the rules name them: rule authors list the more important item first.
  return [...items.values()];
}

function collectCautions(fired: Fired[], answers: Answers): Caution[] {
  return fired
    .filter(({ rule }) => rule.caution)
    .map(({ rule }) => {
      const c: Caution = { rule: rule.id, text: renderTemplate(rule.caution ?? '', answers), source: sourceOf(rule), basis: rule.source.basis };
      if (rule.refId) c.ref = rule.refId;
      return c;
    });
}

function collectNextSteps(fired: Fired[], answers: Answers) {
  const seen = new Set<string>();
  const nextStepsDetail: { text: string; rule: string; source: string; ref?: string }[] = [];
  for (const { rule } of fired) {
    for (const step of rule.nextSteps ?? []) {
      const text = renderTemplate(step, answers);
      if (seen.has(text)) continue;
      seen.add(text);
      nextStepsDetail.push(rule.refId ? { text, rule: rule.id, source: sourceOf(rule), ref: rule.refId } : { text, rule: rule.id, source: sourceOf(rule) });
    }
  }
  return { nextSteps: nextStepsDetail.map((s) => s.text), nextStepsDetail };
}

function explain(
  traced: (Fired & { fired: boolean })[],
  primary: RankedModel,
  alternatives: RankedModel[],
  excluded: { id: string; reasons: Reason[] }[],
  applied: ReadonlySet<string>,
): Explanation {
  const byWeight = (rs: Reason[]) => [...rs].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
  return {
    rules: traced.map(({ rule, checks, fired }) => {
      const row: Explanation['rules'][number] = { id: rule.id, pack: rule.pack, fired, applied: applied.has(rule.id), checks };
      if (rule.whenPrimary) {
        row.whenPrimary = rule.whenPrimary;
        if (fired && !rule.whenPrimary.includes(primary.id)) row.note = `conditions held, but the recommended model is ${primary.id}`;
      }
      return row;
    }),
    decidedBy: byWeight(primary.reasons),
    whyNot: alternatives.map((alt) => {
      // Reasons the primary had that did not also speak for this model (nor already against it).
      const own = new Set([...alt.reasons, ...alt.against].map((r) => r.rule));
      const gap = round(primary.evidence - alt.evidence, 6);
      return {
        id: alt.id,
        score: alt.score,
        gap,
        // Capped so that a huge gap stays a JSON number (exp overflows to Infinity past ~709).
        odds: Math.min(round(Math.exp(gap), gap < 2.3 ? 1 : 0), Number.MAX_SAFE_INTEGER),
        against: alt.against,
        missing: primary.reasons.filter((r) => !own.has(r.rule)),
      };
    }),
    excluded,
  };
}
