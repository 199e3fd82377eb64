/**
 * A git checkout straight after `npm ci` has no dist/ (the build runs in `npm test` and
 * `prepack`): bin/dl-advisor.js then runs the sources through tsx, so the command still works.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = new URL('../../', import.meta.url).pathname;

describe('a checkout without dist/', () => {
  // bin/package.json makes the entry CommonJS; without it (an older checkout's layout) it is an ES module.
  it.each([
    { entry: 'CommonJS', files: ['bin/dl-advisor.js', 'bin/package.json'] },
    { entry: 'an ES module', files: ['bin/dl-advisor.js'] },
  ])(
    'runs --version and advise from the sources (the entry as $entry)',
    ({ files }) => {
      const root = mkdtempSync(join(tmpdir(), 'dl-advisor-unbuilt-'));
      mkdirSync(join(root, 'bin'));
      for (const f of files) copyFileSync(join(repo, f), join(root, f));
      for (const name of ['src', 'rules', 'node_modules', 'package.json', 'starters']) {
        if (existsSync(join(repo, name))) symlinkSync(join(repo, name), join(root, name));
      }
      expect(existsSync(join(root, 'dist'))).toBe(false);
      const version = spawnSync(process.execPath, [join(root, 'bin/dl-advisor.js'), '--version'], { encoding: 'utf8' });
      expect(version.status, version.stderr).toBe(0);
      expect(version.stdout.split('\n')[0]).toMatch(/^\d+\.\d+\.\d+/);
      const advise = spawnSync(
        process.execPath,
        [join(root, 'bin/dl-advisor.js'), '--modality', 'image', '--task', 'classification', '--labeled', '900', '--json'],
        { encoding: 'utf8' },
      );
      expect(advise.status, advise.stderr).toBe(0);
      expect(JSON.parse(advise.stdout).recommendation.primary.id).toBe('cnn');
    },
    60_000,
  );
});
