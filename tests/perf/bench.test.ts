/** `npm run bench -- --quick` runs end to end and prints the table (a smoke test: no timing is asserted). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bench', () => {
  it('--quick prints every row of the table and exits 0', () => {
    // A private build: the repository's dist/ may be rebuilt by other test files meanwhile.
    const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--outdir', dir], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(build.status, build.stderr).toBe(0);
    const r = spawnSync('npm', ['run', 'bench', '--silent', '--', '--quick', '--cli', join(dir, 'bin/dl-advisor.js')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const table = r.stdout;
    expect(table).toMatch(/^\| Measure \| Median \| Min \| Max \| Ratio \| Target \| Met \|$/m);
    for (const row of [
      /^\| `node -e 0` \(baseline\) \| [\d.]+ ms /m,
      /^\| `dl-advisor advise … --format json` \| [\d.]+ ms .* \| [\d.]+x \| ≤ 1\.25x \| (met|\*\*MISSED\*\*) \|$/m,
      /^\| `dl-advisor advise …` \(text\) \| [\d.]+ ms .* \| [\d.]+x \| ≤ 1\.25x \| (met|\*\*MISSED\*\*) \|$/m,
      /^\| `dl-advisor --version` \| .* \| ≤ 1\.15x \| (met|\*\*MISSED\*\*) \|$/m,
      /^\| `dl-advisor questions --format json` \| [\d.]+ ms /m,
      /^\| first walkthrough prompt visible \(pseudo-terminal\) \| .* \| ≤ 2x \| (met|\*\*MISSED\*\*|n\/a) \|$/m,
      /^\| next walkthrough prompt after an answer \(pseudo-terminal\) \| .* \| ≤ 100 ms \| (met|\*\*MISSED\*\*|n\/a) \|$/m,
      /^\| peak RSS `dl-advisor advise … --format json` \| [\d.]+ MB .* \| ≤ 1\.3x \| (met|\*\*MISSED\*\*) \|$/m,
      /^\| engine: evaluate\(\) on 10,000 generated rules .* \| ≤ 50 ms \| (met|\*\*MISSED\*\*) \|$/m,
      /^\| answer space: .* \| [\d,]+ combinations\/s \|/m,
    ]) {
      expect(table).toMatch(row);
    }
    expect(table).toMatch(/All targets met\.|Targets missed \(timing only; exit code stays 0\)/);
  }, 180_000);
});
