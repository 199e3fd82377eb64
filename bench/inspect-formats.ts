/**
 * `bench/inspect.ts --formats [--parquet-rows N] [--files N]`: whole-process times (as a user
 * times them: the built package's `dl-advisor inspect PATH --format json`) against a baseline in
 * the same run:
 *   - a Parquet file's row count against reading its footer with hyparquet alone;
 *   - a folder of N small PNG files in 10 class folders against `find DIR -type f | wc -l`
 *     (target: within 3x).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { build } from 'esbuild';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function best(runs: number, f: () => number): number {
  return Math.min(...Array.from({ length: runs }, f));
}

function timeProcess(command: string, args: string[]): number {
  const start = performance.now();
  const child = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${child.stderr}`);
  return (performance.now() - start) / 1000;
}

function png(): Uint8Array {
  const be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  const chunk = (type: string, data: number[]) => {
    const body = [...Buffer.from(type), ...data];
    return [...be(data.length), ...body, ...be(crc32(Buffer.from(body)))];
  };
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', [...be(32), ...be(32), 8, 2, 0, 0, 0]), ...chunk('IEND', [])]);
}

async function footerRunner(dir: string): Promise<string> {
  const entry = join(dir, 'footer.ts');
  writeFileSync(
    entry,
    `import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
const meta = await parquetMetadataAsync(await asyncBufferFromFile(process.argv[2]));
process.stdout.write(String(meta.num_rows));
`,
  );
  const outfile = join(dir, 'footer.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    nodePaths: [new URL('../node_modules', import.meta.url).pathname],
  });
  return outfile;
}

export async function benchFormats(dir: string, cli: string, runs: number, parquetRows: number, files: number): Promise<string[][]> {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const parquet = join(dir, 'bench.parquet');
  const classes = ['a', 'b', 'c'];
  writeFileSync(
    parquet,
    new Uint8Array(
      parquetWriteBuffer({
        rowGroupSize: 250_000,
        columnData: [
          { name: 'x', data: Float64Array.from({ length: parquetRows }, (_, i) => (i * 7919) % 1000), type: 'DOUBLE' },
          { name: 'n', data: Int32Array.from({ length: parquetRows }, (_, i) => i % 97), type: 'INT32' },
          { name: 'label', data: Array.from({ length: parquetRows }, (_, i) => classes[i % 3] as string), type: 'STRING' },
        ],
      }),
    ),
  );
  const footer = await footerRunner(dir);
  const tFooter = best(runs, () => timeProcess(process.execPath, [footer, parquet]));
  const tParquet = best(runs, () => timeProcess(process.execPath, [cli, 'inspect', parquet, '--format', 'json']));
  const folder = join(dir, 'images');
  const bytes = png();
  for (let c = 0; c < 10; c++) mkdirSync(join(folder, `class${c}`), { recursive: true });
  for (let i = 0; i < files; i++) writeFileSync(join(folder, `class${i % 10}`, `img${i}.png`), bytes);
  const tFind = best(runs, () => timeProcess('sh', ['-c', `find '${folder}' -type f | wc -l`]));
  const tFolder = best(runs, () => timeProcess(process.execPath, [cli, 'inspect', folder, '--format', 'json']));
  const ratio = tFolder / tFind;
  return [
    [
      'parquet',
      `${fmt(parquetRows)} rows (3 columns, target 'label'): inspect ${fmt(tParquet, 3)} s, footer alone (hyparquet) ${fmt(tFooter, 3)} s, ${fmt(tParquet / tFooter, 1)}x (whole processes)`,
    ],
    [
      'folder',
      `${fmt(files)} PNG files in 10 class folders: inspect ${fmt(tFolder, 3)} s, find | wc -l ${fmt(tFind, 3)} s, ${fmt(ratio, 1)}x (target <= 3x): ${ratio <= 3 ? 'ok' : 'over'}`,
    ],
  ];
}
