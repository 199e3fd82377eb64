/**
 * A folder of DICOM files grouped into series (SeriesInstanceUID): one series is one example
 * (a volume when it has several slices or frames), with modality, slice counts and spacing.
 */
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { Probe } from '../probe.js';
import { count, fmt, list, q, type ReportBuilder, spread } from '../report.js';
import { type DicomTags, readDicom } from './dicom-tags.js';

const HEAD = 16 << 10;
const CONCURRENCY = 16;
const MAX_DEPTH = 16;

/** The files under `root` (depth-first), up to `max`; `more` when there are others. */
async function listFiles(root: string, max: number): Promise<{ files: string[]; more: boolean }> {
  const files: string[] = [];
  const walk = async (dir: string, depth: number): Promise<boolean> => {
    const entries = await opendir(dir).catch(() => undefined);
    if (!entries) return true;
    for await (const e of entries) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory() && depth < MAX_DEPTH) {
        if (!(await walk(join(dir, e.name), depth + 1))) return false;
      } else if (e.isFile()) {
        if (files.length >= max) return false;
        files.push(join(dir, e.name));
      }
    }
    return true;
  };
  const complete = await walk(root, 0);
  return { files, more: !complete };
}

async function head(path: string): Promise<DicomTags | undefined> {
  const p = await Probe.open(path, HEAD).catch(() => undefined);
  if (!p) return undefined;
  try {
    return readDicom(p.head);
  } finally {
    await p.close();
  }
}

/** True (and the report filled) when most of the folder's first files are DICOM. */
export async function inspectDicomFolder(root: string, maxFiles: number, b: ReportBuilder): Promise<boolean> {
  const first = await listFiles(root, 20);
  if (first.files.length === 0) return false;
  const probe = await Promise.all(first.files.map(head));
  if (probe.filter(Boolean).length * 2 < first.files.length) return false;
  const { files, more } = await listFiles(root, maxFiles);
  const tags: Array<DicomTags | undefined> = new Array(files.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < files.length) {
        const i = next++;
        tags[i] = await head(files[i] as string);
      }
    }),
  );
  summarise(files.length, tags, more, maxFiles, b);
  return true;
}

interface Series {
  modality: string;
  slices: number;
  frames: number;
  rows?: string;
  columns?: string;
  spacing?: string;
  thickness?: string;
  patient?: string;
  description?: string;
}

function summarise(total: number, tags: Array<DicomTags | undefined>, more: boolean, maxFiles: number, b: ReportBuilder): void {
  const series = new Map<string, Series>();
  let other = 0;
  for (const t of tags) {
    if (!t) {
      other++;
      continue;
    }
    const uid = t.seriesUid ?? `no SeriesInstanceUID (${t.studyUid ?? 'no study'})`;
    const s = series.get(uid) ?? {
      modality: t.modality ?? '?',
      slices: 0,
      frames: 0,
      rows: t.rows,
      columns: t.columns,
      spacing: t.pixelSpacing,
      thickness: t.sliceThickness,
      patient: t.patientId,
      description: t.seriesDescription,
    };
    s.slices++;
    s.frames += Math.max(1, Number(t.frames ?? 1) || 1);
    series.set(uid, s);
  }
  b.format = 'dicom-folder';
  const all = [...series.values()];
  const modalities = new Map<string, number>();
  for (const s of all) modalities.set(s.modality, (modalities.get(s.modality) ?? 0) + 1);
  const byModality = [...modalities].sort((x, y) => y[1] - x[1]).map(([m, n]) => `${m} ${fmt(n)}`);
  const volumes = all.filter((s) => s.frames >= 2).length;
  const patients = new Set(all.flatMap((s) => (s.patient ? [s.patient] : [])));
  b.set('files', total - other);
  b.set('series', all.length);
  if (patients.size > 0) b.set('patients', patients.size);
  b.set('modalities', list(byModality, 6));
  b.set('slicesPerSeries', spread(all.map((s) => s.frames)));
  const sizes = [...new Set(all.flatMap((s) => (s.rows && s.columns ? [`${s.columns} x ${s.rows}`] : [])))];
  if (sizes.length > 0) b.set('sliceSize', list(sizes, 4));
  const spacing = [
    ...new Set(all.flatMap((s) => (s.spacing ? [`${s.spacing.replace('\\', ' x ')} mm${s.thickness ? `, ${s.thickness} mm thick` : ''}`] : []))),
  ];
  if (spacing.length > 0) b.set('spacing', list(spacing, 4));
  b.infer(
    'modality',
    'image',
    `${count(total - other, 'DICOM file')} in ${count(all.length, 'series', 'series')} (${list(byModality, 4)}), ${volumes === all.length ? 'each a volume of several slices' : `${fmt(volumes)} of them volumes of several slices`}`,
    'certain',
  );
  inferKindAndDependence(all.length, volumes, patients.size, b);
  b.skip(
    'labeled',
    `DICOM headers carry no labels: one series is one example (${count(all.length, 'series', 'series')}); give the labels (diagnoses, masks) per series in a file, then answer labeled`,
  );
  b.skip('task', 'the scans alone do not show what you want to predict');
  if (modalities.size > 1)
    b.warn(
      'mixed-modalities',
      `the series are of ${fmt(modalities.size)} modalities (${list(byModality)}): a model usually takes one, or one per input channel`,
    );
  if (patients.size > 0 && patients.size < all.length)
    b.warn(
      'grouped-series',
      `${count(all.length, 'series', 'series')} from ${count(patients.size, 'patient')}: split train and test by patient, not by series`,
    );
  if (other > 0)
    b.warn(
      'non-dicom-files',
      `${count(other, 'file')} in the folder ${other === 1 ? 'is' : 'are'} not DICOM (no DICM signature) and ${other === 1 ? 'was' : 'were'} skipped`,
    );
  if (more) b.warn('headers-not-read', `only the first ${fmt(maxFiles)} files were read (--max-files); the counts are for those`);
  const unnamed = all.filter((s) => !s.description).length;
  if (unnamed < all.length)
    b.set(
      'seriesDescriptions',
      list(
        all.flatMap((s) => (s.description ? [q(s.description)] : [])),
        4,
      ),
    );
}

/** Issue 18: volumes or 2D images (most series decide), and grouped when patients have several series. */
function inferKindAndDependence(series: number, volumes: number, patients: number, b: ReportBuilder): void {
  const of = `of the ${count(series, 'series', 'series')}`;
  if (volumes > 0 && volumes * 2 >= series) b.infer('kind', 'volume', `${fmt(volumes)} ${of} have several slices (3D volumes)`, 'likely');
  else if (series > 0) b.infer('kind', '2d', `${fmt(series - volumes)} ${of} are single 2D images`, 'likely');
  if (patients > 0 && patients < series)
    b.infer('dependence', 'grouped', `${count(series, 'series', 'series')} come from ${count(patients, 'patient')} (PatientID)`, 'likely');
}
