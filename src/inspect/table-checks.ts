/** Data warnings for tables: ID-like, constant and empty columns, missing values, duplicates, leakage, imbalance. */
import { type ColumnProfile, isConstant, isNumericColumn } from './columns.js';
import { count, fmt, list, pct, q, type ReportBuilder } from './report.js';
import { sampleScope, type TableFacts } from './table-facts.js';
import { dropMissingMarkers, warnImbalance } from './target.js';
import { isMissing } from './values.js';

export function tableWarnings(facts: TableFacts, ids: Map<number, string>, b: ReportBuilder): void {
  for (const [index, why] of ids) {
    b.warn('id-column', `column ${q(facts.names[index] ?? '')} looks like an ID (${why}): it is left out of the features`);
  }
  columnWarnings(facts, b);
  missingValues(facts, b);
  duplicates(facts, ids, b);
  if (facts.target) {
    leakage(facts, facts.target.index, ids, b);
    warnImbalance(dropMissingMarkers(facts.target.labels), b, 'row');
  }
  timeOrder(facts, b);
}

function columnWarnings(facts: TableFacts, b: ReportBuilder): void {
  const scope = sampleScope(facts);
  const empty = facts.profiles.filter((p) => p.values === 0 && facts.rows > 0);
  if (empty.length > 0)
    b.warn(
      'empty-column',
      `${empty.length === 1 ? 'column' : 'columns'} ${list(empty.map((p) => q(p.name)))} ${empty.length === 1 ? 'is' : 'are'} empty${scope}`,
    );
  for (const p of facts.profiles.filter((p) => isConstant(p) && p.index !== facts.target?.index)) {
    const only = [...p.distinct.keys()][0] ?? '';
    b.warn('constant-column', `column ${q(p.name)} has the same value (${q(only)}) in every row${scope}: it carries no information`);
  }
  const seen = new Set<string>();
  const dup = facts.names.filter((n) => seen.has(n) || !seen.add(n));
  if (dup.length > 0) b.warn('duplicate-column-names', `column names used more than once: ${list([...new Set(dup)].map(q))}`);
}

function missingValues(facts: TableFacts, b: ReportBuilder): void {
  const sampleRows = Math.max(1, facts.sample.length);
  const rows = Math.max(1, facts.rows - facts.skippedRows);
  const shares = facts.profiles.flatMap((p) => {
    if (p.index === facts.target?.index) return [];
    const empty = facts.empties?.[p.index] !== undefined ? (facts.empties[p.index] ?? 0) / rows : p.empty / sampleRows;
    const share = empty + p.markers / sampleRows;
    return share > 0 && p.values > 0 ? [{ p, share }] : [];
  });
  if (shares.length === 0) return;
  shares.sort((a, b2) => b2.share - a.share);
  const items = shares.map(({ p, share }) => `${q(p.name)} ${pct(share, 1)}`);
  const markers = facts.profiles.some((p) => p.markers > 0)
    ? ` (empty cells and markers such as NA or ?${facts.sampleComplete ? '' : ', markers counted in the sample'})`
    : '';
  b.warn('missing-values', `missing values in ${shares.length} of ${count(facts.names.length, 'column')}: ${list(items, 6)}${markers}`);
}

function duplicates(facts: TableFacts, ids: Map<number, string>, b: ReportBuilder): void {
  // A row that repeats another exactly also repeats it apart from the ID columns, so when no row
  // does the latter, none does the former: one pass over the sample instead of two.
  const apart = ids.size === 0 ? undefined : countRepeats(facts.sample, (i) => !ids.has(i));
  const exact = apart === 0 ? 0 : countRepeats(facts.sample, () => true);
  const scope = sampleScope(facts);
  if (exact > 0) {
    b.warn('duplicate-rows', `${count(exact, 'row')} ${exact === 1 ? 'repeats' : 'repeat'} an earlier row exactly${scope}`);
    return;
  }
  if (apart !== undefined && apart > 0) {
    const idWord = ids.size === 1 ? 'the ID column' : 'the ID columns';
    b.warn(
      'duplicate-rows',
      `${count(apart, 'row')} ${apart === 1 ? 'has' : 'have'} the same values as an earlier row in every column but ${idWord}${scope}: repeated measurements, or copies?`,
    );
  }
}

/** Rows whose cells in the kept columns (of the first row's width) equal an earlier row's. */
function countRepeats(rows: string[][], keep: (i: number) => boolean): number {
  const seen = new Set<string>();
  const columns = (rows[0] ?? []).map((_, i) => i).filter(keep);
  const all = columns.length === (rows[0] ?? []).length;
  let repeats = 0;
  for (const row of rows) {
    let key: string;
    // The same key either way: each cell followed by \u0001 (join builds it flat, in one call).
    if (all && row.length === columns.length) key = `${row.join('\u0001')}\u0001`;
    else {
      key = '';
      for (const i of columns) key += `${row[i] ?? ''}\u0001`;
    }
    if (seen.has(key)) repeats++;
    else seen.add(key);
  }
  return repeats;
}

/** A column equal to the target, a one-to-one recoding of it, or (numbers) perfectly correlated. */
function leakage(facts: TableFacts, target: number, ids: Map<number, string>, b: ReportBuilder): void {
  const targetProfile = facts.profiles[target];
  if (!targetProfile || targetProfile.distinct.size < 2) return;
  // The target's value in each sample row, undefined where it is missing (read once for every column).
  const ys = facts.sample.map((row) => {
    const y = row[targetProfile.index] ?? '';
    return isMissing(y) ? undefined : y;
  });
  for (const p of facts.profiles) {
    if (p.index === target || ids.has(p.index) || p.values < 10) continue;
    const why = leakReason(facts.sample, p, targetProfile, ys);
    if (why) b.warn('leakage-suspect', `column ${q(p.name)} ${why}${sampleScope(facts)}: if it is known only after the outcome, it leaks the target; drop it`);
  }
}

/**
 * Over the sample rows where neither the column nor the target is missing: equal, perfectly
 * correlated (numbers), or a one-to-one recoding. One pass, without a list of the pairs: the
 * recoding check stops growing its maps at the first value that maps two ways.
 */
function leakReason(sample: string[][], p: ColumnProfile, t: ColumnProfile, ys: Array<string | undefined>): string | undefined {
  let pairs = 0;
  let equal = true;
  let oneToOne = true;
  const forward = new Map<string, string>();
  const backward = new Map<string, string>();
  for (let i = 0; i < sample.length; i++) {
    const y = ys[i];
    if (y === undefined) continue;
    const a = sample[i]?.[p.index] ?? '';
    if (isMissing(a)) continue;
    pairs++;
    if (a !== y) equal = false;
    if (!oneToOne) continue;
    if ((forward.get(a) ?? y) !== y || (backward.get(y) ?? a) !== a) oneToOne = false;
    else {
      forward.set(a, y);
      backward.set(y, a);
    }
  }
  if (pairs < 10) return undefined;
  if (equal) return 'equals the target in every row';
  if (isNumericColumn(t) && isNumericColumn(p) && t.distinct.size > 20) {
    const xy: Array<[number, number]> = [];
    sample.forEach((row, i) => {
      const a = row[p.index] ?? '';
      const y = ys[i];
      if (y !== undefined && !isMissing(a)) xy.push([Number(a), Number(y)]);
    });
    const r = correlation(xy);
    return Math.abs(r) >= 0.999 ? `is almost perfectly correlated with the target (r = ${fmt(r, 4)})` : undefined;
  }
  if (!oneToOne || forward.size < 2 || forward.size > 1000) return undefined;
  const example = [...forward].slice(0, 2).map(([a, y]) => `${q(a)} -> ${q(y)}`);
  return `is a one-to-one recoding of the target (${example.join(', ')}, ...)`;
}

function correlation(xy: Array<[number, number]>): number {
  const n = xy.length;
  let [sx, sy, sxx, syy, sxy] = [0, 0, 0, 0, 0];
  for (const [x, y] of xy) [sx, sy, sxx, syy, sxy] = [sx + x, sy + y, sxx + x * x, syy + y * y, sxy + x * y];
  const den = Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  return den === 0 ? 0 : (n * sxy - sx * sy) / den;
}

/** A time-like column (by its name) whose values increase row by row, or undefined. */
export function timeColumn(facts: TableFacts): ColumnProfile | undefined {
  return facts.profiles.find(
    (p) =>
      /^(?:time|date|datetime|timestamp|ts|t|year|time_?s|seconds|hours)$/i.test(p.name) &&
      p.values > 2 &&
      (p.increasing || isSortedDates(facts.sample.map((r) => r[p.index] ?? ''))),
  );
}

function timeOrder(facts: TableFacts, b: ReportBuilder): void {
  const time = timeColumn(facts);
  if (time) {
    b.warn(
      'time-order',
      `column ${q(time.name)} increases row by row: if the rows are measurements over time, answer modality: time-series (task: forecasting to predict ahead) and split by time, not at random`,
    );
  }
}

function isSortedDates(values: string[]): boolean {
  const dates = values.filter((v) => /^\d{4}-\d{2}-\d{2}/.test(v));
  return dates.length > 2 && dates.length === values.length && dates.every((d, i) => i === 0 || (dates[i - 1] ?? '') <= d);
}
