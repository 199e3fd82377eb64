/**
 * The bits of SpreadsheetML that inspect needs, read from streamed XML text: workbook sheets and
 * their parts, shared strings, and the rows of a worksheet (cells by column letter).
 */
import type { Probe } from '../probe.js';
import { memberChunks, type ZipEntry } from './zip.js';

/** Shared strings kept at most (the rest read as empty, with a warning). */
export const SHARED_LIMIT = 1_000_000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e] ?? m;
  });
}

export const attr = (tag: string, name: string) => {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1] ?? '') : undefined;
};

/** Streams a member's XML and calls `each` for every complete `<tag ...>...</tag>` or `<tag .../>`; `each` returns false to stop. */
export async function eachElement(p: Probe, path: string, e: ZipEntry, tag: string, each: (xml: string) => boolean | undefined): Promise<string> {
  const decoder = new TextDecoder();
  const open = new RegExp(`<${tag}[\\s>/]`, 'g');
  let buffer = '';
  let tail = '';
  for await (const chunk of memberChunks(p, path, e)) {
    buffer += decoder.decode(chunk, { stream: true });
    let consumed = 0;
    for (;;) {
      open.lastIndex = consumed;
      const m = open.exec(buffer);
      if (!m) {
        consumed = Math.max(consumed, buffer.length - tag.length - 2);
        break;
      }
      const end = elementEnd(buffer, m.index, tag);
      if (end < 0) {
        consumed = m.index;
        break;
      }
      if (each(buffer.slice(m.index, end)) === false) return buffer.slice(end, end + 4096);
      consumed = end;
    }
    buffer = buffer.slice(consumed);
    if (buffer.length > 64 << 20) throw new Error(`a <${tag}> element longer than 64 MB`);
    tail = buffer.slice(-4096);
  }
  return tail;
}

function elementEnd(s: string, start: number, tag: string): number {
  const gt = s.indexOf('>', start);
  if (gt < 0) return -1;
  if (s[gt - 1] === '/') return gt + 1;
  const close = s.indexOf(`</${tag}>`, gt);
  return close < 0 ? -1 : close + tag.length + 3;
}

/** The text of a shared string or inline string: its <t> runs joined. */
export function textOf(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += m[1] ?? '';
  return unescapeXml(out);
}

/** Column letters of a cell reference to a 0-based index: "C7" -> 2. */
export function columnIndex(ref: string): number {
  let n = 0;
  for (const c of ref) {
    const code = c.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + code - 64;
  }
  return n - 1;
}

/** One <row> element as text cells (shared strings resolved, booleans as TRUE/FALSE, errors empty). */
export function rowCells(xml: string, shared: string[]): { cells: string[]; missingShared: boolean } {
  const cells: string[] = [];
  let missingShared = false;
  let next = 0;
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const head = m[1] ?? '';
    const body = m[2] ?? '';
    const ref = attr(head, 'r');
    const col = ref ? columnIndex(ref) : next;
    next = col + 1;
    if (col < 0 || col > 16_383) continue;
    const type = attr(head, 't') ?? 'n';
    const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
    let text = '';
    if (type === 's') {
      const s = shared[Number(v)];
      if (s === undefined && v !== undefined) missingShared = true;
      text = s ?? '';
    } else if (type === 'inlineStr') text = textOf(body);
    else if (type === 'b') text = v === '1' ? 'TRUE' : v === '0' ? 'FALSE' : '';
    else if (type === 'e') text = '';
    else text = unescapeXml(v ?? '');
    while (cells.length < col) cells.push('');
    cells[col] = text;
  }
  return { cells, missingShared };
}
