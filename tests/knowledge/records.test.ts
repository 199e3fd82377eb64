/**
 * The lazy record store of the precompiled knowledge (src/knowledge/records.ts): entries made
 * whole on first use are what assemble() made, key order and values included.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assemble } from '../../src/knowledge/assemble.js';
import { toPrecompiled } from '../../src/knowledge/builtin.js';
import { readBuiltinSources } from '../../src/knowledge/load.js';
import { EAGER, RecordStore, RecordWriter } from '../../src/knowledge/records.js';
import { type RuleFile, RuleFiles } from '../../src/knowledge/rule-subsets.js';

const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function storeOf(writer: RecordWriter): RecordStore {
  const file = join(dir, `records-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, writer.text());
  return new RecordStore(
    () => file,
    () => writer.offsets,
  );
}

describe('the record store', () => {
  const sources = readBuiltinSources(new URL('../../', import.meta.url).pathname);
  const { knowledge } = assemble(sources);
  const pre = toPrecompiled(knowledge, sources);

  it('gives back every built-in rule, card, recipe and reference as assembled (keys in order)', () => {
    const file = join(dir, 'records.json');
    writeFileSync(file, pre['records.json']);
    // Through JSON, as the build writes the slim files and the run reads them.
    const read = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
    const store = new RecordStore(
      () => file,
      () => pre['core.json'].records,
    );
    const files = pre as unknown as Record<string, RuleFile>;
    const rules = new RuleFiles(
      pre['core.json'].ruleSubsets,
      (name) => read(files[name] as RuleFile),
      (slim) => store.lazy(slim, EAGER.rules),
    ).whole();
    const methods = store.lazy(read(pre['methods.json']), EAGER.methods);
    const recipes = store.lazy(read(pre['recipes.json'].recipes), EAGER.recipes);
    const references = store.lazy(read(pre['references.json']), EAGER.references);
    expect(JSON.stringify(rules)).toBe(JSON.stringify(knowledge.rules));
    expect(JSON.stringify(methods)).toBe(JSON.stringify(knowledge.methods));
    expect(JSON.stringify(recipes)).toBe(JSON.stringify(knowledge.recipes));
    expect(JSON.stringify(references)).toBe(JSON.stringify(knowledge.references));
    expect(rules).toEqual(knowledge.rules);
  });

  it('keeps the slim files small: no rule text in core.json or rules.json', () => {
    const core = Object.entries(pre)
      .filter(([name]) => name === 'core.json' || name.startsWith('rules.'))
      .map(([, v]) => JSON.stringify(v))
      .join('');
    const rule = knowledge.rules.find((r) => r.because.length > 80);
    expect(rule).toBeDefined();
    expect(core).not.toContain(rule?.because);
    expect(pre['records.json']).toContain(JSON.stringify(rule?.because));
  });

  it('reads a record only when a lazy key is used, and once', () => {
    const writer = new RecordWriter();
    const slim = writer.slim<{ id: string; text: string; n?: number }>(
      [
        { id: 'a', text: 'first', n: 1 },
        { id: 'b', text: 'second' },
      ],
      new Set(['id']),
    );
    expect(slim).toEqual({ entries: [{ id: 'a' }, { id: 'b' }], records: [0, 1] });
    const file = join(dir, 'small.json');
    writeFileSync(file, writer.text());
    const [a, b] = new RecordStore(
      () => file,
      () => writer.offsets,
    ).lazy(slim, new Set(['id']));
    expect(a?.id).toBe('a');
    // The file is read at the first lazy key, not before: remove it and the ids still answer.
    rmSync(file);
    expect(() => a?.text).toThrow(/ENOENT/);
    writeFileSync(file, writer.text());
    expect(a?.text).toBe('first');
    expect(a?.n).toBe(1);
    rmSync(file);
    expect(a?.text).toBe('first'); // kept
    // The file stays open once read (io/ranges.ts): the other entries' records come from it,
    // not from whatever a package update put at its path meanwhile.
    expect(Object.keys(b ?? {})).toEqual(['id', 'text']);
  });

  it('gives the keys in their first order, also when an eager key comes after lazy ones', () => {
    const writer = new RecordWriter();
    const eager = new Set(['id', 'when']);
    const slim = writer.slim([{ summary: 's', id: 'a', because: 'b', when: { x: 1 } }], eager);
    const [a] = storeOf(writer).lazy(slim, eager);
    expect(Object.keys(a ?? {})).toEqual(['summary', 'id', 'because', 'when']);
    expect('because' in (a ?? {})).toBe(true);
    expect('caution' in (a ?? {})).toBe(false);
  });

  it('keeps what was written, deleted or added before the record was read', () => {
    const writer = new RecordWriter();
    const eager = new Set(['id', 'when', 'favor']);
    type E = { id?: string; text?: string; note?: string; when?: object; favor?: object };
    const slim = writer.slim<E>(
      [
        { id: 'a', text: 'first', note: 'x', when: { m: 1 } },
        { id: 'b', text: 'second', note: 'y' },
        { id: 'c', text: 'third' },
      ],
      eager,
    );
    const [a, b, c] = storeOf(writer).lazy(slim, eager);
    if (!a || !b || !c) throw new Error('three entries');
    a.when = { m: 2 };
    a.favor = { cnn: 1 };
    delete b.id;
    c.text = 'changed';
    expect(JSON.stringify(a)).toBe('{"id":"a","text":"first","note":"x","when":{"m":2},"favor":{"cnn":1}}');
    expect(JSON.stringify(b)).toBe('{"text":"second","note":"y"}');
    expect({ ...c }).toEqual({ id: 'c', text: 'changed' });
  });

  it('leaves entries with only eager keys as they are', () => {
    const writer = new RecordWriter();
    const entry = { id: 'a' };
    const slim = writer.slim([entry], new Set(['id']));
    expect(slim.records).toEqual([-1]);
    expect(storeOf(writer).lazy(slim, new Set(['id']))[0]).toBe(entry);
  });
});
