/**
 * Rule packs from users, through the CLI in process: precedence (built-in, then each --rules path
 * in order, the files of a folder by name), override and disable, packs adding questions and
 * method cards of every kind, and the commands that show them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { type Prompts, walkthrough } from '../../src/answers/interactive.js';
import { DONE } from '../../src/answers/walkthrough/plan.js';
import { assembleWithUserPacks, readBuiltinSources } from '../../src/knowledge/load.js';
import { packageRoot } from '../../src/knowledge/paths.js';
import { cli } from '../helpers/io.js';

const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-packs-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
};
const LAB = `${packageRoot()}examples/lab-pack`;
const PROTEIN = ['--modality', 'biosequence', '--task', 'classification', '--labeled', '2000', '--pretrained', 'yes'];
const json = async (args: string[]) => {
  const r = await cli([...args, '--json']);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};

const rule = (id: string, extra: string, pack = 'p') =>
  `pack: ${pack}\nversion: 1.0.0\nrules:\n  - id: ${id}\n    summary: ${id} from ${pack}\n    because: b\n    source: { ref: Lab, basis: practice }\n${extra}`;

describe('precedence', () => {
  it('applies packs in the order given: a later pack overrides an earlier one by id', async () => {
    const a = write('order/a.yaml', rule('lab-choice', '    when: { modality: tabular }\n    favor: { tree-ensemble: 20 }\n', 'pack-a'));
    const b = write('order/b.yaml', rule('lab-choice', '    override: true\n    when: { modality: tabular }\n    favor: { mlp: 20 }\n', 'pack-b'));
    const list = await json(['rules', 'list', '--rules', a, '--rules', b]);
    expect(list.rules.find((r: { id: string }) => r.id === 'lab-choice')).toMatchObject({ pack: 'pack-b', summary: 'lab-choice from pack-b' });
    const advice = await json(['--rules', a, '--rules', b, '--modality', 'tabular', '--task', 'classification', '--labeled', '300']);
    expect(advice.recommendation.primary).toMatchObject({
      id: 'mlp',
      reasons: expect.arrayContaining([expect.objectContaining({ rule: 'lab-choice', weight: 20 })]),
    });
    expect(advice.rules.files.slice(-2)).toEqual([a, b]);
    // The other way round, the override has nothing earlier to replace.
    const r = await cli(['rules', 'validate', b, a]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${b}:8:5: rule "lab-choice" overrides nothing: no earlier pack defines it`);
    expect(r.stdout).toContain(`${a}:4:5: rule "lab-choice" is already defined by pack "pack-b" (add "override: true" to replace it)`);
  });

  it('reads the files of a folder in name order, and ignores *.cases.yaml there', async () => {
    write('folder/20-second.yaml', rule('lab-folder', '    override: true\n    favor: { gnn: 1 }\n', 'second'));
    write('folder/10-first.yaml', rule('lab-folder', '    favor: { mlp: 1 }\n', 'first'));
    write('folder/first.cases.yaml', '- { id: c, answers: {}, expect: {} }\n');
    write('folder/notes.txt', 'not a pack');
    const list = await json(['rules', 'list', '--rules', join(dir, 'folder')]);
    expect(list.rules.find((r: { id: string }) => r.id === 'lab-folder').pack).toBe('second');
  });

  it('lets a pack disable built-in rules, and says which pack did when an override finds nothing', async () => {
    const before = await json(['rules', 'list']);
    const after = await json(['rules', 'list', '--rules', LAB]);
    const ids = (l: { rules: { id: string }[] }) => l.rules.map((r) => r.id);
    expect(ids(before)).toContain('biosequence-recurrent');
    expect(ids(after)).not.toContain('biosequence-recurrent');
    expect(after.count).toBe(before.count - 1 + 2);
    const late = write('late.yaml', rule('biosequence-recurrent', '    override: true\n    favor: { rnn: 1 }\n', 'late'));
    const r = await cli(['rules', 'validate', LAB, late]);
    expect(r.stdout).toContain('rule "biosequence-recurrent" overrides nothing: pack "lab-foldlm" disabled it (remove "override: true" to add it again)');
  });

  it('refuses the same pack twice', async () => {
    const r = await cli(['rules', 'validate', LAB, `${LAB}/lab.yaml`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${LAB}/lab.yaml:11:1: pack "lab-foldlm" is already loaded from ${LAB}/lab.yaml`);
  });

  it('runs a pack alone with --no-builtin-rules', async () => {
    const alone = write(
      'alone.yaml',
      `pack: alone
version: 0.1.0
questions:
  - { id: size, type: integer, prompt: How many?, help: Count., required: true, min: 0 }
methods:
  - { id: tiny-model, kind: model, name: Tiny, summary: s, fits: [f], avoid: [a], dataNeeds: d, interpretability: i, start: [s], pitfalls: [p], references: [{ ref: r }] }
rules:
  - { id: tiny, summary: s, when: { size: { lt: 10 } }, favor: { tiny-model: 1 }, because: "only {{size}} examples", source: { ref: r, basis: heuristic } }
`,
    );
    const doc = await json(['--no-builtin-rules', '--rules', alone, '--answer', 'size=3']);
    expect(doc.answers).toEqual({ size: 3 });
    expect(doc.recommendation.primary).toMatchObject({ id: 'tiny-model', score: 1, reasons: [{ rule: 'tiny', text: 'only 3 examples' }] });
    expect(doc.rules).toEqual({ files: [alone], count: 1, fired: ['tiny'] });
    const none = await cli(['--no-builtin-rules', '--rules', alone, '--answer', 'size=30']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no rule in the loaded packs speaks for any model');
  });
});

describe('what a pack adds', () => {
  const kinds = write(
    'kinds.yaml',
    `pack: kinds
version: 1.0.0
methods:
${['model', 'strategy', 'interpretability']
  .map(
    (kind) =>
      `  - { id: lab-${kind}, kind: ${kind}, name: Lab ${kind}, summary: "The lab's own ${kind}.", fits: [f], avoid: [a], dataNeeds: d, interpretability: i, start: [s], pitfalls: [p], references: [{ ref: Lab wiki }] }`,
  )
  .join('\n')}
rules:
  - id: lab-everything
    summary: Use the lab's methods for images
    when: { modality: image }
    favor: { lab-model: 10 }
    because: Our own.
    source: { ref: Lab, basis: practice }
  - id: lab-everything-next
    summary: With the lab model, the lab's strategy and interpretability
    whenPrimary: [lab-model]
    strategies: [lab-strategy]
    interpretability: [lab-interpretability]
    because: They go together.
    source: { ref: Lab, basis: practice }
`,
  );

  it('adds method cards of all three kinds, used by advise and shown by methods', async () => {
    const doc = await json(['--rules', kinds, '--modality', 'image', '--task', 'classification', '--labeled', '900']);
    expect(doc.recommendation.primary).toMatchObject({ id: 'lab-model', name: 'Lab model' });
    const find = (list: { id: string }[], id: string) => list.find((x) => x.id === id);
    expect(find(doc.recommendation.strategies, 'lab-strategy')).toMatchObject({ name: 'Lab strategy', reasons: [{ rule: 'lab-everything-next' }] });
    expect(find(doc.recommendation.interpretability, 'lab-interpretability')).toMatchObject({ reasons: [{ rule: 'lab-everything-next' }] });
    const list = await json(['methods', '--rules', kinds]);
    expect(list.methods.slice(-3).map((m: { id: string; kind: string }) => [m.id, m.kind])).toEqual([
      ['lab-model', 'model'],
      ['lab-strategy', 'strategy'],
      ['lab-interpretability', 'interpretability'],
    ]);
    const card = await cli(['methods', 'lab-strategy', '--rules', kinds]);
    expect(card.code).toBe(0);
    expect(card.stdout).toContain("The lab's own strategy.");
    expect((await cli(['methods', 'lab-strategy'])).code).toBe(2);
  });

  it('adds a question with askIf: questions, schema answers, --answer, answers files', async () => {
    const qs = await json(['questions', '--rules', LAB]);
    expect(qs.questions.at(-1)).toMatchObject({ id: 'inHouseModel', type: 'choice', default: 'no', askIf: { modality: 'biosequence' } });
    const text = await cli(['questions', '--rules', LAB]);
    expect(text.stdout).toContain('asked when: modality = biosequence');

    const schema = JSON.parse((await cli(['schema', 'answers', '--rules', LAB])).stdout);
    expect(schema.properties.inHouseModel.anyOf).toEqual([{ type: 'string', enum: ['yes', 'no'] }, { type: 'boolean' }]);
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ modality: 'biosequence', inHouseModel: 'yes' })).toBe(true);
    expect(validate({ modality: 'biosequence', inHouseModel: 'maybe' })).toBe(false);

    const viaFlag = await json(['--rules', LAB, ...PROTEIN, '--answer', 'inHouseModel=yes']);
    expect(viaFlag.answers.inHouseModel).toBe('yes');
    expect(viaFlag.recommendation.primary.id).toBe('foldlm');
    const file = write('answers.yaml', 'modality: biosequence\ntask: classification\nlabeled: 2000\npretrained: yes\ninHouseModel: yes\n');
    const viaFile = await json(['--rules', LAB, '--answers', file]);
    expect(viaFile).toEqual(viaFlag);
    const defaulted = await json(['--rules', LAB, ...PROTEIN]);
    expect(defaulted.answers.inHouseModel).toBe('no');
    expect(defaulted.recommendation.primary.id).toBe('transformer');

    const bad = await cli(['--rules', LAB, ...PROTEIN, '--answer', 'inHouseModel=maybe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('inHouseModel: "maybe" is not allowed; allowed: yes, no');
    const without = await cli([...PROTEIN, '--answer', 'inHouseModel=yes']);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('unknown answer key "inHouseModel"');
  });

  it('the walkthrough asks a pack question when its askIf holds, and only then', async () => {
    const k = assembleWithUserPacks(readBuiltinSources(packageRoot()), [LAB]);
    const asked: string[] = [];
    const prompts: Prompts = {
      async select(config) {
        asked.push(config.name);
        if (config.name === 'review') return DONE as never;
        return (config.name === 'inHouseModel' ? 'yes' : (config.default ?? config.choices[0]?.value)) as never;
      },
      async input(config) {
        asked.push(config.name);
        return config.default ?? '0';
      },
      note() {},
    };
    const io = { input: null, output: { write: () => true }, env: {} };
    const everythingBut = (modality: string) =>
      Object.fromEntries(
        k.questions
          .filter((q) => q.id !== 'inHouseModel')
          .map((q) => [q.id, q.id === 'modality' ? modality : q.id === 'task' ? 'classification' : (q.default ?? 0)]),
      );
    const protein = await walkthrough(k.questions, everythingBut('biosequence'), io, prompts);
    expect(asked).toEqual(['inHouseModel', 'review']);
    expect(protein.inHouseModel).toBe('yes');
    asked.length = 0;
    const table = await walkthrough(k.questions, everythingBut('tabular'), io, prompts);
    expect(asked).toEqual([]);
    expect(table.inHouseModel).toBeUndefined();
  });
});

describe('rules list', () => {
  it('prints id, pack, basis and summary, one rule a line, and the count', async () => {
    const r = await cli(['rules', 'list', '--rules', LAB]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.find((l) => l.startsWith('lab-foldlm-for-proteins'))).toMatch(
      /^lab-foldlm-for-proteins\s+lab-foldlm · practice\s+Protein data and access to FoldLM -> start from FoldLM$/,
    );
    expect(lines.at(-1)).toMatch(/^\d+ rules in \d+ packs$/);
  });

  it('--format json gives the same rules with their sources', async () => {
    const doc = await json(['rules', 'list', '--rules', LAB]);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.count).toBe(doc.rules.length);
    expect(doc.rules.at(-1)).toEqual({
      id: 'lab-foldlm-start',
      pack: 'lab-foldlm',
      basis: 'practice',
      source: { ref: 'Example Lab ML core, FoldLM model card', basis: 'practice' },
      summary: 'When FoldLM comes first -> embeddings before fine-tuning, and a homology-aware split',
    });
    const text = await cli(['rules', 'list', '--rules', LAB]);
    expect(text.stdout.trim().split('\n')).toHaveLength(doc.count + 1);
  });
});

describe('questions added by a pack get their own flag in advise', () => {
  it('accepts --in-house-model when the pack is loaded, and keeps --answer working', async () => {
    const pack = `${packageRoot()}examples/lab-pack/lab.yaml`;
    const base = ['--rules', pack, '--modality', 'biosequence', '--task', 'classification', '--labeled', '2000', '--json'];
    const viaFlag = await cli([...base, '--in-house-model', 'yes']);
    expect(viaFlag.stderr).toBe('');
    expect(viaFlag.code).toBe(0);
    expect(JSON.parse(viaFlag.stdout).answers.inHouseModel).toBe('yes');
    const viaAnswer = await cli([...base, '--answer', 'inHouseModel=yes']);
    expect(viaAnswer.stdout).toBe(viaFlag.stdout);
    const without = await cli(['--modality', 'biosequence', '--task', 'classification', '--labeled', '2000', '--in-house-model', 'yes']);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain("unknown option '--in-house-model'");
  });
});
