/**
 * The tests that run generated Python use Debian's /usr/bin/python3 (CI installs its packages
 * with apt-get: PyPI is not reachable there). On a machine without a package such a test does
 * not run and says so, with the Debian package that would enable it; under CI it fails.
 */
import { spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

/** The Debian package of each Python module the starters' tests import. */
export const DEBIAN_PACKAGE: Record<string, string> = {
  numpy: 'python3-numpy',
  pandas: 'python3-pandas',
  sklearn: 'python3-sklearn',
  scipy: 'python3-scipy',
  rdkit: 'python3-rdkit',
  PIL: 'python3-pil',
};

const PROBE = 'import importlib.util, sys\nprint(" ".join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))';

/** The modules `python` cannot import (all of them when it does not start). */
export function missingModules(modules: readonly string[], python = PYTHON): string[] {
  const r = spawnSync(python, ['-c', PROBE, ...modules], { encoding: 'utf8' });
  if (r.status !== 0) return [...modules];
  return r.stdout.trim().split(/\s+/).filter(Boolean);
}

/**
 * Whether the test may run: true when `python` has every module. Otherwise, under CI it throws
 * (CI must never skip these), elsewhere it prints one plain line (what did not run, and the
 * apt-get command that would enable it) and returns false.
 */
export function needs(test: string, modules: readonly string[], env: NodeJS.ProcessEnv = process.env, python = PYTHON): boolean {
  const missing = missingModules(modules, python);
  if (missing.length === 0) return true;
  const packages = missing.map((m) => DEBIAN_PACKAGE[m] ?? `python3-${m.toLowerCase()}`);
  const message = `NOT RUN: ${test}: ${python} cannot import ${missing.join(', ')}; to run it: apt-get install -y ${packages.join(' ')}`;
  if (env.CI) throw new Error(`${message} (under CI a missing package is a failure)`);
  console.warn(`dl-advisor tests: ${message}`);
  return false;
}
