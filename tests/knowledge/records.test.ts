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

const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function storeOf(writer: RecordWriter): RecordStore {
  const file = join(dir, `records-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, writer.text());
  return new RecordStore(file, () => writer.offsets);
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
    const store = new RecordStore(file, () => pre['core.json'].records);
    const rules = store.lazy(read(pre['core.json'].rules), EAGER.rules);
    const methods = store.lazy(read(pre['methods.json']), EAGER.methods);
    const recipes = store.lazy(read(pre['recipes.json'].recipes), EAGER.recipes);
    const references = store.lazy(read(pre['references.json']), EAGER.references);
    expect(JSON.stringify(rules)).toBe(JSON.stringify(knowledge.rules));
    expect(JSON.stringify(methods)).toBe(JSON.stringify(knowledge.methods));
    expect(JSON.stringify(recipes)).toBe(JSON.stringify(knowledge.recipes));
    expect(JSON.stringify(references)).toBe(JSON.stringify(knowledge.references));
    expect(rules).toEqual(knowledge.rules);
  });

  it('keeps the slim files small: no rule text in core.json', () => {
    const core = JSON.stringify(pre['core.json']);
    const rule = knowledge.rules.find((r) => r.because.length > 80);
    expect(rule).toBeDefined();
    expect(core).not.toContain(rule?.because);
    expect(pre['records.json']).toContain(JSON.stringify(rule?.because));
  });

  it('reads a record only when a lazy key is used, and once', () => {
    const writer = new RecordWriter();
    const slim: { id: string; text: string; n?: number }[] = [
      writer.slim({ id: 'a', text: 'first', n: 1 }, new Set(['id'])),
      writer.slim({ id: 'b', text: 'second' }, new Set(['id'])),
    ];
    expect(slim[0]).toEqual({ id: 'a', text: 0, n: 0 });
    const file = join(dir, 'small.json');
    writeFileSync(file, writer.text());
    const store = new RecordStore(file, () => writer.offsets);
    const [a, b] = store.lazy(slim, new Set(['id']));
    expect(a?.id).toBe('a');
    // The file is read at the first lazy key, not before: remove it and the ids still answer.
    rmSync(file);
    expect(() => a?.text).toThrow(/ENOENT/);
    writeFileSync(file, writer.text());
    expect(a?.text).toBe('first');
    expect(a?.n).toBe(1);
    rmSync(file);
    expect(a?.text).toBe('first'); // kept
    expect(Object.keys(b ?? {})).toEqual(['id', 'text']);
  });

  it('writes and deletes before the record is read are not overwritten by it', () => {
    const writer = new RecordWriter();
    const eager = new Set(['id']);
    const slim = [writer.slim({ id: 'a', text: 'first', note: 'x' }, eager), writer.slim({ id: 'b', text: 'second', note: 'y' }, eager)];
    const [a, b] = storeOf(writer).lazy(slim, eager);
    if (!a || !b) throw new Error('two entries');
    a.text = 'changed';
    expect(a).toEqual({ id: 'a', text: 'changed', note: 'x' });
    delete (b as { note?: string }).note;
    expect(b).toEqual({ id: 'b', text: 'second' });
    expect({ ...a }).toEqual({ id: 'a', text: 'changed', note: 'x' });
  });

  it('leaves entries with only eager keys as they are', () => {
    const writer = new RecordWriter();
    const entry = { id: 'a' };
    expect(writer.slim(entry, new Set(['id']))).toBe(entry);
    expect(storeOf(writer).lazy([entry], new Set(['id']))[0]).toBe(entry);
  });
});
