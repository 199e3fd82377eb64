/**
 * FITS: the header cards of every HDU (2880-byte blocks of 80-character cards), never the data:
 * images and cubes (BITPIX, NAXISn) and tables (BINTABLE/TABLE: NAXIS2 rows, TTYPEn columns).
 */
import { UserError } from '../../errors.js';
import { Probe } from '../probe.js';
import { count, fmt, list, q, type ReportBuilder } from '../report.js';
import type { InspectOptions } from '../types.js';
import { fitsTable } from './fits-table.js';
import { inferTypedTable } from './typed-table.js';

const BLOCK = 2880;
const MAX_HDUS = 1000;
const MAX_HEADER_BLOCKS = 1000;

export interface Hdu {
  index: number;
  type: 'primary' | 'image' | 'bintable' | 'table' | string;
  name?: string;
  bitpix: number;
  axes: number[];
  /** Column names of a table. */
  columns: string[];
  cards: Map<string, string>;
  /** Where the data starts. */
  dataOffset: number;
}

export const isFits = (h: Uint8Array) =>
  new TextDecoder('latin1').decode(h.subarray(0, 30)).startsWith('SIMPLE  =') && /^SIMPLE {2}=\s+T/.test(new TextDecoder('latin1').decode(h.subarray(0, 80)));

function cardValue(raw: string): string {
  const v = raw.trim();
  if (v.startsWith("'")) return (/^'((?:[^']|'')*)'/.exec(v)?.[1] ?? '').replace(/''/g, "'").trimEnd();
  return v.split('/')[0]?.trim() ?? '';
}

async function readHeader(p: Probe, start: number, path: string, index: number): Promise<{ cards: Map<string, string>; end: number }> {
  const cards = new Map<string, string>();
  for (let block = 0; block < MAX_HEADER_BLOCKS; block++) {
    const bytes = await p.bytes(start + block * BLOCK, BLOCK);
    if (bytes.length < BLOCK) throw fitsError(path, `HDU ${index + 1}'s header is truncated (no END card before the end of the file)`);
    const text = new TextDecoder('latin1').decode(bytes);
    for (let i = 0; i < BLOCK; i += 80) {
      const card = text.slice(i, i + 80);
      const key = card.slice(0, 8).trim();
      if (key === 'END') return { cards, end: start + (block + 1) * BLOCK };
      if (card.slice(8, 10) === '= ' && !cards.has(key)) cards.set(key, cardValue(card.slice(10)));
    }
  }
  throw fitsError(path, `HDU ${index + 1}'s header has no END card in its first ${fmt(MAX_HEADER_BLOCKS)} blocks`);
}

const fitsError = (path: string, message: string) => new UserError({ code: 'data-corrupt', file: path, message: `not a readable FITS file: ${message}` });

function toHdu(cards: Map<string, string>, index: number, path: string, dataOffset: number): Hdu {
  const int = (k: string, fallback?: number) => {
    const v = cards.get(k);
    const n = v === undefined ? fallback : Number(v);
    if (n === undefined || !Number.isInteger(n))
      throw fitsError(path, `HDU ${index + 1} has ${v === undefined ? `no ${k} card` : `${k} = ${v}, not an integer`}`);
    return n;
  };
  const naxis = int('NAXIS');
  if (naxis < 0 || naxis > 999) throw fitsError(path, `HDU ${index + 1} has NAXIS = ${naxis}`);
  const axes = Array.from({ length: naxis }, (_, i) => int(`NAXIS${i + 1}`));
  const type = index === 0 ? 'primary' : (cards.get('XTENSION') ?? 'unknown').trim().toLowerCase();
  const fields = type === 'bintable' || type === 'table' ? int('TFIELDS', 0) : 0;
  const columns = Array.from({ length: Math.min(fields, 999) }, (_, i) => cards.get(`TTYPE${i + 1}`) || `column ${i + 1}`);
  return { index, type, name: cards.get('EXTNAME'), bitpix: int('BITPIX'), axes, columns, cards, dataOffset };
}

function dataBytes(h: Hdu): number {
  if (h.axes.length === 0) return 0;
  const pcount = Number(h.cards.get('PCOUNT') ?? 0) || 0;
  const gcount = Number(h.cards.get('GCOUNT') ?? 1) || 1;
  const groups = h.cards.get('GROUPS') === 'T' && h.axes[0] === 0;
  const elements = (groups ? h.axes.slice(1) : h.axes).reduce((n, d) => n * d, 1);
  const bytes = (Math.abs(h.bitpix) / 8) * gcount * (pcount + elements);
  return Math.ceil(bytes / BLOCK) * BLOCK;
}

export async function readHdus(p: Probe, path: string, b?: ReportBuilder): Promise<Hdu[]> {
  const hdus: Hdu[] = [];
  for (let pos = 0; pos < p.size && hdus.length < MAX_HDUS; ) {
    const { cards, end } = await readHeader(p, pos, path, hdus.length);
    const hdu = toHdu(cards, hdus.length, path, end);
    hdus.push(hdu);
    pos = end + dataBytes(hdu);
    if (pos > p.size) {
      b?.warn(
        'truncated-file',
        `HDU ${hdus.length} announces ${fmt(dataBytes(hdu))} bytes of data but the file ends ${fmt(pos - p.size)} bytes early (truncated?)`,
      );
      break;
    }
  }
  if (hdus.length === MAX_HDUS) b?.warn('hdus-truncated', `only the first ${fmt(MAX_HDUS)} HDUs were read`);
  return hdus;
}

const dims = (h: Hdu) => h.axes.map((d) => fmt(d)).join(' x ');
const label = (h: Hdu) => `HDU ${h.index + 1}${h.name ? ` (${q(h.name)})` : ''}`;
const BITPIX: Record<number, string> = { 8: 'uint8', 16: 'int16', 32: 'int32', 64: 'int64', [-32]: 'float32', [-64]: 'float64' };

export async function inspectFits(path: string, options: InspectOptions, b: ReportBuilder): Promise<void> {
  const p = await Probe.open(path);
  try {
    const hdus = await readHdus(p, path, b);
    b.format = 'fits';
    b.set(
      'hdus',
      list(
        hdus.map(
          (h) =>
            `${h.index + 1} ${h.type}${h.name ? ` ${h.name}` : ''} ${h.columns.length ? `${fmt(h.axes[1] ?? 0)} rows x ${h.columns.length} columns` : h.axes.length ? `${dims(h)} ${BITPIX[h.bitpix] ?? h.bitpix}` : 'no data'}`,
        ),
        8,
      ),
    );
    const tables = hdus.filter((h) => h.columns.length > 0 && (h.axes[1] ?? 0) > 0);
    const images = hdus.filter((h) => h.columns.length === 0 && h.axes.length >= 2 && h.axes.every((d) => d > 0));
    const telescope = hdus[0]?.cards.get('TELESCOP') ?? hdus[0]?.cards.get('INSTRUME');
    if (telescope) b.set('telescope', telescope);
    const biggestTable = tables.sort((x, y) => (y.axes[1] ?? 0) - (x.axes[1] ?? 0))[0];
    if (images.length > 0 && (!biggestTable || options.target === undefined)) return describeImages(images, b);
    if (biggestTable) {
      b.set('table', label(biggestTable));
      const table = await fitsTable(p, biggestTable, biggestTable.dataOffset);
      await inferTypedTable(path, table, options, b);
      if (table.sample.length === 0)
        b.warn('fits-table-values', `the columns of ${label(biggestTable)} could not be decoded (an ASCII table or unknown TFORM): only their names were read`);
      return;
    }
    b.skip('modality', `no HDU holds an image or a table (${list(hdus.map(label))} have no data)`);
  } finally {
    await p.close();
  }
}

function describeImages(images: Hdu[], b: ReportBuilder): void {
  const main = images[0] as Hdu;
  const cube = main.axes.length >= 3 && (main.axes[2] ?? 1) > 1;
  const what = cube
    ? `a cube of ${dims(main)} (${fmt(main.axes[2] ?? 0)} planes of ${fmt(main.axes[0] ?? 0)} x ${fmt(main.axes[1] ?? 0)})`
    : `an image of ${dims(main)} pixels`;
  b.infer('modality', 'image', `${label(main)} is ${what}, ${BITPIX[main.bitpix] ?? `BITPIX ${main.bitpix}`}`, 'certain');
  b.set('images', images.length);
  b.set('size', dims(main));
  const bunit = main.cards.get('BUNIT');
  if (bunit) b.set('units', bunit);
  if (images.length > 1)
    b.set(
      'imageHdus',
      list(
        images.map((h) => `${label(h)} ${dims(h)}`),
        6,
      ),
    );
  b.skip(
    'labeled',
    `${count(images.length, 'image HDU')} in one file: labels (classes, catalogues, masks) live elsewhere; point inspect at the folder or the catalogue table`,
  );
  b.skip('task', 'a FITS image on its own does not show what you want to predict');
}
