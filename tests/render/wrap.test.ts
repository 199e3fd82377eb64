/**
 * wrap(): the narrow fast path (plain one-column text, words one space apart, cut out by slices)
 * gives the lines of the word-by-word algorithm, here written out as the reference.
 */
import { describe, expect, it } from 'vitest';
import { visibleWidth } from '../../src/render/width.js';
import { NBSP, wrap } from '../../src/render/wrap.js';

/** The word-by-word algorithm (the general path of wrap). */
function reference(text: string, width: number, indent = '', firstIndent = indent): string {
  const words = text.split(/[ \t\n\r]+/).filter(Boolean);
  const lines: string[] = [];
  let line = firstIndent;
  let used = visibleWidth(firstIndent);
  let empty = true;
  for (const word of words) {
    const w = visibleWidth(word);
    if (!empty && used + 1 + w > width) {
      lines.push(line);
      line = indent + word;
      used = visibleWidth(indent) + w;
    } else {
      line += (empty ? '' : ' ') + word;
      used += (empty ? 0 : 1) + w;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

/** A deterministic generator (mulberry32), so that a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'ab', 'word', 'transformer', 'x'.repeat(45), `[rule;${NBSP}3]`, '·', '−', '█░', '•', '(+2', 'more)', 'ResNet-50'];

describe('wrap', () => {
  it('gives the reference lines on 5,000 generated paragraphs of plain text', () => {
    const next = random(7);
    for (let n = 0; n < 5000; n++) {
      const words = Array.from({ length: Math.floor(next() * 30) }, () => PIECES[Math.floor(next() * PIECES.length)] ?? 'a');
      // Some with a leading or trailing space, which the fast path skips like the reference.
      const text = `${next() < 0.1 ? ' ' : ''}${words.join(' ')}${next() < 0.1 ? ' ' : ''}`;
      const width = 10 + Math.floor(next() * 80);
      const indent = ' '.repeat(Math.floor(next() * 8));
      const first = next() < 0.5 ? indent : `  ${PIECES[Math.floor(next() * 4)]} `;
      expect(wrap(text, width, indent, first), JSON.stringify({ text, width, indent, first })).toBe(reference(text, width, indent, first));
    }
  });

  it('gives the reference lines where the fast path does not apply (runs of spaces, newlines, colour)', () => {
    for (const text of ['two  spaces  here and there', 'a line\nand another\tone', '\x1b[1mbold\x1b[22m words that wrap around', '研究室 の データ']) {
      for (const width of [8, 12, 20]) expect(wrap(text, width, '  ', '- ')).toBe(reference(text, width, '  ', '- '));
    }
  });

  it('keeps a word longer than the width on a line of its own and an empty paragraph as its indent', () => {
    expect(wrap('short averyveryverylongword end', 10, '  ')).toBe('  short\n  averyveryverylongword\n  end');
    expect(wrap('', 10, '  ', '- ')).toBe('- ');
    expect(wrap('   ', 10, '  ', '- ')).toBe('- ');
  });
});
