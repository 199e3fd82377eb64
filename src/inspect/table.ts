/**
 * Answers from a table (CSV, TSV, JSON Lines): modality, task, labelled/unlabelled rows and
 * features, from the exact counts of the full pass and the profiles of the sample rows.
 */
import { type ColumnProfile, idReason, isGroupColumn } from './columns.js';
import { count, fmt, list, q, type ReportBuilder } from './report.js';
import { tableWarnings, timeColumn } from './table-checks.js';
import { sampleScope, type TableFacts } from './table-facts.js';
import { dropMissingMarkers, type LabelCounts, labeledCount, type TargetChoice, taskFromLabels } from './target.js';
import { alphabetOf, letterCounts, looksLikeSmiles } from './values.js';

export function inferTable(facts: TableFacts, b: ReportBuilder): void {
  const ids = new Map(facts.profiles.flatMap((p) => (p.index === facts.target?.index ? [] : idEntry(p))));
  b.set('rows', facts.rows);
  b.set('columns', facts.names.length);
  if (facts.target) b.set('target', facts.target.name);
  if (ids.size > 0) b.set('idColumns', [...ids.keys()].map((i) => facts.names[i] ?? '').join(', '));
  const groups = facts.profiles.filter((p) => ids.has(p.index) && isGroupColumn(p));
  if (groups.length > 0) b.set('groupColumns', groups.map((p) => p.name).join(', '));
  const modality = inferModality(facts, ids, b);
  if (facts.target) inferFromTarget(facts.target, b);
  else noTarget(facts, b);
  if (modality === 'tabular') inferFeatures(facts, ids, b);
  inferDependence(facts, groups, b);
  tableWarnings(facts, ids, b);
}

/**
 * Issue 17: an ID-like column whose values repeat means several rows per patient, site or batch
 * (`grouped`, which decides the split); else a time column that increases row by row suggests
 * `temporal`. Only a suggestion: rows in time order can still be independent, so it is a guess.
 */
function inferDependence(facts: TableFacts, groups: ColumnProfile[], b: ReportBuilder): void {
  const group = groups[0];
  if (group) {
    const distinct = group.manyDistinct ? 'many' : fmt(group.distinct.size);
    const evidence = `the ID-like column ${q(group.name)} repeats (${distinct} distinct values in ${count(group.values, 'row')}${sampleScope(facts)}): several rows per patient, subject, site or batch`;
    b.infer('dependence', 'grouped', evidence, 'likely');
    return;
  }
  const time = timeColumn(facts);
  if (time) {
    b.infer('dependence', 'temporal', `the column ${q(time.name)} increases row by row: the rows look ordered in time`, 'guess');
    b.set('timeColumn', time.name);
  }
}

function idEntry(p: ColumnProfile): Array<[number, string]> {
  const why = idReason(p);
  return why ? [[p.index, why]] : [];
}

function inferModality(facts: TableFacts, ids: Map<number, string>, b: ReportBuilder): string {
  const inputs = facts.profiles.filter((p) => p.index !== facts.target?.index && !ids.has(p.index) && p.values > 0);
  const shape = `the file is a table of ${count(facts.rows, 'row')} and ${count(facts.names.length, 'column')}`;
  const smiles = inputs.find((p) => /smiles/i.test(p.name) || allMatch(sampleOf(p, facts), looksLikeSmiles));
  if (smiles) {
    b.infer('modality', 'graph', `column ${q(smiles.name)} holds SMILES strings: molecules, i.e. graphs of atoms and bonds`, 'likely');
    b.set('molecules', facts.rows);
    return 'graph';
  }
  const sequence = inputs.find((p) => isSequenceColumn(p, facts));
  if (sequence) {
    const { alphabet } = alphabetOf(letterCounts(sampleOf(sequence, facts)));
    b.infer('modality', 'biosequence', `column ${q(sequence.name)} holds ${alphabet} sequences`, 'likely');
    b.set('alphabet', alphabet);
    return 'biosequence';
  }
  const text = inputs.filter((p) => p.meanLength >= 60 && p.withSpace >= 0.8 * p.values);
  if (text.length > 0 && inputs.length - text.length <= 2) {
    const main = text[0] as ColumnProfile;
    const evidence = `column ${q(main.name)} holds free text (${fmt(main.meanLength)} characters on average)${sampleScope(facts)}`;
    b.infer('modality', 'text', evidence, 'likely');
    return 'text';
  }
  b.infer('modality', 'tabular', shape, 'certain');
  return 'tabular';
}

function sampleOf(p: ColumnProfile, facts: TableFacts): string[] {
  return facts.sample.slice(0, 200).flatMap((row) => (row[p.index] ? [row[p.index] as string] : []));
}

const allMatch = (values: string[], test: (v: string) => boolean) => values.length >= 3 && values.every(test);

function isSequenceColumn(p: ColumnProfile, facts: TableFacts): boolean {
  if (!/^(?:sequence|seq|dna|rna|protein|peptide|aa_?seq|.*[_\s]seq(?:uence)?)$/i.test(p.name) || p.meanLength < 8) return false;
  const { alphabet, other, total } = alphabetOf(letterCounts(sampleOf(p, facts)));
  return alphabet !== 'unknown' && other <= 0.01 * total;
}

function inferFromTarget(target: TargetChoice & { labels: LabelCounts }, b: ReportBuilder): void {
  const labels = dropMissingMarkers(target.labels);
  const labeled = labeledCount(labels);
  const confidence = target.confidence;
  b.infer('labeled', labeled, `${target.how} has a value in ${count(labeled, 'row')}`, confidence);
  b.infer('unlabeled', labels.empty, `${target.how} is empty or missing (NA, ?, ...) in ${count(labels.empty, 'row')}`, confidence);
  if (target.guess) {
    b.warn('target-guessed', `the target column ${q(target.name)} is a guess (${target.guess}): pass --target COLUMN if it is another one`);
  }
  const guess = taskFromLabels(target.how, labels);
  if (guess.task && guess.evidence) b.infer('task', guess.task, guess.evidence, confidence === 'certain' ? 'certain' : confidence);
  else b.skip('task', guess.why ?? 'the target does not show the task');
  if (guess.ambiguous) b.warn('ambiguous-target', guess.why ?? '');
  if (guess.task === 'classification') b.set('classes', labels.counts.size);
}

function noTarget(facts: TableFacts, b: ReportBuilder): void {
  const why =
    'no column is named like a target (label, target, class, y, outcome, diagnosis, ...), so it could not tell what you want to predict; ' +
    'pass --target COLUMN, or if the table has no target, answer task: representation or feature-discovery';
  b.skip('task', why);
  b.skip('labeled', `${why} (then labeled: 0 and unlabeled: ${fmt(facts.rows)})`);
  b.skip('unlabeled', 'it depends on the target column (see labeled)');
}

function inferFeatures(facts: TableFacts, ids: Map<number, string>, b: ReportBuilder): void {
  const removed: string[] = [];
  if (facts.target) removed.push(`the target ${q(facts.target.name)}`);
  if (ids.size > 0) removed.push(`the ID-like ${ids.size === 1 ? 'column' : 'columns'} ${list([...ids.keys()].map((i) => q(facts.names[i] ?? '')))}`);
  const features = facts.names.length - (facts.target ? 1 : 0) - ids.size;
  const one = (facts.target ? 1 : 0) + ids.size === 1;
  if (features < 1) {
    b.skip('features', `no columns are left once ${removed.join(' and ')} ${one ? 'is' : 'are'} set aside`);
    return;
  }
  const evidence =
    removed.length === 0
      ? `the table has ${count(features, 'column')}, none of them a target or an ID`
      : `of the ${count(facts.names.length, 'column')}, ${removed.join(' and ')} ${one ? 'is not a feature' : 'are not features'}`;
  b.infer('features', features, evidence, facts.target?.confidence ?? 'likely');
}
