import { visibleWidth } from './width.js';

/** A space that wrap() never breaks at (shown as a normal space). */
export const NBSP = '\u00a0';

/**
 * Word-wrap a paragraph to `width` columns, every line prefixed with `indent`. Breaks only at
 * ordinary spaces and newlines, so NBSP keeps a citation such as `[rule; 3]` on one line.
 * Widths are visible widths: colour codes in the text or the indents take no columns.
 */
export function wrap(text: string, width: number, indent = '', firstIndent = indent): string {
  const words = text.split(/[ \t\n\r]+/).filter(Boolean);
  const lines: string[] = [];
  const indentWidth = visibleWidth(indent);
  let line = firstIndent;
  let used = visibleWidth(firstIndent);
  let empty = true;
  for (const word of words) {
    const w = visibleWidth(word);
    if (!empty && used + 1 + w > width) {
      lines.push(line);
      line = indent + word;
      used = indentWidth + w;
    } else {
      line += (empty ? '' : ' ') + word;
      used += (empty ? 0 : 1) + w;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

export function bar(share: number, width = 20): string {
  const filled = Math.round(Math.max(0, Math.min(1, share)) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

export function percent(share: number): string {
  const p = share * 100;
  return p > 0 && p < 1 ? '<1%' : `${Math.round(p)}%`;
}
