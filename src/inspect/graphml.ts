/** GraphML: nodes, edges and graphs counted by their tags in one streaming pass; node label keys. */
import { forEachLine } from './lines.js';
import { count, q, type ReportBuilder } from './report.js';
import { openSource } from './source.js';
import { LabelCounter, labeledCount, taskFromLabels } from './target.js';

const TAG = /<(node|edge|graph|key|data)\b([^>]*)>([^<]{0,200})/g;
const LABEL_KEY = /^(?:label|labels|class|y|target|category|type)$/i;
/** Longest unfinished tag carried over to the next piece. */
const OVERLAP = 512;

interface GraphmlState {
  nodes: number;
  edges: number;
  graphs: number;
  directed: boolean | undefined;
  /** key id -> attribute name, for node keys. */
  nodeKeys: Map<string, string>;
  labelKey: string | undefined;
  labels: LabelCounter;
}

export async function inspectGraphml(path: string, b: ReportBuilder): Promise<void> {
  b.format = 'graphml';
  const s: GraphmlState = { nodes: 0, edges: 0, graphs: 0, directed: undefined, nodeKeys: new Map(), labelKey: undefined, labels: new LabelCounter() };
  let carry = '';
  const source = await openSource(path);
  try {
    await forEachLine(source, (buf, start, end) => {
      const text = carry + buf.toString('utf8', start, end);
      // Tags are matched whole: an unfinished tag at the end waits for the next piece.
      const open = text.lastIndexOf('<');
      const upto = open < 0 || text.indexOf('>', open) >= 0 ? text.length : open;
      scan(s, text.slice(0, upto));
      carry = text.slice(upto, upto + OVERLAP);
    });
  } finally {
    await source.close();
  }
  scan(s, carry);
  report(s, b);
}

function scan(s: GraphmlState, text: string): void {
  for (const m of text.matchAll(TAG)) {
    const [, tag, attrs = '', content = ''] = m;
    if (tag === 'node') s.nodes++;
    else if (tag === 'edge') s.edges++;
    else if (tag === 'graph') {
      s.graphs++;
      s.directed ??= /edgedefault\s*=\s*["']directed/.test(attrs);
    } else if (tag === 'key' && /for\s*=\s*["']node/.test(attrs)) {
      const id = /\bid\s*=\s*["']([^"']+)/.exec(attrs)?.[1];
      const name = /attr\.name\s*=\s*["']([^"']+)/.exec(attrs)?.[1] ?? id;
      if (id && name) s.nodeKeys.set(id, name);
      if (id && name && LABEL_KEY.test(name)) s.labelKey ??= id;
    } else if (tag === 'data' && s.labelKey !== undefined) {
      const key = /\bkey\s*=\s*["']([^"']+)/.exec(attrs)?.[1];
      if (key === s.labelKey) s.labels.add(content.trim());
    }
  }
}

function report(s: GraphmlState, b: ReportBuilder): void {
  b.set('nodes', s.nodes);
  b.set('edges', s.edges);
  b.set('graphs', s.graphs);
  if (s.directed !== undefined) b.set('directed', s.directed ? 'yes' : 'no');
  if (s.nodeKeys.size > 0) b.set('nodeAttributes', [...s.nodeKeys.values()].join(', '));
  const graphs = s.graphs > 1 ? ` in ${count(s.graphs, 'graph')}` : '';
  b.infer('modality', 'graph', `a GraphML file of ${count(s.nodes, 'node')} and ${count(s.edges, 'edge')}${graphs}`, 'certain');
  const name = s.labelKey === undefined ? undefined : s.nodeKeys.get(s.labelKey);
  if (name === undefined) {
    b.skip(
      'task',
      'the graph has no node attribute named like a label: node classification, link prediction and graph embeddings (representation) are all possible',
    );
    b.skip('labeled', 'no node attribute is named like a label (label, class, y, ...)');
    return;
  }
  const labeled = labeledCount(s.labels);
  b.infer('labeled', labeled, `${count(labeled, 'node')} ${labeled === 1 ? 'has' : 'have'} a value for the node attribute ${q(name)}`, 'likely');
  b.infer('unlabeled', Math.max(0, s.nodes - labeled), `the other nodes have no ${q(name)}`, 'likely');
  const guess = taskFromLabels(`the node attribute ${q(name)}`, s.labels, 'node');
  if (guess.task && guess.evidence) b.infer('task', guess.task, `${guess.evidence} (node-level prediction)`, 'likely');
  else b.skip('task', guess.why ?? 'the node labels do not show the task');
}
