/** Precedent files: the schema's one-line problems (file:line:column, key, what is allowed) and its JSON Schema. */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { packageRoot } from '../../src/knowledge/paths.js';
import { crossCheck, parsePrecedentFile, precedentsJsonSchema, readPrecedentFiles, vocabularyOf } from '../../src/knowledge/precedents.js';
import { builtin } from '../helpers/knowledge.js';

const vocabulary = vocabularyOf(builtin());
const fixtures = `${packageRoot()}tests/fixtures/precedents/`;
const read = (name: string) => readPrecedentFiles([`${fixtures}${name}`], vocabulary, () => name);
const lines = (name: string) => read(name).problems.map(formatProblem);

describe('precedent files: problems', () => {
  it('a valid file loads with its values', () => {
    const r = read('good.yaml');
    expect(r.problems).toEqual([]);
    expect(r.precedents).toHaveLength(1);
    expect(r.precedents[0]?.answers).toMatchObject({ modality: 'image', kind: '2d', labeled: 900, dependence: 'grouped' });
  });

  it('a kind of another modality names the allowed kinds at its line', () => {
    expect(lines('bad-kind.yaml')).toEqual([
      'bad-kind.yaml:7:7: precedents[0].answers.kind: "slide" is not a kind of graph data; expected one of "molecules", "atomistic", "network", "mesh"',
    ]);
  });

  it('two identifiers: the second one is reported', () => {
    expect(lines('bad-two-ids.yaml')).toEqual([
      'bad-two-ids.yaml:5:5: precedents[0].arxiv: give only one of doi, arxiv and url (this entry has doi and arxiv)',
    ]);
  });

  it('every bad value is one line with its key, the allowed values and a suggestion', () => {
    const found = lines('bad-values.yaml');
    expect(found).toHaveLength(6);
    expect(found[0]).toBe('bad-values.yaml:4:5: precedents[0].doi: not a DOI: write it as printed, e.g. 10.1038/nature21056 (without https://doi.org/)');
    expect(found[1]).toMatch(
      /^bad-values\.yaml:5:35: precedents\[0\]\.answers\.task: "regresion" is not allowed; expected one of .*\(did you mean "regression"\?\)$/,
    );
    expect(found[2]).toBe(
      'bad-values.yaml:5:52: precedents[0].answers.dependence: "clustered" is not allowed; expected one of "independent", "grouped", "temporal"',
    );
    expect(found[3]).toMatch(/^bad-values\.yaml:6:23: precedents\[0\]\.used\.methods\[0\]: "xgboost" is not allowed; expected one of "linear-regression", /);
    expect(found[4]).toMatch(/^bad-values\.yaml:7:5: precedents\[0\]\.result: "mixed" is not allowed; expected one of "positive", "negative", "caution"$/);
    expect(found[5]).toMatch(
      /^bad-values\.yaml:9:5: precedents\[0\]\.checked: "memory" is not allowed; expected one of "abstract", "full-text", "benchmark-table"/,
    );
    for (const line of found) expect(line).not.toContain('\n');
  });

  it('ids and identifiers are unique across files (DOIs compared without case)', () => {
    const r = readPrecedentFiles([`${fixtures}good.yaml`, `${fixtures}duplicate.yaml`], vocabulary, (p) => p.slice(fixtures.length));
    expect(r.problems.map(formatProblem)).toEqual([
      'duplicate.yaml:2:5: precedents[0].id: id "good-2020-example" is already used by good-2020-example (good.yaml:2) (ids are unique across all precedent files)',
      'duplicate.yaml:12:5: precedents[1].doi: doi "10.1234/example.5678" is already used by good-2020-example (good.yaml:4) (one entry per work; merge the two, drop one, or mark another task of the same paper with samePaper: good-2020-example)',
    ]);
    expect(r.problems.every((p) => p.code === 'duplicate-id')).toBe(true);
  });

  describe('samePaper: another task of the same publication may share its identifier', () => {
    const entry = (id: string, task: string, extra = '') =>
      `  - id: ${id}\n    citation: { authors: [A. Test], year: 2020, title: T, venue: V }\n    doi: 10.1234/same.paper\n${extra}    answers: { modality: image, kind: 2d, task: ${task}, labeled: 900 }\n    used: { methods: [cnn], recipe: "a CNN" }\n    result: positive\n    finding: A figure, 0.9 AUC.\n    checked: abstract\n`;
    const check = (text: string) => {
      const r = parsePrecedentFile(`precedents:\n${text}`, 'same.yaml', vocabulary);
      expect(r.problems).toEqual([]);
      return crossCheck(r.value ? [r.value] : []).map(formatProblem);
    };

    it('marked, with a different task: no problem', () => {
      expect(check(entry('a-2020-first', 'classification') + entry('a-2020-second', 'segmentation', '    samePaper: a-2020-first\n'))).toEqual([]);
    });

    it('unmarked, or marked with the same answers, or naming no entry: one line each', () => {
      expect(check(entry('a-2020-first', 'classification') + entry('a-2020-second', 'segmentation'))).toEqual([
        'same.yaml:12:5: precedents[1].doi: doi "10.1234/same.paper" is already used by a-2020-first (same.yaml:4) (one entry per work; merge the two, drop one, or mark another task of the same paper with samePaper: a-2020-first)',
      ]);
      expect(check(entry('a-2020-first', 'classification') + entry('a-2020-second', 'classification', '    samePaper: a-2020-first\n'))).toEqual([
        'same.yaml:12:5: precedents[1].doi: doi "10.1234/same.paper" is shared with a-2020-first (same.yaml:4), which has the same answers (entries of the same publication describe different tasks)',
      ]);
      expect(check(entry('a-2020-first', 'classification', '    samePaper: a-2020-first\n'))).toEqual([
        'same.yaml:5:5: precedents[0].samePaper: "a-2020-first" is not the id of another entry (samePaper names the entry on another task of the same publication)',
      ]);
    });
  });

  it("answers that break a validIf of the questions are a problem at the entry's answers", () => {
    // The built-in task question checks its validIf only in the walkthrough; a pack's may check it everywhere.
    const strict = { ...vocabulary, questions: vocabulary.questions.map((q) => (q.id === 'task' ? { ...q, validIfScope: undefined } : q)) };
    const text = readFileSync(`${fixtures}good.yaml`, 'utf8').replace(
      'modality: image, kind: 2d, task: classification',
      'modality: text, task: pose-estimation',
    );
    const r = parsePrecedentFile(text, 'good.yaml', strict);
    expect(r.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^good\.yaml:5:5: precedents\[0\]\.answers: task: 'pose-estimation' does not apply to modality 'text'/),
    ]);
    expect(parsePrecedentFile(text, 'good.yaml', vocabulary).problems).toEqual([]);
  });

  it('an empty file and a missing file are problems, not exceptions', () => {
    expect(parsePrecedentFile('  \n', 'empty.yaml', vocabulary).problems.map(formatProblem)).toEqual([
      'empty.yaml:1:1: file is empty; expected "precedents:" and a list of entries',
    ]);
    const missing = readPrecedentFiles([`${fixtures}nope.yaml`], vocabulary);
    expect(missing.problems).toHaveLength(1);
    expect(missing.problems[0]?.code).toBe('unreadable');
  });

  it('an unquoted arXiv id (a number in YAML) says to quote it', () => {
    const text = readFileSync(`${fixtures}bad-kind.yaml`, 'utf8').replace('arxiv: "2003.11755"', 'arxiv: 2003.11755').replace('kind: slide', 'kind: molecules');
    expect(parsePrecedentFile(text, 'x.yaml', vocabulary).problems.map(formatProblem)).toEqual([
      'x.yaml:4:5: precedents[0].arxiv: expected string, got number 2003.11755 (put it in quotes: "2003.11755")',
    ]);
  });
});

describe('precedent files: JSON Schema', () => {
  const schema = precedentsJsonSchema(vocabulary);

  it('schemas/precedents.schema.json is the one the zod schema generates', () => {
    const committed = JSON.parse(readFileSync(`${packageRoot()}schemas/precedents.schema.json`, 'utf8'));
    expect(committed, 'schemas/precedents.schema.json is stale: run npm run build').toEqual(schema);
  });

  it('accepts the valid fixture and rejects a bad value (ajv)', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(schema);
    const yaml = (name: string) => (read(name).precedents.length > 0 ? { precedents: read(name).precedents } : undefined);
    expect(validate(yaml('good.yaml'))).toBe(true);
    const bad = { precedents: [{ ...read('good.yaml').precedents[0], result: 'mixed' }] };
    expect(validate(bad)).toBe(false);
  });
});
