/** Per-column profiles of the sample rows: types, distinct values (capped), lengths, order. */
import { isBoolean, isInteger, isMissing, isNumber } from './values.js';

/** Distinct values are tracked up to this many per column; beyond it a column has "many". */
export const DISTINCT_LIMIT = 5000;

export interface ColumnProfile {
  name: string;
  index: number;
  /** Non-missing values in the sample. */
  values: number;
  /** Missing-value markers (NA, NaN, null, ?, ...) other than empty cells. */
  markers: number;
  empty: number;
  distinct: Map<string, number>;
  /** More distinct values than DISTINCT_LIMIT. */
  manyDistinct: boolean;
  numeric: number;
  integer: number;
  boolean: number;
  min: number;
  max: number;
  /** Integers that go up by exactly 1 from row to row (row numbers). */
  sequential: boolean;
  /** Numbers that never decrease from row to row. */
  increasing: boolean;
  meanLength: number;
  /** Values with a space in them. */
  withSpace: number;
}

/**
 * Profiles of the sample's columns. This runs once per process, before the JIT has compiled much,
 * so each column is read in small passes (small loops get compiled soon) and a value that repeats
 * is classified once, from the distinct counts, instead of once per cell.
 */
export function profileColumns(names: string[], rows: string[][]): ColumnProfile[] {
  return names.map((name, index) => profileColumn(name, index, rows));
}

function profileColumn(name: string, index: number, rows: string[][]): ColumnProfile {
  const cells = rows.map((row) => row[index] ?? '');
  const { distinct, manyDistinct, empty, markers } = tally(cells);
  // Until the distinct values run over the limit, their counts cover every cell that is not missing.
  // (Without missing cells, the passes over the cells need not look for them.)
  const missing = empty + markers > 0;
  const t = manyDistinct ? totalsOfCells(cells, missing) : totalsOfDistinct(distinct);
  const { values, numeric, integer, boolean, withSpace } = t;
  const [sequential, increasing] = numeric === values && values >= 2 ? order(cells, missing, integer === values) : [false, false];
  return {
    ...{ name, index, values, markers, empty, distinct, manyDistinct },
    ...{ numeric, integer, boolean, min: t.min, max: t.max },
    ...{ sequential, increasing, meanLength: values === 0 ? 0 : t.totalLength / values, withSpace },
  };
}

/** Missing cells, and the other values counted in order of appearance until there are too many. */
function tally(cells: string[]) {
  const distinct = new Map<string, number>();
  let manyDistinct = false;
  let empty = 0;
  let markers = 0;
  for (let i = 0; i < cells.length; i++) {
    const value = cells[i] as string;
    // A value already counted is not missing: only new ones need the test.
    const seen = manyDistinct ? undefined : distinct.get(value);
    if (seen !== undefined) distinct.set(value, seen + 1);
    else if (isMissing(value)) {
      if (value.trim() === '') empty++;
      else markers++;
    } else if (!manyDistinct) {
      distinct.set(value, 1);
      manyDistinct = distinct.size > DISTINCT_LIMIT;
    }
  }
  return { distinct, manyDistinct, empty, markers };
}

interface Totals {
  values: number;
  numeric: number;
  integer: number;
  boolean: number;
  withSpace: number;
  totalLength: number;
  min: number;
  max: number;
}

const noTotals = (): Totals => ({
  ...{ values: 0, numeric: 0, integer: 0, boolean: 0, withSpace: 0, totalLength: 0 },
  ...{ min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY },
});

/** Adds `times` cells holding `value` (not missing). */
function add(t: Totals, value: string, times: number): void {
  t.values += times;
  t.totalLength += value.length * times;
  if (value.includes(' ')) t.withSpace += times;
  if (!isNumber(value)) {
    if (isBoolean(value)) t.boolean += times;
    return;
  }
  const n = Number(value);
  t.numeric += times;
  if (isInteger(value)) t.integer += times;
  t.min = Math.min(t.min, n);
  t.max = Math.max(t.max, n);
}

function totalsOfDistinct(distinct: Map<string, number>): Totals {
  const t = noTotals();
  for (const [value, times] of distinct) add(t, value, times);
  return t;
}

function totalsOfCells(cells: string[], missing: boolean): Totals {
  const t = noTotals();
  for (let i = 0; i < cells.length; i++) {
    const value = cells[i] as string;
    if (!missing || !isMissing(value)) add(t, value, 1);
  }
  return t;
}

/**
 * [sequential, increasing] for a numeric column: integers that go up by exactly 1 from row to row
 * (when `integers`), numbers that never decrease. Stops reading once neither holds.
 */
function order(cells: string[], missing: boolean, integers: boolean): [boolean, boolean] {
  let sequential = integers;
  let increasing = true;
  let previous: number | undefined;
  for (let i = 0; i < cells.length && (sequential || increasing); i++) {
    const value = cells[i] as string;
    if (missing && isMissing(value)) continue;
    const n = Number(value);
    if (previous !== undefined) {
      if (n !== previous + 1) sequential = false;
      if (n < previous) increasing = false;
    }
    previous = n;
  }
  return [sequential, increasing];
}

export const isNumericColumn = (p: ColumnProfile) => p.values > 0 && p.numeric === p.values;
export const isConstant = (p: ColumnProfile) => p.values > 0 && p.distinct.size === 1 && !p.manyDistinct;
/** Every value different from the others (among the tracked ones). */
export const isUnique = (p: ColumnProfile) => p.values >= 2 && !p.manyDistinct && p.distinct.size === p.values;

const ID_NAME = /^(?:id|uuid|guid|index|idx|key|rowid|row_?id|row|record|unnamed: ?0|no\.?|#)$|(?:^|[\s_.-])id$|^id[\s_.-]/i;
const ID_CAMEL = /[a-z]Id$/;
const CODE = /^[A-Za-z0-9_.:/-]+$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** A different value in every row (or too many distinct codes to count). */
const looksUnique = (p: ColumnProfile) => isUnique(p) || (p.manyDistinct && p.values > DISTINCT_LIMIT && p.withSpace === 0 && !isNumericColumn(p));

/** An ID-like column whose values repeat: rows come in groups (patients, sites, batches). */
export const isGroupColumn = (p: ColumnProfile) => idReason(p) !== undefined && !looksUnique(p);

/** Why a column looks like an identifier rather than a feature, or undefined. */
export function idReason(p: ColumnProfile): string | undefined {
  if (p.values < 2) return undefined;
  const unique = looksUnique(p);
  if (ID_NAME.test(p.name) || ID_CAMEL.test(p.name)) {
    return unique ? 'an ID-like name and a different value in every row' : 'an ID-like name; its values repeat, so rows come in groups';
  }
  if (!unique) return undefined;
  if (p.sequential) return 'row numbers (consecutive integers)';
  const sample = [...p.distinct.keys()].slice(0, 200);
  if (sample.every((v) => UUID.test(v))) return 'UUIDs';
  if (!isNumericColumn(p) && p.withSpace === 0 && p.meanLength <= 40 && sample.every((v) => CODE.test(v) && /\d/.test(v))) {
    return `a different code in every row (e.g. '${sample[0] ?? ''}')`;
  }
  return undefined;
}
