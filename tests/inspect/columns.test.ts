import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ColumnProfile, DISTINCT_LIMIT, profileColumns } from '../../src/inspect/columns.js';
import { isBoolean, isInteger, isMissing, isNumber } from '../../src/inspect/values.js';
import { rng } from './fixtures.js';

/** The row-by-row profiler that profileColumns replaced (one pass per cell): the reference for its results. */
function reference(names: string[], rows: string[][]): ColumnProfile[] {
  return names.map((name, index) => {
    const p: ColumnProfile = {
      ...{ name, index, values: 0, markers: 0, empty: 0, distinct: new Map(), manyDistinct: false },
      ...{ numeric: 0, integer: 0, boolean: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY },
      ...{ sequential: true, increasing: true, meanLength: 0, withSpace: 0 },
    };
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

/** Everything, in order: the keys, the distinct values in order of appearance, -0 apart from 0. */
const exactly = (profiles: ColumnProfile[]) => profiles.map((p) => ({ keys: Object.keys(p), ...p, distinct: [...p.distinct] }));

function check(rows: string[][]) {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const names = Array.from({ length: width }, (_, i) => `c${i}`);
  expect(exactly(profileColumns(names, rows))).toEqual(exactly(reference(names, rows)));
}

const cell = fc.oneof(
  fc.constantFrom('', ' ', 'NA', ' n/a', 'None', '?', '1', '2', '3', '-0', '0', '+3', ' 7 ', '1e5', '1.5', '.5', '5.', '-2.25', '1'.repeat(25)),
  fc.constantFrom('true', 'No', 'y', 'abc', 'a b', 'Kyoto', 'x1', '\u00a0', '\t4'),
  fc.integer({ min: -5, max: 50 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);

describe('profileColumns against the row-by-row reference', () => {
  it('agrees on random tables of numbers, markers, booleans and text (ragged rows too)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 40 }), (rows) => check(rows)),
      { numRuns: 2000 },
    );
  });

  it('agrees on row numbers, sorted numbers and columns with one kind of value', () => {
    const n = 300;
    const rows = Array.from({ length: n }, (_, i) => [String(i + 1), String(i * 0.5), i % 7 === 0 ? 'NA' : String(i), 'same', i === 150 ? '' : String(i + 1)]);
    check(rows);
    check(rows.map((r) => [...r].reverse()));
  });

  it('agrees past the distinct-value limit, with repeats, markers and a late number', () => {
    const random = rng(7);
    const rows: string[][] = [];
    for (let i = 0; i < 9000; i++) {
      const repeat = random() < 0.3;
      rows.push([
        repeat ? String(Math.floor(random() * 50)) : `id${i}`,
        random() < 0.1 ? 'NA' : repeat ? 'x' : String(i),
        random() < 0.05 ? '' : (i * 0.37).toFixed(2),
        i === 8800 ? '12' : `v ${i}`,
      ]);
    }
    check(rows);
    const profiles = profileColumns(['a', 'b', 'c', 'd'], rows);
    expect(profiles.map((p) => p.manyDistinct)).toEqual([true, true, true, true]);
  });
});
