/**
 * Pins the zod behaviour that src/knowledge/parse/zod-seam.ts relies on: the shape of
 * `schema._zod.def` for each wrapper it opens. package.json allows any zod ^4.6.7; a release that
 * renames these fields fails here instead of silently dropping the "did you mean" hints.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { knownKeysAt } from '../../src/knowledge/parse/zod-seam.js';
import { Pack, TestFile } from '../../src/knowledge/schema.js';

const def = (s: z.ZodType) => (s as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
const inner = z.strictObject({ alpha: z.string(), beta: z.number() });

describe('zod internals read by the seam', () => {
  it.each<[string, z.ZodType, string, string]>([
    ['object', inner, 'object', 'shape'],
    ['array', z.array(inner), 'array', 'element'],
    ['record', z.record(z.string(), inner), 'record', 'valueType'],
    ['optional', inner.optional(), 'optional', 'innerType'],
    ['default', inner.default({ alpha: 'a', beta: 1 }), 'default', 'innerType'],
    ['nullable', inner.nullable(), 'nullable', 'innerType'],
    ['lazy', z.lazy(() => inner), 'lazy', 'getter'],
    ['union', z.union([inner, z.string()]), 'union', 'options'],
    ['pipe (transform)', inner.transform((x) => x), 'pipe', 'in'],
  ])('%s: def.type is "%s" and the schema inside is def.%s', (_, schema, type, field) => {
    const d = def(schema);
    expect(d.type).toBe(type);
    expect(d[field]).toBeDefined();
  });
});

describe('knownKeysAt', () => {
  it('opens every wrapper down to the object', () => {
    const wrapped = z.lazy(() => z.union([z.string(), z.array(inner.optional().default({ alpha: 'a', beta: 1 })).transform((x) => x)]));
    expect(knownKeysAt(wrapped, [0]).sort()).toEqual(['alpha', 'beta']);
    expect(knownKeysAt(z.record(z.string(), inner), ['any-key'])).toEqual(['alpha', 'beta']);
    expect(knownKeysAt(z.strictObject({ nested: inner }), ['nested'])).toEqual(['alpha', 'beta']);
  });

  it('knows the keys of the real formats: a rule, a condition, a test case', () => {
    expect(knownKeysAt(Pack, ['rules', 3])).toEqual(expect.arrayContaining(['id', 'when', 'because', 'favor', 'source']));
    expect(knownKeysAt(Pack, ['rules', 0, 'when'])).toEqual(expect.arrayContaining(['all', 'any', 'not']));
    expect(knownKeysAt(Pack, ['rules', 0, 'when', 'labeled'])).toEqual(['eq', 'ne', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte']);
    expect(knownKeysAt(TestFile, [0, 'expect'])).toEqual(expect.arrayContaining(['primary', 'strategies', 'cautions']));
  });

  it('gives nothing where the schema allows no object', () => {
    expect(knownKeysAt(Pack, ['pack'])).toEqual([]);
    expect(knownKeysAt(inner, ['alpha', 'deeper'])).toEqual([]);
  });
});
