import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('bench/inspect.ts', () => {
  it('runs on 5 MB: row count equal to wc -l minus the header, peak RSS printed', () => {
    const root = new URL('../../', import.meta.url).pathname;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/inspect.ts', '--size-mb', '5', '--runs', '1'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).not.toContain('Error');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/row count +[\d,]+ = wc -l - 1 \(header\): ok/);
    expect(run.stdout).toMatch(/peak RSS +[\d.]+ MB/);
    expect(run.stdout).toMatch(/ratio +[\d.]+x wc -l/);
  }, 120_000);
});
