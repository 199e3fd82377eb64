/**
 * `advise` builds a program with its own command alone (start-up, src/cli/run.ts); whatever
 * argv may need another command gets the whole program, so that nothing a user sees changes.
 */
import { describe, expect, it } from 'vitest';
import { knowsEveryFlag } from '../../src/cli/argv.js';
import { Context } from '../../src/cli/context.js';
import { createProgram, isRepeatable } from '../../src/cli/program.js';
import { builtinQuestions } from '../../src/knowledge/builtin.js';
import { cli } from '../helpers/io.js';

const advise = ['--modality', 'tabular', '--task', 'classification', '--labeled', '500', '--no-input'];

async function programs() {
  const sink = { write: () => true, isTTY: false };
  const ctx = new Context({ stdout: sink, stderr: sink, stdin: { isTTY: false, async *[Symbol.asyncIterator]() {} }, env: {} }, '9.9.9-test');
  const questions = await builtinQuestions();
  return { lean: createProgram(ctx, questions, () => {}, 'advise'), full: createProgram(ctx, questions, () => {}) };
}

describe('the program for advise alone', () => {
  it('has the advise command with every option of the whole program', async () => {
    const { lean, full } = await programs();
    expect(lean.commands.map((c) => c.name())).toEqual(['advise']);
    expect(full.commands.map((c) => c.name())).toContain('starter');
    const flags = (p: typeof lean) => p.commands.find((c) => c.name() === 'advise')?.options.map((o) => o.flags);
    expect(flags(lean)).toEqual(flags(full));
    expect(lean.options.map((o) => o.flags)).toEqual(full.options.map((o) => o.flags));
  });

  it('knows the flags of advise in every spelling, and no other command’s', async () => {
    const { lean } = await programs();
    const knows = (argv: string[]) => knowsEveryFlag(argv, lean, isRepeatable);
    expect(knows([...advise, '--format=json', '-fjson', '-o', 'x', '--', '--anything'])).toBe(true);
    expect(knows([...advise, '--out', 'x'])).toBe(false); // starter's
    expect(knows([...advise, '--max-files=5'])).toBe(false); // inspect's
    expect(knows([...advise, '--limit', '5'])).toBe(false); // precedents'
    expect(knows(['-Vh'])).toBe(false); // -V -h: combined short flags
    expect(knows([...advise, '--labeled', '-5'])).toBe(false);
  });
});

describe('advise runs as with the whole program', () => {
  it('reports a flag of another command given twice as given twice', async () => {
    const r = await cli([...advise, '--out', 'a', '--out', 'b']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dl-advisor: --out is given twice, as "a" and as "b"; give it once\n');
  });

  it('suggests among its own flags and helps with every command listed', async () => {
    const r = await cli([...advise, '--formt', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--formt'\n\(Did you mean --format\?\)/);
    const help = await cli(['--help']);
    expect(help.stdout).toMatch(/^ {2}starter \[options\]/m);
    expect(help.stdout).toMatch(/^ {2}completion \[options\] <shell>/m);
  });
});
