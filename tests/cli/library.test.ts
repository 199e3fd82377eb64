import { describe, expect, it } from 'vitest';
import { advise, loadRules, questions, UserError } from '../../src/index.js';
import { cli } from '../helpers/io.js';

describe('library API', () => {
  it('advise() returns the same document as --format json', async () => {
    const result = await advise({ modality: 'image', task: 'classification', labeled: 900, pretrained: true });
    const printed = JSON.parse((await cli(['--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes', '--json'])).stdout);
    expect({ ...result, tool: printed.tool }).toEqual(printed);
  });

  it('accepts values as people write them and reports bad ones as UserError', async () => {
    expect((await advise({ modality: 'graph', task: 'regression', labeled: '20k' })).answers.labeled).toBe(20000);
    await expect(advise({ modality: 'graph', task: 'regression' })).rejects.toThrow('missing required answer: labeled');
    await expect(advise({ modality: 'graf', task: 'regression', labeled: 3 })).rejects.toBeInstanceOf(UserError);
  });

  it('reports knowledge that recommends nothing as a UserError (no-recommendation), not a raw engine error', async () => {
    const knowledge = await loadRules();
    const none = { ...knowledge, rules: knowledge.rules.filter((r) => !r.favor) };
    const call = advise({ modality: 'image', task: 'classification', labeled: 900 }, { knowledge: none });
    await expect(call).rejects.toBeInstanceOf(UserError);
    await expect(call).rejects.toMatchObject({
      exitCode: 2,
      problems: [{ code: 'no-recommendation', hint: expect.stringContaining('some rule must favor a model') }],
    });
  });

  it('loads the rules once for many calls, and lists the questions', async () => {
    const knowledge = await loadRules();
    const r = await advise({ modality: 'text', task: 'classification', labeled: 500 }, { knowledge, explain: true });
    expect(r.explain?.rules).toHaveLength(knowledge.rules.length);
    expect((await questions()).map((q) => q.id)).toContain('relatedTasks');
  });
});
