/**
 * Starter templates as knowledge (rules/starters/, or a user's pack): tied to recipe ids,
 * validated with file and line, a user's template named as such, and `--run` refusing to
 * execute it without --trust-rules.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/io.js';
import { builtin } from '../helpers/knowledge.js';

const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-starter-packs-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const TABLE = ['--modality', 'tabular', '--task', 'classification', '--labeled', '50000', '--features', '30', '--no-input'];

/** A pack with one table template for the recipe `recipe`. */
const labPack = (recipe: string, extra = '') => `pack: lab
version: 1.0.0
starters:
  - id: lab-tables
    family: tabular
    summary: The lab's own first experiment on a table.
    recipes: [${recipe}]
    runs: [the lab's models]
    install: { pip: pip install labkit, conda: conda install labkit, debian: apt-get install python3-labkit }
    reading: [higher is better]
    requirements: labkit>=1.0
${extra}    script:
      - |
        import json
        print("lab run", json.load(open("config.json"))["recipe"])
`;

describe('the built-in templates', () => {
  const k = builtin();
  const templates = k.starters ?? [];

  it('one per family, from rules/starters/, each naming recipes of its own family', () => {
    expect(templates.map((t) => [t.id, t.family, t.file])).toEqual([
      ['images', 'image', 'builtin:starters/images.yaml'],
      ['molecules', 'molecules', 'builtin:starters/molecules.yaml'],
      ['sequences', 'sequence', 'builtin:starters/sequences.yaml'],
      ['signals', 'signal', 'builtin:starters/sequences.yaml'],
      ['tables', 'tabular', 'builtin:starters/tables.yaml'],
      ['text', 'text', 'builtin:starters/text.yaml'],
    ]);
    const recipes = new Map((k.recipes ?? []).map((r) => [r.id, r]));
    for (const t of templates) for (const id of t.recipes) expect(recipes.get(id)?.starter, `${t.id}: ${id}`).toBe(t.family);
  });

  it('every built-in recipe of a family with a template is named by that template', () => {
    const named = new Map(templates.flatMap((t) => t.recipes.map((r) => [r, t.family] as const)));
    const families = new Set(templates.map((t) => t.family));
    const missing = (k.recipes ?? []).filter((r) => r.starter && families.has(r.starter) && named.get(r.id) !== r.starter).map((r) => r.id);
    expect(missing).toEqual([]);
  });
});

describe('a template from a user pack', () => {
  it('is validated like other knowledge: the file, line and what is allowed', async () => {
    const bad = write('bad.yaml', labPack('tabular-gbdt-defualt').replace('family: tabular', 'family: spreadsheets'));
    const r = await cli(['rules', 'validate', bad, '--json']);
    expect(r.code).toBe(1);
    const problems = JSON.parse(r.stdout).problems as { code: string; file: string; line: number; message: string; hint?: string }[];
    expect(problems.find((p) => p.line === 5)).toMatchObject({ file: bad, code: 'bad-value' });
    expect(problems.find((p) => p.line === 5)?.message).toContain('tabular');
    const unknown = write('unknown.yaml', labPack('tabular-gbdt-defualt'));
    const u = JSON.parse((await cli(['rules', 'validate', unknown, '--json'])).stdout).problems;
    expect(u).toEqual([expect.objectContaining({ code: 'unknown-recipe', file: unknown, line: 7, hint: expect.stringContaining('tabular-gbdt-default') })]);
    const reserved = write('reserved.yaml', labPack('tabular-gbdt-default', '    config: { target: x }\n'));
    const c = JSON.parse((await cli(['rules', 'validate', reserved, '--json'])).stdout).problems;
    expect(c[0]).toMatchObject({ file: reserved, line: 12 });
    expect(c[0].message).toContain('may not set the keys the starter writes itself');
  });

  it('is used for the recipe it names, and named as a user pack’s in the report and README', async () => {
    const pack = write('lab.yaml', labPack('tree-ensemble-gradient-boosting, tabular-gbdt-default'));
    const out = join(dir, 'lab-out');
    const r = await cli(['starter', ...TABLE, '--rules', pack, '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.starter).toMatchObject({ template: 'tabular', source: { id: 'lab-tables', pack: 'lab', file: pack, builtin: false } });
    expect(readFileSync(join(out, 'run.py'), 'utf8')).toBe('import json\nprint("lab run", json.load(open("config.json"))["recipe"])\n');
    expect(readFileSync(join(out, 'requirements.txt'), 'utf8')).toBe('labkit>=1.0\n');
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain("the template `lab-tables` from a user's rule pack (`lab`,");
    const text = await cli(['starter', ...TABLE, '--rules', pack, '--out', join(dir, 'lab-text')]);
    expect(text.stdout).toContain(`template: lab-tables from a user's rule pack, lab (${pack}): not dl-advisor's code, read run.py first`);
    // Without the pack: the built-in template, named as such.
    const plain = JSON.parse((await cli(['starter', ...TABLE, '--out', join(dir, 'plain'), '--json'])).stdout);
    expect(plain.starter.source).toEqual({ id: 'tables', pack: 'core-starters-tables', file: 'builtin:starters/tables.yaml', builtin: true });
  });

  it('--run refuses to execute it (exit 2, untrusted-template) unless --trust-rules', async () => {
    const pack = write('lab2.yaml', labPack('tree-ensemble-gradient-boosting, tabular-gbdt-default'));
    const python = join(dir, 'python');
    writeFileSync(python, '#!/bin/sh\necho ran >> "$(dirname "$0")/ran.txt"\necho "[]" > results.json\n');
    chmodSync(python, 0o755);
    const out = join(dir, 'untrusted');
    const r = await cli(['starter', ...TABLE, '--rules', pack, '--out', out, '--run', '--python', python, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).errors[0]).toMatchObject({ code: 'untrusted-template', file: pack });
    expect(() => readFileSync(join(dir, 'ran.txt'))).toThrow();
    const trusted = await cli(['starter', ...TABLE, '--rules', pack, '--out', out, '--force', '--run', '--trust-rules', '--python', python, '--json']);
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(readFileSync(join(dir, 'ran.txt'), 'utf8')).toBe('ran\n');
  });
});
