/**
 * Choice-level conditions (validIf, issue 13): `kind` values by modality, tasks offered by
 * modality in the walkthrough only, the documented error for answers from flags and files.
 */
import { describe, expect, it } from 'vitest';
import { type Prompts, walkthrough } from '../../src/answers/interactive.js';
import { validChoices, validIfProblems } from '../../src/answers/valid-if.js';
import { selectConfig } from '../../src/answers/walkthrough/plan.js';
import type { InputConfig, SelectConfig } from '../../src/answers/walkthrough/prompts.js';
import { assemble } from '../../src/knowledge/assemble.js';
import type { Question } from '../../src/knowledge/schema.js';
import { cli } from '../helpers/io.js';
import { builtin } from '../helpers/knowledge.js';

const questions = builtin().questions;
const q = (id: string): Question => questions.find((x) => x.id === id) as Question;
const io = { input: null, output: { write: () => true }, env: {} };

describe('validIf: which choices apply', () => {
  it.each([
    ['graph', ['molecules', 'atomistic', 'network', 'mesh', 'unknown']],
    ['time-series', ['signal', 'records', 'panel', 'unknown']],
    ['image', ['2d', 'volume', 'slide', 'unknown']],
    ['biosequence', ['protein', 'dna', 'rna', 'unknown']],
    ['text', ['unknown']],
  ])('kinds for %s: %j', (modality, kinds) => {
    expect(validChoices(q('kind'), { modality }).map((c) => c.value)).toEqual(kinds);
  });

  it('the documented error for a kind of another modality', () => {
    expect(validIfProblems(questions, { modality: 'graph', kind: 'volume' })).toEqual([
      {
        code: 'choice-not-valid',
        message: "kind: 'volume' does not apply to modality 'graph'; allowed for graph: molecules, atomistic, network, mesh, unknown",
      },
    ]);
    expect(validIfProblems(questions, { modality: 'tabular', kind: 'protein' })[0]?.message).toBe(
      "kind: 'protein' does not apply to modality 'tabular'; allowed for tabular: unknown",
    );
  });

  it('no error for a valid kind, for unknown, or before the modality is known', () => {
    expect(validIfProblems(questions, { modality: 'image', kind: 'volume' })).toEqual([]);
    expect(validIfProblems(questions, { modality: 'graph', kind: 'unknown' })).toEqual([]);
    expect(validIfProblems(questions, { kind: 'volume' })).toEqual([]);
  });

  it('flags and files accept any task: the task conditions only narrow the walkthrough', () => {
    expect(validIfProblems(questions, { modality: 'graph', task: 'pose-estimation' })).toEqual([]);
    const offered = selectConfig(q('task'), null, 'first', { modality: 'graph' }).choices.map((c) => c.value);
    expect(offered).not.toContain('pose-estimation');
    expect(offered).toContain('classification');
    expect(selectConfig(q('task'), null, 'first', { modality: 'image' }).choices.map((c) => c.value)).toContain('pose-estimation');
    expect(selectConfig(q('task'), null, 'first', { modality: 'tabular' }).choices.map((c) => c.value)).not.toContain('segmentation');
  });
});

describe('validIf in the CLI and the library', () => {
  it('a flag with a kind of another modality: exit 2 and the message', async () => {
    const r = await cli(['--modality', 'graph', '--kind', 'volume', '--task', 'regression', '--labeled', '100', '--no-input']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("kind: 'volume' does not apply to modality 'graph'; allowed for graph: molecules, atomistic, network, mesh, unknown");
  });

  it('the same from an answers file, as one JSON error document', async () => {
    const r = await cli(['--answers', '-', '--json'], { stdin: 'modality: image\nkind: protein\ntask: classification\nlabeled: 50\n' });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).errors[0].message).toBe("kind: 'protein' does not apply to modality 'image'; allowed for image: 2d, volume, slide, unknown");
  });

  it('an unusual task from a flag is still advised', async () => {
    const r = await cli(['--modality', 'graph', '--task', 'pose-estimation', '--labeled', '100', '--json']);
    expect(r.code).toBe(0);
  });
});

describe('validIf in the walkthrough', () => {
  /** Answers every prompt with `replies[name]` (or the preselected value), recording what each select offered. */
  const person = (replies: Record<string, string[]>) => {
    const offered: Record<string, string[][]> = {};
    const next = (name: string) => replies[name]?.shift();
    const p: Prompts = {
      async select<V>(c: SelectConfig<V>): Promise<V> {
        offered[c.name] = [...(offered[c.name] ?? []), c.choices.map((x) => String(x.value))];
        const reply = next(c.name);
        return (reply ?? c.default ?? c.choices[0]?.value) as V;
      },
      async input(c: InputConfig): Promise<string> {
        return next(c.name) ?? c.default ?? '10';
      },
      note() {},
    };
    return { p, offered };
  };

  it('offers only the kinds of the chosen modality', async () => {
    const { p, offered } = person({ modality: ['graph'], kind: ['network'], task: ['classification'], labeled: ['300'], review: [':done'] });
    const answers = await walkthrough(questions, {}, io, p);
    expect(offered.kind?.[0]).toEqual(['molecules', 'atomistic', 'network', 'mesh', 'unknown']);
    expect(offered.task?.[0]).not.toContain('pose-estimation');
    expect(answers).toMatchObject({ modality: 'graph', kind: 'network' });
  });

  it('a changed modality drops a kind that no longer applies and asks it again', async () => {
    const { p, offered } = person({
      modality: ['graph', 'image'],
      kind: ['molecules', 'volume'],
      task: ['regression'],
      labeled: ['300'],
      review: ['modality', ':done'],
    });
    const answers = await walkthrough(questions, {}, io, p);
    expect(offered.kind?.[1]).toEqual(['2d', 'volume', 'slide', 'unknown']);
    expect(answers).toMatchObject({ modality: 'image', kind: 'volume' });
  });
});

describe('validIf in rule packs', () => {
  const sources = (questions: Question[]) => [{ file: 'q.yaml', pack: { pack: 'q', version: '1.0.0', questions }, locate: () => ({ line: 1, column: 1 }) }];
  const base = { type: 'choice' as const, prompt: 'p?', help: 'h.', required: false };

  it('reports an unknown question in a validIf, and a validIf on the default', () => {
    const { problems } = assemble(
      sources([
        {
          ...base,
          id: 'size',
          choices: [
            { value: 'big', label: 'B', description: 'b' },
            { value: 'small', label: 'S', description: 's' },
          ],
          default: 'big',
        },
        {
          ...base,
          id: 'shape',
          default: 'round',
          choices: [
            { value: 'round', label: 'R', description: 'r', validIf: { size: 'big' } },
            { value: 'flat', label: 'F', description: 'f', validIf: { sise: 'small' } },
          ],
        },
      ]),
    );
    expect(problems.map((x) => x.message)).toEqual([
      '"round" is the default or "not sure" value of "shape", so it must always be valid',
      'unknown question "sise"',
    ]);
  });
});
