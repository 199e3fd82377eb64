/** The built-in knowledge treated like code: it validates, its tests pass, its schemas are current. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { atomsOf } from '../../src/knowledge/condition-walk.js';
import { jsonSchema, SCHEMA_NAMES } from '../../src/knowledge/json-schemas.js';
import { packageRoot } from '../../src/knowledge/paths.js';
import { cli } from '../helpers/io.js';
import { builtin } from '../helpers/knowledge.js';

const k = builtin();

describe('built-in knowledge', () => {
  it('has a card for every method id of the contract, in its order (then additions)', () => {
    expect(k.methods.map((m) => m.id)).toEqual([
      ...[
        'linear-regression',
        'logistic-regression',
        'tree-ensemble',
        'statistical-forecasting',
        'dimensionality-reduction',
        'clustering',
        'mlp',
        'cnn',
        'rnn',
      ],
      ...['transformer', 'gnn', 'generative-model', 'reinforcement-learning'],
      ...[
        'simple-baseline',
        'transfer-learning',
        'domain-adaptation',
        'multitask-learning',
        'weak-supervision',
        'self-supervised',
        'semi-supervised',
        'data-augmentation',
      ],
      ...[
        'coefficients',
        'feature-importance',
        'shap',
        'lime',
        'saliency-maps',
        'gradcam',
        'integrated-gradients',
        'rise',
        'probing',
        'representation-similarity',
      ],
      'activation-atlas',
      // Added beyond the contract's list (adding is allowed): how to read PCA and clusters.
      'loadings',
    ]);
  });

  it('has the 14 questions of the contract and the 2 of its additions (kind, dependence) with their values', () => {
    const values = Object.fromEntries(k.questions.map((q) => [q.id, q.choices?.map((c) => c.value) ?? q.type]));
    expect(values).toEqual({
      modality: ['tabular', 'image', 'video', 'text', 'biosequence', 'time-series', 'audio', 'graph'],
      kind: ['molecules', 'atomistic', 'network', 'mesh', 'signal', 'records', 'panel', '2d', 'volume', 'slide', 'protein', 'dna', 'rna', 'unknown'],
      task: [
        'classification',
        'regression',
        'segmentation',
        'detection',
        'pose-estimation',
        'sequence-to-sequence',
        'forecasting',
        'generation',
        'denoising',
        'representation',
        'feature-discovery',
        'control',
      ],
      labeled: 'integer',
      unlabeled: 'integer',
      features: 'integer',
      goal: ['prediction', 'understanding', 'both'],
      linear: ['yes', 'no', 'unknown'],
      snr: ['high', 'low', 'unknown'],
      labelQuality: ['clean', 'noisy'],
      dependence: ['independent', 'grouped', 'temporal', 'unknown'],
      pretrained: ['yes', 'no', 'unknown'],
      shift: ['no', 'yes'],
      relatedTasks: ['no', 'yes'],
      compute: ['cpu', 'gpu', 'cluster', 'unknown'],
      simulator: ['no', 'yes'],
    });
  });

  it('marks every rule with a numeric threshold as the advisor heuristic, unless its own source is not the survey', () => {
    const unmarked = k.rules.filter((r) => {
      const numbers = atomsOf(r.when ?? { all: [] })
        .flatMap((a) => [a.expected].flat())
        .filter((n) => typeof n === 'number' && n > 1);
      return numbers.length > 0 && r.source.basis !== 'heuristic' && ['raghu-schmidt-2020', 'dickson-2020'].includes(r.source.ref);
    });
    expect(unmarked.map((r) => r.id)).toEqual([]);
  });

  it('every rule cites a source, and survey citations name a section', () => {
    for (const r of k.rules) {
      expect(r.source.ref.length).toBeGreaterThan(3);
      if (r.source.ref === 'raghu-schmidt-2020') expect(r.source.section, r.id).toBeTruthy();
    }
  });

  it('the JSON Schemas in schemas/ are the ones the zod schemas generate', () => {
    for (const name of SCHEMA_NAMES) {
      const committed = JSON.parse(readFileSync(`${packageRoot()}schemas/${name}.schema.json`, 'utf8'));
      expect(committed, `schemas/${name}.schema.json is stale: run npm run build`).toEqual(jsonSchema(name, k.questions));
    }
  });

  it('passes every built-in rule test case (rules/tests, including every dev case)', async () => {
    const r = await cli(['rules', 'test', `${packageRoot()}rules/tests`]);
    expect(r.stdout).toMatch(/\n\d+ passed, 0 failed\n$/);
    expect(r.code).toBe(0);
    expect(Number(/(\d+) passed/.exec(r.stdout)?.[1])).toBeGreaterThanOrEqual(79);
  });
});
