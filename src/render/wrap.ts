import { isPlainNarrow, visibleWidth } from './width.js';

/** A space that wrap() never breaks at (shown as a normal space). */
export const NBSP = '\u00a0';

/**
 * Word-wrap a paragraph to `width` columns, every line prefixed with `indent`. Breaks only at
 * ordinary spaces and newlines, so NBSP keeps a citation such as `[rule; 3]` on one line.
 * Widths are visible widths: colour codes in the text or the indents take no columns.
 */
export function wrap(text: string, width: number, indent = '', firstIndent = indent): string {
  if (isPlainNarrow(text) && !text.includes('  ') && isPlainNarrow(indent) && isPlainNarrow(firstIndent)) return wrapNarrow(text, width, indent, firstIndent);
  return wrapWords(text, width, indent, firstIndent);
}

/** The general path of wrap(): word by word, measuring visible widths (exported for its tests). */
export function wrapWords(text: string, width: number, indent = '', firstIndent = indent): string {
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

/**
 * wrap() for the usual paragraph: one column a character, no colour codes, no tab or newline
 * (isPlainNarrow), and words one space apart. The same lines, cut out of `text` instead of built a
 * word at a time: a report of 10 KB made ~280 KB of short-lived strings the other way (measured
 * on `advise` for people), enough for one more garbage collection a run.
 */
function wrapNarrow(text: string, width: number, indent: string, firstIndent: string): string {
  const lines: string[] = [];
  let prefix = firstIndent;
  let used = firstIndent.length;
  // The words of the current line are text[from, to): one space apart, so one slice.
  let from = -1;
  let to = -1;
  // A loop over words, not characters: a loop over the characters of a report is hot enough for
  // V8 to optimise it on a background thread, and the process then waits for that compilation at
  // exit (measured: ~9 ms).
  for (let i = 0; i < text.length; ) {
    if (text.charCodeAt(i) === 32) {
      i++;
      continue;
    }
    let end = text.indexOf(' ', i);
    if (end < 0) end = text.length;
    const w = end - i;
    if (from >= 0 && used + 1 + w > width) {
      lines.push(prefix + text.slice(from, to));
      prefix = indent;
      used = indent.length + w;
      from = i;
    } else {
      used += (from >= 0 ? 1 : 0) + w;
      if (from < 0) from = i;
    }
    to = end;
    i = end;
  }
  lines.push(from >= 0 ? prefix + text.slice(from, to) : prefix);
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
