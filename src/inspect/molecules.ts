/** Molecule collections: SMILES files (one molecule per line) and SDF (records ending in $$$$). */
import { forEachLine } from './lines.js';
import { count, fmt, list, q, type ReportBuilder } from './report.js';
import { openSource } from './source.js';
import { LabelCounter, type LabelCounts, labeledCount, taskFromLabels } from './target.js';
import { looksLikeSmiles } from './values.js';

/** SDF data fields that usually hold what is predicted. */
const LABEL_FIELD =
  /^(?:label|class|target|y|outcome|activity|active|activity_?class|toxicity|toxic|tox|ic50|pic50|ki|pki|kd|ec50|logs|solubility|logp|affinity|inhibitor|binding|energy|homo|lumo|gap)$/i;
const FIELD_LIMIT = 100;

export async function inspectSmiles(path: string, b: ReportBuilder): Promise<void> {
  b.format = 'smiles';
  let molecules = 0;
  let invalid = 0;
  let firstInvalid = 0;
  let line = 0;
  const source = await openSource(path);
  try {
    await forEachLine(source, (buf, start, end, done) => {
      if (!done) return;
      line++;
      const text = buf.toString('utf8', start, Math.min(end, start + 2000)).trim();
      if (text === '' || text.startsWith('#')) return;
      const smiles = text.split(/\s+/)[0] ?? '';
      if (molecules === 0 && invalid === 0 && /^smiles$/i.test(smiles)) return;
      molecules++;
      if (!looksLikeSmiles(smiles)) {
        invalid++;
        firstInvalid ||= line;
      }
    });
  } finally {
    await source.close();
  }
  b.set('molecules', molecules);
  b.infer('modality', 'graph', `${count(molecules, 'line')} of SMILES strings: molecules, i.e. graphs of atoms and bonds`, 'likely');
  unlabeledMolecules(molecules, 'a SMILES file has no label column', b);
  if (invalid > 0)
    b.warn('invalid-smiles', `${count(invalid, 'line')} ${invalid === 1 ? 'does' : 'do'} not look like SMILES (the first is line ${fmt(firstInvalid)})`);
}

function unlabeledMolecules(molecules: number, why: string, b: ReportBuilder): void {
  b.infer('labeled', 0, `${why}; if the labels are in another file, count them instead`, 'likely');
  b.infer('unlabeled', molecules, `the file holds ${count(molecules, 'molecule')}`, 'likely');
  b.skip(
    'task',
    'molecules without labels: pretraining or embeddings (task: representation), generation of new molecules (generation), or add labels for classification/regression',
  );
}

interface SdfState {
  records: number;
  open: boolean;
  field: string | undefined;
  fields: Map<string, LabelCounter>;
}

export async function inspectSdf(path: string, b: ReportBuilder): Promise<void> {
  b.format = 'sdf';
  const s: SdfState = { records: 0, open: false, field: undefined, fields: new Map() };
  const source = await openSource(path);
  try {
    await forEachLine(source, (buf, start, end, done) => {
      if (done) sdfLine(s, buf.toString('utf8', start, Math.min(end, start + 500)));
    });
  } finally {
    await source.close();
  }
  if (s.open) s.records++;
  b.set('molecules', s.records);
  if (s.fields.size > 0) b.set('dataFields', [...s.fields.keys()].join(', '));
  b.infer('modality', 'graph', `an SDF file of ${count(s.records, 'molecule')} (records ending in $$$$): graphs of atoms and bonds`, 'certain');
  const label = [...s.fields.entries()].find(([name]) => LABEL_FIELD.test(name));
  if (!label) {
    const none = s.fields.size === 0 ? 'the records have no data fields' : `no data field is named like a label (fields: ${list([...s.fields.keys()].map(q))})`;
    unlabeledMolecules(s.records, none, b);
    return;
  }
  labeledMolecules(s.records, label[0], label[1], b);
}

function sdfLine(s: SdfState, line: string): void {
  if (line.startsWith('$$$$')) {
    s.records++;
    s.open = false;
    s.field = undefined;
    return;
  }
  if (line.trim() !== '') s.open = true;
  const header = /^>\s*.*<([^>]+)>/.exec(line);
  if (header) {
    const name = header[1] ?? '';
    s.field = s.fields.has(name) || s.fields.size < FIELD_LIMIT ? name : undefined;
    return;
  }
  if (s.field !== undefined) {
    const counter = s.fields.get(s.field) ?? new LabelCounter();
    s.fields.set(s.field, counter);
    counter.add(line.trim());
    s.field = undefined;
  }
}

function labeledMolecules(records: number, field: string, labels: LabelCounts, b: ReportBuilder): void {
  const labeled = labeledCount(labels);
  b.set('labelField', field);
  b.infer('labeled', labeled, `the data field ${q(field)} has a value in ${count(labeled, 'record')}`, 'likely');
  b.infer('unlabeled', records - labeled, `${count(records - labeled, 'record')} lack the field ${q(field)}`, 'likely');
  const guess = taskFromLabels(`the data field ${q(field)}`, labels, 'molecule');
  if (guess.task && guess.evidence) b.infer('task', guess.task, guess.evidence, 'likely');
  else b.skip('task', guess.why ?? 'the label field does not show the task');
  if (guess.ambiguous) b.warn('ambiguous-target', guess.why ?? '');
}
