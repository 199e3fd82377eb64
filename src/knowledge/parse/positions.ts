/** Where a path of keys and indices sits in a YAML file, as line and column. */
import { type Document, isMap, isNode, isScalar, type LineCounter } from 'yaml';

export type Path = readonly (string | number)[];
export type Position = { line: number; column: number };
export type Locate = (path: Path) => Position;

/** `rules[3].when.labeled`, as messages name a path. */
export function formatPath(path: Path): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}

/** The key of the deepest entry of `path` that exists (a reader looks at the key). */
export function locateIn(doc: Document, lc: LineCounter, path: Path): { line: number; column: number } {
  for (let p = [...path]; ; p = p.slice(0, -1)) {
    const last = p[p.length - 1];
    const parent = p.length === 0 ? doc.contents : doc.getIn(p.slice(0, -1), true);
    // Point at the key of a mapping entry: that is where a reader looks.
    if (isMap(parent) && last !== undefined) {
      const pair = parent.items.find((it) => isScalar(it.key) && String(it.key.value) === String(last));
      const range = (pair?.key as { range?: number[] } | undefined)?.range;
      if (range?.[0] !== undefined) return lcPos(lc, range[0]);
    }
    const node = p.length === 0 ? doc.contents : doc.getIn(p, true);
    const range = isNode(node) ? node.range : undefined;
    if (range?.[0] !== undefined) return lcPos(lc, range[0]);
    if (p.length === 0) return { line: 1, column: 1 };
  }
}

export function lcPos(lc: LineCounter, offset: number): Position {
  const { line, col } = lc.linePos(offset);
  return { line, column: col };
}
