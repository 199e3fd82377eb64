/**
 * What arrays' shapes say (NumPy .npy/.npz, HDF5 datasets): (N, H, W[, C]) or (N, C, H, W)
 * images, (N, D, H, W[, C]) volumes, (N, T, C) signals, (N, F) tables, and a 1-D array of
 * length N named like labels (y, labels, y_train ...) as their labels, or masks of the images' size.
 */
import { UserError } from '../../errors.js';
import { count, fmt, list, q, type ReportBuilder } from '../report.js';
import { LabelCounter, type LabelCounts, labeledCount, type TaskGuess, taskFromLabels, warnImbalance } from '../target.js';
import type { InspectOptions } from '../types.js';

/** Label arrays are read up to this many values; longer ones are counted from their start. */
export const LABEL_VALUES = 4_000_000;

/** Reads up to `max` values of a 1-D array as text ('' = missing). */
export type LabelSource = (max: number) => Promise<string[] | undefined>;

export interface ArrayInfo {
  name: string;
  shape: number[];
  dtype: string;
  fields?: string[];
  values?: LabelSource;
}

type Role = 'image' | 'volume' | 'signal' | 'table';
interface Shaped {
  role: Role;
  n: number;
  how: string;
  confidence: 'likely' | 'guess';
}

const CHANNELS = new Set([1, 2, 3, 4]);
const LABEL_NAME = /^(?:y|labels?|targets?|class(?:es)?|gt|outcomes?|annotations?|cell_?types?)(?:[_\-.]|$)|[_-](?:y|labels?|targets?)$/i;
const MASK_NAME = /mask|seg|annot/i;
const DATA_PREFIX = /^(?:x|data|images?|inputs?|features?|samples?|signals?|volumes?)(?=[_\-.]|$)/i;
const LABEL_PREFIX = /^(?:y|labels?|targets?|class(?:es)?|gt|masks?|seg(?:mentation)?s?)(?=[_\-.]|$)/i;

export const shapeText = (a: ArrayInfo) => `(${a.shape.map((d) => fmt(d)).join(', ')}${a.shape.length === 1 ? ',' : ''}) ${a.dtype}`;

/** The role a shape suggests, with the first axis as examples. */
export function roleOf(a: ArrayInfo): Shaped | undefined {
  const s = a.shape;
  const [n = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0] = s;
  if (a.fields && s.length === 1)
    return { role: 'table', n, how: `a structured array of ${count(n, 'record')} with ${count(a.fields.length, 'field')}`, confidence: 'likely' };
  if (s.length === 5 && (CHANNELS.has(d4) || CHANNELS.has(d1))) {
    return {
      role: 'volume',
      n,
      how: `${fmt(n)} volumes of ${CHANNELS.has(d4) ? `${d1} x ${d2} x ${d3}` : `${d2} x ${d3} x ${d4}`} voxels`,
      confidence: 'likely',
    };
  }
  if (s.length === 4 && d1 >= 8 && d2 >= 8 && CHANNELS.has(d3))
    return { role: 'image', n, how: `${fmt(n)} images of ${d1} x ${d2} with ${d3} channels (N, H, W, C)`, confidence: 'likely' };
  if (s.length === 4 && d2 >= 8 && d3 >= 8 && CHANNELS.has(d1))
    return { role: 'image', n, how: `${fmt(n)} images of ${d2} x ${d3} with ${d1} channels (N, C, H, W)`, confidence: 'likely' };
  if (s.length === 4 && d1 >= 8 && d2 >= 8 && d3 >= 8)
    return { role: 'volume', n, how: `${fmt(n)} volumes of ${d1} x ${d2} x ${d3} voxels`, confidence: 'guess' };
  if (s.length === 3 && d2 <= 16 && d1 >= 4 * d2)
    return { role: 'signal', n, how: `${fmt(n)} signals of ${fmt(d1)} steps and ${count(d2, 'channel')} (N, T, C)`, confidence: 'likely' };
  if (s.length === 3 && d1 <= 16 && d2 >= 4 * d1)
    return { role: 'signal', n, how: `${fmt(n)} signals of ${count(d1, 'channel')} and ${fmt(d2)} steps (N, C, T)`, confidence: 'guess' };
  if (s.length === 3 && d1 >= 8 && d2 >= 8)
    return { role: 'image', n, how: `${fmt(n)} single-channel images of ${d1} x ${d2} (N, H, W)`, confidence: 'likely' };
  if (s.length === 2 && n >= 1 && d1 >= 1)
    return { role: 'table', n, how: `a matrix of ${count(n, 'row')} and ${count(d1, 'column')} (N, F)`, confidence: 'likely' };
  return undefined;
}

const MODALITY: Record<Role, string> = { image: 'image', volume: 'image', signal: 'time-series', table: 'tabular' };
/** The `kind` each shape implies (issue 18): 2D images, 3D volumes, regularly sampled signals. */
const KIND: Record<Role, string | undefined> = { image: '2d', volume: 'volume', signal: 'signal', table: undefined };
const UNIT: Record<Role, string> = { image: 'image', volume: 'volume', signal: 'signal', table: 'row' };

const stem = (name: string, prefix: RegExp) =>
  name
    .replace(prefix, '')
    .replace(/^[_\-.]/, '')
    .toLowerCase();

/** The label array paired with a data array: same suffix (x_train / y_train), or the only label-like one of its length. */
function pairLabels(data: ArrayInfo, shaped: Shaped, candidates: ArrayInfo[]): ArrayInfo | undefined {
  const fit = candidates.filter((c) => c.shape[0] === shaped.n && c !== data);
  const suffix = stem(data.name, DATA_PREFIX);
  const bySuffix = fit.filter((c) => LABEL_PREFIX.test(c.name) && stem(c.name, LABEL_PREFIX) === suffix);
  if (bySuffix.length === 1) return bySuffix[0];
  const named = fit.filter((c) => LABEL_NAME.test(c.name) || MASK_NAME.test(c.name));
  return named.length === 1 ? named[0] : undefined;
}

function isMask(labels: ArrayInfo, data: ArrayInfo, shaped: Shaped): boolean {
  if (labels.shape.length < 3 || (shaped.role !== 'image' && shaped.role !== 'volume')) return false;
  const [, a = 0, b2 = 0] = labels.shape;
  return data.shape.includes(a) && data.shape.includes(b2) && a >= 8;
}

export async function inferArrays(arrays: ArrayInfo[], path: string, options: InspectOptions, b: ReportBuilder): Promise<void> {
  b.set(
    'arrays',
    list(
      arrays.map((a) => `${a.name} ${shapeText(a)}`),
      8,
    ),
  );
  const shaped = arrays.flatMap((a) => {
    const s = roleOf(a);
    return s && !(a.shape.length <= 2 && LABEL_NAME.test(a.name) && arrays.length > 1) ? [{ a, s }] : [];
  });
  const byElements = (x: ArrayInfo) => x.shape.reduce((m, d) => m * d, 1);
  const main = shaped.sort((x, y) => byElements(y.a) - byElements(x.a))[0];
  if (!main) {
    b.skip(
      'modality',
      `no array has a shape that shows the kind of data (${list(
        arrays.map((a) => `${q(a.name)} ${shapeText(a)}`),
        4,
      )})`,
    );
    b.skip('labeled', 'no array of examples was recognised, so no labels either');
    return;
  }
  const role = main.s.role;
  const group = shaped.filter((x) => x.s.role === role && sameItem(x.a, main.a));
  b.infer('modality', MODALITY[role], `array ${q(main.a.name)} ${shapeText(main.a)} reads as ${main.s.how}`, main.s.confidence);
  const kind = KIND[role];
  if (kind) b.infer('kind', kind, `array ${q(main.a.name)} ${shapeText(main.a)} reads as ${main.s.how}`, main.s.confidence);
  if (role === 'table') {
    const f = main.a.fields?.length ?? main.a.shape[1] ?? 0;
    if (f >= 1) b.infer('features', f, `array ${q(main.a.name)} has ${count(f, main.a.fields ? 'field' : 'column')}`, 'likely');
    const side = Math.sqrt(f);
    if (f >= 256 && Number.isInteger(side))
      b.warn(
        'flattened-images',
        `${fmt(f)} columns is ${side} x ${side}: if each row is a flattened image, reshape it to (N, ${side}, ${side}) and answer modality: image`,
      );
  }
  const total = group.reduce((n, x) => n + x.s.n, 0);
  b.set(UNIT[role] === 'row' ? 'rows' : `${UNIT[role]}s`, total);
  if (group.length > 1)
    b.set(
      'splits',
      list(
        group.map((x) => `${x.a.name} ${fmt(x.s.n)}`),
        6,
      ),
    );
  await inferLabels(arrays, group, path, options, b);
}

/** Arrays of the same kind of item (same shape after the first axis): splits of one dataset. */
function sameItem(x: ArrayInfo, y: ArrayInfo): boolean {
  return x.shape.length === y.shape.length && x.shape.slice(1).every((d, i) => d === y.shape[i + 1]);
}

async function inferLabels(
  arrays: ArrayInfo[],
  group: Array<{ a: ArrayInfo; s: Shaped }>,
  path: string,
  options: InspectOptions,
  b: ReportBuilder,
): Promise<void> {
  const unit = UNIT[group[0]?.s.role ?? 'table'];
  const candidates = arrays.filter((a) => !group.some((g) => g.a === a));
  let chosen: ArrayInfo | undefined;
  if (options.target) {
    chosen = arrays.find((a) => a.name === options.target) ?? arrays.find((a) => a.name.toLowerCase() === options.target?.toLowerCase());
    if (!chosen)
      throw new UserError({
        code: 'target-not-found',
        file: path,
        message: `no array ${q(options.target)} for --target; the arrays are ${list(
          arrays.map((a) => q(a.name)),
          30,
        )}`,
      });
  }
  const pairs = group.map((g) => ({ ...g, labels: chosen && chosen.shape[0] === g.s.n ? chosen : chosen ? undefined : pairLabels(g.a, g.s, candidates) }));
  const labelled = pairs.filter((p) => p.labels);
  const unlabeled = pairs.filter((p) => !p.labels).reduce((n, p) => n + p.s.n, 0);
  if (labelled.length === 0) {
    const why =
      arrays.length === 1
        ? 'a single array: its labels, if any, are in another file (save them together, e.g. np.savez(path, x=x, y=y))'
        : `no array of length ${fmt(group[0]?.s.n ?? 0)} is named like labels (y, labels, y_train, ...): pass --target ARRAY`;
    b.skip('labeled', why);
    b.skip('task', 'without labels the arrays do not show what you want to predict');
    return;
  }
  const mask = labelled.find((p) => p.labels && isMask(p.labels, p.a, p.s));
  const names = labelled.map((p) => `${q(p.labels?.name ?? '')} for ${q(p.a.name)}`).join(', ');
  const counts = mask
    ? undefined
    : await countLabels(
        labelled.flatMap((p) => (p.labels ? [p.labels] : [])),
        b,
      );
  const missing = counts?.empty ?? 0;
  const labeled = labelled.reduce((n, p) => n + p.s.n, 0) - missing;
  const nan = missing > 0 ? `, less ${fmt(missing)} missing (NaN or empty)` : '';
  b.set('labels', labelled.map((p) => p.labels?.name ?? '').join(', '));
  b.infer('labeled', labeled, `${names} ${labelled.length === 1 ? 'has' : 'have'} one label per ${unit}${nan} (${count(labeled, unit)})`, 'likely');
  const none = unlabeled + missing;
  b.infer(
    'unlabeled',
    none,
    none === 0 ? `every array of ${unit}s has a matching label array` : `${count(none, unit)} without a label (in arrays without a label array, or missing)`,
    'likely',
  );
  if (mask?.labels) {
    b.infer('task', 'segmentation', `${q(mask.labels.name)} ${shapeText(mask.labels)} holds one mask per ${unit}, of the ${unit}s' size`, 'likely');
    return;
  }
  if (!counts) {
    b.skip('task', `the labels ${names} are not 1-D numbers or strings, so their values do not show the task`);
    return;
  }
  const what = `the labels ${list(labelled.map((p) => q(p.labels?.name ?? '')))}`;
  const classIndices =
    unit !== 'row' &&
    labelled.every((p) => /^u?int|^bool/.test(p.labels?.dtype ?? '')) &&
    counts.untracked === 0 &&
    counts.counts.size >= 2 &&
    counts.counts.size <= 1000;
  const guess = classIndices ? classIndexTask(what, counts, unit) : taskFromLabels(what, counts, unit);
  if (guess.task && guess.evidence) b.infer('task', guess.task, guess.evidence, 'likely');
  else b.skip('task', guess.why ?? 'the labels do not show the task');
  if (guess.ambiguous) b.warn('ambiguous-target', guess.why ?? '');
  if (guess.task === 'classification') {
    b.set('classes', counts.counts.size);
    warnImbalance(counts, b, unit);
  }
}

async function countLabels(labels: ArrayInfo[], b: ReportBuilder): Promise<LabelCounts | undefined> {
  const counter = new LabelCounter();
  for (const a of labels) {
    if (a.shape.length > 2 || (a.shape.length === 2 && a.shape[1] !== 1) || !a.values) return undefined;
    const values = await a.values(LABEL_VALUES);
    if (!values) return undefined;
    for (const v of values) counter.add(v === '' ? undefined : v);
    if ((a.shape[0] ?? 0) > values.length)
      b.warn('labels-truncated', `only the first ${fmt(values.length)} of ${fmt(a.shape[0] ?? 0)} labels in ${q(a.name)} were counted`);
  }
  return labeledCount(counter) + counter.empty > 0 ? counter : undefined;
}

/** Integer labels of images or signals are class indices (0-9 for digits), not a scale. */
function classIndexTask(what: string, counts: LabelCounts, unit: string): TaskGuess {
  const values = [...counts.counts.keys()].map(Number).sort((x, y) => x - y);
  const range = `${fmt(values[0] ?? 0)} to ${fmt(values[values.length - 1] ?? 0)}`;
  return {
    task: 'classification',
    evidence: `${what} are integers with ${count(values.length, 'distinct value')} (${range}) in ${count(labeledCount(counts), `labelled ${unit}`)}: class indices`,
  };
}
