/**
 * Which published problems are closest to the user's (issue 16, item 2). Pure and deterministic:
 * no I/O, no clock, no randomness; ties are broken by id.
 *
 * Order: same modality and task first (a tier: both, then the modality only, then the task
 * only, then neither); within a tier, a closeness in [0, 1] from kind, the labelled-set size on
 * a log scale, the label situation, the goal, whether a pretrained model is available, and the
 * dependence between examples. A feature unknown on either side counts half (neither close nor
 * far), so that a precedent is not ranked up or down for what its paper did not state.
 * score = (tier + closeness) / 4, in [0, 1].
 *
 * Fast enough to rank 10,000 precedents in a few milliseconds (bench/startup.ts): the scores are
 * numbers only; reasons are written for the returned ones.
 */
import type { Precedent } from '../knowledge/precedent-types.js';
import { formatNumber } from '../text/number.js';
import type { Answers, AnswerValue } from './conditions.js';

export interface RankedPrecedent {
  precedent: Precedent;
  /** In [0, 1]; 1 = same modality, task and every other feature. */
  score: number;
  /** Why it is close (or where it differs), in plain words, most important first. */
  reasons: string[];
}

export interface RankOptions {
  /** How many to return (default 3). */
  limit?: number;
  /** Display names of method ids for the reasons ("CNN"); defaults to short built-in names. */
  methodNames?: Readonly<Record<string, string>>;
}

/** Weights of the features inside a tier (they sum to 1). */
const WEIGHTS = { kind: 0.3, labeled: 0.25, pretrained: 0.15, situation: 0.1, goal: 0.1, dependence: 0.1 } as const;
/** Labelled-set sizes this many orders of magnitude apart count as not close at all. */
const DECADES = 3;

const UNIT: Readonly<Record<string, string>> = {
  tabular: 'rows',
  image: 'images',
  video: 'videos',
  text: 'documents',
  biosequence: 'sequences',
  'time-series': 'series',
  audio: 'recordings',
  graph: 'graphs',
};

/** How a kind reads in "also ... data". */
const KIND_WORDS: Readonly<Record<string, string>> = {
  molecules: 'molecular',
  '2d': '2D image',
  volume: '3D volume',
  slide: 'whole-slide',
  dna: 'DNA',
  rna: 'RNA',
};
const kindWord = (k: string | number) => KIND_WORDS[String(k)] ?? String(k);

const SHORT_NAMES: Readonly<Record<string, string>> = {
  cnn: 'CNN',
  rnn: 'RNN',
  gnn: 'GNN',
  mlp: 'MLP',
  transformer: 'transformer',
  'tree-ensemble': 'tree ensemble',
  'generative-model': 'generative model',
  'logistic-regression': 'logistic regression',
  'linear-regression': 'linear regression',
  'statistical-forecasting': 'statistical forecaster',
};

type Value = AnswerValue | undefined;
const known = (v: Value): v is string | number => v !== undefined && v !== null && v !== 'unknown';

function tier(a: Answers, p: Precedent): number {
  const modality = a.modality === p.answers.modality;
  const task = a.task === p.answers.task;
  return modality && task ? 3 : modality ? 2 : task ? 1 : 0;
}

function equalOrHalf(x: Value, y: Value): number {
  if (!known(x) || !known(y)) return 0.5;
  return x === y ? 1 : 0;
}

function labeledCloseness(x: Value, y: Value): number {
  if (typeof x !== 'number' || typeof y !== 'number') return 0.5;
  const apart = Math.abs(Math.log10(x + 1) - Math.log10(y + 1));
  return Math.max(0, 1 - apart / DECADES);
}

/** none: no labels; mostly-unlabelled: more unlabelled than labelled; labelled; noisy labels apart. */
function situation(a: Readonly<Record<string, Value>>): string | undefined {
  const labeled = a.labeled;
  if (typeof labeled !== 'number') return undefined;
  if (labeled === 0) return 'no labels';
  const unlabeled = typeof a.unlabeled === 'number' ? a.unlabeled : 0;
  const base = unlabeled > labeled ? 'mostly unlabelled data' : 'labelled data';
  return a.labelQuality === 'noisy' ? `${base}, noisy labels` : base;
}

function goalCloseness(x: Value, y: Value): number {
  if (!known(x) || !known(y)) return 0.5;
  if (x === y) return 1;
  return x === 'both' || y === 'both' ? 0.5 : 0;
}

/** The situation as a number for scoring (no strings per precedent): -1 unknown. */
function situationCode(a: Readonly<Record<string, Value>>): number {
  const labeled = a.labeled;
  if (typeof labeled !== 'number') return -1;
  if (labeled === 0) return 0;
  const unlabeled = typeof a.unlabeled === 'number' ? a.unlabeled : 0;
  return (unlabeled > labeled ? 1 : 2) + (a.labelQuality === 'noisy' ? 3 : 0);
}

/** The user's side of every comparison, computed once per ranking. */
interface Prepared {
  a: Answers;
  situation: number;
}

function closeness(u: Prepared, p: Precedent): number {
  const a = u.a;
  const q = p.answers;
  const mine = u.situation;
  const theirs = mine < 0 ? -1 : situationCode(q);
  return (
    WEIGHTS.kind * (a.modality === q.modality ? equalOrHalf(a.kind, q.kind) : 0) +
    WEIGHTS.labeled * labeledCloseness(a.labeled, q.labeled) +
    WEIGHTS.pretrained * equalOrHalf(a.pretrained, q.pretrained) +
    WEIGHTS.situation * (mine < 0 || theirs < 0 ? 0.5 : mine === theirs ? 1 : 0) +
    WEIGHTS.goal * goalCloseness(a.goal, q.goal) +
    WEIGHTS.dependence * equalOrHalf(a.dependence, q.dependence)
  );
}

const prepare = (a: Answers): Prepared => ({ a, situation: situationCode(a) });
const scoreOf = (u: Prepared, p: Precedent) => (tier(u.a, p) + closeness(u, p)) / 4;

/** The similarity of one precedent to the answers, in [0, 1]. */
export function precedentScore(answers: Answers, p: Precedent): number {
  return scoreOf(prepare(answers), p);
}

/**
 * The `limit` precedents closest to the answers, closest first, each with its reasons. One pass
 * keeps the best `limit` (insertion into a short sorted list), so no full sort of the corpus.
 */
export function rankPrecedents(answers: Answers, precedents: readonly Precedent[], options: RankOptions = {}): RankedPrecedent[] {
  const limit = Math.max(0, Math.floor(options.limit ?? 3));
  const u = prepare(answers);
  const best: { p: Precedent; score: number }[] = [];
  for (const p of precedents) {
    if (limit === 0) break;
    const score = scoreOf(u, p);
    const last = best[best.length - 1];
    if (best.length === limit && last && !before(score, p, last.score, last.p)) continue;
    let at = best.length;
    while (at > 0 && before(score, p, (best[at - 1] as { score: number }).score, (best[at - 1] as { p: Precedent }).p)) at--;
    best.splice(at, 0, { p, score });
    if (best.length > limit) best.pop();
  }
  const names = { ...SHORT_NAMES, ...options.methodNames };
  return best.map(({ p, score }) => ({ precedent: p, score: round(score), reasons: reasonsFor(answers, p, names) }));
}

/** Higher score first; on a tie, the smaller id (code-point order). */
function before(score: number, p: Precedent, otherScore: number, other: Precedent): boolean {
  return score > otherScore || (score === otherScore && byId(p, other) < 0);
}

function byId(a: Precedent, b: Precedent): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Plain-words reasons: "same modality and task; 900 vs 129,450 labelled images; also fine-tuned a pretrained CNN". */
export function reasonsFor(a: Answers, p: Precedent, names: Readonly<Record<string, string>> = SHORT_NAMES): string[] {
  const q = p.answers;
  const reasons = [problemReason(a, q)];
  if (a.modality === q.modality && known(a.kind) && known(q.kind))
    reasons.push(a.kind === q.kind ? `also ${kindWord(q.kind)} data` : `${kindWord(q.kind)} rather than ${kindWord(a.kind)} data`);
  if (typeof a.labeled === 'number' && typeof q.labeled === 'number') {
    reasons.push(`${formatNumber(a.labeled)} vs ${formatNumber(q.labeled)} labelled ${UNIT[String(q.modality)] ?? 'examples'}`);
  }
  const mine = situation(a);
  if (mine && mine === situation(q) && mine !== 'labelled data') reasons.push(`also ${mine}`);
  const pretrained = pretrainedReason(a, p, names);
  if (pretrained) reasons.push(pretrained);
  if (known(a.dependence) && a.dependence === q.dependence && a.dependence !== 'independent') reasons.push(`also ${a.dependence} examples`);
  if (known(a.goal) && a.goal === q.goal && a.goal !== 'prediction')
    reasons.push(`also aimed at ${a.goal === 'both' ? 'prediction and understanding' : 'understanding'}`);
  return reasons;
}

function problemReason(a: Answers, q: Precedent['answers']): string {
  const modality = a.modality === q.modality;
  const task = a.task === q.task;
  if (modality && task) return 'same modality and task';
  if (modality) return `same modality, different task (${String(q.task)})`;
  if (task) return `same task, different modality (${String(q.modality)})`;
  return `different modality and task (${String(q.modality)}, ${String(q.task)})`;
}

function pretrainedReason(a: Answers, p: Precedent, names: Readonly<Record<string, string>>): string | undefined {
  if (a.pretrained !== 'yes' || p.answers.pretrained !== 'yes') return undefined;
  const used = p.used.methods;
  if (!used.includes('transfer-learning')) return 'a pretrained model was also available';
  const model = used.find((m) => m !== 'transfer-learning' && names[m] !== undefined);
  return model ? `also fine-tuned a pretrained ${names[model]}` : 'also fine-tuned a pretrained model';
}
