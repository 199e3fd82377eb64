/**
 * `npx tsx bench/inspect.ts [--size-mb N] [--runs N] [--keep | --file PATH]`: generates a CSV of
 * N MB (default 1024) in a temp folder (or reuses the one --keep left, given by --file), then times `wc -l` and `inspectPath` on it (in a child process, so its
 * peak RSS is its own) and prints the ratio. Targets: within 3x of `wc -l`, under 150 MB peak
 * RSS, and a row count equal to `wc -l` minus the header. Exits 1 if the row count is wrong.
 * `--formats` adds whole-process rows for Parquet and a folder of small images (bench/inspect-formats.ts).
 *
 * Two measures: the runner (inspectPath alone, timed inside its process, with its peak RSS and
 * row count), and the whole process as a user times it: the package as built by scripts/build.ts
 * (`node bin/dl-advisor.js inspect FILE --format json`, start-up, knowledge and rendering
 * included) against `wc -l` as a process, both spawned the same way.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { csvScanAssets, writeCsvScanAssets } from '../scripts/csv-scan-assets.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
};
const sizeMb = option('--size-mb', 1024);
const runs = option('--runs', 3);
const keep = args.includes('--keep');
const reuse = args.includes('--file') ? args[args.indexOf('--file') + 1] : undefined;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A realistic table: ids, numbers, a sometimes-quoted site, a free-text note with quotes, a categorical target. */
function generate(path: string, bytes: number): number {
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const sites = ['Boston', '"Paris, FR"', 'Lyon', '"Cambridge, MA"', 'Basel', 'Kyoto'];
  const notes = ['', 'routine', '"follow-up, 6 months"', '"patient said ""fine"""', 'none'];
  const fd = openSync(path, 'w');
  let written = 0;
  let rows = 0;
  try {
    let chunk = 'id,age,weight,glucose,site,note,diagnosis\n';
    while (written + chunk.length < bytes) {
      rows++;
      const r = random();
      const diagnosis = r < 0.6 ? 'benign' : r < 0.9 ? 'malignant' : 'normal';
      const age = 18 + Math.floor(random() * 70);
      const site = sites[Math.floor(random() * sites.length)];
      const note = notes[Math.floor(random() * notes.length)];
      chunk += `${rows},${age},${(40 + random() * 80).toFixed(1)},${(random() * 12).toFixed(3)},${site},${note},${diagnosis}\n`;
      if (chunk.length > 1 << 22) {
        written += writeSync(fd, chunk);
        chunk = '';
      }
    }
    written += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return rows;
}

/** Bundles a small runner so the child is plain node (no TypeScript loader in its time or memory). */
async function bundleRunner(dir: string): Promise<string> {
  const entry = join(dir, 'runner.ts');
  const index = new URL('../src/inspect/index.ts', import.meta.url).pathname;
  // The question ids, given to inspectPath so that the runner does not load the rule packs.
  const { builtinQuestions } = await import('../src/knowledge/builtin.js');
  const questions = (await builtinQuestions()).map((q) => q.id);
  writeFileSync(
    entry,
    `import { inspectPath } from ${JSON.stringify(index)};
const start = performance.now();
const report = await inspectPath(process.argv[2], { questions: ${JSON.stringify(questions)} });
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, rows: report.summary.rows, inferred: report.inferred }));
`,
  );
  const outfile = join(dir, 'runner.mjs');
  // As the package ships the CSV engine: the kernel assembled here, the worker a file of its own.
  const options = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' } as const;
  await build({ ...options, entryPoints: [entry], outfile, plugins: [csvScanAssets()] });
  await writeCsvScanAssets(dir, options);
  return outfile;
}

/** The package as it ships (scripts/build.ts --outdir): what a user runs. */
function buildPackage(dir: string): string {
  const root = new URL('../', import.meta.url).pathname;
  const out = join(dir, 'pkg');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--outdir', out], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
  return join(out, 'bin/dl-advisor.js');
}

/** `dl-advisor inspect PATH --format json` as a whole process: seconds, and the report. */
function timeCli(cli: string, path: string): { seconds: number; report: { summary: Record<string, unknown> } } {
  const start = performance.now();
  const child = spawnSync(process.execPath, [cli, 'inspect', path, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const seconds = (performance.now() - start) / 1000;
  if (child.status !== 0) throw new Error(`dl-advisor inspect failed: ${child.stderr}`);
  return { seconds, report: JSON.parse(child.stdout) };
}

function timeWc(file: string): { seconds: number; lines: number } {
  const start = performance.now();
  const out = execFileSync('wc', ['-l', file], { encoding: 'utf8' });
  return { seconds: (performance.now() - start) / 1000, lines: Number(out.trim().split(/\s+/)[0]) };
}

interface Inspected {
  seconds: number;
  /** The runner's whole process (a bundle of inspect alone). */
  processSeconds: number;
  rssMb: number;
  rows: number;
}

function timeInspect(runner: string, file: string): Inspected {
  const start = performance.now();
  const child = spawnSync(process.execPath, [runner, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const processSeconds = (performance.now() - start) / 1000;
  if (child.status !== 0) throw new Error(`inspect failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout) as { ms: number; maxRssKb: number; rows: number };
  return { seconds: result.ms / 1000, processSeconds, rssMb: result.maxRssKb / 1024, rows: result.rows };
}

const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-bench-'));
try {
  const file = reuse ?? join(dir, 'bench.csv');
  if (!reuse) process.stderr.write(`generating ${fmt(sizeMb)} MB of CSV in ${dir} ...\n`);
  const generated = reuse ? undefined : generate(file, sizeMb * 2 ** 20);
  const runner = await bundleRunner(dir);
  const cli = buildPackage(dir);
  timeWc(file); // warm the page cache for both
  const wc = Array.from({ length: runs }, () => timeWc(file));
  const inspect = Array.from({ length: runs }, () => timeInspect(runner, file));
  const whole = Array.from({ length: runs }, () => timeCli(cli, file));
  const bestWhole = Math.min(...whole.map((w) => w.seconds));
  const bestWc = Math.min(...wc.map((w) => w.seconds));
  const best = inspect.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const peak = Math.max(...inspect.map((i) => i.rssMb));
  const lines = wc[0]?.lines ?? 0;
  const rowsOk =
    inspect.every((i) => i.rows === lines - 1) && whole.every((w) => w.report.summary.rows === lines - 1) && (generated ?? lines - 1) === lines - 1;
  const mb = statSync(file).size / 2 ** 20;
  const ratio = best.seconds / bestWc;
  const rows = [
    ['file', `${fmt(mb)} MB CSV, ${fmt(lines)} lines (node ${process.version}, ${availableParallelism()} CPUs, best of ${runs})`],
    ['wc -l', `${fmt(bestWc, 3)} s`],
    ['inspect', `${fmt(best.seconds, 3)} s inside the runner (its whole process ${fmt(best.processSeconds, 3)} s)`],
    [
      'whole',
      `dl-advisor inspect ${fmt(bestWhole, 3)} s, ${fmt(bestWhole / bestWc, 2)}x wc -l, both as whole processes, as a user times them (target <= 3x): ${bestWhole / bestWc <= 3 ? 'ok' : 'over'}`,
    ],
    ['ratio', `${fmt(ratio, 2)}x wc -l (target <= 3x): ${ratio <= 3 ? 'ok' : 'over'}`],
    ['peak RSS', `${fmt(peak, 1)} MB (target < 150 MB): ${peak < 150 ? 'ok' : 'over'}`],
    ['row count', `${fmt(best.rows)} ${rowsOk ? '= wc -l - 1 (header): ok' : `!= wc -l - 1 = ${fmt(lines - 1)}: WRONG`}`],
  ];
  if (args.includes('--formats')) {
    const { benchFormats } = await import('./inspect-formats.js');
    rows.push(...(await benchFormats(dir, cli, runs, option('--parquet-rows', 2_000_000), option('--files', 100_000))));
  }
  for (const [k, v] of rows) process.stdout.write(`${(k ?? '').padEnd(10)} ${v}\n`);
  if (!rowsOk) process.exitCode = 1;
} finally {
  if (keep) process.stderr.write(`kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}
