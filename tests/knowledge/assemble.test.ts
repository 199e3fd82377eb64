import { describe, expect, it } from 'vitest';
import { assemble, type PackSource } from '../../src/knowledge/assemble.js';
import { readBuiltinSources } from '../../src/knowledge/load.js';
import { parseYaml } from '../../src/knowledge/parse.js';
import { packageRoot } from '../../src/knowledge/paths.js';
import { Pack } from '../../src/knowledge/schema.js';

const builtin = readBuiltinSources(packageRoot());

function user(yaml: string, file = 'user.yaml'): PackSource {
  const r = parseYaml(yaml, file, Pack);
  if (!r.value) throw new Error(JSON.stringify(r.problems));
  return { file, pack: r.value, locate: r.locate };
}

const rule = (body: string) =>
  `pack: lab\nversion: 1.0.0\nrules:\n  - id: lab-rule\n    summary: s\n    because: b\n    source: { ref: Lab, basis: practice }\n${body}`;

describe('assemble (cross-checks)', () => {
  it('accepts the built-in packs', () => {
    const { knowledge, problems } = assemble(builtin);
    expect(problems).toEqual([]);
    // The 14 of the contract's section 1 and kind and dependence of its section 7 (issue 13).
    expect(knowledge.questions).toHaveLength(16);
    expect(knowledge.methods).toHaveLength(33);
  });

  it.each([
    [
      'unknown question in a condition',
      '    when: { modaltiy: image }\n    favor: { cnn: 1 }\n',
      'unknown-question',
      'unknown question "modaltiy"',
      'did you mean "modality"?',
    ],
    [
      'value not among the choices',
      '    when: { modality: images }\n    favor: { cnn: 1 }\n',
      'bad-value',
      '"images" is not a value of "modality"',
      'did you mean "image"?',
    ],
    [
      'numeric operator on a choice',
      '    when: { modality: { lt: 3 } }\n    favor: { cnn: 1 }\n',
      'bad-operator',
      '"lt" compares numbers, but "modality" is a choice',
      'use eq, ne, in or notIn',
    ],
    ['unknown model', '    favor: { cnnn: 1 }\n', 'unknown-method', 'unknown model "cnnn"', 'did you mean "cnn"?'],
    ['strategy used as a model', '    favor: { transfer-learning: 1 }\n', 'wrong-kind', '"transfer-learning" is a strategy, not a model', undefined],
    [
      'unknown placeholder',
      '    favor: { cnn: 1 }\n    caution: "with {{labelled}} rows"\n',
      'unknown-placeholder',
      'placeholder {{labelled}} names no question',
      'did you mean "labeled"?',
    ],
    ['a rule without effect', '    when: { modality: image }\n', 'no-effect', 'rule "lab-rule" has no effect', expect.any(String)],
  ])('reports %s with its position', (_, body, code, message, hint) => {
    const { problems } = assemble([...builtin, user(rule(body))]);
    expect(problems).toEqual([expect.objectContaining({ code, message, hint, file: 'user.yaml', line: expect.any(Number), column: expect.any(Number) })]);
  });

  it('points at the offending line', () => {
    const { problems } = assemble([...builtin, user(rule('    when: { modality: images }\n    favor: { cnn: 1 }\n'))]);
    expect(problems[0]).toMatchObject({ line: 8, column: 13 });
  });

  it('rejects a duplicate rule id unless it says override, and then replaces it', () => {
    const dup = `pack: lab\nversion: 1.0.0\nrules:\n  - id: image-cnn\n    summary: s\n    because: b\n    favor: { mlp: 1 }\n    source: { ref: Lab, basis: practice }\n`;
    expect(assemble([...builtin, user(dup)]).problems[0]).toMatchObject({ code: 'duplicate-id', hint: 'add "override: true" to replace it' });
    const { knowledge, problems } = assemble([...builtin, user(dup.replace('    source:', '    override: true\n    source:'))]);
    expect(problems).toEqual([]);
    expect(knowledge.rules.find((r) => r.id === 'image-cnn')).toMatchObject({ pack: 'lab', favor: { mlp: 1 } });
  });

  it('disables rules by id and reports unknown ids', () => {
    const { knowledge, problems } = assemble([...builtin, user('pack: lab\nversion: 1.0.0\ndisable: [image-cnn, text-transformr]\n')]);
    expect(knowledge.rules.some((r) => r.id === 'image-cnn')).toBe(false);
    expect(problems).toEqual([expect.objectContaining({ code: 'unknown-rule', hint: 'did you mean "text-transformer"?', line: 3 })]);
  });

  it('lets a pack add questions and methods that its rules use', () => {
    const extra = user(`pack: lab
version: 1.0.0
questions:
  - id: inHouseModel
    type: choice
    prompt: Do you have our in-house model?
    help: The lab's protein model.
    choices: [{ value: "yes", label: "Yes", description: d }, { value: "no", label: "No", description: d }]
    default: "no"
methods:
  - { id: lab-plm, kind: model, name: Lab PLM, summary: s, fits: [f], avoid: [a], dataNeeds: d, interpretability: i, start: [s], pitfalls: [p], references: [{ ref: r }] }
rules:
  - id: use-lab-plm
    summary: s
    when: { inHouseModel: "yes", modality: biosequence }
    favor: { lab-plm: 5 }
    because: b
    source: { ref: Lab, basis: practice }
`);
    const { knowledge, problems } = assemble([...builtin, extra]);
    expect(problems).toEqual([]);
    expect(knowledge.questions.at(-1)?.id).toBe('inHouseModel');
    expect(knowledge.methods.at(-1)?.id).toBe('lab-plm');
  });
});
