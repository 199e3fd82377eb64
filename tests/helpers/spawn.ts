/** Running the real, built binary. `npm test` builds first (see package.json). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { packageRoot } from '../../src/knowledge/paths.js';

export const BIN = `${packageRoot()}bin/dl-advisor.js`;

export function ensureBuilt(): void {
  if (!existsSync(`${packageRoot()}dist/cli.js`)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does it)');
}

export function spawnCli(args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string; bin?: string } = {}) {
  const r = spawnSync(process.execPath, [options.bin ?? BIN, ...args], {
    cwd: options.cwd ?? tmpdir(),
    input: options.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}
