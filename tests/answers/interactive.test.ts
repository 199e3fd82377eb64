/**
 * The walkthrough: the flow with a scripted fake behind the prompt seam, the real prompt
 * adapters with @inquirer/testing, and whole `advise` runs in process with the fake.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import * as inquirer from '@inquirer/prompts';
import { render } from '@inquirer/testing';
import { describe, expect, it, vi } from 'vitest';
import { type Prompts, pending, walkthrough } from '../../src/answers/interactive.js';
import { splitKeys } from '../../src/answers/walkthrough/keys.js';
import { DONE, inputConfig, reviewConfig, selectConfig, validateCount } from '../../src/answers/walkthrough/plan.js';
import { createPrompts, fitDetail, type InputConfig, type SelectConfig } from '../../src/answers/walkthrough/prompts.js';
import { run } from '../../src/cli/run.js';
import type { Answers } from '../../src/engine/conditions.js';
import { CancelledError } from '../../src/errors.js';
import type { Question } from '../../src/knowledge/schema.js';
import { plain } from '../../src/render/style.js';
import { builtin } from '../helpers/knowledge.js';

// Whole-CLI runs below take their prompts from `scripted.next` instead of a terminal.
const scripted = vi.hoisted(() => ({ next: undefined as undefined | (() => Prompts), loads: 0 }));
vi.mock('../../src/answers/walkthrough/prompts.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/answers/walkthrough/prompts.js')>();
  return {
    ...actual,
    loadPrompts: async (io: Parameters<typeof actual.loadPrompts>[0]) => {
      scripted.loads++;
      return scripted.next ? scripted.next() : actual.loadPrompts(io);
    },
  };
});

const questions = builtin().questions;
const question = (id: string): Question => {
  const q = questions.find((x) => x.id === id);
  if (!q) throw new Error(`no question ${id}`);
  return q;
};
const io = { input: null, output: { write: () => true }, env: {} };

/** Press Enter: take what the prompt preselected. */
const ENTER = Symbol('enter');
type Reply = string | typeof ENTER | Error;

/**
 * A person following a script: each step names the prompt it expects and the reply. Number
 * replies go through the prompt's own validation, as the real prompt would.
 */
class ScriptedPerson implements Prompts {
  readonly asked: string[] = [];
  readonly configs = new Map<string, (SelectConfig<unknown> | InputConfig)[]>();
  readonly notes: string[] = [];
  constructor(
    private readonly script: [string, Reply][],
    private readonly rest?: Reply,
  ) {}

  async select<V>(config: SelectConfig<V>): Promise<V> {
    const reply = this.reply(config);
    if (reply === ENTER) return config.default ?? (config.choices[0] as { value: V }).value;
    const choice = config.choices.find((c) => c.value === reply);
    if (!choice) throw new Error(`${config.name}: no choice ${reply}; choices: ${config.choices.map((c) => c.value)}`);
    return choice.value;
  }

  async input(config: InputConfig): Promise<string> {
    const reply = this.reply(config);
    const text = reply === ENTER ? (config.default ?? '') : reply;
    const valid = config.validate(text);
    if (valid !== true) throw new Error(`${config.name}: ${JSON.stringify(text)} rejected: ${valid}`);
    return text;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  get done(): boolean {
    return this.script.length === 0;
  }

  private reply(config: SelectConfig<unknown> | InputConfig): string | typeof ENTER {
    this.asked.push(config.name);
    this.configs.set(config.name, [...(this.configs.get(config.name) ?? []), config]);
    const step = this.script.shift();
    const reply = step ? step[1] : this.rest;
    if (step && step[0] !== config.name) throw new Error(`expected the prompt ${step[0]}, got ${config.name}`);
    if (reply === undefined) throw new Error(`unexpected prompt ${config.name}`);
    if (reply instanceof Error) throw reply;
    return reply;
  }
}

/** Accept every default, then "looks right". */
const acceptAll = () => new ScriptedPerson([], ENTER);

describe('walkthrough: which questions are asked', () => {
  it('a table: the tabular questions, not pretrained or simulator, then the review', async () => {
    const person = new ScriptedPerson([
      ['modality', 'tabular'],
      ['task', 'classification'],
      ['labeled', '1.2k'],
      ['unlabeled', ENTER],
      ['features', '3,000'],
      ['goal', 'understanding'],
      ['linear', 'yes'],
      ['snr', ENTER],
      ['labelQuality', ENTER],
      ['dependence', 'grouped'],
      ['shift', ENTER],
      ['relatedTasks', ENTER],
      ['compute', 'cpu'],
      ['review', DONE],
    ]);
    const answers = await walkthrough(questions, {}, io, person);
    expect(person.done).toBe(true);
    expect(answers).toEqual({
      modality: 'tabular',
      task: 'classification',
      labeled: 1200,
      unlabeled: 0,
      features: 3000,
      goal: 'understanding',
      linear: 'yes',
      snr: 'unknown',
      labelQuality: 'clean',
      dependence: 'grouped',
      shift: 'no',
      relatedTasks: 'no',
      compute: 'cpu',
    });
  });

  it.each<[string, Answers, string[]]>([
    [
      'images ask about pretrained models, not features, linearity or noise',
      { modality: 'image', task: 'classification', labeled: 900 },
      ['kind', 'unlabeled', 'goal', 'labelQuality', 'dependence', 'pretrained', 'shift', 'relatedTasks', 'compute'],
    ],
    [
      'no labels: no question about label quality',
      { modality: 'time-series', task: 'forecasting', labeled: 0 },
      ['kind', 'unlabeled', 'goal', 'snr', 'pretrained', 'shift', 'relatedTasks', 'compute'],
    ],
    [
      'control asks for a simulator and not for related targets',
      { modality: 'graph', task: 'control', labeled: 0 },
      ['kind', 'unlabeled', 'goal', 'pretrained', 'shift', 'compute', 'simulator'],
    ],
    [
      'a table for generation: no linearity question',
      { modality: 'tabular', task: 'generation', labeled: 0 },
      ['unlabeled', 'features', 'goal', 'snr', 'shift', 'compute'],
    ],
    [
      'answers given by flags are not asked again',
      { modality: 'tabular', task: 'regression', labeled: 500, features: 8, goal: 'both', compute: 'gpu' },
      ['unlabeled', 'linear', 'snr', 'labelQuality', 'dependence', 'shift', 'relatedTasks'],
    ],
  ])('%s', async (_, given, asked) => {
    const person = acceptAll();
    await walkthrough(questions, given, io, person);
    expect(person.asked).toEqual([...asked, 'review']);
  });

  it('asks in the order of questions.yaml: the modality and its kind, then the task and the labels', async () => {
    const person = new ScriptedPerson(
      [
        ['modality', 'image'],
        ['kind', 'volume'],
        ['task', 'segmentation'],
        ['labeled', '40'],
      ],
      ENTER,
    );
    await walkthrough(questions, {}, io, person);
    expect(person.asked.slice(0, 4)).toEqual(['modality', 'kind', 'task', 'labeled']);
  });

  it('evaluates askIf against the answers so far: the labeled count decides labelQuality', () => {
    expect(pending(questions, { modality: 'text', task: 'classification', labeled: 0 }, new Set()).map((q) => q.id)).not.toContain('labelQuality');
    expect(pending(questions, { modality: 'text', task: 'classification', labeled: 5 }, new Set()).map((q) => q.id)).toContain('labelQuality');
  });

  it('keeps given answers to questions that would not be asked, and says what is already known', async () => {
    const person = acceptAll();
    const answers = await walkthrough(questions, { modality: 'tabular', task: 'regression', labeled: 300, pretrained: 'yes' }, io, person);
    expect(answers.pretrained).toBe('yes');
    expect(person.asked).not.toContain('pretrained');
    expect(person.notes.join('')).toContain('Already answered: Modality tabular, Task regression, Labelled training examples 300, Pretrained yes.');
  });

  it('asks nothing and shows no review when everything is answered', async () => {
    const all: Answers = { modality: 'graph', task: 'control', labeled: 0, unlabeled: 10, features: null, goal: 'prediction', linear: 'no', snr: 'low' };
    for (const q of questions) all[q.id] ??= q.default ?? q.unsure ?? null;
    const person = new ScriptedPerson([]);
    expect(await walkthrough(questions, all, io, person)).toEqual(all);
    expect(person.asked).toEqual([]);
    expect(person.notes).toEqual([]);
  });

  it('passes a cancel through', async () => {
    const person = new ScriptedPerson([
      ['modality', 'image'],
      ['kind', ENTER],
      ['task', new CancelledError()],
    ]);
    await expect(walkthrough(questions, {}, io, person)).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('walkthrough: what each prompt offers', () => {
  it('a choice shows the question, the help, every choice with its description, the default preselected', () => {
    const c = selectConfig(question('goal'), 'prediction', 'first');
    expect(c).toMatchObject({
      name: 'goal',
      message: 'What matters more, accurate prediction or understanding?',
      help: expect.stringContaining('Understanding means'),
      default: 'prediction',
    });
    expect(c.choices).toEqual([
      { value: 'prediction', name: 'Prediction (default)', short: 'Prediction', description: 'the most accurate predictions' },
      { value: 'understanding', name: 'Understanding', short: 'Understanding', description: 'which inputs matter and why; mechanisms' },
      { value: 'both', name: 'Both', short: 'Both', description: 'good predictions that you can also explain' },
    ]);
  });

  it('offers the "unsure" value as Not sure', () => {
    const q = { ...question('compute'), choices: question('compute').choices?.map((c) => (c.value === 'unknown' ? { ...c, label: 'No idea' } : c)) };
    const c = selectConfig(q, 'unknown', 'first');
    expect(c.choices.at(-1)).toMatchObject({ value: 'unknown', name: 'Not sure (default)', short: 'Not sure' });
  });

  it('marks the current answer when an answer is changed', () => {
    const c = selectConfig(question('modality'), 'image', 'change');
    expect(c.default).toBe('image');
    expect(c.choices.find((x) => x.value === 'image')?.name).toBe('Images (current)');
  });

  it('a required choice has no preselected default', () => {
    expect(selectConfig(question('modality'), null, 'first').default).toBeUndefined();
  });

  it.each([
    ['labeled', null, undefined],
    ['unlabeled', 0, '0'],
    ['features', null, 'unknown'],
    ['labeled', 1200, '1200'],
  ])('number %s with %j offers %j', (id, current, shown) => {
    expect(inputConfig(question(id), current).default).toBe(shown);
  });

  it.each([
    ['labeled', '1.2k', true],
    ['labeled', '3,000', true],
    ['labeled', '1_200', true],
    ['labeled', '0', true],
    ['labeled', 'lots', '"lots" is not a count; expected a whole number >= 0 (e.g. 1200, 1,200, 1.2k, 3M)'],
    ['labeled', '2.5', '"2.5" is not a count; expected a whole number >= 0 (e.g. 1200, 1,200, 1.2k, 3M)'],
    ['labeled', '-5', '"-5" is not a count; expected a whole number >= 0 (e.g. 1200, 1,200, 1.2k, 3M)'],
    ['labeled', '', 'an answer is needed: a whole number >= 0 (e.g. 1200, 1,200, 1.2k, 3M)'],
    ['features', '', true],
    ['features', 'unknown', true],
    ['features', '0', '"0" is below the minimum 1; expected a whole number >= 1 (e.g. 1200, 1,200, 1.2k, 3M), or "unknown"'],
  ])('%s: %j -> %j', (id, text, expected) => {
    expect(validateCount(question(id), text)).toBe(expected);
  });

  it('reads an empty optional number as unknown and shows numbers readably', async () => {
    const c = inputConfig(question('features'), null);
    expect(c.answerLabel?.('')).toBe('unknown');
    expect(inputConfig(question('labeled'), null).answerLabel?.('1.2k')).toBe('1,200');
    const answers = await walkthrough(
      questions,
      { modality: 'tabular', task: 'regression', labeled: 50 },
      io,
      new ScriptedPerson(
        [
          ['unlabeled', '2k'],
          ['features', ''],
        ],
        ENTER,
      ),
    );
    expect(answers).toMatchObject({ unlabeled: 2000, features: null });
  });
});

describe('walkthrough: the review', () => {
  const table = { modality: 'tabular', task: 'classification', labeled: 800 };

  it('summarises every answer, given and asked, and the defaults of questions that do not apply', () => {
    const answers = {
      ...table,
      unlabeled: 0,
      features: 12,
      goal: 'prediction',
      linear: 'unknown',
      snr: 'high',
      labelQuality: 'clean',
      dependence: 'unknown',
      shift: 'no',
      relatedTasks: 'no',
      compute: 'cpu',
    };
    const c = reviewConfig(questions, answers, new Set(['modality']));
    expect(c.details).toEqual([
      'Modality                    tabular  (given)',
      'Task                        classification',
      'Labelled training examples  800',
      'Unlabelled examples         0',
      'Features                    12',
      'Goal                        prediction',
      'Linear                      unknown (not sure)',
      'SNR                         high',
      'Label quality               clean',
      'Dependence                  unknown (not sure)',
      'Shift                       no',
      'Related tasks               no',
      'Compute                     cpu',
      'Do not apply, defaults used: kind unknown (not sure), pretrained unknown (not sure), simulator no',
    ]);
    expect(c.default).toBe(DONE);
    expect(c.choices.map((x) => x.name)).toEqual([
      'Looks right — show the recommendation',
      ...[
        'modality',
        'task',
        'labelled training examples',
        'unlabelled examples',
        'features',
        'goal',
        'linear',
        'SNR',
        'label quality',
        'dependence',
        'shift',
        'related tasks',
        'compute',
      ].map((name) => `Change ${name}`),
    ]);
    expect(c.choices[3]?.description).toBe('How many labelled training examples do you have? Now: 800');
  });

  it('re-asks a changed answer with the current value preselected, then reviews again', async () => {
    const person = new ScriptedPerson([
      ['review', 'labeled'],
      ['labeled', '2k'],
      ['review', DONE],
    ]);
    const answers = await walkthrough(questions, table, io, skipToReview(person));
    expect(answers.labeled).toBe(2000);
    expect(person.asked).toEqual(['review', 'labeled', 'review']);
    expect((person.configs.get('labeled') as InputConfig[])[0]?.default).toBe('800');
    const reviews = person.configs.get('review') as SelectConfig<string>[];
    expect(reviews[0]?.details).toContain('Labelled training examples  800  (given)');
    expect(reviews[1]?.details).toContain('Labelled training examples  2,000');
  });

  it('changing the number of labels to 0 drops the label-quality answer; back above 0 asks it again', async () => {
    const person = new ScriptedPerson([
      ['review', 'labeled'],
      ['labeled', '0'],
      ['review', DONE],
    ]);
    const none = await walkthrough(questions, table, io, skipToReview(person));
    expect(none.labeled).toBe(0);
    expect(none).not.toHaveProperty('labelQuality');
    const second = (person.configs.get('review') as SelectConfig<string>[])[1];
    expect(second?.choices.map((c) => c.value)).not.toContain('labelQuality');
    expect(second?.details?.at(-1)).toContain('label quality clean');

    const again = new ScriptedPerson([
      ['review', 'labeled'],
      ['labeled', '50'],
      ['labelQuality', 'noisy'],
      ['dependence', ENTER],
      ['review', DONE],
    ]);
    const back = await walkthrough(questions, { ...table, labeled: 0 }, io, skipToReview(again));
    expect(back).toMatchObject({ labeled: 50, labelQuality: 'noisy' });
  });

  it('an answer set aside by a change comes back when its question applies again (not asked again)', async () => {
    const person = new ScriptedPerson([
      ['review', 'labeled'],
      ['labeled', '0'],
      ['review', 'labeled'],
      ['labeled', '200'],
      ['review', DONE],
    ]);
    const answers = await walkthrough(questions, table, io, skipToReview(person, { labelQuality: 'noisy' }));
    expect(answers).toMatchObject({ labeled: 200, labelQuality: 'noisy' });
    expect(person.asked).not.toContain('labelQuality');
    const last = (person.configs.get('review') as SelectConfig<string>[]).at(-1);
    expect(last?.details).toContain('Label quality               noisy');
  });

  it('skips what cannot change the advice, and asks it once a later answer makes it matter', async () => {
    // unlabeled matters only with a GPU; compute comes later in the questions.
    const matters = (q: Question, a: Answers) => q.id !== 'unlabeled' || a.compute === 'gpu';
    const person = new ScriptedPerson(
      [
        ['kind', ENTER],
        ['goal', ENTER],
        ['labelQuality', ENTER],
        ['dependence', ENTER],
        ['pretrained', ENTER],
        ['shift', ENTER],
        ['relatedTasks', ENTER],
        ['compute', 'gpu'],
        ['unlabeled', '5k'],
        ['review', DONE],
      ],
      undefined,
    );
    const answers = await walkthrough(questions, { modality: 'image', task: 'classification', labeled: 900 }, io, person, { matters });
    expect(answers).toMatchObject({ compute: 'gpu', unlabeled: 5000 });
    const cpu = new ScriptedPerson([], ENTER);
    await walkthrough(questions, { modality: 'image', task: 'classification', labeled: 900 }, io, cpu, { matters });
    expect(cpu.asked).not.toContain('unlabeled');
    expect((cpu.configs.get('review') as SelectConfig<string>[])[0]?.details).toContain(
      'Unlabelled examples         0  (not asked: would not change the advice)',
    );
  });

  it('changing the modality drops the tabular answers and asks the newly applicable question', async () => {
    const person = new ScriptedPerson(
      [
        ['modality', 'tabular'],
        ['task', 'classification'],
        ['labeled', '800'],
        ['unlabeled', ENTER],
        ['features', '12'],
        ['goal', ENTER],
        ['linear', 'yes'],
        ['snr', 'high'],
        ['labelQuality', ENTER],
        ['dependence', ENTER],
        ['shift', ENTER],
        ['relatedTasks', ENTER],
        ['compute', ENTER],
        ['review', 'modality'],
        ['modality', 'image'],
        ['kind', '2d'],
        ['pretrained', 'yes'],
        ['review', DONE],
      ],
      undefined,
    );
    const answers = await walkthrough(questions, {}, io, person);
    expect(answers).toEqual({
      modality: 'image',
      kind: '2d',
      task: 'classification',
      labeled: 800,
      unlabeled: 0,
      goal: 'prediction',
      labelQuality: 'clean',
      dependence: 'unknown',
      pretrained: 'yes',
      shift: 'no',
      relatedTasks: 'no',
      compute: 'unknown',
    });
    const modality = person.configs.get('modality') as SelectConfig<string>[];
    expect(modality[1]?.default).toBe('tabular');
  });

  it('may change an answer that was given by a flag', async () => {
    const person = new ScriptedPerson(
      [
        ['review', 'task'],
        ['task', 'regression'],
        ['review', DONE],
      ],
      ENTER,
    );
    const answers = await walkthrough(questions, { modality: 'image', task: 'classification', labeled: 10 }, io, skipToReview(person));
    expect(answers.task).toBe('regression');
  });
});

describe('the real prompts (@inquirer/testing)', () => {
  type Run<V> = (config: V, context?: { input?: unknown; output?: unknown }) => Promise<unknown>;
  const adapter = <V>(pick: (p: Prompts, config: V) => Promise<unknown>): Run<V> => {
    return (config, context) => pick(createPrompts(inquirer, { input: context?.input, output: context?.output as never }, plain), config);
  };
  const selectPrompt = adapter<SelectConfig<string>>((p, c) => p.select(c));
  const inputPrompt = adapter<InputConfig>((p, c) => p.input(c));

  it('select: question, help, choices, the default preselected with its description; Enter takes it', async () => {
    const { answer, getScreen, events, getFullOutput } = await render(selectPrompt as never, selectConfig(question('linear'), 'unknown', 'first'));
    const screen = getScreen();
    expect(screen).toContain('? Is the outcome expected to depend roughly linearly on the inputs?');
    expect(screen).toContain('Say yes if domain knowledge suggests additive, proportional effects');
    expect(screen).toMatch(/ {2}Yes\n {2}No\n❯ Not sure \(default\)/);
    expect(screen).toContain('no strong expectation');
    events.keypress('up');
    expect(getScreen()).toContain('interactions, thresholds or other non-linear effects');
    events.keypress('enter');
    expect(await answer).toBe('no');
    expect(await getFullOutput()).toContain('✔ Is the outcome expected to depend roughly linearly on the inputs? No');
  });

  it('input: an invalid number shows the message inline and keeps the text; a fix is accepted', async () => {
    const { answer, getScreen, events, getFullOutput } = await render(inputPrompt as never, inputConfig(question('labeled'), null));
    expect(getScreen()).toContain('How many labelled training examples do you have?');
    expect(getScreen()).toMatch(/Numbers like 1,200,\s+1\.2k or 3M are fine\./);
    events.type('lots');
    events.keypress('enter');
    await expect.poll(getScreen).toContain('> "lots" is not a count; expected a whole number >= 0 (e.g. 1200, 1,200, 1.2k, 3M)');
    expect(getScreen()).toMatch(/› lots/);
    events.keypress({ name: 'u', ctrl: true });
    events.type('1.2k');
    await expect.poll(getScreen).not.toContain('is not a count');
    events.keypress('enter');
    expect(await answer).toBe('1.2k');
    expect(await getFullOutput()).toContain('✔ How many labelled training examples do you have? 1,200');
  });

  it('input: Enter on an optional number means unknown', async () => {
    const { answer, getScreen, events } = await render(inputPrompt as never, inputConfig(question('features'), null));
    expect(getScreen()).toContain('› (unknown)');
    events.keypress('enter');
    expect(await answer).toBe('unknown');
  });

  it('a review line too long for the terminal puts its mark under the value, columns kept', () => {
    const line = 'SNR                         unknown (not sure)  (not asked: would not change the advice)';
    expect(fitDetail(line, 99)).toBe(`  ${line}`);
    expect(fitDetail(line, 79)).toBe(`  SNR                         unknown (not sure)\n  ${' '.repeat(28)}(not asked: would not change the advice)`);
  });

  it('splits terminal input into keys, escape sequences whole', () => {
    expect(splitKeys('\r\x1b[B\x1b[A12\x1bOH\r')).toEqual(['\r', '\x1b[B', '\x1b[A', '1', '2', '\x1bOH', '\r']);
  });

  it('on a terminal, keys typed ahead go to the next prompts; the terminal is given back at the end', async () => {
    const raw: boolean[] = [];
    const tty = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (on: boolean) => raw.push(on) });
    let screen = '';
    const p = createPrompts(inquirer, { input: tty, output: { write: (t: string) => (screen += t), isTTY: true, columns: 80 } }, plain);
    // Down Enter (Images), Enter (the first task), "12" Enter: all typed before any prompt is drawn.
    tty.write('\x1b[B\r\r12\r');
    const modality = await p.select(selectConfig(question('modality'), null, 'first'));
    const task = await p.select(selectConfig(question('task'), null, 'first'));
    const labeled = await p.input(inputConfig(question('labeled'), null));
    p.close?.();
    expect([modality, task, labeled]).toEqual(['image', 'classification', '12']);
    expect(screen).toContain('✔ What kind of data do you have? Images');
    expect(raw).toEqual([true, false]);
  });

  it('Ctrl-C at a prompt is a cancel, not a crash', async () => {
    const { answer, events } = await render(selectPrompt as never, selectConfig(question('modality'), null, 'first'));
    events.keypress({ name: 'c', ctrl: true });
    await expect(answer).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('advise in a terminal (in process, scripted person)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-walk-'));

  async function advise(argv: string[], person?: ScriptedPerson, terminal = { stdin: true, stderr: true }, env: Record<string, string> = {}) {
    let stdout = '';
    let stderr = '';
    scripted.next = person ? () => person : () => new ScriptedPerson([]);
    scripted.loads = 0;
    const stdin = Object.assign(Readable.from([]), { isTTY: terminal.stdin });
    const code = await run(
      argv,
      { stdout: { write: (s: string) => (stdout += s), isTTY: false }, stderr: { write: (s: string) => (stderr += s), isTTY: terminal.stderr }, stdin, env },
      '9.9.9-test',
    );
    return { code, stdout, stderr, loads: scripted.loads };
  }

  it('never prompts when CI is set, even with terminals', async () => {
    const r = await advise([], new ScriptedPerson([]), { stdin: true, stderr: true }, { CI: 'true' });
    expect(r.code).toBe(2);
    expect(r.loads).toBe(0);
  });

  const imageSet = (): ScriptedPerson =>
    new ScriptedPerson([
      ['modality', 'image'],
      ['kind', '2d'],
      ['task', 'classification'],
      ['labeled', '900'],
      ['unlabeled', '20k'],
      ['goal', ENTER],
      ['labelQuality', ENTER],
      ['dependence', ENTER],
      ['pretrained', 'yes'],
      ['shift', ENTER],
      ['relatedTasks', ENTER],
      ['compute', 'gpu'],
      ['review', DONE],
    ]);

  it('stdout carries only the result; the command to run it again goes to stderr', async () => {
    const r = await advise(['--json'], imageSet());
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.recommendation.primary.id).toBe('cnn');
    expect(doc.answers).toMatchObject({ modality: 'image', labeled: 900, unlabeled: 20000, pretrained: 'yes', compute: 'gpu' });
    expect(r.stderr).toContain(
      'To run this again without questions:\n  npx dl-advisor --modality image --kind 2d --task classification --labeled 900 --unlabeled 20000 --goal prediction --label-quality clean --dependence unknown --pretrained yes --shift no --related-tasks no --compute gpu --no-input\n',
    );
  });

  it.each(['saved.yaml', 'saved.json'])('--save-answers %s reproduces the run with --answers', async (name) => {
    const saved = join(dir, name);
    const first = await advise(['--json', '--save-answers', saved], imageSet());
    expect(first.code).toBe(0);
    const again = await advise(['--answers', saved, '--json'], undefined, { stdin: false, stderr: false });
    expect(again.code).toBe(0);
    expect(again.loads).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(readFileSync(saved, 'utf8')).toMatch(name.endsWith('.json') ? /^\{\n {2}"modality": "image"/ : /^# dl-advisor answers: .*\nmodality: image\n/);
  });

  it('the printed command reproduces the run', async () => {
    const first = await advise(['--json'], imageSet());
    const command = /npx dl-advisor (.*)\n/.exec(first.stderr)?.[1] ?? '';
    const again = await advise([...command.split(' '), '--json'], undefined, { stdin: false, stderr: false });
    expect(again.stdout).toBe(first.stdout);
  });

  it('the required answers given by flags: the advice at once, no prompt, in a terminal too', async () => {
    const r = await advise(['--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes'], new ScriptedPerson([]));
    expect(r.code).toBe(0);
    expect(r.loads).toBe(0);
    expect(r.stdout).toContain('Start with: Convolutional neural network (CNN)');
    expect(r.stderr).toBe('');
  });

  it('--interactive: asks what the flags left open and can change the advice; the review says what was not asked', async () => {
    const person = new ScriptedPerson([], ENTER);
    const r = await advise(['--modality', 'tabular', '--task', 'classification', '--labeled', '1.2k', '--linear', 'yes', '--interactive'], person);
    expect(r.code).toBe(0);
    // The number of features, the label quality, dependence and shift can each change the advice
    // for a mid-sized table (TabPFN or trees, the split); related targets cannot here.
    expect(person.asked).toEqual(['features', 'labelQuality', 'dependence', 'shift', 'review']);
    const review = (person.configs.get('review') as SelectConfig<string>[])[0];
    expect(review?.details).toContain('Compute                     unknown (not sure)  (not asked: would not change the advice)');
    expect(review?.details).toContain('Modality                    tabular  (given)');
    expect(r.stdout).toContain('Start with: Logistic regression');
    // The printed command carries what was given or asked, not the questions left out.
    expect(r.stderr).toContain(
      'npx dl-advisor --modality tabular --task classification --labeled 1200 --features unknown --linear yes --label-quality clean --dependence unknown --shift no --no-input\n',
    );
  });

  it('every question left out would indeed not change the primary, its recipe and split, the strategies or a caution', async () => {
    const { mattersFor } = await import('../../src/answers/walkthrough/matters.js');
    const { evaluate } = await import('../../src/engine/evaluate.js');
    const { representatives } = await import('../../src/engine/answer-space.js');
    const k = builtin();
    const matters = mattersFor(k);
    const so = { modality: 'tabular', task: 'classification', labeled: 1200, linear: 'yes' };
    const full = (a: Answers) =>
      Object.fromEntries(k.questions.map((q) => [q.id, Object.hasOwn(a, q.id) ? (a[q.id] ?? null) : (q.default ?? q.unsure ?? null)]));
    const key = (a: Answers) => {
      const rec = evaluate(k, full(a)).recommendation;
      return JSON.stringify([
        rec.primary.id,
        rec.primary.recipe?.id,
        rec.primary.recipe?.evaluation,
        rec.strategies.map((x) => x.id),
        rec.cautions.map((c) => c.rule),
      ]);
    };
    const left = questions.filter((q) => !q.required && !Object.hasOwn(so, q.id) && !matters(q, so));
    expect(left.map((q) => q.id)).toContain('compute');
    for (const q of left) expect(new Set(representatives(q, k).map((v) => key({ ...so, [q.id]: v }))).size).toBe(1);
    expect(matters(question('labelQuality'), so)).toBe(true);
    expect(new Set(['clean', 'noisy'].map((v) => key({ ...so, labelQuality: v }))).size).toBe(2);
  });

  it('over every rule case, a person answering truthfully gets the same advice with the questions left out', async () => {
    const { mattersFor } = await import('../../src/answers/walkthrough/matters.js');
    const { evaluate } = await import('../../src/engine/evaluate.js');
    const { completeAnswers } = await import('../../src/answers/normalize.js');
    const { readCaseFiles } = await import('../../src/knowledge/cases.js');
    const k = builtin();
    const matters = mattersFor(k);
    const key = (a: Answers) => {
      const rec = evaluate(k, completeAnswers(k.questions, a).answers).recommendation;
      return JSON.stringify([
        rec.primary.id,
        rec.primary.recipe?.id,
        rec.primary.recipe?.evaluation,
        rec.strategies.map((x) => x.id),
        rec.cautions.map((c) => c.rule),
      ]);
    };
    /** Answers every prompt from the case (defaults elsewhere), then accepts the review. */
    const truthful = (truth: Answers): Prompts => ({
      select: async (c) => (c.name === 'review' ? DONE : (c.choices.find((x) => x.value === truth[c.name]) ?? c.choices[0])?.value) as never,
      input: async (c) => String(truth[c.name] ?? 'unknown'),
      note: () => {},
    });
    const cases = readCaseFiles(['rules/tests']).flatMap((f) => f.cases);
    expect(cases.length).toBeGreaterThan(50);
    for (const tc of cases) {
      const truth = completeAnswers(k.questions, tc.answers as Answers).answers;
      const all = await walkthrough(questions, {}, io, truthful(truth));
      const some = await walkthrough(questions, {}, io, truthful(truth), { matters });
      expect(key(some), tc.id).toBe(key(all));
    }
    // single-cell-atlas-vae failed with a check of one answer at a time (the other answers at
    // their defaults): there, only answers together change the advice.
    expect(cases.map((c) => c.id)).toContain('single-cell-atlas-vae');
  }, 60_000);

  it('answers inferred from data are marked "from FILE" in the review', async () => {
    const csv = join(dir, 'cells.csv');
    writeFileSync(csv, `id,size,label\n${Array.from({ length: 40 }, (_, i) => `${i},${i * 3},${i % 2 ? 'a' : 'b'}`).join('\n')}\n`);
    const person = new ScriptedPerson([], ENTER);
    const r = await advise(['--data', csv, '--target', 'label', '--goal', 'both', '--interactive'], person);
    expect(r.code).toBe(0);
    const details = (person.configs.get('review') as SelectConfig<string>[])[0]?.details ?? [];
    expect(details.find((l) => l.startsWith('Modality'))).toMatch(new RegExp(`tabular  \\(from ${csv.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)$`));
    expect(details.find((l) => l.startsWith('Goal'))).toMatch(/both {2}\(given\)$/);
  });

  it('Ctrl-C: exit 130 and one short line; in JSON mode stdout still gets one document', async () => {
    const r = await advise([], new ScriptedPerson([['modality', new CancelledError()]]));
    expect(r).toMatchObject({ code: 130, stdout: '', stderr: '\ndl-advisor: cancelled\n' });
    const json = await advise(['--json'], new ScriptedPerson([['modality', new CancelledError()]]));
    expect(json).toMatchObject({ code: 130, stderr: '\ndl-advisor: cancelled\n' });
    expect(JSON.parse(json.stdout)).toEqual({ schemaVersion: 1, errors: [{ code: 'cancelled', message: 'cancelled by the user' }] });
  });

  it.each<[string, string[], { stdin: boolean; stderr: boolean }, Record<string, string>, string]>([
    ['--no-input in a terminal', ['--no-input'], { stdin: true, stderr: true }, {}, ', or leave out --no-input to be asked'],
    ['stdin not a terminal', [], { stdin: false, stderr: true }, {}, ', or run in a terminal to be asked'],
    [
      'stderr not a terminal',
      [],
      { stdin: true, stderr: false },
      {},
      ', or leave stderr on the terminal to be asked: the questions are drawn on stderr, which is redirected',
    ],
    ['CI=true in a terminal', [], { stdin: true, stderr: true }, { CI: 'true' }, '; nothing is asked when CI is set'],
  ])('%s: exit 2 with the missing keys and flags and why nothing was asked, no prompts loaded', async (_, argv, terminal, env, why) => {
    const r = await advise(argv, new ScriptedPerson([]), terminal, env);
    expect(r.code).toBe(2);
    expect(r.loads).toBe(0);
    expect(r.stderr).toContain('missing required answers: modality (--modality <value>), task (--task <value>), labeled (--labeled <value>)');
    expect(r.stderr).toContain(`(pass them as flags, with --answer KEY=VALUE or --answers FILE${why})\n`);
    if (!why.includes('run in a terminal')) expect(r.stderr).not.toContain('run in a terminal');
  });

  it('--interactive with --no-input is a usage error; without a terminal it says why nothing is asked', async () => {
    const both = await advise(['--interactive', '--no-input'], new ScriptedPerson([]));
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--interactive.*cannot be used with.*--no-input/);
    const piped = await advise(['--modality', 'text', '--task', 'classification', '--labeled', '10', '--interactive'], new ScriptedPerson([]), {
      stdin: false,
      stderr: true,
    });
    expect(piped.code).toBe(0);
    expect(piped.loads).toBe(0);
    expect(piped.stderr).toBe('dl-advisor: --interactive: not prompting, stdin is not a terminal\n');
  });
});

// --- helpers for scripts that start part-way through ---------------------------------------

/** Accept every default (or the given replies) until the first review, then follow the person's script. */
function skipToReview(person: ScriptedPerson, replies: Record<string, string> = {}): Prompts {
  let reviewing = false;
  const auto = acceptAll();
  return {
    select: (c) => {
      reviewing ||= c.name === 'review';
      if (!reviewing && Object.hasOwn(replies, c.name)) return Promise.resolve(replies[c.name] as never);
      return reviewing ? person.select(c) : auto.select(c);
    },
    input: (c) => (reviewing ? person.input(c) : auto.input(c)),
    note: () => {},
  };
}
