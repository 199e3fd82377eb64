/**
 * What a path holds, by content first (magic bytes, the shape of the first lines), with the
 * file extension as a tie-breaker; then the matching inspector fills the report.
 */
import { basename, extname } from 'node:path';
import { type ProblemCode, UserError } from '../errors.js';
import { inspectCsv } from './csv.js';
import { sniffDelimiter } from './csv-sniff.js';
import { singleFileLabels } from './folder.js';
import { emptyProbed, summariseProbes } from './folder-probe.js';
import { inspectScientific } from './formats/index.js';
import { inspectGraphml } from './graphml.js';
import { inspectEdgeList, isSpaceEdgeList } from './graphs.js';
import { imageFormat, imageInfo } from './images.js';
import { inspectJsonl } from './jsonl.js';
import { audioFormat, mediaInfo, videoFormat } from './media.js';
import { inspectSdf, inspectSmiles } from './molecules.js';
import { at, Probe } from './probe.js';
import type { ReportBuilder } from './report.js';
import { inspectFasta, inspectFastq } from './sequences.js';
import { type Head, readHead } from './source.js';
import { inspectText } from './text.js';
import type { InspectOptions } from './types.js';
import { looksLikeSmiles } from './values.js';

export const SUPPORTED =
  'CSV, TSV, JSON Lines (plain or .gz), Parquet, Excel .xlsx, NumPy .npy/.npz, FITS, HDF5 (AnnData, NetCDF 4), NetCDF 3, FASTA, FASTQ, SMILES, SDF, GraphML, edge lists, plain text, image/audio/video files, or a folder of images, audio, video, text documents or DICOM series, or a Zarr store';

const ARCHIVES: Array<[number, string | number[], string]> = [
  [0, [0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or an Excel/Office file): extract it, or export the sheet as CSV'],
  [257, 'ustar', 'a tar archive: extract it first'],
  [0, 'SQLite format 3', 'an SQLite database: export the table as CSV'],
  [0, [0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed: decompress it first (zstd -d)'],
  [0, 'BZh', 'bzip2-compressed: decompress it first (bunzip2), or recompress with gzip'],
  [0, [0xfd, 0x37, 0x7a, 0x58, 0x5a], 'xz-compressed: decompress it first (unxz), or recompress with gzip'],
];

export async function inspectFile(path: string, options: InspectOptions, b: ReportBuilder): Promise<void> {
  const head = await readHead(path, 64 << 10);
  const name = path.replace(/\.gz$/i, '').toLowerCase();
  if (head.bytes.length === 0) throw new UserError({ code: 'data-empty', file: path, message: 'the file is empty after decompression' });
  if (!head.gzip && (await binaryMedia(path, head.bytes, b))) return;
  if (!head.gzip && (await inspectScientific(path, head.bytes, options, b))) return;
  rejectUnsupported(path, head);
  const text = new TextDecoder().decode(head.bytes.subarray(0, 16 << 10)).replace(/^\uFEFF/, '');
  const lines = text.split('\n').slice(0, head.complete ? undefined : -1);
  const first = text.trimStart();
  const ext = extname(name);
  if (!head.bytes.includes(10) && head.bytes.includes(13)) {
    throw new UserError({
      code: 'data-unsupported',
      file: path,
      message: 'the lines end with a bare CR (classic Mac): convert them to LF first',
      hint: "e.g. tr '\\r' '\\n' < in.csv > out.csv",
    });
  }
  const dataLines = lines.filter((l) => l.trim() !== '' && !l.startsWith('#'));
  if (first.startsWith('>')) return inspectFasta(path, b);
  if (first.startsWith('@') && dataLines[2]?.startsWith('+')) return inspectFastq(path, b);
  if (first.startsWith('<') && /<graphml\b/i.test(text)) return inspectGraphml(path, b);
  if (['.sdf', '.sd', '.mol'].includes(ext) || /^\$\$\$\$\s*$/m.test(text) || / V[23]000\s*$/m.test(text)) return inspectSdf(path, b);
  if ((first.startsWith('{') && isJsonObject(dataLines[0] ?? '')) || ['.jsonl', '.ndjson'].includes(ext)) return inspectJsonl(path, b, options);
  if (first.startsWith('[') || first.startsWith('{') || ext === '.json') {
    throw new UserError({
      code: 'data-unsupported',
      file: path,
      message: 'a JSON document, not JSON Lines: write one object per line',
      hint: "e.g. jq -c '.[]' data.json > data.jsonl",
    });
  }
  if (['.smi', '.smiles'].includes(ext) || isSmilesList(dataLines)) return inspectSmiles(path, b);
  if (isSpaceEdgeList(lines, name)) return inspectEdgeList(path, b);
  const delimited = sniffDelimiter(head.bytes, head.complete, ext === '.tsv' || ext === '.tab' ? '\t' : undefined);
  const table = delimited.fields >= 2 && delimited.consistency >= 0.8;
  if (table || ['.csv', '.tsv', '.tab'].includes(ext)) return inspectCsv(path, b, options, ext === '.tsv' ? '\t' : undefined);
  return inspectText(path, b);
}

function isJsonObject(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

function isSmilesList(lines: string[]): boolean {
  const sample = lines.slice(0, 50).map((l) => l.trim().split(/\s+/));
  return sample.length >= 3 && sample.every((t) => t.length <= 2 && looksLikeSmiles(t[0] ?? '')) && sample.some((t) => /[=()#[\]]/.test(t[0] ?? ''));
}

/** Single image, audio and video files, recognised by their magic bytes. */
async function binaryMedia(path: string, h: Uint8Array, b: ReportBuilder): Promise<boolean> {
  const image = imageFormat(h);
  const media = image ? undefined : (audioFormat(h) ?? videoFormat(h));
  if (!image && !media) return false;
  const kind = image ? 'image' : audioFormat(h) ? 'audio' : 'video';
  const probed = emptyProbed();
  const probe = await Probe.open(path);
  try {
    if (image) {
      const info = await imageInfo(probe, image);
      if (info) probed.images.push(info);
      else probed.broken.push(basename(path));
    } else if (media) {
      const info = await mediaInfo(probe, media);
      if (info) probed.media.push(info);
      else probed.broken.push(basename(path));
    }
  } finally {
    await probe.close();
  }
  b.format = kind;
  summariseProbes(kind, probed, b);
  b.infer('modality', kind, `the file starts with the ${(image ?? media ?? '').toUpperCase()} signature`, 'certain');
  singleFileLabels(path, kind, b);
  return true;
}

function rejectUnsupported(path: string, head: Head): void {
  const h = head.bytes;
  const fail = (message: string, code: ProblemCode = 'data-unsupported') => {
    throw new UserError({ code, file: path, message, hint: `inspect reads ${SUPPORTED}` });
  };
  for (const [offset, magic, what] of ARCHIVES) if (at(h, offset, magic)) fail(`this is ${what}`);
  if (at(h, 0, [0xff, 0xfe]) || at(h, 0, [0xfe, 0xff])) fail('the file is UTF-16 text: convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)', 'data-encoding');
  const sample = h.subarray(0, 8192);
  let control = 0;
  for (const c of sample) if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27)) control++;
  if (sample.includes(0) || control > 0.01 * sample.length) {
    const bytes = [...h.subarray(0, 8)].map((x) => x.toString(16).padStart(2, '0')).join(' ');
    fail(`the content is binary, not text (it starts with the bytes ${bytes}) and matches no supported format`);
  }
}
