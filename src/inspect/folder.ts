/**
 * Folders of images, audio, video or text documents (the kind with the most files wins), and
 * single image, audio and video files.
 */
import { basename, extname } from 'node:path';
import { UserError } from '../errors.js';
import { analyseLayout, inferFromLayout, sortSplits } from './folder-layout.js';
import { probeFiles, summariseProbes } from './folder-probe.js';
import { MEDIA_KINDS, type MediaKind, type Walk, walkFolder } from './folder-walk.js';
import { findLabelsFile, LABELS_LIMIT, type LabelsFile } from './labels-file.js';
import { count, fmt, list, q, type ReportBuilder } from './report.js';
import { labeledCount, taskFromLabels, warnImbalance } from './target.js';

/** DICOM folders: files read (each slice's tags place it in a series). */
export const DEFAULT_MAX_FILES = 100_000;
/**
 * Media folders: files per kind whose headers are read; the rest are counted by name. Formats,
 * sizes and channels are summaries, which a thousand headers show as well as a hundred thousand,
 * and reading every header of a large folder took 50-90 times as long as listing it.
 */
export const DEFAULT_HEADER_SAMPLE = 1_000;
const DATA_FILE =
  /\.(?:csv|tsv|jsonl|ndjson|fa|fasta|fna|faa|fq|fastq|smi|sdf|graphml|edges|edgelist|parquet|pq|xlsx|xlsm|npy|npz|fits|fit|fts|h5|hdf5|h5ad|nc|nc4)(?:\.gz)?$/i;
const UNIT: Record<MediaKind, string> = { image: 'image', audio: 'audio file', video: 'video', text: 'document' };

/**
 * Inspects a folder into `b`; returns a data file to inspect instead when the folder holds no
 * media but exactly one table or sequence file.
 */
export async function inspectFolder(path: string, b: ReportBuilder, maxFiles = DEFAULT_HEADER_SAMPLE): Promise<string | undefined> {
  const labelsFile = await findLabelsFile(path);
  const walk = await walkFolder(path, maxFiles, labelsFile?.labels);
  const kind = MEDIA_KINDS.reduce((best, k) => (walk.counts[k] > walk.counts[best] ? k : best), 'image' as MediaKind);
  const total = walk.counts[kind];
  if (total === 0) return onlyDataFile(path, walk);
  b.format = `${kind}-folder`;
  b.set(kind === 'text' ? 'documents' : kind === 'image' ? 'images' : 'files', total);
  const files = walk.sample.filter((f) => f.kind === kind).map((f) => f.rel);
  const probed = await probeFiles(path, files, kind);
  const broken = probed.broken.length + probed.unreadable.length;
  const counted = total - broken;
  const modality = kind === 'audio' ? 'audio' : kind;
  const stray = strayFiles(walk, labelsFile);
  // Mostly other files (documents, binaries, a table): the media may not be the data at all.
  const mostlyOther = stray.length > total;
  const evidence = `the folder holds ${count(counted, UNIT[kind])}${broken > 0 ? ` (and ${fmt(broken)} with broken headers)` : ''}${mostlyOther ? ` among ${count(stray.length, 'other file')}` : ''}`;
  b.infer('modality', modality, evidence, mostlyOther ? 'guess' : 'certain');
  summariseProbes(kind, probed, b);
  if (files.length < total)
    b.warn(
      'headers-not-read',
      `only the first ${fmt(files.length)} of ${fmt(total)} ${UNIT[kind]}s had their headers read (--max-files); the rest are counted by name`,
    );
  inferLabels(walk, kind, total, labelsFile, b);
  otherKinds(walk, kind, b);
  warnStray(path, stray, kind, total, b);
  if (walk.truncated) b.warn('folder-truncated', 'the folder has more than 10,000,000 entries: the walk stopped there and the counts are lower bounds');
  return undefined;
}

function inferLabels(walk: Walk, kind: MediaKind, total: number, labelsFile: LabelsFile | undefined, b: ReportBuilder): void {
  const layout = analyseLayout(walk.groups[kind]);
  const splits = sortSplits([...layout.splits.keys()]);
  if (splits.length > 0)
    b.set(
      'splits',
      list(
        splits.map((s) => `${s} ${fmt(layout.splits.get(s) ?? 0)}`),
        6,
      ),
    );
  const unit = UNIT[kind];
  const labels = walk.labels[kind];
  if (labelsFile && labeledCount(labels) > 0) {
    const labeled = labeledCount(labels);
    b.set('labelsFile', labelsFile.name);
    b.infer('labeled', labeled, `${count(labeled, unit)} have a label in ${q(labelsFile.name)} (column ${q(labelsFile.column)})`, 'likely');
    b.infer(
      'unlabeled',
      Math.max(0, total - labeled),
      `${count(Math.max(0, total - labeled), unit)} have no entry or an empty label in ${q(labelsFile.name)}`,
      'likely',
    );
    const guess = taskFromLabels(`the labels file ${q(labelsFile.name)}`, labels, unit);
    if (guess.task && guess.evidence) b.infer('task', guess.task, guess.evidence, 'likely');
    else b.skip('task', guess.why ?? 'the labels do not show the task');
    if (guess.ambiguous) b.warn('ambiguous-target', guess.why ?? '');
    if (guess.task === 'classification') warnImbalance(labels, b, unit);
    if (labelsFile.truncated) b.warn('labels-truncated', `${q(labelsFile.name)} has more than ${fmt(LABELS_LIMIT)} entries: only those were read`);
    return;
  }
  if (inferFromLayout(layout, kind, total, b)) return;
  const container = layout.container ? ` (all in the folder ${q(layout.container)})` : '';
  b.infer('labeled', 0, `no class subfolders, masks folder or labels file (labels.csv, labels.txt)${container}`, 'likely');
  b.infer('unlabeled', total, `the folder holds ${count(total, unit)}`, 'likely');
  b.skip(
    'task',
    `unlabelled ${unit}s: learn representations first (task: representation), or add labels (one subfolder per class, or a labels.csv of file,label)`,
  );
}

function otherKinds(walk: Walk, kind: MediaKind, b: ReportBuilder): void {
  const others = MEDIA_KINDS.filter((k) => k !== kind && walk.counts[k] > 0).map((k) => count(walk.counts[k], UNIT[k]));
  if (others.length > 0) b.warn('mixed-media', `the folder also holds ${list(others)}; only the ${UNIT[kind]}s were inspected`);
}

/** Files that are not media (beside the labels file and a README or LICENSE): not read. */
function strayFiles(walk: Walk, labelsFile: LabelsFile | undefined): { length: number; names: string[] } {
  const beside = (f: string) => f === labelsFile?.name || /^(?:readme|licen[cs]e|citation|changelog)(?:\.[a-z]+)?$/i.test(f);
  const names = walk.others.filter((f) => !beside(f));
  return { length: walk.otherCount - (walk.others.length - names.length), names };
}

function warnStray(path: string, stray: { length: number; names: string[] }, kind: MediaKind, total: number, b: ReportBuilder): void {
  if (stray.length === 0) return;
  const data = stray.names.filter((f) => DATA_FILE.test(f));
  const hint = data.length === 1 ? `; to inspect the table instead, point inspect at ${q(data[0] ?? '')} in ${q(path)}` : '';
  b.warn(
    'other-files',
    `the folder also holds ${count(stray.length, 'file')} that ${stray.length === 1 ? 'is' : 'are'} not ${UNIT[kind]}s (e.g. ${list(stray.names.slice(0, 3).map(q), 3)}), not read; only the ${count(total, UNIT[kind])} ${total === 1 ? 'was' : 'were'} inspected${hint}`,
  );
}

function onlyDataFile(path: string, walk: Walk): string {
  const data = walk.others.filter((f) => DATA_FILE.test(f));
  if (data.length === 1 && data[0]) return `${path.replace(/\/+$/, '')}/${data[0]}`;
  const found = walk.otherCount === 0 ? 'it is empty' : `it has ${count(walk.otherCount, 'other file')} (e.g. ${list(walk.others.slice(0, 3).map(q), 3)})`;
  throw new UserError({
    code: 'data-unsupported',
    file: path,
    message: `no images, audio, video or text documents in this folder (${found}); point inspect at a data file (CSV, TSV, JSON Lines, FASTA/FASTQ, SMILES, SDF, GraphML, edge list) or a folder of media files`,
  });
}

/** One image, audio or video file. */
export function singleFileLabels(path: string, kind: 'image' | 'audio' | 'video', b: ReportBuilder): void {
  const name = basename(path, extname(path));
  b.skip('labeled', `a single ${kind === 'audio' ? 'recording' : kind} (${q(name)}): point inspect at the folder that holds all the data`);
  b.skip('task', `one ${kind} file does not show what you want to predict`);
}
