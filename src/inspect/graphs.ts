/** Edge lists: two or three columns of node ids (source, target[, weight]), delimited or space-separated. */
import { extname } from 'node:path';
import { HashSet64, hash32 } from './hashset.js';
import { forEachLine } from './lines.js';
import { count, fmt, type ReportBuilder } from './report.js';
import { openSource } from './source.js';
import { isInteger, isNumber } from './values.js';

const SOURCE_NAMES = /^(?:source|src|from|node_?1|node_?a|u|head|gene_?1|gene_?a|protein_?1|protein_?a|id_?1|n1|v1|start)$/i;
const TARGET_NAMES = /^(?:target|dst|dest|to|node_?2|node_?b|v|tail|gene_?2|gene_?b|protein_?2|protein_?b|id_?2|n2|v2|end)$/i;
const EDGE_EXTENSIONS = new Set(['.edges', '.edgelist', '.el', '.adjlist', '.links']);
const NODE_ID = /^[^\s"]{1,100}$/;
/** Nodes and distinct edges are tracked up to these numbers (16 bytes each). */
const NODE_LIMIT = 1_000_000;
const EDGE_LIMIT = 1_000_000;

export interface EdgeListShape {
  delimiter?: string;
  header: boolean;
  names: string[];
  rows: string[][];
}

function isEdgeExtension(path: string): boolean {
  return EDGE_EXTENSIONS.has(extname(path.replace(/\.gz$/i, '')).toLowerCase());
}

/** A delimited table that is an edge list: source/target-like header, edge-list extension, or shared integer ids. */
export function isEdgeListTable(table: EdgeListShape, path: string): boolean {
  const width = table.names.length;
  if (width < 2 || width > 3) return false;
  const [a = '', b = '', w = ''] = table.names;
  if (table.header) return SOURCE_NAMES.test(a) && TARGET_NAMES.test(b) && (width === 2 || !TARGET_NAMES.test(w));
  const rows = table.rows.filter((r) => r.length === width);
  if (rows.length < 3 || !rows.every((r) => NODE_ID.test(r[0] ?? '') && NODE_ID.test(r[1] ?? ''))) return false;
  if (width === 3 && !rows.every((r) => isNumber(r[2] ?? ''))) return false;
  if (isEdgeExtension(path)) return true;
  // Without a header or telling name: integer ids, many of which occur on both sides.
  if (!rows.every((r) => isInteger(r[0] ?? '') && isInteger(r[1] ?? ''))) return false;
  const sources = new Set(rows.map((r) => r[0]));
  const targets = new Set(rows.map((r) => r[1]));
  const shared = [...targets].filter((t) => sources.has(t)).length;
  return shared >= 0.2 * targets.size && sources.size < rows.length;
}

/** Lines of 2-3 space-separated tokens (SNAP style, # comments allowed). */
export function isSpaceEdgeList(lines: string[], path: string): boolean {
  const data = lines.filter((l) => l.trim() !== '' && !/^[#%]/.test(l));
  if (data.length < 3) return false;
  const rows = data.map((l) => l.trim().split(/\s+/));
  const width = rows[0]?.length ?? 0;
  if (width < 2 || width > 3 || !rows.every((r) => r.length === width)) return false;
  const names = rows[0] ?? [];
  const header = SOURCE_NAMES.test(names[0] ?? '') && TARGET_NAMES.test(names[1] ?? '');
  const body = header ? rows.slice(1) : rows;
  const ids = body.every((r) => isInteger(r[0] ?? '') && isInteger(r[1] ?? ''));
  return header || ((ids || isEdgeExtension(path)) && (width === 2 || body.every((r) => isNumber(r[2] ?? ''))));
}

interface EdgeStats {
  edges: number;
  nodes: HashSet64;
  nodesCapped: boolean;
  distinctEdges: HashSet64;
  duplicates: number;
  selfLoops: number;
  weighted: boolean;
  badLines: number;
}

export async function inspectEdgeList(path: string, b: ReportBuilder, table?: EdgeListShape): Promise<void> {
  b.format = 'edge-list';
  const split = table?.delimiter ? (l: string) => l.split(table.delimiter as string) : (l: string) => l.trim().split(/\s+/);
  const s: EdgeStats = {
    ...{ edges: 0, nodes: new HashSet64(NODE_LIMIT), nodesCapped: false, distinctEdges: new HashSet64(EDGE_LIMIT) },
    ...{ duplicates: 0, selfLoops: 0, weighted: true, badLines: 0 },
  };
  let skipHeader = table?.header ?? false;
  const source = await openSource(path);
  try {
    await forEachLine(source, (buf, start, end, done) => {
      if (!done) return;
      const line = buf.toString('utf8', start, Math.min(end, start + 1000));
      if (line.trim() === '' || line.startsWith('#') || line.startsWith('%')) return;
      const tokens = split(line);
      if (skipHeader || (s.edges === 0 && SOURCE_NAMES.test(tokens[0] ?? '') && TARGET_NAMES.test(tokens[1] ?? ''))) {
        skipHeader = false;
        return;
      }
      addEdge(s, tokens.map(unquote));
    });
  } finally {
    await source.close();
  }
  report(s, b);
}

const unquote = (t: string) => (t.startsWith('"') && t.endsWith('"') && t.length >= 2 ? t.slice(1, -1) : t);

function addEdge(s: EdgeStats, tokens: string[]): void {
  const [u, v, w] = tokens;
  if (u === undefined || v === undefined || tokens.length > 3) {
    s.badLines++;
    return;
  }
  s.edges++;
  if (w === undefined || !isNumber(w)) s.weighted = false;
  if (u === v) s.selfLoops++;
  const [u1, u2, v1, v2] = [hash32(u, 1), hash32(u, 2), hash32(v, 1), hash32(v, 2)];
  if (s.nodes.add(u1, u2) === 'full' || s.nodes.add(v1, v2) === 'full') s.nodesCapped = true;
  const edge = s.distinctEdges.add(Math.imul(u1, 31) ^ v1 ^ (v2 >>> 7), Math.imul(u2, 0x2545f491) ^ v2 ^ (v1 << 5));
  if (edge === 'present') s.duplicates++;
}

function report(s: EdgeStats, b: ReportBuilder): void {
  const nodes = s.nodesCapped ? `more than ${fmt(NODE_LIMIT)}` : fmt(s.nodes.size);
  b.set('edges', s.edges);
  b.set('nodes', s.nodesCapped ? `more than ${fmt(NODE_LIMIT)}` : s.nodes.size);
  b.set('weighted', s.weighted && s.edges > 0 ? 'yes' : 'no');
  if (!s.nodesCapped && s.nodes.size > 0) b.set('meanDegree', Number(((2 * s.edges) / s.nodes.size).toFixed(2)));
  b.infer('modality', 'graph', `an edge list of ${count(s.edges, 'edge')} between ${nodes} nodes`, 'likely');
  b.skip(
    'task',
    'an edge list alone does not say what to predict: node labels (classification), missing links (link prediction, a classification of node pairs) or node embeddings (representation)',
  );
  b.skip('labeled', 'an edge list carries no labels; if node or edge labels are in another file, count the labelled nodes or edges');
  if (s.selfLoops > 0) b.warn('self-loops', `${count(s.selfLoops, 'edge')} ${s.selfLoops === 1 ? 'joins a node' : 'join a node'} to itself`);
  if (s.duplicates > 0)
    b.warn(
      'duplicate-edges',
      `${count(s.duplicates, 'edge')} ${s.duplicates === 1 ? 'repeats' : 'repeat'} an earlier edge${s.distinctEdges.size >= EDGE_LIMIT ? ` (among the first ${fmt(EDGE_LIMIT)} distinct edges)` : ''}`,
    );
  if (s.badLines > 0)
    b.warn(
      'bad-lines',
      `${count(s.badLines, 'line')} ${s.badLines === 1 ? 'does' : 'do'} not have 2 or 3 fields and ${s.badLines === 1 ? 'was' : 'were'} skipped`,
    );
}
