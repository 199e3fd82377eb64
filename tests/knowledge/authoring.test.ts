/**
 * Tools for rule authors: `rules validate` (text, json, github), `rules test` (the example pack's
 * own cases, and what a failure prints), and the rule-file JSON Schema used by editors.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { jsonSchema } from '../../src/knowledge/json-schemas.js';
import { LIMITS } from '../../src/knowledge/limits.js';
import { packageRoot } from '../../src/knowledge/paths.js';
import { githubAnnotation } from '../../src/render/cases.js';
import { cli } from '../helpers/io.js';
import { builtin } from '../helpers/knowledge.js';

const root = packageRoot();
const LAB = `${root}examples/lab-pack`;
const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-authoring-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const TYPOS = `pack: lab
version: 1.0.0
questions:
  - id: inHouseModel
    type: choice
    promt: Do you have FoldLM?
    help: h
    choices: [{ value: "yes", label: Y, description: d }, { value: "no", label: N, description: d }]
methods:
  - { id: foldlm, kind: modle, name: F, summmary: s, fits: [f], avoid: [a], dataNeeds: d, interpretability: i, start: [s], pitfalls: [p], references: [{ ref: r }] }
rules:
  - id: lab-a
    summary: s
    favour: { cnn: 1 }
    because: b
    source: { ref: Lab, basis: papr }
  - id: lab-b
    summary: s
    when: { modaltiy: image }
    favor: { cnnn: 1, foldlm: 2 }
    because: b
    source: { ref: Lab, basis: practice }
  - id: lab-d
    summary: s
    when: { labeled: { lessThan: 10 } }
    favor: { cnn: 1 }
    because: "{{labelled}}"
    source: { ref: Lab, basis: practice }
  - id: lab-c
    summary: s
    when: { inHouseModel: "yes" }
    favor: { rnn: 1 }
    because: b
    override: yes
    source: { ref: Smith, Jones 2020, basis: practice }
disable: [image-cnnn]
`;

describe('rules validate', () => {
  const typos = write('typos.yaml', TYPOS);

  it('reports every problem as file:line:column: message (hint), in file order, and exits 1', async () => {
    const r = await cli(['rules', 'validate', typos]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      `${typos}:6:5: questions[0].promt: unknown key "promt" (did you mean "prompt"?)`,
      `${typos}:10:19: methods[0].kind: "modle" is not allowed; expected one of "model", "strategy", "interpretability" (did you mean "model"?)`,
      `${typos}:10:41: methods[0].summmary: unknown key "summmary" (did you mean "summary"?)`,
      `${typos}:14:5: rules[0].favour: unknown key "favour" (did you mean "favor"?)`,
      `${typos}:16:25: rules[0].source.basis: "papr" is not allowed; expected one of "paper", "article", "practice", "heuristic" (did you mean "paper"?)`,
      `${typos}:19:13: unknown question "modaltiy" (did you mean "modality"?)`,
      `${typos}:20:14: unknown model "cnnn" (did you mean "cnn"?)`,
      `${typos}:25:24: rules[2].when.labeled.lessThan: unknown key "lessThan" (did you mean "lt"?)`,
      `${typos}:34:5: rules[3].override: expected boolean, got string "yes" (write true or false, without quotes (YAML 1.2 reads yes/no as text))`,
      `${typos}:35:27: rules[3].source.Jones 2020: unknown key "Jones 2020" (inside { ... }, a comma ends a value: put text that contains commas in quotes)`,
      `${typos}:36:11: cannot disable "image-cnnn": no earlier rule has this id (did you mean "image-cnn"?)`,
    ]);
    expect(r.stderr).toBe('11 problems found in 1 file\n');
  });

  it('does not report references to an item that is itself invalid', async () => {
    // foldlm (invalid card) and inHouseModel (invalid question) are used by lab-b and lab-c:
    // the cross-checks stay silent about them instead of adding "unknown model/question".
    const r = await cli(['rules', 'validate', typos]);
    expect(r.stdout).not.toContain('"foldlm"');
    expect(r.stdout).not.toContain('unknown question "inHouseModel"');
  });

  it('--format json: one document with every problem and its hint', async () => {
    const r = await cli(['rules', 'validate', typos, '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, valid: false, files: [typos] });
    expect(doc.problems).toHaveLength(11);
    expect(doc.problems[0]).toEqual({
      code: 'unknown-key',
      message: 'questions[0].promt: unknown key "promt"',
      file: typos,
      line: 6,
      column: 5,
      path: ['questions', 0, 'promt'],
      hint: 'did you mean "prompt"?',
    });
    expect(new Set(doc.problems.map((p: { code: string }) => p.code))).toEqual(
      new Set(['unknown-key', 'bad-value', 'unknown-question', 'unknown-method', 'wrong-type', 'unknown-rule']),
    );
  });

  it('--format github: one workflow command per problem, properties escaped', async () => {
    const r = await cli(['rules', 'validate', typos, '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[3]).toBe(`::error file=${typos},line=14,col=5,title=unknown-key::rules[0].favour: unknown key "favour" (did you mean "favor"?)`);
    for (const line of lines) expect(line).toMatch(/^::error file=[^,:]+,line=\d+,col=\d+,title=[a-z-]+::.+$/);
    expect(githubAnnotation({ code: 'x', file: 'a,b:c.yaml', line: 1, column: 2, message: '50% done\nnext' })).toBe(
      '::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=x::50%25 done%0Anext\n',
    );
    expect(githubAnnotation({ code: 'no-packs', file: 'f', message: 'm' })).toBe('::error file=f,title=no-packs::m\n');
  });

  it('exits 0 for a valid pack and its cases, and says so on stderr', async () => {
    const r = await cli(['rules', 'validate', LAB]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: `2 files valid: ${LAB}/lab.yaml, ${LAB}/lab.cases.yaml\n` });
    const doc = JSON.parse((await cli(['rules', 'validate', LAB, '--json'])).stdout);
    expect(doc).toEqual({ schemaVersion: 1, valid: true, files: [`${LAB}/lab.yaml`, `${LAB}/lab.cases.yaml`], problems: [] });
  });

  it('validates the built-in packs on their own with --no-builtin-rules', async () => {
    const files = readdirSync(`${root}rules`).filter((n) => n.endsWith('.yaml'));
    // The works cited and the recipes live in sub-folders (issue 13).
    const sub = ['references', 'recipes']
      .filter((d) => existsSync(`${root}rules/${d}`))
      .flatMap((d) => readdirSync(`${root}rules/${d}`).map((n) => `${d}/${n}`));
    const ordered = ['questions.yaml', 'methods.yaml', ...files.filter((n) => n !== 'questions.yaml' && n !== 'methods.yaml').sort(), ...sub];
    const r = await cli(['rules', 'validate', '--no-builtin-rules', ...ordered.map((n) => `${root}rules/${n}`)]);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });

  it('checks case files: their format, answers and expected ids', async () => {
    const cases = write(
      'lab.cases.yaml',
      `- id: one
  answers: { modality: biosequence, task: classification, labeled: 10, inHouseModel: maybe }
  expect: { primary: [foldlmm], strategies: [transfer-learning], cautions: [lab-foldlm-strat] }
- id: two
  answers: { modality: tabular }
  expect: { primry: [cnn] }
`,
    );
    const r = await cli(['rules', 'validate', LAB, cases]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      `${cases}:2:72: case "one": inHouseModel: "maybe" is not allowed; allowed: yes, no`,
      `${cases}:3:23: case "one": expect.primary: unknown model "foldlmm" (did you mean "foldlm"?)`,
      `${cases}:3:77: case "one": expect.cautions: unknown rule "lab-foldlm-strat" (did you mean "lab-foldlm-start"?)`,
      `${cases}:6:13: [1].expect.primry: unknown key "primry" (did you mean "primary"?)`,
    ]);
    const missing = write('missing.cases.yaml', '- id: two\n  answers: { modality: tabular }\n  expect: { primary: [cnn] }\n');
    const r2 = await cli(['rules', 'validate', missing]);
    expect(r2.stdout).toBe(`${missing}:2:3: case "two": missing required answers: task, labeled\n`);
    expect(r2.code).toBe(1);
  });

  it('a path that cannot be read is a usage error (exit 2), not a finding', async () => {
    const r = await cli(['rules', 'validate', join(dir, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`dl-advisor: ${join(dir, 'nope.yaml')}: no such file or folder\n`);
  });

  it('tells a case file passed as a pack apart', async () => {
    const r = await cli(['--rules', `${LAB}/lab.cases.yaml`, '--modality', 'image', '--task', 'classification', '--labeled', '10']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('this is a rule-test file (*.cases.yaml), not a rule pack (run its cases with: dl-advisor rules test');
  });
});

describe('rules test', () => {
  it("runs the example pack's own cases (CI checks the example this way)", async () => {
    const r = await cli(['rules', 'test', LAB, '--rules', LAB]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✓ foldlm-for-protein-classification → foldlm\n/);
    expect(r.stdout).toMatch(/\n4 passed, 0 failed\n$/);
  });

  it('with --rules and no paths, runs the built-in cases with the pack on top', async () => {
    const r = await cli(['rules', 'test', '--rules', LAB]);
    expect(r.stdout).toMatch(/\n\d+ passed, 0 failed\n$/);
    expect(r.code).toBe(0);
  });

  it('prints expected against actual for each failing check, with the evidence for a wrong primary', async () => {
    const cases = write(
      'failing.cases.yaml',
      `- id: wrong-strategy
  answers: { modality: biosequence, task: classification, labeled: 2000, pretrained: "yes", inHouseModel: "yes" }
  expect: { primary: [foldlm], strategies: [data-augmentation] }
- id: wrong-primary
  answers: { modality: biosequence, task: classification, labeled: 2000, pretrained: "yes" }
  expect: { primary: [foldlm] }
`,
    );
    const r = await cli(['rules', 'test', cases, '--rules', LAB]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('dl-advisor: 2 of 2 rule test cases failed\n');
    const out = r.stdout;
    expect(out).toContain(`✗ wrong-strategy ${cases}:1:3\n    strategies\n      expected: data-augmentation\n      actual:   `);
    expect(out).toMatch(/✗ wrong-primary .*:4:3\n {4}primary\n {6}expected: one of foldlm\n {6}actual: {3}transformer \(\d+%\), runners-up: /);
    expect(out).toMatch(
      / {4}evidence\n {6}transformer: \d+%, evidence [\d.]+ \(biosequence-transformer \+[\d.]+, .*\)\n {6}foldlm: not a candidate \(no rule that fired favors it\)\n/,
    );
    expect(out).toMatch(/\n0 passed, 2 failed\n$/);
    const doc = JSON.parse((await cli(['rules', 'test', cases, '--rules', LAB, '--json'])).stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, passed: 0, failed: 2 });
    expect(doc.cases[1]).toMatchObject({
      id: 'wrong-primary',
      passed: false,
      primary: 'transformer',
      file: cases,
      line: 4,
      differences: [{ field: 'primary', expected: 'one of foldlm', actual: expect.stringMatching(/^transformer/) }],
    });
  });

  it('reports every invalid answer of every case at once (exit 2)', async () => {
    const cases = write(
      'bad-answers.cases.yaml',
      '- { id: a, answers: { modality: imgae, task: classification, labeled: 1 }, expect: {} }\n- { id: b, answers: { modality: image }, expect: {} }\n',
    );
    const r = await cli(['rules', 'test', cases]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      `dl-advisor: ${cases}:1:23: case "a": modality: "imgae" is not allowed; allowed: tabular, image, video, text, biosequence, time-series, audio, graph (did you mean "image"?)`,
      expect.stringMatching(new RegExp(`^dl-advisor: ${cases}:2:12: case "b": missing required answers: task \\(--task <value>\\), labeled`)),
    ]);
  });
});

describe('the rule-file JSON Schema (for editors)', () => {
  const schema = JSON.parse(JSON.stringify(jsonSchema('rules', builtin().questions)));
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addFormat('uri', true);
  const validate = ajv.compile(schema);

  it('is draft-07, compiles in strict mode, and is what `dl-advisor schema rules` prints', async () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(JSON.parse((await cli(['schema', 'rules'])).stdout)).toEqual(schema);
  });

  it('accepts every built-in rule file and the example pack', () => {
    const files = [
      ...readdirSync(`${root}rules`)
        .filter((n) => /\.ya?ml$/.test(n))
        .map((n) => `${root}rules/${n}`),
      `${LAB}/lab.yaml`,
    ];
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(text.split('\n')[0], `${f} names the schema for editors`).toMatch(/^# yaml-language-server: \$schema=.*rules\.schema\.json$/);
      expect(validate(parse(text)), `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('rejects a misspelled key and a wrong enum value, as editors will', () => {
    const pack = parse(TYPOS.replace('promt', 'prompt').replace('summmary', 'summary').replace('modle', 'model'));
    expect(validate(pack)).toBe(false);
    const messages = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
    expect(messages).toContain('/rules/0 must NOT have additional properties {"additionalProperty":"favour"}');
    expect(messages.some((m) => m.startsWith('/rules/0/source/basis must be equal to one of the allowed values'))).toBe(true);
  });

  it('the test-case schema accepts the built-in and example cases', () => {
    const tests = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
      JSON.parse(JSON.stringify(jsonSchema('tests', builtin().questions))),
    );
    const files = [...readdirSync(`${root}rules/tests`).map((n) => `${root}rules/tests/${n}`), `${LAB}/lab.cases.yaml`];
    for (const f of files) expect(tests(parse(readFileSync(f, 'utf8'))), `${f}: ${JSON.stringify(tests.errors)}`).toBe(true);
  });
});

describe('docs/writing-rules.md', () => {
  const guide = readFileSync(`${root}docs/writing-rules.md`, 'utf8');

  it('shows the real output of validating and testing the example pack', async () => {
    const validate = await cli(['rules', 'validate', LAB]);
    expect(guide).toContain(`$ dl-advisor rules validate examples/lab-pack\n${validate.stderr.replaceAll(root, '')}`);
    const test = await cli(['rules', 'test', LAB, '--rules', LAB]);
    expect(guide).toContain(`$ dl-advisor rules test examples/lab-pack --rules examples/lab-pack\n${test.stdout}`);
  });

  it('documents every limit with its value', () => {
    const table = guide.slice(guide.indexOf('| limit | value | when exceeded |'));
    for (const [name, value] of Object.entries(LIMITS)) {
      const shown = name === 'fileBytes' ? '2 MiB' : value.toLocaleString('en-US');
      expect(table, name).toContain(shown);
    }
  });

  it('quotes the example pack as it is', () => {
    const pack = readFileSync(`${LAB}/lab.yaml`, 'utf8');
    for (const line of [
      'pack: lab-foldlm',
      '    askIf: { modality: biosequence }',
      '    favor: { foldlm: 5 }',
      '    whenPrimary: [foldlm]',
      'disable: [biosequence-recurrent]',
    ]) {
      expect(pack).toContain(line);
      expect(guide).toContain(line);
    }
  });
});
