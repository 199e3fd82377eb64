/** In-process CLI runs with fake streams. */
import { Readable } from 'node:stream';
import { run } from '../../src/cli/run.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], options: { stdin?: string; env?: Record<string, string>; tty?: boolean; columns?: number } = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]), { isTTY: false });
  const code = await run(
    argv,
    {
      stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false, columns: options.columns },
      stderr: { write: (s: string) => (stderr += s), isTTY: false },
      stdin,
      env: options.env ?? {},
    },
    '9.9.9-test',
  );
  return { code, stdout, stderr };
}
