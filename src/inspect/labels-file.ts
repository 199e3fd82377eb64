/** A labels file next to the data (labels.csv, labels.txt, annotations.tsv...): file name -> label. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readDialect } from './csv.js';
import { fileKey, LABELS_FILE } from './folder-walk.js';
import { forEachLine } from './lines.js';
import { openSource } from './source.js';

export const LABELS_LIMIT = 200_000;
const FILE_COLUMN = /^(?:file|filename|file_?name|image|image_?id|img|path|filepath|name|id|sample|audio|video|document|doc)$/i;
const LABEL_COLUMN = /^(?:label|labels|class|target|y|category|diagnosis|species|level|score)$/i;
const FILE_VALUE = /\.[A-Za-z0-9]{2,5}$/;

export interface LabelsFile {
  name: string;
  /** fileKey(file) -> label. */
  labels: Map<string, string>;
  column: string;
  /** Entries past LABELS_LIMIT were not read. */
  truncated: boolean;
}

export async function findLabelsFile(root: string): Promise<LabelsFile | undefined> {
  const names = (await readdir(root).catch(() => [] as string[])).filter((n) => LABELS_FILE.test(n)).sort();
  const name = names.find((n) => /^labels?\./i.test(n)) ?? names[0];
  return name ? readLabels(join(root, name), name) : undefined;
}

async function readLabels(path: string, name: string): Promise<LabelsFile | undefined> {
  const dialect = await readDialect(path);
  const spaced = dialect.names.length < 2;
  const split = spaced ? (l: string) => l.trim().split(/\s+/) : (l: string) => l.split(dialect.delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const sample = (dialect.header && !spaced ? dialect.rows : []).slice(0, 100);
  const names = spaced ? [] : dialect.names;
  const fileCol = pickColumn(names, sample, FILE_COLUMN, (v) => FILE_VALUE.test(v)) ?? 0;
  const labelCol = pickColumn(names, sample, LABEL_COLUMN, () => false, fileCol) ?? (fileCol === 0 ? 1 : 0);
  const out: LabelsFile = { name, labels: new Map(), column: names[labelCol] ?? `column ${labelCol + 1}`, truncated: false };
  let first = true;
  const source = await openSource(path);
  try {
    await forEachLine(source, (buf, start, end, done) => {
      if (!done) return;
      const cells = split(buf.toString('utf8', start, Math.min(end, start + 4000)));
      const skip = first && dialect.header && !spaced;
      first = false;
      const file = cells[fileCol];
      if (skip || !file) return;
      if (out.labels.size >= LABELS_LIMIT) {
        out.truncated = true;
        return 'stop';
      }
      out.labels.set(fileKey(file), cells[labelCol] ?? '');
    });
  } finally {
    await source.close();
  }
  return out.labels.size > 0 ? out : undefined;
}

/** A column named like `pattern`, else one whose sample values pass `test`. */
function pickColumn(names: string[], rows: string[][], pattern: RegExp, test: (v: string) => boolean, not = -1): number | undefined {
  const named = names.findIndex((n, i) => i !== not && pattern.test(n));
  if (named >= 0) return named;
  const tested = names.findIndex((_, i) => i !== not && rows.length > 0 && rows.every((r) => test(r[i] ?? '')));
  return tested >= 0 ? tested : undefined;
}
