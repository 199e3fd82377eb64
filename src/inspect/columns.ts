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

function emptyProfile(name: string, index: number): ColumnProfile {
  return {
    ...{ name, index, values: 0, markers: 0, empty: 0, distinct: new Map(), manyDistinct: false },
    ...{ numeric: 0, integer: 0, boolean: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY },
    ...{ sequential: true, increasing: true, meanLength: 0, withSpace: 0 },
  };
}

export function profileColumns(names: string[], rows: string[][]): ColumnProfile[] {
  return names.map((name, index) => {
    const p = emptyProfile(name, index);
    let previous: number | undefined;
    let totalLength = 0;
    for (const row of rows) {
      const value = row[index] ?? '';
      if (isMissing(value)) {
        if (value.trim() === '') p.empty++;
        else p.markers++;
        continue;
      }
      p.values++;
      totalLength += value.length;
      if (value.includes(' ')) p.withSpace++;
      if (!p.manyDistinct) {
        p.distinct.set(value, (p.distinct.get(value) ?? 0) + 1);
        if (p.distinct.size > DISTINCT_LIMIT) p.manyDistinct = true;
      }
      if (!isNumber(value)) {
        if (isBoolean(value)) p.boolean++;
        continue;
      }
      const n = Number(value);
      p.numeric++;
      p.min = Math.min(p.min, n);
      p.max = Math.max(p.max, n);
      if (isInteger(value)) p.integer++;
      if (previous !== undefined) {
        if (n !== previous + 1) p.sequential = false;
        if (n < previous) p.increasing = false;
      }
      previous = n;
    }
    p.meanLength = p.values === 0 ? 0 : totalLength / p.values;
    if (p.numeric < p.values || p.values < 2) p.sequential = p.increasing = false;
    if (p.integer < p.values) p.sequential = false;
    return p;
  });
}

export const isNumericColumn = (p: ColumnProfile) => p.values > 0 && p.numeric === p.values;
export const isConstant = (p: ColumnProfile) => p.values > 0 && p.distinct.size === 1 && !p.manyDistinct;
/** Every value different from the others (among the tracked ones). */
export const isUnique = (p: ColumnProfile) => p.values >= 2 && !p.manyDistinct && p.distinct.size === p.values;

const ID_NAME = /^(?:id|uuid|guid|index|idx|key|rowid|row_?id|row|record|unnamed: ?0|no\.?|#)$|(?:^|[\s_.-])id$|^id[\s_.-]/i;
const ID_CAMEL = /[a-z]Id$/;
const CODE = /^[A-Za-z0-9_.:/-]+$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** Why a column looks like an identifier rather than a feature, or undefined. */
export function idReason(p: ColumnProfile): string | undefined {
  if (p.values < 2) return undefined;
  const unique = isUnique(p) || (p.manyDistinct && p.values > DISTINCT_LIMIT && p.withSpace === 0 && !isNumericColumn(p));
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
