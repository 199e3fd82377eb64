/**
 * AnnData (.h5ad): n_obs cells x n_vars genes in X (dense or sparse CSR/CSC), per-cell columns in
 * obs (categoricals as codes + categories) as candidate targets, embeddings already in obsm.
 */
import { UserError } from '../../errors.js';
import { count, fmt, list, pct, q, type ReportBuilder } from '../report.js';
import { LabelCounter, type LabelCounts, labeledCount, taskFromLabels, warnImbalance } from '../target.js';
import type { InspectOptions } from '../types.js';
import { LABEL_VALUES } from './arrays.js';
import { attrList, attrText, type H5File, type H5Group, isDataset, isGroup, quiet, values1d } from './hdf5-file.js';

type Lib = Parameters<typeof isGroup>[1];
const TARGET = [
  /^(?:cell_?type|celltype|cell_?types|cell_?label|cell_?labels?|labels?|annotation|cell_ontology_class|cell_type_annotation|ground_?truth)$/i,
  /^(?:condition|disease|treatment|status|phenotype|tissue|stage|group|cell_?state|subtype|class|target)$/i,
];
const CLUSTERS = /^(?:leiden|louvain|clusters?|kmeans.*|seurat_clusters)$/i;
const GROUPS = /^(?:donor|donor_id|patient|patient_id|individual|subject|sample|sample_id|batch|library|plate|mouse)$/i;

interface Column {
  name: string;
  categorical: boolean;
  categories?: string[];
  read: (max: number) => string[];
}

function size(g: H5Group, lib: Lib): number {
  const index = quiet(() => g.get(attrText(g, '_index') ?? '_index'));
  return isDataset(index, lib) ? (index.shape?.[0] ?? 0) : 0;
}

function obsColumns(obs: H5Group, lib: Lib): Column[] {
  const names = attrList(obs, 'column-order').filter((n) => n !== '');
  const cats = quiet(() => obs.get('__categories'));
  return names.flatMap((name): Column[] => {
    const o = quiet(() => obs.get(name));
    if (isGroup(o, lib)) {
      const codes = quiet(() => o.get('codes'));
      const categories = quiet(() => o.get('categories'));
      if (!isDataset(codes, lib) || !isDataset(categories, lib)) return [];
      const labels = values1d(categories, 100_000);
      return [{ name, categorical: true, categories: labels, read: (max) => values1d(codes, max).map((c) => (c === '-1' ? '' : (labels[Number(c)] ?? c))) }];
    }
    if (!isDataset(o, lib)) return [];
    const old = isGroup(cats, lib) ? quiet(() => cats.get(name)) : undefined;
    if (isDataset(old, lib)) {
      const labels = values1d(old, 100_000);
      return [{ name, categorical: true, categories: labels, read: (max) => values1d(o, max).map((c) => (c === '-1' ? '' : (labels[Number(c)] ?? c))) }];
    }
    return [{ name, categorical: false, read: (max) => values1d(o, max) }];
  });
}

/** X's (cells, genes): a dense dataset's shape, or a sparse group's shape attribute. */
function xShape(file: H5File, lib: Lib): [number, number] {
  const x = quiet(() => file.get('X'));
  if (isDataset(x, lib)) return [x.shape?.[0] ?? 0, x.shape?.[1] ?? 0];
  if (!isGroup(x, lib)) return [0, 0];
  const shape = quiet(() => x.attrs.shape?.value) as ArrayLike<number | bigint> | undefined;
  return [Number(shape?.[0] ?? 0), Number(shape?.[1] ?? 0)];
}

function describeX(file: H5File, lib: Lib, cells: number, genes: number, b: ReportBuilder): string {
  const x = quiet(() => file.get('X'));
  if (isDataset(x, lib)) {
    b.set('X', `dense ${(x.shape ?? []).map((d) => fmt(d)).join(' x ')}`);
    return 'dense';
  }
  if (isGroup(x, lib)) {
    const kind = attrText(x, 'encoding-type') ?? attrText(x, 'h5sparse_format') ?? 'sparse';
    const data = quiet(() => x.get('data'));
    const nnz = isDataset(data, lib) ? (data.shape?.[0] ?? 0) : 0;
    const density = cells * genes > 0 ? pct(nnz, cells * genes) : '?';
    b.set('X', `sparse ${kind.replace('_matrix', '').toUpperCase()}, ${fmt(nnz)} non-zero (${density})`);
    return `sparse (${density} non-zero)`;
  }
  return 'absent';
}

export async function inspectAnnData(file: H5File, lib: Lib, path: string, options: InspectOptions, b: ReportBuilder): Promise<void> {
  const obs = quiet(() => file.get('obs'));
  const v = quiet(() => file.get('var'));
  if (!isGroup(obs, lib) || !isGroup(v, lib))
    throw new UserError({
      code: 'data-unsupported',
      file: path,
      message: 'an AnnData file whose obs or var is not a dataframe group (written by anndata before 0.7?): re-save it with a current anndata',
    });
  const [xCells, xGenes] = xShape(file, lib);
  const cells = size(obs, lib) || xCells;
  const genes = size(v, lib) || xGenes;
  b.set('cells', cells);
  b.set('genes', genes);
  const x = describeX(file, lib, cells, genes, b);
  b.infer(
    'modality',
    'tabular',
    `an AnnData file: a matrix of ${fmt(cells)} cells x ${fmt(genes)} genes (X ${x}), i.e. single-cell measurements per cell`,
    'likely',
  );
  b.infer('features', genes, `X has ${count(genes, 'variable')} (var: genes or features)`, 'likely');
  const columns = obsColumns(obs, lib);
  if (columns.length > 0)
    b.set(
      'obs',
      list(
        columns.map((c) => (c.categorical ? `${c.name} (${fmt(c.categories?.length ?? 0)} categories)` : c.name)),
        8,
      ),
    );
  embeddings(file, lib, b);
  const grouping = columns.filter((c) => GROUPS.test(c.name) && c.categorical && (c.categories?.length ?? 0) > 1);
  if (grouping.length > 0) {
    const g = grouping[0] as Column;
    b.warn(
      'grouped-cells',
      `obs column ${q(g.name)} has ${fmt(g.categories?.length ?? 0)} values: cells of one ${g.name} are not independent; split train and test by ${g.name}, not by cell`,
    );
  }
  const target = chooseTarget(columns, options.target, path);
  if (!target) {
    const candidates = columns.filter((c) => c.categorical).map((c) => q(c.name));
    const why = `no obs column is named like a cell label (cell_type, annotation, condition, ...)${candidates.length ? `; categorical columns: ${list(candidates)}` : ''}: pass --target COLUMN, or answer task: representation for unlabelled cells`;
    b.skip('task', why);
    b.skip('labeled', why);
    return;
  }
  inferTarget(target.column, target.how, cells, b);
}

function chooseTarget(columns: Column[], wanted: string | undefined, path: string): { column: Column; how: string } | undefined {
  if (wanted) {
    const c = columns.find((x) => x.name === wanted) ?? columns.find((x) => x.name.toLowerCase() === wanted.toLowerCase());
    if (!c)
      throw new UserError({
        code: 'target-not-found',
        file: path,
        message: `no obs column ${q(wanted)} for --target; the obs columns are ${list(
          columns.map((x) => q(x.name)),
          30,
        )}`,
      });
    return { column: c, how: `obs column ${q(c.name)}` };
  }
  for (const pattern of TARGET) {
    const c = columns.find((x) => pattern.test(x.name) && (x.categorical || x.categories === undefined));
    if (c) return { column: c, how: `obs column ${q(c.name)} (guessed)` };
  }
  const cluster = columns.find((x) => CLUSTERS.test(x.name) && x.categorical);
  return cluster ? { column: cluster, how: `obs column ${q(cluster.name)} (guessed; clusters)` } : undefined;
}

function inferTarget(c: Column, how: string, cells: number, b: ReportBuilder): void {
  const counter = new LabelCounter();
  const values = c.read(LABEL_VALUES);
  for (const value of values) counter.add(value === '' ? undefined : value);
  const labels: LabelCounts = counter;
  const labeled = labeledCount(labels);
  const confidence = how.includes('guessed') ? 'likely' : 'certain';
  b.set('target', c.name);
  b.infer('labeled', labeled, `${how} has a value for ${count(labeled, 'cell')}`, confidence);
  b.infer('unlabeled', cells - labeled, `${how} is missing (NaN) for ${count(cells - labeled, 'cell')}`, confidence);
  if (values.length < cells) b.warn('labels-truncated', `only the first ${fmt(values.length)} of ${fmt(cells)} cells' labels were counted`);
  const guess = taskFromLabels(how, labels, 'cell');
  if (guess.task && guess.evidence) b.infer('task', guess.task, guess.evidence, confidence);
  else b.skip('task', guess.why ?? 'the obs column does not show the task');
  if (guess.ambiguous) b.warn('ambiguous-target', guess.why ?? '');
  if (guess.task === 'classification') {
    b.set('classes', labels.counts.size);
    warnImbalance(labels, b, 'cell');
  }
  if (CLUSTERS.test(c.name))
    b.warn(
      'clusters-as-labels',
      `${q(c.name)} holds clusters computed from X itself: predicting them learns the clustering back; use curated cell types if there are any`,
    );
  if (how.includes('guessed'))
    b.warn('target-guessed', `the target ${q(c.name)} is a guess (named like a cell label): pass --target COLUMN if it is another obs column`);
}

function embeddings(file: H5File, lib: Lib, b: ReportBuilder): void {
  const obsm = quiet(() => file.get('obsm'));
  if (!isGroup(obsm, lib)) return;
  const found = quiet(() => obsm.keys()).flatMap((k) => {
    const d = quiet(() => obsm.get(k));
    return isDataset(d, lib) ? [`${k} (${(d.shape ?? []).map((n) => fmt(n)).join(' x ')})`] : [];
  });
  if (found.length === 0) return;
  b.set('obsm', list(found, 6));
  b.warn(
    'precomputed-embeddings',
    `obsm already holds embeddings (${list(found, 4)}): a representation of the cells exists; a model can start from it, but an embedding computed on all cells (test ones too) leaks into an evaluation`,
  );
}
