/**
 * `starter --run`: runs DIR/run.py with a given Python, without a shell (the arguments are an
 * array), in DIR, streaming its output, and keeps the full log in DIR/run.log.
 * Exit codes of run.py: 0 done, 1 the experiment failed, 2 bad input or a missing package.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ResultRow {
  model: string;
  metric: string;
  mean: number;
  std: number;
  folds: number[];
}

export type RunOutcome =
  | { status: 'done'; results: ResultRow[]; log: string }
  | { status: 'no-python'; python: string; message: string }
  | { status: 'missing-packages'; tail: string[]; log: string }
  | { status: 'failed'; code: number | null; signal: string | null; tail: string[]; log: string };

export interface RunOptions {
  python: string;
  dir: string;
  args?: string[];
  /** Receives the script's output as it comes (stdout and stderr). */
  onOutput?: (text: string) => void;
  env?: NodeJS.ProcessEnv;
}

export async function runExperiment(options: RunOptions): Promise<RunOutcome> {
  const log = join(options.dir, 'run.log');
  const chunks: string[] = [];
  const child = spawn(options.python, ['run.py', ...(options.args ?? [])], {
    cwd: options.dir,
    shell: false,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...(options.env ?? process.env), PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' },
  });
  const take = (b: Buffer) => {
    const text = b.toString('utf8');
    chunks.push(text);
    options.onOutput?.(text);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const ended = await new Promise<{ code: number | null; signal: string | null; error?: NodeJS.ErrnoException }>((done) => {
    child.on('error', (error: NodeJS.ErrnoException) => done({ code: null, signal: null, error }));
    child.on('close', (code, signal) => done({ code, signal }));
  });
  if (ended.error) {
    const why = ended.error.code === 'ENOENT' ? 'not found' : ended.error.code === 'EACCES' ? 'not executable' : ended.error.message;
    return { status: 'no-python', python: options.python, message: why };
  }
  const text = chunks.join('');
  writeFileSync(log, text);
  const tail = text.trimEnd().split('\n').slice(-12);
  if (ended.code === 2 && /missing Python packages/.test(text)) return { status: 'missing-packages', tail, log };
  if (ended.code !== 0) return { status: 'failed', code: ended.code, signal: ended.signal, tail, log };
  return { status: 'done', results: readResults(join(options.dir, 'results.json')), log };
}

/** results.json as run.py writes it; anything else is an empty list (the log has the story). */
export function readResults(path: string): ResultRow[] {
  try {
    const rows: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!Array.isArray(rows)) return [];
    return rows.filter(
      (r): r is ResultRow =>
        typeof r === 'object' &&
        r !== null &&
        typeof r.model === 'string' &&
        typeof r.metric === 'string' &&
        typeof r.mean === 'number' &&
        typeof r.std === 'number' &&
        Array.isArray(r.folds),
    );
  } catch {
    return [];
  }
}
