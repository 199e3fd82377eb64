/**
 * A precedent (a published application, rules/precedents/) as a rule case: does the advice for
 * the publication's problem agree with what its authors found? Pure, like check-case.ts; the
 * semantics are documented in rules/precedents/README.md ("The corpus checks the rules").
 *
 * - positive and caution: a method the authors used is among the top three models (the primary
 *   and the first two runners-up). An entry that used no model (only strategies such as
 *   `simple-baseline` or `transfer-learning`) agrees when one of those is among the strategies.
 * - negative: the same, and the primary is not a model the publication found lacking (a model of
 *   `compared` that is not also in `used.methods`).
 * - an entry with `disagreement` is a known disagreement: it is run and reported apart, and
 *   never fails the run; one that then agrees is reported too (its mark can go).
 */
import type { Knowledge } from '../knowledge/assemble.js';
import type { Precedent } from '../knowledge/precedent-types.js';
import type { Answers } from './conditions.js';
import { evaluate, NoRecommendationError } from './evaluate.js';

/** How many ranked models count as "the top three". */
export const TOP = 3;

export type PrecedentVerdict =
  /** The advice includes what the authors used (and, for a negative result, avoids what lost). */
  | 'agrees'
  /** It does not, and the entry is not marked as a known disagreement: the run fails. */
  | 'disagrees'
  /** It does not, and the entry is marked `disagreement` with the reason. */
  | 'known-disagreement'
  /** Marked as a known disagreement, but the advice now agrees: the mark can go. */
  | 'marked-but-agrees'
  /** No model can be recommended for the answers (no rule of the loaded packs speaks for one). */
  | 'untestable';

export interface PrecedentOutcome {
  id: string;
  modality: string;
  result: Precedent['result'];
  verdict: PrecedentVerdict;
  /** The used methods that the check looks for (models, or strategies when no model was used). */
  expected: string[];
  /** Models of `compared` that the primary must not be (negative results only). */
  lacking: string[];
  /** The top three models, best first, and the strategies of the advice. */
  top: string[];
  strategies: string[];
  /** Why it does not agree, in words (absent when it agrees). */
  reason?: string;
  disagreement?: string;
  /** Whether the publication's labelled-set size was known (`labeled` in its answers). */
  sized: boolean;
  /** The labelled-set size the advice was given for (the stated one, or one of a grid: precedent-cases.ts). */
  labeled: number | null;
}

/** The advice for a precedent's answers (completed with defaults), checked against the precedent. */
export function checkPrecedent(knowledge: Knowledge, p: Precedent, answers: Answers): PrecedentOutcome {
  const kindOf = new Map(knowledge.methods.map((m) => [m.id, m.kind]));
  const models = p.used.methods.filter((m) => kindOf.get(m) === 'model');
  const byStrategy = models.length === 0;
  const expected = byStrategy ? p.used.methods.filter((m) => kindOf.get(m) === 'strategy') : models;
  const lacking = p.result === 'negative' ? (p.compared ?? []).filter((m) => kindOf.get(m) === 'model' && !p.used.methods.includes(m)) : [];
  const sized = p.answers.labeled !== undefined;
  const labeled = typeof answers.labeled === 'number' ? answers.labeled : null;
  const base = { id: p.id, modality: String(p.answers.modality), result: p.result, expected, lacking, sized, labeled };
  const marked = p.disagreement === undefined ? {} : { disagreement: p.disagreement };
  let top: string[];
  let strategies: string[];
  let primary: string;
  try {
    const rec = evaluate(knowledge, answers).recommendation;
    top = [rec.primary, ...rec.alternatives].slice(0, TOP).map((m) => m.id);
    strategies = rec.strategies.map((s) => s.id);
    primary = rec.primary.id;
  } catch (e) {
    if (!(e instanceof NoRecommendationError)) throw e;
    return { ...base, ...marked, verdict: 'untestable', top: [], strategies: [], reason: e.message };
  }
  const shown = byStrategy ? strategies : top;
  const reasons: string[] = [];
  if (!expected.some((m) => shown.includes(m)))
    reasons.push(`${expected.join(' or ') || 'nothing it used'} not among the ${byStrategy ? 'strategies' : `top ${TOP}`} (${shown.join(', ') || 'none'})`);
  if (lacking.includes(primary)) reasons.push(`the primary is ${primary}, which the publication found lacking`);
  const agrees = reasons.length === 0;
  const verdict: PrecedentVerdict = p.disagreement === undefined ? (agrees ? 'agrees' : 'disagrees') : agrees ? 'marked-but-agrees' : 'known-disagreement';
  return { ...base, ...marked, verdict, top, strategies, ...(agrees ? {} : { reason: reasons.join('; ') }) };
}

export interface ModalityAgreement {
  modality: string;
  entries: number;
  /** Entries that could be run (all but the untestable ones). */
  run: number;
  agree: number;
  knownDisagreements: number;
  /** Unmarked disagreements (these fail the run). */
  disagree: number;
  untestable: number;
  /** Entries whose publication states no labelled-set size (run over a grid of sizes). */
  unsized: number;
}

/** Per modality (in order of first appearance), then the total as modality "all". */
export function agreementByModality(outcomes: readonly PrecedentOutcome[]): ModalityAgreement[] {
  const rows = new Map<string, ModalityAgreement>();
  const row = (m: string) => {
    let r = rows.get(m);
    if (!r) {
      r = { modality: m, entries: 0, run: 0, agree: 0, knownDisagreements: 0, disagree: 0, untestable: 0, unsized: 0 };
      rows.set(m, r);
    }
    return r;
  };
  for (const o of outcomes) {
    for (const r of [row(o.modality), row('all')]) {
      r.entries++;
      if (!o.sized) r.unsized++;
      if (o.verdict === 'untestable') r.untestable++;
      else r.run++;
      if (o.verdict === 'agrees' || o.verdict === 'marked-but-agrees') r.agree++;
      if (o.verdict === 'known-disagreement') r.knownDisagreements++;
      if (o.verdict === 'disagrees') r.disagree++;
    }
  }
  const all = rows.get('all');
  rows.delete('all');
  return all ? [...rows.values(), all] : [];
}
