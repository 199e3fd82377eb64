/** The rule for tests that need Debian's Python packages: said plainly when they do not run, a failure under CI. */
import { describe, expect, it, vi } from 'vitest';
import { missingModules, needs } from '../helpers/python.js';

describe('needs (tests/helpers/python.ts)', () => {
  it('fails under CI when a module is missing, naming the Debian package', () => {
    expect(() => needs('a test', ['dl_advisor_no_such_module', 'rdkit'], { CI: 'true' }, '/nonexistent/python3')).toThrow(
      'NOT RUN: a test: /nonexistent/python3 cannot import dl_advisor_no_such_module, rdkit; to run it: apt-get install -y python3-dl_advisor_no_such_module python3-rdkit (under CI a missing package is a failure)',
    );
  });

  it('elsewhere prints what did not run and the install command, and says not to run', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(needs('the molecules starter', ['rdkit', 'PIL'], {}, '/nonexistent/python3')).toBe(false);
    expect(warn).toHaveBeenCalledWith(
      'dl-advisor tests: NOT RUN: the molecules starter: /nonexistent/python3 cannot import rdkit, PIL; to run it: apt-get install -y python3-rdkit python3-pil',
    );
    warn.mockRestore();
  });

  it('lists only the modules the interpreter lacks (all of them when it does not start)', () => {
    expect(missingModules(['json', 'numpy'], '/nonexistent/python3')).toEqual(['json', 'numpy']);
    if (!needs('missingModules with a real Python', ['json'])) return;
    expect(missingModules(['json', 'dl_advisor_no_such_module'])).toEqual(['dl_advisor_no_such_module']);
  });
});
