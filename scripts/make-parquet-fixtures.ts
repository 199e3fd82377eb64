/**
 * Writes the Parquet fixtures of tests/inspect/formats.test.ts with hyparquet-writer (a
 * devDependency; the tests read the committed files):  npx tsx scripts/make-parquet-fixtures.ts
 * patients.parquet: 1,000 rows in 3 row groups (snappy), a patient_id, 3 measurements with some
 * nulls and a 3-class diagnosis, 40 of them null; truncated.parquet: the same, its footer cut.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parquetWriteBuffer } from 'hyparquet-writer';

const out = new URL('../tests/inspect/fixtures/formats/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const n = 1000;
const classes = ['benign', 'malignant', 'normal'];
const buffer = parquetWriteBuffer({
  rowGroupSize: 400,
  columnData: [
    { name: 'patient_id', data: Array.from({ length: n }, (_, i) => `P${String(i).padStart(5, '0')}`), type: 'STRING' },
    { name: 'age', data: Int32Array.from({ length: n }, () => 20 + Math.floor(random() * 60)), type: 'INT32' },
    { name: 'bmi', data: Array.from({ length: n }, (_, i) => (i % 50 === 0 ? null : 18 + random() * 15)), type: 'DOUBLE', nullable: true },
    { name: 'marker', data: Float64Array.from({ length: n }, () => random()), type: 'DOUBLE' },
    { name: 'diagnosis', data: Array.from({ length: n }, (_, i) => (i % 25 === 3 ? null : (classes[i % 3] as string))), type: 'STRING', nullable: true },
  ],
});
const bytes = new Uint8Array(buffer);
writeFileSync(`${out}patients.parquet`, bytes);
writeFileSync(`${out}truncated.parquet`, bytes.subarray(0, bytes.length - 100));
console.error(`wrote patients.parquet (${bytes.length} bytes) and truncated.parquet`);
