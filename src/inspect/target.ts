/** Labels: choosing a table's target column, counting label values, and the task they imply. */
import { didYouMean, UserError } from '../errors.js';
import { type ColumnProfile, idReason, isConstant } from './columns.js';
import { count, fmt, list, pct, q, type ReportBuilder } from './report.js';
import type { Confidence } from './types.js';
import { isBoolean, isInteger, isMissing, isNumber } from './values.js';

/** Label values are counted up to this many distinct ones (like the CSV kernel's table). */
export const LABEL_LIMIT = 4096;
/** Numeric labels with at most this many distinct values could be classes or a scale. */
const FEW_NUMBERS = 20;

export interface LabelCounts {
  counts: Map<string, number>;
  /** Items with an empty or missing label. */
  empty: number;
  /** Labelled items whose value was not tracked (past LABEL_LIMIT distinct values). */
  untracked: number;
}

export class LabelCounter implements LabelCounts {
  counts = new Map<string, number>();
  empty = 0;
  untracked = 0;

  add(value: string | undefined): void {
    if (value === undefined || isMissing(value)) this.empty++;
    else if (this.counts.has(value) || this.counts.size < LABEL_LIMIT) this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    else this.untracked++;
  }
}

export function labeledCount(labels: LabelCounts): number {
  let n = labels.untracked;
  for (const c of labels.counts.values()) n += c;
  return n;
}

/** Moves missing-value markers (NA, ?, null...) counted as values to the empty count. */
export function dropMissingMarkers(labels: LabelCounts): LabelCounts {
  const counts = new Map<string, number>();
  let empty = labels.empty;
  for (const [value, n] of labels.counts) {
    if (isMissing(value)) empty += n;
    else counts.set(value, n);
  }
  return { counts, empty, untracked: labels.untracked };
}

export interface TaskGuess {
  task?: 'classification' | 'regression';
  evidence?: string;
  /** Why no task, when there is none. */
  why?: string;
  /** Few numeric values: classes or a scale? */
  ambiguous?: boolean;
}

/**
 * The task that the label values imply; `what` names them ("the target 'diagnosis'"), `unit`
 * the labelled things ("row", "sequence").
 */
export function taskFromLabels(what: string, labels: LabelCounts, unit = 'row'): TaskGuess {
  const labeled = labeledCount(labels);
  const values = [...labels.counts.keys()];
  const distinct = labels.untracked > 0 ? `more than ${fmt(LABEL_LIMIT)}` : fmt(values.length);
  const inRows = `in ${count(labeled, `labelled ${unit}`)}`;
  if (labeled === 0) return { why: `${what} is empty everywhere: there are no labels to learn from` };
  if (values.length === 1 && labels.untracked === 0) {
    return { why: `${what} has a single value (${q(values[0] ?? '')}): there is nothing to predict; is it the right column?` };
  }
  const numeric = labels.untracked === 0 ? values.every(isNumber) : values.slice(0, 100).every(isNumber);
  if (!numeric || values.every(isBoolean)) {
    if (labels.untracked > 0 || values.length > Math.max(50, labeled / 2)) {
      return { why: `${what} has ${distinct} distinct text values ${inRows}: free text or identifiers rather than classes?` };
    }
    const byCount = [...labels.counts].sort((a, b) => b[1] - a[1]).map(([v]) => q(v));
    return { task: 'classification', evidence: `${what} has ${count(values.length, 'distinct value')} (${list(byCount, 4)}) ${inRows}` };
  }
  if (values.length === 2) {
    return { task: 'classification', evidence: `${what} takes two values (${values.join(', ')}) ${inRows}` };
  }
  if (values.length <= FEW_NUMBERS && labels.untracked === 0) {
    const sorted = values.map(Number).sort((a, b) => a - b);
    const kind = values.every(isInteger) ? 'integer' : 'numeric';
    return {
      ambiguous: true,
      why: `${what} has only ${values.length} ${kind} values (${fmt(sorted[0] ?? 0, 3)} to ${fmt(sorted[sorted.length - 1] ?? 0, 3)}) ${inRows}: a scale or score (task: regression) or classes that happen to be numbered (task: classification)? Answer task yourself`,
    };
  }
  return { task: 'regression', evidence: `${what} has ${distinct} distinct numeric values ${inRows}` };
}

export interface TargetChoice {
  index: number;
  name: string;
  confidence: Confidence;
  /** Names it in the evidence: "the target 'diagnosis'", "the target 'diagnosis' (guessed)". */
  how: string;
  /** For a guess: why this column. */
  guess?: string;
}

const STRONG = /^(?:label|labels|target|class|classes|y|outcome|diagnosis|response|ground_?truth|gt)$|[_\s.-](?:label|class|target)$/i;
const WEAK =
  /^(?:category|species|disease|phenotype|status|grade|survived|churn|sentiment|activity|active|toxicity|toxic|solubility|subtype|genre|type|cancer|tumor|tumour|result|score|rating|inhibitor|binder)$/i;

/** The --target column (exact name, unique case-insensitive name, or 1-based number without a header). */
export function targetByOption(path: string, option: string, names: string[], header: boolean): TargetChoice {
  let index = names.indexOf(option);
  if (index < 0) {
    const matches = names.flatMap((n, i) => (n.toLowerCase() === option.toLowerCase() ? [i] : []));
    if (matches.length === 1) index = matches[0] ?? -1;
  }
  if (index < 0 && /^\d+$/.test(option) && !header && Number(option) >= 1 && Number(option) <= names.length) index = Number(option) - 1;
  if (index < 0) {
    throw new UserError({
      code: 'target-not-found',
      file: path,
      message: `no column ${q(option)} for --target; the columns are ${list(names.map(q), 30)}`,
      hint: didYouMean(option, names) ?? (header ? undefined : 'this table has no header: pass the column number, e.g. --target 3'),
    });
  }
  return { index, name: names[index] ?? option, confidence: 'certain', how: `the target ${q(names[index] ?? option)}` };
}

/** A guess by name: the last column, or the only column, named like a label. */
export function guessTarget(profiles: ColumnProfile[]): TargetChoice | undefined {
  const usable = new Set(profiles.filter((p) => p.values > 0 && !isConstant(p) && !idReason(p)));
  const choice = pickByName(profiles, (p) => usable.has(p));
  if (!choice) return undefined;
  const { column: p, confidence, why } = choice;
  return { index: p.index, name: p.name, confidence, how: `the target ${q(p.name)} (guessed)`, guess: why };
}

/**
 * The column guessTarget would pick if every column were usable: known from the header alone,
 * so the scan of a big file can start before the sample is profiled (csv.ts), and starts again
 * in the rare case that the profile rules the column out.
 */
export function likelyTarget(names: string[]): number | undefined {
  return pickByName(
    names.map((name, index) => ({ name, index })),
    () => true,
  )?.column.index;
}

function pickByName<C extends { name: string }>(columns: C[], usable: (c: C) => boolean): { column: C; confidence: Confidence; why: string } | undefined {
  const last = columns[columns.length - 1];
  for (const [pattern, confidence] of [
    [STRONG, 'likely'],
    [WEAK, 'guess'],
  ] as const) {
    if (last && usable(last) && pattern.test(last.name)) return { column: last, confidence, why: 'the last column, named like a label' };
    const named = columns.filter((c) => usable(c) && pattern.test(c.name));
    if (named.length === 1 && named[0]) return { column: named[0], confidence: 'guess', why: 'the only column named like a label' };
  }
  return undefined;
}

/** Class imbalance (smallest class under a tenth of the largest) and classes with under 5 examples. */
export function warnImbalance(labels: LabelCounts, b: ReportBuilder, unit: string): void {
  const classes = [...labels.counts].sort((a, c) => c[1] - a[1]);
  const labeled = labeledCount(labels);
  const scale = classes.length > FEW_NUMBERS && classes.every(([v]) => isNumber(v));
  if (classes.length < 2 || labels.untracked > 0 || classes.length > 1000 || scale) return;
  const [top, topN] = classes[0] ?? ['', 0];
  const [low, lowN] = classes[classes.length - 1] ?? ['', 0];
  if (lowN < 0.1 * topN) {
    b.warn(
      'class-imbalance',
      `class imbalance: ${q(low)} is ${pct(lowN, labeled)} of the labelled ${unit}s (${fmt(lowN)}) against ${pct(topN, labeled)} for ${q(top)}; use stratified splits and per-class metrics`,
    );
  }
  const rare = classes.filter(([, n]) => n < 5);
  if (rare.length > 0 && topN >= 20) {
    b.warn(
      'rare-classes',
      `${count(rare.length, 'class', 'classes')} ${rare.length === 1 ? 'has' : 'have'} fewer than 5 examples: ${list(rare.map(([v]) => q(v)))}`,
    );
  }
}
