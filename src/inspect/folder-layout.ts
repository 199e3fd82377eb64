/**
 * Labels from the folder layout: class subfolders (root/class/file, also under train/val/test
 * splits, the common ImageFolder layout), or an images/ + masks/ pair (segmentation).
 */
import type { MediaKind } from './folder-walk.js';
import { count, list, q, type ReportBuilder } from './report.js';
import { LabelCounter, labeledCount, warnImbalance } from './target.js';

const SPLIT = /^(?:train|training|val|valid|validation|test|testing|dev|eval|evaluation)$/i;
const UNLABELED = /^(?:unlabeled|unlabelled|unknown|no_?labels?|unsorted|unclassified)$/i;
const INPUTS = /^(?:images?|imgs?|inputs?|x|raw)$/i;
const MASKS = /^(?:masks?|labels?|annotations?|gt|ground_?truth|segmentations?|targets?|y)$/i;

export interface Layout {
  splits: Map<string, number>;
  classes: Map<string, number>;
  /** Files not in a class folder (at the top, or directly in a split folder). */
  loose: number;
  /** Files in folders named unlabeled/unknown. */
  unlabeledDirs: number;
  /** A single folder holds everything: its name. */
  container: string | undefined;
}

/** train, val, test order. */
export function sortSplits(splits: string[]): string[] {
  const rank = (split: string) => ['tr', 'va', 'de', 'te', 'ev'].indexOf(split.slice(0, 2).toLowerCase());
  return [...splits].sort((a, c) => rank(a) - rank(c));
}

export function analyseLayout(groups: Map<string, number>): Layout {
  const layout: Layout = { splits: new Map(), classes: new Map(), loose: 0, unlabeledDirs: 0, container: undefined };
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  for (const [group, n] of groups) {
    const dirs = group === '' ? [] : group.split('/');
    const split = dirs[0] !== undefined && SPLIT.test(dirs[0]) ? dirs.shift() : undefined;
    if (split) add(layout.splits, split, n);
    const cls = dirs[0];
    if (cls === undefined) layout.loose += n;
    else if (UNLABELED.test(cls)) layout.unlabeledDirs += n;
    else add(layout.classes, cls, n);
  }
  if (layout.classes.size === 1) {
    const [[name, n]] = [...layout.classes] as [[string, number]];
    layout.container = name;
    layout.loose += n;
    layout.classes.clear();
  }
  return layout;
}

/** labeled/unlabeled/task from class folders or image/mask folders; false if the layout shows no labels. */
export function inferFromLayout(layout: Layout, kind: MediaKind, total: number, b: ReportBuilder): boolean {
  const unit = kind === 'text' ? 'document' : kind === 'image' ? 'image' : `${kind} file`;
  const inputs = [...layout.classes.keys()].find((c) => INPUTS.test(c));
  const masks = [...layout.classes.keys()].find((c) => MASKS.test(c));
  if (kind === 'image' && inputs && masks && layout.classes.size === 2) {
    const [n, m] = [layout.classes.get(inputs) ?? 0, layout.classes.get(masks) ?? 0];
    const labeled = Math.min(n, m);
    b.infer('task', 'segmentation', `the folders ${q(inputs)} (${count(n, 'image')}) and ${q(masks)} (${count(m, 'image')}) pair images with masks`, 'likely');
    b.infer('labeled', labeled, `${count(labeled, 'image')} in ${q(inputs)} can have a mask in ${q(masks)}`, 'likely');
    b.infer('unlabeled', Math.max(0, n - m) + layout.loose, `the images without a mask`, 'likely');
    return true;
  }
  if (layout.classes.size < 2) return false;
  const labels = new LabelCounter();
  for (const [cls, n] of layout.classes) labels.counts.set(cls, n);
  const labeled = labeledCount(labels);
  const unlabeled = total - labeled;
  const where = layout.splits.size > 0 ? ` (in the splits ${list(sortSplits([...layout.splits.keys()]).map(q))})` : '';
  const classes = [...layout.classes].sort((a, c) => c[1] - a[1]).map(([name]) => q(name));
  b.infer('labeled', labeled, `${count(labeled, unit)} sit in ${count(layout.classes.size, 'class folder')}${where}: ${list(classes, 4)}`, 'likely');
  b.infer('unlabeled', unlabeled, unlabeled === 0 ? `every ${unit} is in a class folder` : `${count(unlabeled, unit)} are not in a class folder`, 'likely');
  b.infer(
    'task',
    'classification',
    `the ${unit}s are sorted into ${count(layout.classes.size, 'class folder')} (the ImageFolder layout: one folder per class)`,
    'likely',
  );
  b.set('classes', layout.classes.size);
  warnImbalance(labels, b, unit);
  return true;
}
