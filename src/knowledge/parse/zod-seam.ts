/**
 * The one place that reads zod's internals (`schema._zod.def`), to list the keys a schema allows
 * at a path (for "did you mean"). zod does not document these definitions, and package.json allows
 * any zod ^4.6.7: tests/knowledge/zod-seam.test.ts pins the behaviour relied on here, so that a
 * zod release that changes it fails a test instead of silently dropping the suggestions.
 */
import type { z } from 'zod';
import type { Path } from './positions.js';

/** The parts of a definition read here; zod 4 names every wrapper's schema in `type`. */
type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  getter?: () => z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  in?: z.ZodType;
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schemas a value may have, with wrappers (optional, default, lazy, union, pipe) opened. */
function open(schemas: z.ZodType[]): z.ZodType[] {
  const out: z.ZodType[] = [];
  const todo = [...schemas];
  while (todo.length > 0 && out.length < 64) {
    const s = todo.pop() as z.ZodType;
    const d = defOf(s);
    if (d.innerType) todo.push(d.innerType);
    else if (d.type === 'lazy' && d.getter) todo.push(d.getter());
    else if (d.type === 'union' && d.options) todo.push(...d.options);
    else if (d.type === 'pipe' && d.in) todo.push(d.in);
    else out.push(s);
  }
  return out;
}

/** The keys an object at `path` may have according to the schema (for "did you mean"). */
export function knownKeysAt(schema: z.ZodType, path: Path): string[] {
  let current = open([schema]);
  for (const seg of path) {
    const next: z.ZodType[] = [];
    for (const s of current) {
      const d = defOf(s);
      if (d.type === 'object' && typeof seg === 'string' && d.shape?.[seg]) next.push(d.shape[seg]);
      else if (d.type === 'array' && typeof seg === 'number' && d.element) next.push(d.element);
      else if (d.type === 'record' && d.valueType) next.push(d.valueType);
    }
    current = open(next);
  }
  const keys = new Set<string>();
  for (const s of current) {
    const d = defOf(s);
    if (d.type === 'object' && d.shape) for (const k of Object.keys(d.shape)) keys.add(k);
  }
  return [...keys];
}
